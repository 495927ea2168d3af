// Forecast ranking and backtests over the incident index: per-window counts per study cell
// (the CountHistory geo/forecast.ts and geo/backtest.ts take), built from incidents before
// the forecast window only.
import { runBacktest, type BacktestResult } from '../../geo/backtest';
import { categoryNames, recentCoveredRun, spans, type Coverage } from '../../geo/coverage';
import { createCountHistory, forecast, OURS_LABEL, type CountHistory, type Forecast } from '../../geo/forecast';
import { harmWeightOf } from '../../geo/harm-weights';
import { alignCellValues } from '../../geo/study-cells';
import { isoDateOfDay } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import type { IncidentIndex } from '../incidents/incident-index';
import { aggregateCellsInWindow, precisionsInWindow } from '../incidents/window-counts';
import type { EngineFailure } from './hotspot-service';
import type { StudyGrid } from './study-grid';
import { describeWindow, isFirstOfMonth, windowsEndingAt, windowStartingAt, type DayWindow, type WindowLength } from '../../geo/windows';

export type Horizon = 'week' | 'month';

/** About 48 months at resolution 10 over Tower Hamlets, ~10 s on this machine. */
export const MAX_BACKTEST_CELL_WINDOWS = 80_000;

const failWith = (status: EngineFailure['status'], code: string, message: string) => fail<EngineFailure>({ status, code, message });

export interface HistoryQuery {
  categories: readonly string[];
  h3Resolution: number;
  /** Windows end here (exclusive): the forecast window starts at it. */
  endDay: number;
  horizon: Horizon;
  /** Most windows to use; fewer when the data starts later. */
  maxWindows: number;
}

export interface WindowHistory {
  history: CountHistory;
  windows: DayWindow[];
  length: WindowLength;
  /** What the data's coverage left out or cut, in plain words; null when nothing. */
  coverageNote: string | null;
}

function windowLengthOf(horizon: Horizon, endDay: number): WindowLength {
  if (horizon === 'week') return { unit: 'days', days: 7 };
  return isFirstOfMonth(endDay) ? { unit: 'months', months: 1 } : { unit: 'days', days: 28 };
}

/** Per-window counts (and harm) per study cell for the windows before endDay, oldest first. */
export function buildWindowHistory(index: IncidentIndex, grid: StudyGrid, coverage: Coverage, query: HistoryQuery): Result<WindowHistory, EngineFailure> {
  const neighbourhood = grid(query.h3Resolution, 1);
  if (!neighbourhood.ok) return fail(neighbourhood.reason);
  if (index.size === 0) return failWith(422, 'no_data', 'There are no incidents to forecast from; import some first.');
  const length = windowLengthOf(query.horizon, query.endDay);
  const firstDataDay = index.startDay[0]!;
  const candidates = windowsEndingAt(query.endDay, query.maxWindows, length).filter((w) => w.fromDay >= firstDataDay);
  const unit = query.horizon === 'week' ? 'weeks' : 'months';
  // Only the most recent run of windows over which the same categories have data: a history
  // across a change of source files would read the change as crime rising or falling.
  const run = recentCoveredRun(coverage, query.categories, candidates);
  const imported = query.categories.filter((c) => (coverage.get(c)?.size ?? 0) > 0);
  if (candidates.length > 0 && run.present.length === 0) {
    return failWith(
      422,
      'no_recent_data',
      `There is no data for these categories just before ${isoDateOfDay(query.endDay)} (${spans(coverage, imported.length > 0 ? imported : query.categories)}), so there is nothing recent to forecast from. Choose a date inside the data, or another layer.`,
    );
  }
  const windows = candidates.slice(run.fromIndex);
  const notes: string[] = [];
  const absent = run.absent.filter((c) => imported.includes(c));
  if (absent.length > 0)
    notes.push(`No recent data for ${categoryNames(absent)} (${spans(coverage, absent)}): the forecast is of ${categoryNames(run.present)} only.`);
  if (run.fromIndex > 0)
    notes.push(`Only the last ${windows.length} ${unit} are used: before them the data held different categories (${spans(coverage, imported)}).`);
  if (windows.length < 2) {
    return failWith(
      422,
      'too_little_history',
      `Only ${windows.length} whole ${unit} of data before ${isoDateOfDay(query.endDay)}${run.fromIndex > 0 ? ' with the same categories' : ''}; a forecast needs at least 2.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`,
    );
  }
  if (length.unit === 'days' && precisionsInWindow(index, { categories: query.categories, fromDay: windows[0]!.fromDay, toDay: query.endDay }).has('month')) {
    return failWith(
      400,
      'window_finer_than_data',
      query.horizon === 'week'
        ? 'These categories include police.uk incidents known only to the month, so weekly windows cannot hold them: forecast a whole month, starting on the first of a month.'
        : 'These categories include police.uk incidents known only to the month: a monthly forecast must start on the first of a month.',
    );
  }
  const n = neighbourhood.value.cells.length;
  const counts = new Float64Array(windows.length * n);
  const harm = new Float64Array(windows.length * n);
  const weight = (slug: string) => {
    const use = harmWeightOf(slug);
    return use.ok ? use.value.weight : 0;
  };
  windows.forEach((window, w) => {
    const cells = aggregateCellsInWindow(index, { categories: query.categories, h3Resolution: query.h3Resolution, ...window }, weight);
    const aligned = alignCellValues(
      neighbourhood.value,
      cells.map((c) => [c.cell, c.count] as const),
      { outside: 'drop' },
    );
    const harmAligned = alignCellValues(
      neighbourhood.value,
      cells.map((c) => [c.cell, c.value] as const),
      { outside: 'drop' },
    );
    if (!aligned.ok || !harmAligned.ok) throw new Error('internal: window cells are at the study resolution');
    counts.set(aligned.value.values, w * n);
    harm.set(harmAligned.value.values, w * n);
  });
  const history = createCountHistory(neighbourhood.value, windows.length, counts, harm);
  if (!history.ok) throw new Error(`internal: ${history.reason}`);
  return ok({ history: history.value, windows, length, coverageNote: notes.length > 0 ? notes.join(' ') : null });
}

export interface ForecastOutcome {
  window: { from: string; to: string };
  method: string;
  params: Forecast['params'];
  tuning: Forecast['tuning'];
  historyWindows: { from: string; to: string };
  coverageNote: string | null;
  cells: { cell: string; score: number; rank: number }[];
}

export function forecastCells(
  index: IncidentIndex,
  grid: StudyGrid,
  coverage: Coverage,
  query: Omit<HistoryQuery, 'maxWindows'>,
): Result<ForecastOutcome, EngineFailure> {
  const built = buildWindowHistory(index, grid, coverage, { ...query, maxWindows: query.horizon === 'week' ? 104 : 48 });
  if (!built.ok) return built;
  const { history, windows, length } = built.value;
  const result = forecast(history, history.windowCount, 'tune');
  if (!result.ok) return failWith(422, 'forecast_failed', result.reason);
  const forecastWindow = windowStartingAt(query.endDay, length);
  const cells = history.neighbourhood.cells.map((cell, i) => ({ cell, score: result.value.scores[i]!, rank: 0 }));
  cells.sort((a, b) => b.score - a.score || (a.cell < b.cell ? -1 : 1));
  cells.forEach((c, i) => (c.rank = i + 1));
  return ok({
    window: describeWindow(forecastWindow),
    method: OURS_LABEL,
    params: result.value.params,
    tuning: result.value.tuning,
    historyWindows: { from: isoDateOfDay(windows[0]!.fromDay), to: isoDateOfDay(query.endDay) },
    coverageNote: built.value.coverageNote,
    cells,
  });
}

export interface BacktestOutcome {
  windows: { from: string; to: string }[];
  coverageNote: string | null;
  scoredFrom: string;
  result: BacktestResult;
  headline: string | null;
}

export function backtestCells(
  index: IncidentIndex,
  grid: StudyGrid,
  coverage: Coverage,
  query: HistoryQuery & { trainingWindows: number; coverages: readonly number[] },
): Result<BacktestOutcome, EngineFailure> {
  const built = buildWindowHistory(index, grid, coverage, query);
  if (!built.ok) return built;
  const { history, windows } = built.value;
  // Nested tuning makes a backtest cost ~ cells x windows^2: keep one request to seconds.
  const work = history.neighbourhood.cells.length * windows.length;
  if (work > MAX_BACKTEST_CELL_WINDOWS) {
    return failWith(
      400,
      'backtest_too_large',
      `${history.neighbourhood.cells.length} cells x ${windows.length} windows is more than one request backtests (${MAX_BACKTEST_CELL_WINDOWS.toLocaleString('en-GB')} cell-windows); lower windows or use a coarser resolution, or run npm run backtest.`,
    );
  }
  if (windows.length <= query.trainingWindows) {
    return failWith(
      422,
      'too_little_history',
      `The data has ${windows.length} windows before ${isoDateOfDay(query.endDay)}; a backtest with ${query.trainingWindows} training windows needs more. Lower trainingWindows or import more history.`,
    );
  }
  const result = runBacktest(history, { firstCut: query.trainingWindows, coverages: query.coverages });
  if (!result.ok) return failWith(422, 'backtest_failed', result.reason);
  return ok({
    windows: windows.map(describeWindow),
    coverageNote: built.value.coverageNote,
    scoredFrom: isoDateOfDay(windows[query.trainingWindows]!.fromDay),
    result: result.value,
    headline: headline(result.value, query.horizon),
  });
}

/** "Last month's top 5% of cells caught 12% of this month's incidents; the forecast's caught 20%." */
function headline(result: BacktestResult, horizon: Horizon): string | null {
  const at = result.coverages.findIndex((c) => Math.abs(c - 0.05) < 1e-9);
  const previous = result.methods.find((m) => m.id === 'previous')?.summary[at];
  const ours = result.methods.find((m) => m.id === 'ours')?.summary[at];
  if (at < 0 || !previous || !ours) return null;
  const unit = horizon === 'week' ? 'week' : 'month';
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  return `On average, last ${unit}'s top 5% of cells caught ${percent(previous.pooledHitRate)} of the next ${unit}'s incidents; the forecast's top 5% caught ${percent(ours.pooledHitRate)} (PAI ${ours.pai.toFixed(1)} vs ${previous.pai.toFixed(1)}).`;
}
