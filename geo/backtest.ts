// Rolling-origin backtest: for each cut window c, every method ranks the study cells from
// windows 0..c-1 only and the ranking is scored on window c. Our method is re-tuned at each
// cut on windows before c (nested rolling origin), so no window ever helps choose the
// parameters it is scored with.
import { DEFAULT_COVERAGES, rankCells, scoreRanking, type WindowAccuracy } from './accuracy';
import { BASELINE_METHODS, OURS_LABEL, forecast, pastWindows, type CountHistory, type ForecastParams, type MethodId, type TuningOptions } from './forecast';
import { fail, ok, type Result } from './types';

export interface BacktestOptions {
  /** First window scored; windows before it are training only. */
  firstCut: number;
  /** Last window scored (inclusive); default the last window of the history. */
  lastCut?: number;
  coverages?: readonly number[];
  /** Methods to run; default every baseline (harm ones only when history.harm is given) plus 'ours'. */
  methods?: readonly MethodId[];
  tuning?: TuningOptions;
}

export interface CoverageSummary {
  coverage: number;
  /** Means over the scored windows. */
  hitRate: number;
  pai: number;
  pei: number;
  /** Mean RRI over the windows where it is defined, and how many those were. */
  rri: number | null;
  rriWindows: number;
  /** Σ hits / Σ totals over the scored windows: steadier than the mean of small months. */
  pooledHitRate: number;
}

export interface MethodBacktest {
  id: MethodId;
  label: string;
  /** Per cut window: its accuracy, or why it could not be scored. */
  windows: { cut: number; accuracy: WindowAccuracy | null; skipped: string | null; params: ForecastParams | null }[];
  scoredWindows: number;
  summary: CoverageSummary[];
}

export interface BacktestResult {
  firstCut: number;
  lastCut: number;
  coverages: readonly number[];
  methods: MethodBacktest[];
}

export function runBacktest(history: CountHistory, options: BacktestOptions): Result<BacktestResult> {
  const lastCut = options.lastCut ?? history.windowCount - 1;
  const coverages = options.coverages ?? DEFAULT_COVERAGES;
  const { firstCut } = options;
  if (!Number.isInteger(firstCut) || firstCut < 1) return fail(`first cut ${firstCut} must be a window index >= 1 (at least one training window)`);
  if (!Number.isInteger(lastCut) || lastCut < firstCut || lastCut >= history.windowCount) {
    return fail(`cut windows ${firstCut}..${lastCut} are not inside the ${history.windowCount} windows of history`);
  }
  const available = BASELINE_METHODS.filter((m) => !m.needsHarm || history.harm !== null);
  const wanted = options.methods ?? [...available.map((m) => m.id), 'ours' as const];
  const n = history.neighbourhood.cells.length;
  const cells = history.neighbourhood.cells;
  const results: MethodBacktest[] = [];
  for (const id of wanted) {
    const baseline = available.find((m) => m.id === id);
    if (id !== 'ours' && baseline === undefined) {
      return fail(id === 'harm-12' ? 'harm-weighted counts need history.harm' : `unknown method ${id}`);
    }
    const windows: MethodBacktest['windows'] = [];
    for (let cut = firstCut; cut <= lastCut; cut++) {
      let scores: Float64Array;
      let params: ForecastParams | null = null;
      if (baseline) {
        scores = baseline.score(pastWindows(history, cut));
      } else {
        const result = forecast(history, cut, 'tune', options.tuning);
        if (!result.ok) return result;
        scores = result.value.scores;
        params = result.value.params;
      }
      const accuracy = scoreRanking({
        ranking: rankCells(scores, cells),
        next: history.counts.subarray(cut * n, (cut + 1) * n),
        previous: history.counts.subarray((cut - 1) * n, cut * n),
        coverages,
      });
      windows.push(accuracy.ok ? { cut, accuracy: accuracy.value, skipped: null, params } : { cut, accuracy: null, skipped: accuracy.reason, params });
    }
    const label = baseline?.label ?? OURS_LABEL;
    if (windows.every((w) => w.accuracy === null)) {
      return fail(`no cut window in ${firstCut}..${lastCut} could be scored: ${windows[0]!.skipped}`);
    }
    results.push({ id, label, windows, scoredWindows: windows.filter((w) => w.accuracy).length, summary: summarise(windows, coverages) });
  }
  return ok({ firstCut, lastCut, coverages, methods: results });
}

function summarise(windows: MethodBacktest['windows'], coverages: readonly number[]): CoverageSummary[] {
  const scored = windows.flatMap((w) => (w.accuracy ? [w.accuracy] : []));
  return coverages.map((coverage, c) => {
    let hitRate = 0;
    let pai = 0;
    let pei = 0;
    let rri = 0;
    let rriWindows = 0;
    let hits = 0;
    let total = 0;
    for (const accuracy of scored) {
      const at = accuracy.coverages[c]!;
      hitRate += at.hitRate;
      pai += at.pai;
      pei += at.pei;
      hits += at.hits;
      total += accuracy.total;
      if (at.rri.ok) {
        rri += at.rri.value;
        rriWindows += 1;
      }
    }
    const m = scored.length;
    return {
      coverage,
      hitRate: m ? hitRate / m : 0,
      pai: m ? pai / m : 0,
      pei: m ? pei / m : 0,
      rri: rriWindows ? rri / rriWindows : null,
      rriWindows,
      pooledHitRate: total ? hits / total : 0,
    };
  });
}
