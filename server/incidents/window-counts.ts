// Window counts over the in-memory incident index. The counting rule, everywhere: an
// incident counts in [fromDay, toDay) when its whole time span lies inside; a
// month-precision incident whose month straddles an edge is reported apart as partial.
import { cellResolution } from '../../geo/h3';
import { judgeTime, type TimeFilter } from '../../geo/time-filter';
import { weekdayOfDay } from '../../geo/time';
import { compileFlagRule, flagRuleKeeps, type FlagRule } from '../../geo/incident-flags';

import { MAX_SPAN_DAYS, type IncidentIndex } from './incident-index';
import { PRECISION_CODES, PRECISIONS } from '../store/incident-columns';

export const COUNT_RULE =
  'An incident counts when its whole time span lies in [from, to). police.uk incidents are known only to the month, ' +
  'so they count only when their whole month lies inside the window; those whose month straddles an edge are ' +
  'reported separately as partialCount and never added to count.';

export interface WindowQuery {
  categories: readonly string[];
  fromDay: number;
  /** Exclusive. */
  toDay: number;
  h3Resolution: number;
  /** Hours and weekdays to keep (London time); incidents without the needed precision are left out. */
  timeFilter?: TimeFilter | null;
  /**
   * Partner flags: also keep incidents of other categories that carry one of its flags, and drop
   * those from sources without flags or at an excluded location type (geo/incident-flags.ts).
   */
  flagRule?: FlagRule | null;
}

/** 1 = keep, 0 = outside the filter, -1 = cannot be judged (no time of day, no day, or no school calendar for the day). */
function timeFilterVerdict(index: IncidentIndex, i: number, filter: TimeFilter): 1 | 0 | -1 {
  const day = index.startDay[i]!;
  return judgeTime(filter, PRECISIONS[index.precision[i]!]!, day, weekdayOfDay(day), index.minuteOfDay[i]!);
}

export interface CellWindowCount {
  cell: string;
  count: number;
  partialCount: number;
}

function categoryMask(index: IncidentIndex, categories: readonly string[]): Uint8Array {
  const wanted = new Uint8Array(Math.max(1, index.categories.length));
  const slugs = new Set(categories);
  index.categories.forEach((slug, k) => {
    if (slugs.has(slug)) wanted[k] = 1;
  });
  return wanted;
}

/** Calls visit(i, whole) for each incident of the wanted categories overlapping the window. */
export function scanWindow(index: IncidentIndex, query: Omit<WindowQuery, 'h3Resolution'>, visit: (i: number, whole: boolean) => void): void {
  const wanted = categoryMask(index, query.categories);
  const { startDay, endDay, categoryIndex, flags } = index;
  const { fromDay, toDay } = query;
  const rule = query.flagRule ? compileFlagRule(query.flagRule) : null;
  const stop = index.firstAtOrAfter(toDay);
  for (let i = index.firstAtOrAfter(fromDay - MAX_SPAN_DAYS); i < stop; i++) {
    if (rule) {
      if (!flagRuleKeeps(rule, flags[i]!, wanted[categoryIndex[i]!] === 1)) continue;
    } else if (wanted[categoryIndex[i]!] === 0) continue;
    const end = endDay[i]!;
    if (end <= fromDay) continue;
    if (query.timeFilter && timeFilterVerdict(index, i, query.timeFilter) !== 1) continue;
    visit(i, startDay[i]! >= fromDay && end <= toDay);
  }
}

/** Incidents of the window a time filter cannot judge (month-only, or day-only for hours): reported, not counted. */
export function countUnjudgedByTimeFilter(index: IncidentIndex, query: Omit<WindowQuery, 'h3Resolution'>): number {
  const filter = query.timeFilter;
  if (!filter) return 0;
  let unjudged = 0;
  scanWindow(index, { ...query, timeFilter: null }, (i) => {
    if (timeFilterVerdict(index, i, filter) === -1) unjudged += 1;
  });
  return unjudged;
}

export interface CellWindowValue extends CellWindowCount {
  /** Sum of category weights over the incidents in count (harm, when weighted by severity). */
  value: number;
}

/**
 * Counts (and weighted sums) per cell at the query's resolution. The hot path of
 * /api/cells and the hotspot engine: one inlined pass over the window, no per-row calls.
 */
export function aggregateCellsInWindow(index: IncidentIndex, query: WindowQuery, weightOfCategory: (slug: string) => number = () => 1): CellWindowValue[] {
  const { cells, cellOfLocation } = index.cellsAt(query.h3Resolution);
  const whole = new Int32Array(cells.length);
  const partial = new Int32Array(cells.length);
  const value = new Float64Array(cells.length);
  const wanted = categoryMask(index, query.categories);
  const weights = Float64Array.from(index.categories, (slug) => weightOfCategory(slug));
  const { startDay, endDay, categoryIndex, locationIndex, flags } = index;
  const { fromDay, toDay } = query;
  const timeFilter = query.timeFilter ?? null;
  const rule = query.flagRule ? compileFlagRule(query.flagRule) : null;
  const stop = index.firstAtOrAfter(toDay);
  for (let i = index.firstAtOrAfter(fromDay - MAX_SPAN_DAYS); i < stop; i++) {
    const category = categoryIndex[i]!;
    if (rule) {
      if (!flagRuleKeeps(rule, flags[i]!, wanted[category] === 1)) continue;
    } else if (wanted[category] === 0) continue;
    const end = endDay[i]!;
    if (end <= fromDay) continue;
    if (timeFilter && timeFilterVerdict(index, i, timeFilter) !== 1) continue;
    const cell = cellOfLocation[locationIndex[i]!]!;
    if (startDay[i]! >= fromDay && end <= toDay) {
      whole[cell]! += 1;
      value[cell]! += weights[category]!;
    } else partial[cell]! += 1;
  }
  const byCell: CellWindowValue[] = [];
  for (let c = 0; c < cells.length; c++) {
    if (whole[c] === 0 && partial[c] === 0) continue;
    byCell.push({ cell: cells[c]!, count: whole[c]!, partialCount: partial[c]!, value: value[c]! });
  }
  return byCell.sort((a, b) => b.count - a.count || (a.cell < b.cell ? -1 : 1));
}

export function countCellsInWindow(index: IncidentIndex, query: WindowQuery): CellWindowCount[] {
  return aggregateCellsInWindow(index, query).map(({ cell, count, partialCount }) => ({ cell, count, partialCount }));
}

/** Which time precisions the wanted categories have among incidents overlapping the window. */
export function precisionsInWindow(index: IncidentIndex, query: Omit<WindowQuery, 'h3Resolution'>): Set<'month' | 'day' | 'minute'> {
  const names = ['month', 'day', 'minute'] as const;
  const seen = new Set<'month' | 'day' | 'minute'>();
  scanWindow(index, query, (i) => {
    seen.add(names[index.precision[i]!]!);
  });
  return seen;
}

export interface CategoryCount {
  category: string;
  count: number;
  partialCount: number;
}

/** Per-category counts inside one cell (any resolution 7..11) for a window. */
export function countCategoriesInCell(index: IncidentIndex, query: Omit<WindowQuery, 'h3Resolution'>, cell: string): CategoryCount[] {
  const located = index.cellsAt(cellResolution(cell));
  const id = located.cells.indexOf(cell);
  const inCell = new Uint8Array(index.locationCount);
  located.cellOfLocation.forEach((c, k) => {
    if (c === id) inCell[k] = 1;
  });
  const whole = new Int32Array(index.categories.length);
  const partial = new Int32Array(index.categories.length);
  scanWindow(index, query, (i, isWhole) => {
    if (inCell[index.locationIndex[i]!] === 0) return;
    const c = index.categoryIndex[i]!;
    if (isWhole) whole[c]! += 1;
    else partial[c]! += 1;
  });
  return index.categories
    .map((category, c) => ({ category, count: whole[c]!, partialCount: partial[c]! }))
    .filter((row) => row.count > 0 || row.partialCount > 0)
    .sort((a, b) => b.count - a.count);
}

export interface TimeFilterReport {
  hours: string | null;
  weekdays: string | null;
  schoolDays: string | null;
  /** Incidents in the window the filter could not judge, left out of every count. */
  withoutNeededTime: number;
  /** Of those, incidents on days no school calendar covers (the rest have no day or no time of day). */
  withoutSchoolCalendar: number;
  note: string | null;
}

/** What a response says about its time filter, so month-only data is never silently dropped. */
export function reportTimeFilter(
  index: IncidentIndex,
  query: Omit<WindowQuery, 'h3Resolution'>,
  asked: { hours: string | undefined; weekdays: string | undefined; schoolDays: string | undefined },
): TimeFilterReport | null {
  const filter = query.timeFilter;
  if (!filter) return null;
  let withoutNeededTime = 0;
  let withoutSchoolCalendar = 0;
  scanWindow(index, { ...query, timeFilter: null }, (i) => {
    if (timeFilterVerdict(index, i, filter) !== -1) return;
    withoutNeededTime += 1;
    // Judged but for the calendar: the day is known and no calendar covers it.
    if (filter.schoolDays && timeFilterVerdict(index, i, { ...filter, schoolDays: null }) !== -1) withoutSchoolCalendar += 1;
  });
  const withoutTime = withoutNeededTime - withoutSchoolCalendar;
  const notes = [
    withoutTime > 0
      ? `${withoutTime} incidents in the window have no ${filter.hours ? 'time of day' : 'day'} (police.uk data is monthly) and are left out: the filter cannot judge them.`
      : null,
    withoutSchoolCalendar > 0
      ? `${withoutSchoolCalendar} incidents fall on days no school calendar covers and are left out; import the term dates for those school years.`
      : null,
  ].filter((n): n is string => n !== null);
  return {
    hours: asked.hours ?? null,
    weekdays: asked.weekdays ?? null,
    schoolDays: asked.schoolDays ?? null,
    withoutNeededTime,
    withoutSchoolCalendar,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}

/** The day after the last day any incident of the categories covers (exclusive), or null when there are none. */
export function dataEndDayOf(index: IncidentIndex, categories: readonly string[]): number | null {
  const wanted = categoryMask(index, categories);
  let end: number | null = null;
  // Sorted by start day; an incident ends at most MAX_SPAN_DAYS after it starts.
  for (let i = index.size - 1; i >= 0; i--) {
    if (end !== null && index.startDay[i]! + MAX_SPAN_DAYS < end) break;
    if (wanted[index.categoryIndex[i]!] === 0) continue;
    if (end === null || index.endDay[i]! > end) end = index.endDay[i]!;
  }
  return end;
}

export interface LabelledCount {
  /** Periods [fromDay, toDay), in the order given. */
  periods: readonly { fromDay: number; toDay: number }[];
  categories: readonly string[];
  h3Resolution: number;
  /** Label of each cell (1..labels); cells without one are not counted. */
  labelOfCell: ReadonlyMap<string, number>;
  labels: number;
  /** Banded week-hours (index weekday * 24 + hour, Monday 0) to keep; null keeps every hour. */
  weekHours: Uint8Array | null;
}

/**
 * Incidents per period and cell label (a tasking's response, buffer and control areas):
 * counts[period][label - 1]. The counting rule holds: an incident counts in a period when
 * its whole span lies inside. With week-hours, incidents without a time of day are counted
 * apart in `unjudged` (callers only pass week-hours when the data has times).
 */
export function countLabelledCells(index: IncidentIndex, query: LabelledCount): { counts: number[][]; unjudged: number } {
  const { cells, cellOfLocation } = index.cellsAt(query.h3Resolution);
  const labelOfCellId = Uint8Array.from(cells, (cell) => query.labelOfCell.get(cell) ?? 0);
  const counts = query.periods.map(() => new Array<number>(query.labels).fill(0));
  const fromDay = Math.min(...query.periods.map((p) => p.fromDay));
  const toDay = Math.max(...query.periods.map((p) => p.toDay));
  const weekHours = query.weekHours;
  let unjudged = 0;
  scanWindow(index, { categories: query.categories, fromDay, toDay }, (i) => {
    const label = labelOfCellId[cellOfLocation[index.locationIndex[i]!]!]!;
    if (label === 0) return;
    const start = index.startDay[i]!;
    const end = index.endDay[i]!;
    const period = query.periods.findIndex((p) => start >= p.fromDay && end <= p.toDay);
    if (period < 0) return;
    if (weekHours) {
      if (index.precision[i] === PRECISION_CODES.month) {
        unjudged += 1;
        return;
      }
      const base = weekdayOfDay(start) * 24;
      const minute = index.minuteOfDay[i]!;
      if (minute >= 0) {
        if (weekHours[base + Math.floor(minute / 60)] === 0) return;
      } else {
        // Known to the day only: judged when the bands keep all of that weekday or none of it.
        const kept = weekHours.subarray(base, base + 24).reduce((sum, v) => sum + v, 0);
        if (kept === 0) return;
        if (kept < 24) {
          unjudged += 1;
          return;
        }
      }
    }
    counts[period]![label - 1]! += 1;
  });
  return { counts, unjudged };
}
