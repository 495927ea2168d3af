// A tasking's results, computed by the engine from the stored incidents and visits, never
// typed in: counts in its response area, buffer and control, before and during, read with
// the WDQ and the relative effect size (geo/taskings/effect-measures.ts), plus its dosage.
import { categoryBySlug } from '../../geo/categories';
import { taskingThemeById } from '../../geo/themes';
import { judgeCoverage, type Coverage } from '../../geo/coverage';
import { cellsOfPolygon } from '../../geo/h3';
import { dosageOf, type Dosage } from '../../geo/taskings/dosage';
import {
  rateChange,
  readDisplacement,
  relativeEffectSize,
  resultLine,
  successMeasure,
  verdictOf,
  weightedDisplacementQuotient,
  type AreaCounts,
  type DisplacementReading,
  type Interval,
  type Verdict,
} from '../../geo/taskings/effect-measures';
import { periodDays, resultPeriods, type Period } from '../../geo/taskings/result-periods';
import { bufferCells } from '../../geo/taskings/tasking-area';
import { describeBand, weekHoursOfBands } from '../../geo/taskings/time-bands';
import { dayOfIsoDate, isoDateOfDay } from '../../geo/time';
import { addMonths, wholeMonthsBetween } from '../../geo/windows';
import type { AreaGeometry } from '../../geo/study-area';
import type { IncidentIndex } from '../incidents/incident-index';
import { countLabelledCells, dataEndDayOf, precisionsInWindow } from '../incidents/window-counts';
import type { TaskingRecord, VisitRecord } from './tasking-store';

const RESPONSE = 1;
const BUFFER = 2;
const CONTROL = 3;

/** The evidence window was a short-window peak when its daily rate is this many times the year before's. */
const PEAK_RATIO = 1.5;
const SHORT_WINDOW_DAYS = 35;

export interface ResultsOptions {
  bufferRings: number;
  /** Which categories have data in which months: periods a category runs in for only part of are not compared. */
  coverage: Coverage;
  /** A named area to compare with instead of the rest of the study area. */
  controlArea: { kind: string; code: string; name: string; geometry: AreaGeometry } | null;
}

export interface PeriodText {
  from: string;
  /** Exclusive. */
  to: string;
  days: number;
}

export interface TaskingResults {
  tasking: { id: number; title: string; version: number };
  categories: string[];
  periods: { unit: 'days' | 'months'; before: PeriodText; during: PeriodText; compared: string } | null;
  areas: { response: { cells: number }; buffer: { cells: number; rings: number }; control: { cells: number; description: string } };
  counts: { response: { before: number; during: number }; buffer: { before: number; during: number }; control: { before: number; during: number } } | null;
  /** Change in the daily rate, during against before, as a fraction (-0.4 = down 40%). */
  changes: { response: number | null; buffer: number | null; control: number | null } | null;
  wdq: number | null;
  wdqReading: DisplacementReading;
  successMeasure: number | null;
  res: Interval;
  verdict: Verdict;
  /** The one line for a busy screen. */
  summary: string;
  timeBands: { applied: boolean; note: string | null };
  notes: string[];
  dosage: Dosage;
}

export function themeLabelOf(theme: string | null, categories: readonly string[]): string {
  const named = theme ? taskingThemeById(theme) : undefined;
  if (named) return named.label;
  return categories.map((slug) => categoryBySlug(slug)?.label ?? slug).join(' and ');
}

const periodText = (p: Period): PeriodText => ({ from: isoDateOfDay(p.fromDay), to: isoDateOfDay(p.toDay), days: periodDays(p) });

export function dosageOfTasking(record: TaskingRecord, visits: readonly VisitRecord[], today: number): Dosage {
  const startDay = dayOfIsoDate(record.startDate);
  const lastDay = Math.min(today, record.endDate ? dayOfIsoDate(record.endDate) : today);
  return dosageOf({
    visits,
    planned: record.plannedDosage,
    weekHours: weekHoursOfBands(record.timeBands),
    hasBands: record.timeBands.length > 0,
    startDay,
    lastDay,
  });
}

/** The note on a tasking made on a short peak: part of any fall afterwards would have come anyway. */
function regressionNote(index: IncidentIndex, record: TaskingRecord, labelOfCell: ReadonlyMap<string, number>): string | null {
  const window = { fromDay: dayOfIsoDate(record.evidence.window.from), toDay: dayOfIsoDate(record.evidence.window.to) };
  const windowDays = window.toDay - window.fromDay;
  if (windowDays > SHORT_WINDOW_DAYS) return null;
  // The year before in whole months when the window is a month (monthly data counts only whole months).
  const monthly = wholeMonthsBetween(window.fromDay, window.toDay) !== null;
  const yearBefore = { fromDay: monthly ? addMonths(window.fromDay, -12) : window.fromDay - 364, toDay: window.fromDay };
  const yearDays = yearBefore.toDay - yearBefore.fromDay;
  const { counts } = countLabelledCells(index, {
    periods: [window, yearBefore],
    categories: record.categories,
    h3Resolution: record.h3Resolution,
    labelOfCell,
    labels: 1,
    weekHours: null,
  });
  const [inWindow, inYear] = [counts[0]![0]!, counts[1]![0]!];
  const perWindowBefore = (inYear / yearDays) * windowDays;
  if (inWindow < 5 || inWindow < PEAK_RATIO * perWindowBefore) return null;
  return (
    `Tasked after a short peak: ${inWindow} incidents in the ${windowDays} days of the evidence window, against about ` +
    `${Math.round(perWindowBefore * 10) / 10} per ${windowDays} days over the year before. Some fall was likely anyway ` +
    '(regression to the mean); comparing with the control area does not remove it.'
  );
}

export function taskingResults(
  index: IncidentIndex,
  studyCells: ReadonlySet<string>,
  record: TaskingRecord,
  visits: readonly VisitRecord[],
  today: number,
  options: ResultsOptions,
): TaskingResults {
  const categories = record.categories;
  const themeLabel = themeLabelOf(record.theme, categories);
  const startDay = dayOfIsoDate(record.startDate);
  const endDay = record.endDate ? dayOfIsoDate(record.endDate) : null;
  const dosage = dosageOfTasking(record, visits, today);

  const response = record.cells;
  const buffer = bufferCells(response, options.bufferRings, studyCells);
  const taken = new Set([...response, ...buffer]);
  const controlPool = options.controlArea
    ? cellsOfPolygon(options.controlArea.geometry, record.h3Resolution, 'centre').filter((c) => studyCells.has(c))
    : [...studyCells];
  const control = controlPool.filter((c) => !taken.has(c));
  const labelOfCell = new Map<string, number>();
  for (const c of control) labelOfCell.set(c, CONTROL);
  for (const c of buffer) labelOfCell.set(c, BUFFER);
  for (const c of response) labelOfCell.set(c, RESPONSE);
  const areas = {
    response: { cells: response.length },
    buffer: { cells: buffer.length, rings: options.bufferRings },
    control: {
      cells: control.length,
      description: options.controlArea
        ? `${options.controlArea.name} (${options.controlArea.kind}), without the response area and buffer`
        : 'the rest of the study area, without the response area and buffer',
    },
  };

  const notes: string[] = [];
  const proactive = categories.filter((slug) => categoryBySlug(slug)?.proactive);
  if (proactive.length > 0) {
    notes.push(
      `${proactive.map((slug) => categoryBySlug(slug)?.label ?? slug).join(' and ')} are found by police activity: a tasking that searches more ` +
        'can raise these counts while it works. Read a rise with that in mind.',
    );
  }
  const dataEnd = dataEndDayOf(index, categories);
  const span = Math.max(0, today - startDay);
  const monthly = dataEnd !== null && precisionsInWindow(index, { categories, fromDay: startDay - span - 31, toDay: Math.min(today, dataEnd) }).has('month');
  const periods = resultPeriods({ startDay, endDay, today, dataEndDay: dataEnd, monthly });
  const base = {
    tasking: { id: record.id, title: record.title, version: record.version },
    categories,
    areas,
    dosage,
  };
  if (!periods.ok) {
    const text = `Too early to judge: ${periods.reason}.`;
    return {
      ...base,
      periods: null,
      counts: null,
      changes: null,
      wdq: null,
      wdqReading: { code: null, text: 'No periods to compare yet.' },
      successMeasure: null,
      res: { value: null, low: null, high: null, reason: periods.reason },
      verdict: { code: 'too-early', text },
      summary: text,
      timeBands: { applied: false, note: null },
      notes,
    };
  }
  const { before, during } = periods.value;
  if (dataEnd !== null && dataEnd < Math.min(today, endDay === null ? today : endDay + 1)) {
    notes.push(
      `The data for this theme ends on ${isoDateOfDay(dataEnd - 1)} (its last recorded incident), so the comparison stops there; import newer data to extend it.`,
    );
  }
  const count = (weekHours: Uint8Array | null) =>
    countLabelledCells(index, { periods: [before, during], categories, h3Resolution: record.h3Resolution, labelOfCell, labels: 3, weekHours });
  let timeBands: TaskingResults['timeBands'] = { applied: false, note: null };
  let counted = count(null);
  if (record.timeBands.length > 0) {
    const bandText = record.timeBands.map(describeBand).join('; ');
    const banded = monthly ? null : count(weekHoursOfBands(record.timeBands));
    if (banded && banded.unjudged === 0) {
      counted = banded;
      timeBands = { applied: true, note: `Only incidents in the time bands are counted (${bandText}, London time).` };
    } else {
      timeBands = {
        applied: false,
        note: `The time bands (${bandText}) are not applied: some of these incidents have no time of day (police.uk data is monthly), so every hour is counted.`,
      };
    }
  }
  if (timeBands.note) notes.push(timeBands.note);
  const [beforeCounts, duringCounts] = counted.counts as [number[], number[]];
  const counts: AreaCounts = {
    response: { before: beforeCounts[0]!, during: duringCounts[0]! },
    buffer: { before: beforeCounts[1]!, during: duringCounts[1]! },
    control: { before: beforeCounts[2]!, during: duringCounts[2]! },
  };
  const days = { before: periodDays(before), during: periodDays(during) };
  const gap = judgeCoverage(options.coverage, categories, [before, during]);
  const verdict: Verdict =
    gap.uneven.length > 0
      ? { code: 'cannot-judge', text: `No verdict: ${gap.note} Comparing the periods would read a change of source files as a change in crime.` }
      : verdictOf(counts);
  if (gap.note && gap.uneven.length === 0) notes.push(gap.note);
  const reading = readDisplacement(counts, verdict);
  const wdq = weightedDisplacementQuotient(counts);
  const rtm = regressionNote(index, record, new Map(response.map((c) => [c, 1] as const)));
  if (rtm) notes.push(rtm);
  if (wdq.value === null && wdq.reason) notes.push(`No WDQ: ${wdq.reason}.`);
  return {
    ...base,
    periods: { unit: periods.value.unit, before: periodText(before), during: periodText(during), compared: periods.value.compared },
    counts,
    changes: {
      response: rateChange(counts.response, days.before, days.during),
      buffer: rateChange(counts.buffer, days.before, days.during),
      control: rateChange(counts.control, days.before, days.during),
    },
    wdq: wdq.value,
    wdqReading: reading,
    successMeasure: successMeasure(counts).value,
    res: relativeEffectSize(counts.response, counts.control),
    verdict,
    summary: resultLine(themeLabel, counts, days, verdict, reading),
    timeBands,
    notes,
  };
}
