// How well a ranking of study cells predicted the next window's crime: hit rate, PAI, RRI
// and PEI at fixed shares of the study area (docs/accuracy.md has the definitions in prose).
//
// Area: every cell is taken to have the same area, so a cell's area share is 1 / n. H3 cells
// at one resolution differ in area by well under 1% across a borough; the real error is at
// the edge, where a study cell may lie partly outside the area ("overlapping" containment,
// geo/study-cells.ts) and so count as a full cell while crime can only fall in its inside part.
import { fail, ok, type Result } from './types';

/** Shares of study-area cells the meeting looks at: 1%, 2%, 5% and 10%. */
export const DEFAULT_COVERAGES: readonly number[] = Object.freeze([0.01, 0.02, 0.05, 0.1]);

/**
 * Cell indices ordered best first: score descending, ties broken by cell id ascending, so
 * the same scores always give the same ranking. A non-finite score ranks last.
 */
export function rankCells(scores: ArrayLike<number>, cells: readonly string[]): Int32Array {
  if (scores.length !== cells.length) {
    throw new Error(`internal: ${scores.length} scores for ${cells.length} cells`);
  }
  const key = (i: number) => {
    const s = scores[i]!;
    return Number.isFinite(s) ? s : -Infinity;
  };
  const order = Array.from({ length: cells.length }, (_, i) => i);
  order.sort((a, b) => key(b) - key(a) || (cells[a]! < cells[b]! ? -1 : cells[a]! > cells[b]! ? 1 : 0));
  return Int32Array.from(order);
}

/** Position of each cell id in ascending id order: the tie-break of rankCells, precomputed. */
export function idRanks(cells: readonly string[]): Int32Array {
  const order = Array.from({ length: cells.length }, (_, i) => i).sort((a, b) => (cells[a]! < cells[b]! ? -1 : cells[a]! > cells[b]! ? 1 : 0));
  const ranks = new Int32Array(cells.length);
  order.forEach((i, r) => (ranks[i] = r));
  return ranks;
}

/**
 * The first k cells of rankCells(scores, cells), without sorting them all: O(n k), for
 * tuning loops that need only the top few percent. idRank comes from idRanks(cells).
 */
export function topCells(scores: ArrayLike<number>, idRank: Int32Array, k: number): Int32Array {
  const n = scores.length;
  const size = Math.min(k, n);
  const top = new Int32Array(size);
  const key = (i: number) => {
    const s = scores[i]!;
    return Number.isFinite(s) ? s : -Infinity;
  };
  const before = (a: number, b: number) => key(a) > key(b) || (key(a) === key(b) && idRank[a]! < idRank[b]!);
  let filled = 0;
  for (let i = 0; i < n; i++) {
    if (filled === size && (size === 0 || !before(i, top[size - 1]!))) continue;
    let at = filled < size ? filled++ : size - 1;
    while (at > 0 && before(i, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      at -= 1;
    }
    top[at] = i;
  }
  return top;
}

/** Number of cells selected at a coverage: round(coverage × n), at least 1 and at most n. */
export function selectedCellCount(coverage: number, cellCount: number): number {
  return Math.min(cellCount, Math.max(1, Math.round(coverage * cellCount)));
}

export interface CoverageAccuracy {
  /** The requested share of study-area cells. */
  coverage: number;
  selectedCells: number;
  /** selectedCells / n: the share actually selected (differs from coverage by rounding). */
  areaShare: number;
  /** Next-window incidents in the selected cells. */
  hits: number;
  /** hits / next-window total. */
  hitRate: number;
  /** Predictive Accuracy Index, Chainey, Tompson & Uhlig (2008): hitRate / areaShare. */
  pai: number;
  /**
   * Predictive Efficiency Index, Hunt (2016): hits / the most hits any selection of the same
   * number of cells could have made (the top cells by next-window count) = PAI / PAI_max.
   */
  pei: number;
  /**
   * Recapture Rate Index, Levine (2008): (next-window count in the selected cells / previous-
   * window count in them) / (next-window total / previous-window total). Undefined, and a
   * failure value, when the selected cells or the whole area had nothing in the previous window.
   */
  rri: Result<number>;
}

export interface WindowAccuracy {
  /** Study cells. */
  cellCount: number;
  /** Incidents in the scored (next) window. */
  total: number;
  /** Incidents in the window before it, for RRI. */
  previousTotal: number;
  coverages: CoverageAccuracy[];
}

export interface AccuracyInput {
  /** Cell indices best first, a permutation of 0..n-1 (see rankCells). */
  ranking: ArrayLike<number>;
  /** Incidents per cell in the scored window, in cell-index order. */
  next: ArrayLike<number>;
  /** Incidents per cell in the window just before it, in cell-index order (for RRI). */
  previous: ArrayLike<number>;
  coverages?: readonly number[];
}

/**
 * Scores a ranking against the next window. Fails, as a value, when there is nothing to
 * score (no cells, no incidents in the next window) or the input is malformed.
 */
export function scoreRanking(input: AccuracyInput): Result<WindowAccuracy> {
  const { ranking, next, previous } = input;
  const coverages = input.coverages ?? DEFAULT_COVERAGES;
  const n = next.length;
  if (n === 0) return fail('no study cells to score');
  if (ranking.length !== n || previous.length !== n) {
    return fail(`ranking has ${ranking.length} cells, next window ${n}, previous window ${previous.length}; expected the same study cells in each`);
  }
  const seen = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const i = ranking[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= n || seen[i] === 1) {
      return fail(`ranking position ${r + 1} is ${i}; expected each cell index 0..${n - 1} exactly once`);
    }
    seen[i] = 1;
  }
  for (const coverage of coverages) {
    if (!(coverage > 0 && coverage <= 1)) return fail(`coverage ${coverage} is not a share of the area; expected 0 < coverage <= 1`);
  }
  let total = 0;
  let previousTotal = 0;
  for (let i = 0; i < n; i++) {
    const a = next[i]!;
    const b = previous[i]!;
    if (!(a >= 0) || !(b >= 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
      return fail(`cell ${i} has counts ${a} (next) and ${b} (previous); expected finite non-negative numbers`);
    }
    total += a;
    previousTotal += b;
  }
  if (total === 0) return fail('no incidents in the scored window: hit rate and PAI are undefined');

  // Cumulative hits along the ranking and along the ideal ranking (next counts, descending).
  const ideal = Float64Array.from(next).sort().reverse();
  const out: CoverageAccuracy[] = [];
  for (const coverage of coverages) {
    const k = selectedCellCount(coverage, n);
    let hits = 0;
    let previousHits = 0;
    let bestHits = 0;
    for (let r = 0; r < k; r++) {
      const i = ranking[r]!;
      hits += next[i]!;
      previousHits += previous[i]!;
      bestHits += ideal[r]!;
    }
    const areaShare = k / n;
    const hitRate = hits / total;
    out.push({
      coverage,
      selectedCells: k,
      areaShare,
      hits,
      hitRate,
      pai: hitRate / areaShare,
      // total > 0 so the top k cells hold at least one incident: bestHits > 0.
      pei: hits / bestHits,
      rri: recaptureRateIndex(hits, previousHits, total, previousTotal),
    });
  }
  return ok({ cellCount: n, total, previousTotal, coverages: out });
}

/** Levine (2008) RRI = (n2 / n1) / (N2 / N1), with n the selected cells' counts and N the totals. */
export function recaptureRateIndex(nextHits: number, previousHits: number, nextTotal: number, previousTotal: number): Result<number> {
  if (previousTotal === 0) return fail('no incidents in the previous window: RRI is undefined');
  if (previousHits === 0) return fail('the selected cells had no incidents in the previous window: RRI is undefined');
  if (nextTotal === 0) return fail('no incidents in the scored window: RRI is undefined');
  return ok(nextHits / previousHits / (nextTotal / previousTotal));
}
