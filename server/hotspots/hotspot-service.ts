// The hotspot engine's query layer: window values from the incident index, statistics from
// geo/. Expected failures (no study area, month-only data in a day window, no variation)
// come back as values with the HTTP status the route should use.
import { classifyEmerging, EMERGING_PATTERNS, type EmergingPattern } from '../../geo/emerging';
import { compareWithBaseline, type CellChange } from '../../geo/change';
import { categoryNames, judgeCoverage, recentCoveredRun, spans, type Coverage } from '../../geo/coverage';
import { computeGiStar, type GiStarCell, type GiStarSummary } from '../../geo/gistar';
import { categoryBySlug } from '../../geo/categories';
import { HARM_INDEX, harmPlan } from '../../geo/harm-weights';
import type { Correction } from '../../geo/multiple-testing';
import { alignCellValues, type Neighbourhood } from '../../geo/study-cells';
import { fail, ok, type Result } from '../../geo/types';
import type { IncidentIndex } from '../incidents/incident-index';
import { aggregateCellsInWindow, countUnjudgedByTimeFilter, precisionsInWindow, type WindowQuery } from '../incidents/window-counts';
import type { StudyGrid } from './study-grid';
import { describeWindow, wholeMonthsBetween, windowsEndingAt, type DayWindow, type WindowLength } from '../../geo/windows';

export interface EngineFailure {
  status: 400 | 409 | 413 | 422;
  code: string;
  message: string;
}

/**
 * The error body for a failure. A body, not a Response: routes call c.json(body, status)
 * themselves, which keeps the 200 body in the Hono RPC types the web client uses.
 */
export function failureBody(f: EngineFailure) {
  return { error: { code: f.code, message: f.message } };
}

export const failWith = (status: EngineFailure['status'], code: string, message: string) => fail<EngineFailure>({ status, code, message });

export type HotspotMethod = 'gistar' | 'harm' | 'count';

export interface HotspotQuery extends WindowQuery {
  method: HotspotMethod;
  k: number;
  correction: Correction;
  includeProactive: boolean;
}

export interface WindowValues {
  neighbourhood: Neighbourhood;
  counts: Float64Array;
  values: Float64Array;
  /** Incidents in the window whose cell lies outside the study area: left out, reported. */
  outsideStudyArea: number;
  /** Month-only incidents straddling the window edges: never counted, reported. */
  partialCount: number;
}

function windowValues(index: IncidentIndex, neighbourhood: Neighbourhood, query: WindowQuery, weight: (slug: string) => number): WindowValues {
  const cells = aggregateCellsInWindow(index, query, weight);
  const counts = alignCellValues(
    neighbourhood,
    cells.map((c) => [c.cell, c.count] as const),
    { outside: 'drop' },
  );
  const values = alignCellValues(
    neighbourhood,
    cells.map((c) => [c.cell, c.value] as const),
    { outside: 'drop' },
  );
  if (!counts.ok || !values.ok) throw new Error(`internal: ${!counts.ok ? counts.reason : !values.ok ? values.reason : ''}`);
  return {
    neighbourhood,
    counts: counts.value.values,
    values: values.value.values,
    outsideStudyArea: counts.value.dropped.total,
    partialCount: cells.reduce((sum, c) => sum + c.partialCount, 0),
  };
}

/**
 * The data's coverage over one window (a map): refused when none of the categories has data
 * in it; otherwise the note naming those without, or null.
 */
function checkCoverage(coverage: Coverage, categories: readonly string[], window: DayWindow): Result<string | null, EngineFailure> {
  const verdict = judgeCoverage(coverage, categories, [window]);
  if (!verdict.usable) return failWith(422, 'no_data_in_window', verdict.note ?? 'There is no data for these categories in this window.');
  return ok(verdict.note);
}

/**
 * For analyses over successive windows (emerging, change): only the most recent run of windows
 * over which the same categories have data, so a change of source files (or the start of the
 * data) is never read as a change in crime; refused when too few windows are left.
 */
function coveredWindows(
  coverage: Coverage,
  categories: readonly string[],
  windows: readonly DayWindow[],
  minimum: number,
  what: string,
): Result<{ windows: DayWindow[]; note: string | null }, EngineFailure> {
  const run = recentCoveredRun(coverage, categories, windows);
  if (run.present.length === 0) {
    const last = windows.at(-1)!;
    return failWith(422, 'no_data_in_window', judgeCoverage(coverage, categories, [last]).note ?? 'There is no data for these categories in the last window.');
  }
  const kept = windows.slice(run.fromIndex);
  const imported = categories.filter((c) => (coverage.get(c)?.size ?? 0) > 0);
  const absent = run.absent.filter((c) => imported.includes(c));
  const notes: string[] = [];
  if (absent.length > 0)
    notes.push(`No data for ${categoryNames(absent)} in these windows (${spans(coverage, absent)}): what is shown is ${categoryNames(run.present)} only.`);
  if (run.fromIndex > 0) {
    const why = `before them the data held other categories or none (${spans(coverage, imported)})`;
    if (kept.length < minimum) {
      return failWith(
        422,
        'coverage_gap',
        `${what} needs at least ${minimum} windows with the same data, and only the last ${kept.length} have it: ${why}. Choose an end date inside the data, or another layer.`,
      );
    }
    notes.push(`${what} uses only the last ${kept.length} of ${windows.length} windows: ${why}.`);
  }
  return ok({ windows: kept, note: notes.length > 0 ? notes.join(' ') : null });
}

/** A day-based window cannot honestly hold month-only incidents: say so instead of undercounting. */
export function checkPrecision(index: IncidentIndex, query: Omit<WindowQuery, 'h3Resolution'>, monthAligned: boolean): Result<null, EngineFailure> {
  // With a time filter, month-only incidents are left out explicitly and reported instead.
  if (monthAligned || query.timeFilter) return ok(null);
  if (!precisionsInWindow(index, query).has('month')) return ok(null);
  return failWith(
    400,
    'window_finer_than_data',
    'These categories include police.uk incidents known only to the month, so a window that does not run ' +
      'from the first of a month to the first of a month would leave them out. Use whole calendar months ' +
      '(for example 1 June to 1 July 2019).',
  );
}

export interface HotspotResult {
  /** What the data's coverage means for this window, in plain words; null when every category has data throughout. */
  coverageNote: string | null;
  cells: (GiStarCell & { count: number; rank: number })[];
  summary: GiStarSummary | null;
  outsideStudyArea: number;
  partialCount: number;
  /** In harm mode: the index, what was weighed and how, and the proactive offences as counts beside it. */
  harm: HarmView | null;
}

export interface HarmView {
  index: typeof HARM_INDEX;
  weighted: { category: string; label: string; weight: number }[];
  /** Offences found by police activity: counted per study cell, never inside the harm sum. */
  proactive: { categories: { category: string; label: string }[]; total: number; cells: { cell: string; count: number }[] };
  /** Not crimes: left out. */
  notCrimes: { category: string; label: string }[];
}

const labelled = (slug: string) => ({ category: slug, label: categoryBySlug(slug)?.label ?? slug });

export function findHotspots(index: IncidentIndex, grid: StudyGrid, coverage: Coverage, query: HotspotQuery): Result<HotspotResult, EngineFailure> {
  const neighbourhood = grid(query.h3Resolution, query.k);
  if (!neighbourhood.ok) return fail(neighbourhood.reason);
  const covered = checkCoverage(coverage, query.categories, query);
  if (!covered.ok) return covered;
  const precision = checkPrecision(index, query, wholeMonthsBetween(query.fromDay, query.toDay) !== null);
  if (!precision.ok) return precision;
  // Harm: the weights are looked up once, and a layer with nothing to weigh is refused in words.
  let harm: HarmView | null = null;
  let weighed = query;
  let weight = (_slug: string) => 1;
  if (query.method === 'harm') {
    const plan = harmPlan(query.categories, { includeProactive: query.includeProactive });
    if (!plan.ok) return failWith(422, 'no_harm_weight', plan.reason);
    const weights = new Map(plan.value.weighted.map((w) => [w.slug, w.weight] as const));
    weight = (slug) => weights.get(slug) ?? 0;
    weighed = { ...query, categories: [...weights.keys()] };
    const proactiveCells =
      plan.value.proactive.length === 0
        ? []
        : aggregateCellsInWindow(index, { ...query, categories: plan.value.proactive })
            .filter((c) => c.count > 0 && neighbourhood.value.indexOf.has(c.cell))
            .map(({ cell, count }) => ({ cell, count }));
    harm = {
      index: HARM_INDEX,
      weighted: plan.value.weighted.map((w) => ({ ...labelled(w.slug), weight: w.weight })),
      proactive: { categories: plan.value.proactive.map(labelled), total: proactiveCells.reduce((sum, c) => sum + c.count, 0), cells: proactiveCells },
      notCrimes: plan.value.notCrimes.map(labelled),
    };
  }
  const window = windowValues(index, neighbourhood.value, weighed, weight);
  if (query.timeFilter && window.counts.every((c) => c === 0)) {
    const unjudged = countUnjudgedByTimeFilter(index, query);
    if (unjudged > 0) {
      return failWith(
        422,
        'filter_needs_times',
        `All ${unjudged} incidents of these categories in this window are known only to the month or the day (police.uk data is monthly), so the time of day and days chosen ` +
          'cannot be applied to them and none is left to map. Choose All day and Every day to see them.',
      );
    }
  }
  const base = { coverageNote: covered.value, outsideStudyArea: window.outsideStudyArea, partialCount: window.partialCount, harm };
  if (query.method === 'count') {
    const cells = neighbourhood.value.cells.map((cell, i) => ({
      cell,
      value: window.counts[i]!,
      count: window.counts[i]!,
      z: Number.NaN,
      p: Number.NaN,
      pAdjusted: Number.NaN,
      bin: 0 as const,
      rank: 0,
    }));
    return ok({ ...base, cells: rankBy(cells, (c) => c.count), summary: null });
  }
  const gi = computeGiStar(neighbourhood.value, window.values, { correction: query.correction });
  if (!gi.ok) return failWith(422, gi.reason.code, `${gi.reason.message} (no hot spots can be found in this window)`);
  const cells = gi.value.cells.map((c, i) => ({ ...c, count: window.counts[i]!, rank: 0 }));
  return ok({ ...base, cells: rankBy(cells, (c) => c.z), summary: gi.value.summary });
}

function rankBy<T extends { rank: number; cell: string }>(cells: T[], score: (c: T) => number): T[] {
  const sorted = [...cells].sort((a, b) => score(b) - score(a) || (a.cell < b.cell ? -1 : 1));
  return sorted.map((c, i) => ({ ...c, rank: i + 1 }));
}

export interface EmergingQuery extends Omit<WindowQuery, 'fromDay'> {
  windows: number;
  windowLength: WindowLength;
  k: number;
  correction: Correction;
  /** Bin magnitude that counts as significant: 1 = 90%, 2 = 95%, 3 = 99% confidence. */
  minBin: 1 | 2 | 3;
}

export interface EmergingCell {
  cell: string;
  side: 'hot' | 'cold';
  pattern: EmergingPattern;
  hotWindows: number;
  coldWindows: number;
  trendZ: number;
  trendP: number;
  /** Per window, oldest first: +1 significant hot, -1 significant cold, 0 neither. */
  states: number[];
  z: number[];
  counts: number[];
}

export interface EmergingResult {
  coverageNote: string | null;
  windows: { from: string; to: string; hotCells: number; coldCells: number; incidents: number; note: string | null }[];
  cells: EmergingCell[];
  patterns: Record<string, number>;
  studyCells: number;
}

export function findEmergingHotspots(index: IncidentIndex, grid: StudyGrid, coverage: Coverage, query: EmergingQuery): Result<EmergingResult, EngineFailure> {
  const neighbourhood = grid(query.h3Resolution, query.k);
  if (!neighbourhood.ok) return fail(neighbourhood.reason);
  const covered = coveredWindows(coverage, query.categories, windowsEndingAt(query.toDay, query.windows, query.windowLength), 3, 'The emerging analysis');
  if (!covered.ok) return covered;
  const windows = covered.value.windows;
  const precision = checkPrecision(
    index,
    { ...query, fromDay: windows[0]!.fromDay },
    query.windowLength.unit === 'months' && wholeMonthsBetween(windows[0]!.fromDay, query.toDay) !== null,
  );
  if (!precision.ok) return precision;
  const n = neighbourhood.value.cells.length;
  const states = windows.map(() => new Int8Array(n));
  const zs = windows.map(() => new Float64Array(n));
  const counts: Float64Array[] = [];
  const windowInfo: EmergingResult['windows'] = [];
  windows.forEach((window: DayWindow, w) => {
    const values = windowValues(index, neighbourhood.value, { ...query, ...window }, () => 1);
    counts.push(values.counts);
    const gi = computeGiStar(neighbourhood.value, values.values, { correction: query.correction });
    let hot = 0;
    let cold = 0;
    if (gi.ok) {
      gi.value.cells.forEach((c, i) => {
        zs[w]![i] = c.z;
        const state = Math.abs(c.bin) >= query.minBin ? Math.sign(c.bin) : 0;
        states[w]![i] = state;
        if (state > 0) hot += 1;
        if (state < 0) cold += 1;
      });
    }
    windowInfo.push({
      ...describeWindow(window),
      hotCells: hot,
      coldCells: cold,
      incidents: values.counts.reduce((a, b) => a + b, 0),
      note: gi.ok ? null : `${gi.reason.message}; every cell is treated as not significant in this window`,
    });
  });
  const patterns: Record<string, number> = Object.fromEntries(
    EMERGING_PATTERNS.flatMap((p) => [
      [`hot:${p}`, 0],
      [`cold:${p}`, 0],
    ]),
  );
  const cells: EmergingCell[] = [];
  for (let i = 0; i < n; i++) {
    const series = states.map((s) => s[i]!);
    const z = zs.map((s) => s[i]!);
    const result = classifyEmerging(series, z);
    if (!result.pattern || !result.side) continue;
    patterns[`${result.side}:${result.pattern}`]! += 1;
    cells.push({
      cell: neighbourhood.value.cells[i]!,
      side: result.side,
      pattern: result.pattern,
      hotWindows: result.hotWindows,
      coldWindows: result.coldWindows,
      trendZ: result.trend.z,
      trendP: result.trend.p,
      states: series,
      z: z.map((v) => Math.round(v * 1000) / 1000),
      counts: counts.map((c) => c[i]!),
    });
  }
  return ok({ coverageNote: covered.value.note, windows: windowInfo, cells, patterns, studyCells: n });
}

export interface ChangeQuery extends WindowQuery {
  baselineWindows: number;
  correction: Correction;
  alpha: number;
}

export interface ChangeOutcome {
  coverageNote: string | null;
  window: { from: string; to: string; days: number };
  baseline: { from: string; to: string; days: number }[];
  cells: CellChange[];
  borough: Omit<CellChange, 'cell' | 'pAdjusted'>;
  /** Incidents of the window in cells outside the study area: left out, reported. */
  outsideStudyArea: number;
  partialCount: number;
}

export function changeAgainstBaseline(index: IncidentIndex, grid: StudyGrid, coverage: Coverage, query: ChangeQuery): Result<ChangeOutcome, EngineFailure> {
  // Nothing outside the study area, as Gi* does: cells beyond the borough are not tested.
  const neighbourhood = grid(query.h3Resolution, 1);
  if (!neighbourhood.ok) return fail(neighbourhood.reason);
  const months = wholeMonthsBetween(query.fromDay, query.toDay);
  const length: WindowLength = months !== null ? { unit: 'months', months } : { unit: 'days', days: query.toDay - query.fromDay };
  const covered = coveredWindows(
    coverage,
    query.categories,
    [...windowsEndingAt(query.fromDay, query.baselineWindows, length), query],
    2,
    'The change against the baseline',
  );
  if (!covered.ok) return covered;
  const baseline = covered.value.windows.slice(0, -1);
  const precision = checkPrecision(index, { ...query, fromDay: baseline[0]!.fromDay }, months !== null);
  if (!precision.ok) return precision;
  const study = neighbourhood.value.indexOf;
  let outsideStudyArea = 0;
  const countsOf = (window: DayWindow) => {
    const counts = new Map<string, number>();
    for (const c of aggregateCellsInWindow(index, { ...query, ...window })) {
      if (c.count === 0) continue;
      if (study.has(c.cell)) counts.set(c.cell, c.count);
      else if (window.fromDay === query.fromDay) outsideStudyArea += c.count;
    }
    return counts;
  };
  const current = countsOf(query);
  const result = compareWithBaseline({
    current,
    currentDays: query.toDay - query.fromDay,
    baseline: baseline.map((w) => ({ counts: countsOf(w), days: w.toDay - w.fromDay })),
    correction: query.correction,
    alpha: query.alpha,
  });
  if (!result.ok) return failWith(400, 'invalid_baseline', result.reason);
  return ok({
    coverageNote: covered.value.note,
    window: { ...describeWindow(query), days: query.toDay - query.fromDay },
    baseline: baseline.map((w) => ({ ...describeWindow(w), days: w.toDay - w.fromDay })),
    cells: result.value.cells,
    borough: result.value.borough,
    outsideStudyArea,
    partialCount: aggregateCellsInWindow(index, query).reduce((sum, c) => sum + c.partialCount, 0),
  });
}
