// Forecast ranking: which study cells to patrol in the next window, from counts in past
// windows only. Baselines the backtest compares against, and our method: exponentially
// decayed counts plus a share of the neighbouring cells' counts, with the decay and the
// share chosen by a rolling-origin backtest over history before the forecast window
// (docs/decisions/008-forecast-method.md has the evidence).
//
// No lookahead by construction: every method receives `pastWindows(history, asOf)`, a view
// that holds windows 0..asOf-1 and nothing else.
import { idRanks, selectedCellCount, topCells } from './accuracy';
import { giStarScores } from './gistar';
import type { Neighbourhood } from './study-cells';
import { fail, ok, type Result } from './types';

export interface CountHistory {
  /** Study cells with gridDisk k = 1 neighbourhoods; counts columns follow neighbourhood.cells. */
  neighbourhood: Neighbourhood;
  /** Number of equal-length windows (e.g. months), oldest first. */
  windowCount: number;
  /** Incidents per window per cell, windowCount × cells, row-major (window w, cell i at w * n + i). */
  counts: Float64Array;
  /** Optional harm-weighted counts of the same shape (see weightedCounts); null when not available. */
  harm: Float64Array | null;
}

/** The windows strictly before the forecast window: the only data a method may see. */
export type PastWindows = CountHistory;

/** Checks shapes and values once, at the boundary; methods then trust them. */
export function createCountHistory(
  neighbourhood: Neighbourhood,
  windowCount: number,
  counts: Float64Array,
  harm: Float64Array | null = null,
): Result<CountHistory> {
  const n = neighbourhood.cells.length;
  if (neighbourhood.k !== 1) return fail(`forecasts smooth over touching cells: expected a k = 1 neighbourhood, got k = ${neighbourhood.k}`);
  if (!Number.isInteger(windowCount) || windowCount < 0) return fail(`window count ${windowCount} is not a count`);
  for (const [name, matrix] of [
    ['counts', counts],
    ['harm', harm],
  ] as const) {
    if (matrix === null) continue;
    if (matrix.length !== windowCount * n) {
      return fail(`${name} has ${matrix.length} values; expected ${windowCount} windows × ${n} cells = ${windowCount * n}`);
    }
    for (let m = 0; m < matrix.length; m++) {
      const value = matrix[m]!;
      if (!(value >= 0) || !Number.isFinite(value)) {
        return fail(`${name}: window ${Math.floor(m / n) + 1}, cell ${neighbourhood.cells[m % n]} has ${value}; expected a finite count >= 0`);
      }
    }
  }
  return ok({ neighbourhood, windowCount, counts, harm });
}

/** Windows 0..asOf-1 as a view (no copy). asOf is the index of the window being forecast. */
export function pastWindows(history: CountHistory, asOf: number): PastWindows {
  if (!Number.isInteger(asOf) || asOf < 0 || asOf > history.windowCount) {
    throw new Error(`internal: forecast window ${asOf} outside 0..${history.windowCount}`);
  }
  const n = history.neighbourhood.cells.length;
  return {
    neighbourhood: history.neighbourhood,
    windowCount: asOf,
    counts: history.counts.subarray(0, asOf * n),
    harm: history.harm === null ? null : history.harm.subarray(0, asOf * n),
  };
}

/** Σ over categories of weightOf(category) × that category's counts; the inputs are not modified. */
export function weightedCounts(
  perCategory: readonly { category: string; counts: Float64Array }[],
  weightOf: (category: string) => number,
  length: number,
): Float64Array {
  const out = new Float64Array(length);
  for (const { category, counts } of perCategory) {
    const weight = weightOf(category);
    for (let m = 0; m < length; m++) out[m]! += weight * counts[m]!;
  }
  return out;
}

/** Σ of the last `windows` windows per cell (fewer when history is shorter). */
export function sumOfLastWindows(matrix: Float64Array, windowCount: number, n: number, windows: number): Float64Array {
  const out = new Float64Array(n);
  for (let w = Math.max(0, windowCount - windows); w < windowCount; w++) {
    const row = w * n;
    for (let i = 0; i < n; i++) out[i]! += matrix[row + i]!;
  }
  return out;
}

/** Σ_t λ^(age_t) × count_t, age 0 for the last window before the forecast. */
export function decayedCounts(matrix: Float64Array, windowCount: number, n: number, lambda: number): Float64Array {
  const out = new Float64Array(n);
  for (let w = 0; w < windowCount; w++) {
    const row = w * n;
    for (let i = 0; i < n; i++) out[i] = lambda * out[i]! + matrix[row + i]!;
  }
  return out;
}

/** value_i + beta × (mean of value over the cell's touching study cells; 0 when it has none). */
export function addNeighbourMean(neighbourhood: Neighbourhood, values: Float64Array, beta: number): Float64Array {
  const { offsets, neighbours } = neighbourhood;
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    for (let m = offsets[i]!; m < offsets[i + 1]!; m++) {
      const j = neighbours[m]!;
      if (j === i) continue;
      sum += values[j]!;
      count += 1;
    }
    out[i] = values[i]! + (count > 0 ? (beta * sum) / count : 0);
  }
  return out;
}

/** Σ and number of each cell's touching study cells' values, the cell itself left out. */
function ringSums(neighbourhood: Neighbourhood, values: Float64Array): { sum: Float64Array; count: Int32Array } {
  const { offsets, neighbours } = neighbourhood;
  const sum = new Float64Array(values.length);
  const count = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    for (let m = offsets[i]!; m < offsets[i + 1]!; m++) {
      const j = neighbours[m]!;
      if (j === i) continue;
      sum[i]! += values[j]!;
      count[i]! += 1;
    }
  }
  return { sum, count };
}

/** value_i + Σ_j weight × value_j over touching study cells (a kernel sum, not a mean). */
function addNeighbourSum(neighbourhood: Neighbourhood, values: Float64Array, weight: number): Float64Array {
  const { offsets, neighbours } = neighbourhood;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let sum = 0;
    for (let m = offsets[i]!; m < offsets[i + 1]!; m++) {
      const j = neighbours[m]!;
      if (j !== i) sum += values[j]!;
    }
    out[i] = values[i]! + weight * sum;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Our method

export interface ForecastParams {
  /** Per-window decay: a window t windows before the last one weighs lambda^t. 1 = plain sum. */
  lambda: number;
  /** Weight of the mean of the 6 touching cells relative to the cell itself. */
  beta: number;
}

/**
 * The prior, used when there is too little history to tune: a half-life of about 6.6
 * windows (months, for police.uk data) and a quarter weight on the ring.
 */
export const PRIOR_PARAMS: Readonly<ForecastParams> = Object.freeze({ lambda: 0.9, beta: 0.25 });

/** The tuning grid: few values, so an inner backtest of a dozen months can choose among them. */
export const LAMBDA_GRID: readonly number[] = Object.freeze([0.5, 0.7, 0.8, 0.9, 0.95, 1]);
export const BETA_GRID: readonly number[] = Object.freeze([0, 0.25, 0.5, 1]);

export interface TuningOptions {
  /** Coverage whose hits the tuning maximises; default 0.05 (5% of study cells). */
  coverage?: number;
  /** Windows an inner cut needs before it can be scored; default 3. */
  minTrainingWindows?: number;
  /** Fewer inner cuts than this and the prior is used; default 3. */
  minTuningCuts?: number;
  /** Use only the most recent inner cuts (default 36), so old regimes do not decide. */
  maxTuningCuts?: number;
}

export interface Forecast {
  /** One score per study cell, in neighbourhood.cells order; higher = patrol first. */
  scores: Float64Array;
  params: ForecastParams;
  /** How the parameters were chosen. */
  tuning:
    | { kind: 'given' }
    | { kind: 'prior'; reason: string }
    | {
        kind: 'tuned';
        /** Inner windows scored. */
        cuts: number;
        /** Pooled hit rate at the tuning coverage of the chosen, the prior and the best-scoring candidate. */
        hitRate: number;
        priorHitRate: number;
        bestHitRate: number;
      };
}

/** Our score for the window after the given past windows, with fixed parameters. */
export function scoreWithParams(past: PastWindows, params: ForecastParams): Float64Array {
  const n = past.neighbourhood.cells.length;
  const decayed = decayedCounts(past.counts, past.windowCount, n, params.lambda);
  return params.beta === 0 ? decayed : addNeighbourMean(past.neighbourhood, decayed, params.beta);
}

/**
 * Forecast scores for window `asOf`, reading windows 0..asOf-1 only. With 'tune', lambda
 * and beta are chosen by an inner rolling-origin backtest over those windows (each inner
 * cut scored on data before it): the candidate with the most pooled hits at the tuning
 * coverage, if it beats the prior by more than one standard error; otherwise the prior.
 */
export function forecast(history: CountHistory, asOf: number, params: ForecastParams | 'tune', options: TuningOptions = {}): Result<Forecast> {
  if (!Number.isInteger(asOf) || asOf < 0 || asOf > history.windowCount) {
    return fail(`forecast window ${asOf} is outside the history (0..${history.windowCount})`);
  }
  if (options.coverage !== undefined && !(options.coverage > 0 && options.coverage <= 1)) {
    return fail(`tuning coverage ${options.coverage} is not a share of the area; expected 0 < coverage <= 1`);
  }
  const past = pastWindows(history, asOf);
  if (params !== 'tune') {
    if (!(params.lambda > 0 && params.lambda <= 1)) return fail(`lambda ${params.lambda} must be in (0, 1]`);
    if (!(params.beta >= 0 && Number.isFinite(params.beta))) return fail(`beta ${params.beta} must be a finite number >= 0`);
    return ok({ scores: scoreWithParams(past, params), params: { ...params }, tuning: { kind: 'given' } });
  }
  const chosen = tuneParams(past, options);
  return ok({ scores: scoreWithParams(past, chosen.params), params: chosen.params, tuning: chosen.tuning });
}

function tuneParams(past: PastWindows, options: TuningOptions): Pick<Forecast, 'params' | 'tuning'> {
  const coverage = options.coverage ?? 0.05;
  const minTraining = Math.max(1, options.minTrainingWindows ?? 3);
  const minCuts = options.minTuningCuts ?? 3;
  const maxCuts = options.maxTuningCuts ?? 36;
  const n = past.neighbourhood.cells.length;
  const k = selectedCellCount(coverage, n);
  const firstCut = Math.max(minTraining, past.windowCount - maxCuts);
  const cuts = past.windowCount - firstCut;
  if (cuts < minCuts) {
    return { params: { ...PRIOR_PARAMS }, tuning: { kind: 'prior', reason: `${Math.max(0, cuts)} windows to tune on; need ${minCuts}` } };
  }
  let total = 0;
  for (let m = firstCut * n; m < past.windowCount * n; m++) total += past.counts[m]!;
  if (total === 0) return { params: { ...PRIOR_PARAMS }, tuning: { kind: 'prior', reason: 'no incidents in the tuning windows' } };

  // hits[candidate][cut]: incidents of inner window firstCut + cut caught by the top k cells
  // ranked from the windows before it.
  const idRank = idRanks(past.neighbourhood.cells);
  const candidates = LAMBDA_GRID.flatMap((lambda) => BETA_GRID.map((beta) => ({ lambda, beta })));
  const hits = candidates.map(() => new Float64Array(cuts));
  LAMBDA_GRID.forEach((lambda, l) => {
    // Decayed counts before each cut, updated window by window: D(c) = λ D(c-1) + x(c-1).
    let decayed = decayedCounts(past.counts, firstCut, n, lambda);
    for (let c = firstCut; c < past.windowCount; c++) {
      const next = past.counts.subarray(c * n, (c + 1) * n);
      // The ring sums once per cut, shared by every beta (same arithmetic as addNeighbourMean,
      // so tuning ranks exactly as the final forecast does).
      const ring = ringSums(past.neighbourhood, decayed);
      const scores = new Float64Array(n);
      BETA_GRID.forEach((beta, b) => {
        for (let i = 0; i < n; i++) scores[i] = decayed[i]! + (ring.count[i]! > 0 ? (beta * ring.sum[i]!) / ring.count[i]! : 0);
        hits[l * BETA_GRID.length + b]![c - firstCut] = hitsInTop(scores, next, idRank, k);
      });
      const updated = new Float64Array(n);
      for (let i = 0; i < n; i++) updated[i] = lambda * decayed[i]! + next[i]!;
      decayed = updated;
    }
  });
  const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
  const prior = candidates.findIndex((p) => p.lambda === PRIOR_PARAMS.lambda && p.beta === PRIOR_PARAMS.beta);
  let best = prior;
  for (let p = 0; p < candidates.length; p++) if (sum(hits[p]!) > sum(hits[best]!) + 1e-9) best = p;
  const priorHitRate = sum(hits[prior]!) / total;
  const bestHitRate = sum(hits[best]!) / total;
  // One-standard-error rule (Breiman et al. 1984; Hastie, Tibshirani & Friedman 2009, 7.10):
  // leave the prior only when the best candidate's mean gain per window exceeds one standard
  // error of the paired per-window differences. A dozen noisy months otherwise pick noise.
  if (best !== prior && !clearlyBetter(hits[best]!, hits[prior]!)) best = prior;
  return {
    params: { ...candidates[best]! },
    tuning: { kind: 'tuned', cuts, hitRate: best === prior ? priorHitRate : bestHitRate, priorHitRate, bestHitRate },
  };
}

/** Mean of (a - b) per window above one standard error of that mean. */
function clearlyBetter(a: Float64Array, b: Float64Array): boolean {
  const m = a.length;
  if (m < 2) return false;
  let mean = 0;
  for (let t = 0; t < m; t++) mean += a[t]! - b[t]!;
  mean /= m;
  let squares = 0;
  for (let t = 0; t < m; t++) squares += (a[t]! - b[t]! - mean) ** 2;
  const standardError = Math.sqrt(squares / (m - 1) / m);
  return mean > standardError;
}

/** Incidents of `next` in the top k cells by score, ranked exactly as the backtest ranks. */
function hitsInTop(scores: Float64Array, next: Float64Array, idRank: Int32Array, k: number): number {
  let hits = 0;
  for (const i of topCells(scores, idRank, k)) hits += next[i]!;
  return hits;
}

// ---------------------------------------------------------------------------------------
// Baselines

export const OURS_LABEL = 'Ours: decayed counts + neighbour share, tuned before each month';

export type MethodId = 'previous' | 'counts-3' | 'counts-6' | 'counts-12' | 'harm-12' | 'gistar' | 'kernel' | 'decayed' | 'ours';

export interface RankingMethod {
  id: MethodId;
  label: string;
  /** True when the method needs history.harm. */
  needsHarm: boolean;
  score(past: PastWindows): Float64Array;
}

/** Quartic kernel weight of a touching cell at bandwidth 4/3 cell spacings (≈ 400 m at res 9). */
const KERNEL_RING_WEIGHT = (1 - (3 / 4) ** 2) ** 2;
/** Decay of the fixed exponentially-decayed baseline: half-life of about 3 windows. */
const BASELINE_DECAY = 0.8;

function countsOver(windows: number): (past: PastWindows) => Float64Array {
  return (past) => sumOfLastWindows(past.counts, past.windowCount, past.neighbourhood.cells.length, windows);
}

export const BASELINE_METHODS: readonly RankingMethod[] = Object.freeze([
  { id: 'previous', label: 'Previous window counts', needsHarm: false, score: countsOver(1) },
  { id: 'counts-3', label: 'Counts, last 3 windows', needsHarm: false, score: countsOver(3) },
  { id: 'counts-6', label: 'Counts, last 6 windows', needsHarm: false, score: countsOver(6) },
  { id: 'counts-12', label: 'Counts, last 12 windows', needsHarm: false, score: countsOver(12) },
  {
    id: 'harm-12',
    label: 'Harm-weighted counts, last 12 windows',
    needsHarm: true,
    score: (past) => {
      // Callers check needsHarm first (runBacktest does): a silent fallback to counts would mislabel a row.
      if (past.harm === null) throw new Error('internal: harm-weighted counts need history.harm');
      return sumOfLastWindows(past.harm, past.windowCount, past.neighbourhood.cells.length, 12);
    },
  },
  {
    id: 'gistar',
    label: 'Gi* z of the previous window (k = 1)',
    needsHarm: false,
    score: (past) => {
      const n = past.neighbourhood.cells.length;
      if (past.windowCount === 0) return new Float64Array(n);
      const last = past.counts.subarray((past.windowCount - 1) * n, past.windowCount * n);
      const z = giStarScores(past.neighbourhood, last);
      // No variation (an empty window): no cell stands out, every score is 0.
      return z.ok ? z.value.z : new Float64Array(n);
    },
  },
  {
    id: 'kernel',
    label: 'Kernel density of 12 windows (quartic, ≈ 400 m at res 9)',
    needsHarm: false,
    score: (past) => addNeighbourSum(past.neighbourhood, countsOver(12)(past), KERNEL_RING_WEIGHT),
  },
  {
    id: 'decayed',
    label: `Exponentially decayed counts (λ = ${BASELINE_DECAY})`,
    needsHarm: false,
    score: (past) => decayedCounts(past.counts, past.windowCount, past.neighbourhood.cells.length, BASELINE_DECAY),
  },
] satisfies RankingMethod[]);
