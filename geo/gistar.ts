// Getis-Ord Gi* hot spot statistic on the H3 grid (Getis & Ord 1992; Ord & Getis 1995),
// with binary weights: w_ij = 1 for j in gridDisk(i, k) ∩ study cells, i itself included.
//
//   x̄ = Σx / n,  S = sqrt(Σ(x - x̄)² / n),  W_i = Σ_j w_ij,  S1_i = Σ_j w_ij² (= W_i here)
//   Gi*_i = (Σ_j w_ij x_j - x̄ W_i) / (S sqrt((n S1_i - W_i²) / (n - 1)))
//
// This is exactly spdep::localG on a self-included binary listw (checked to 1e-6 in
// tests/integration/gistar-spdep.test.ts). Gi* is a z-score: p-values are two-sided from
// the normal, then corrected for testing every cell (docs/decisions/007-gistar.md).
import { adjustPValues, type Correction } from './multiple-testing';
import { twoSidedNormalP } from './normal';
import type { Neighbourhood } from './study-cells';
import { fail, ok, type Result } from './types';

/** ArcGIS Gi_Bin: +3/+2/+1 hot at 99/95/90% confidence, -1/-2/-3 cold, 0 not significant. */
export type GiBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** Adjusted p at or below alpha earns the bin (largest confidence first). */
export const GI_BIN_LEVELS: readonly { readonly bin: 1 | 2 | 3; readonly confidence: number; readonly alpha: number }[] = Object.freeze([
  Object.freeze({ bin: 3, confidence: 0.99, alpha: 0.01 } as const),
  Object.freeze({ bin: 2, confidence: 0.95, alpha: 0.05 } as const),
  Object.freeze({ bin: 1, confidence: 0.9, alpha: 0.1 } as const),
]);

export interface GiStarOptions {
  /** Multiple-testing correction applied before binning; default 'fdr' (Benjamini-Hochberg). */
  correction?: Correction;
}

export interface GiStarCell {
  cell: string;
  value: number;
  /** The Gi* z-score. */
  z: number;
  /** Two-sided p from the standard normal, uncorrected. */
  p: number;
  /** p after the correction; the bin is decided on this. */
  pAdjusted: number;
  bin: GiBin;
}

export interface GiBinCounts {
  hot99: number;
  hot95: number;
  hot90: number;
  notSignificant: number;
  cold90: number;
  cold95: number;
  cold99: number;
}

export interface GiStarSummary {
  /** Number of study cells (zeros included). */
  n: number;
  k: number;
  h3Resolution: number;
  mean: number;
  /** Population standard deviation (divides by n), as Gi* uses. */
  sd: number;
  correction: Correction;
  bins: GiBinCounts;
}

export interface GiStarResult {
  /** One entry per study cell, in neighbourhood.cells order. */
  cells: GiStarCell[];
  summary: GiStarSummary;
}

export type GiStarFailureCode = 'too-few-cells' | 'no-variation' | 'length-mismatch' | 'invalid-value';
export interface GiStarFailure {
  code: GiStarFailureCode;
  message: string;
}

export interface GiStarScores {
  z: Float64Array;
  mean: number;
  sd: number;
}

/**
 * Gi* z-scores only, for callers that run many windows (emerging hot spots). Values are
 * one per study cell in neighbourhood.cells order; the input is not modified.
 */
export function giStarScores(neighbourhood: Neighbourhood, values: Float64Array): Result<GiStarScores, GiStarFailure> {
  const n = neighbourhood.cells.length;
  if (values.length !== n) {
    return fail({ code: 'length-mismatch', message: `got ${values.length} values for ${n} study cells; expected one per cell` });
  }
  if (n < 3) {
    return fail({ code: 'too-few-cells', message: `Gi* needs at least 3 study cells; the study area has ${n} at this resolution. Use a finer resolution.` });
  }
  let sum = 0;
  let allEqual = true;
  const first = values[0]!;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) {
      return fail({ code: 'invalid-value', message: `cell ${neighbourhood.cells[i]} has value ${value}; expected a finite number` });
    }
    sum += value;
    if (value !== first) allEqual = false;
  }
  if (allEqual) {
    return fail({
      code: 'no-variation',
      message:
        `every study cell has the same value (${first}), so no cell stands out: Gi* is undefined. ` +
        (first === 0 ? 'There are no incidents in this window; widen the window or the categories.' : ''),
    });
  }
  const mean = sum / n;
  // Two-pass variance, as spdep's sum(scale(x, scale = FALSE)^2) / n: no cancellation.
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = values[i]! - mean;
    squares += deviation * deviation;
  }
  const sd = Math.sqrt(squares / n);
  const { offsets, neighbours } = neighbourhood;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    let lag = 0;
    for (let m = start; m < end; m++) lag += values[neighbours[m]!]!;
    const weight = end - start; // W_i = S1_i for binary weights
    const spread = n * weight - weight * weight;
    // A neighbourhood covering every study cell has a fixed sum: no information, z = 0.
    z[i] = spread > 0 ? (lag - mean * weight) / (sd * Math.sqrt(spread / (n - 1))) : 0;
  }
  return ok({ z, mean, sd });
}

const COLD_BIN = { 1: -1, 2: -2, 3: -3 } as const;

function binOf(z: number, pAdjusted: number): GiBin {
  if (z === 0) return 0;
  for (const level of GI_BIN_LEVELS) {
    if (pAdjusted <= level.alpha) return z > 0 ? level.bin : COLD_BIN[level.bin];
  }
  return 0;
}

function countBins(cells: readonly GiStarCell[]): GiBinCounts {
  const bins: GiBinCounts = { hot99: 0, hot95: 0, hot90: 0, notSignificant: 0, cold90: 0, cold95: 0, cold99: 0 };
  const names = ['cold99', 'cold95', 'cold90', 'notSignificant', 'hot90', 'hot95', 'hot99'] as const;
  for (const cell of cells) bins[names[cell.bin + 3]!] += 1;
  return bins;
}

/**
 * Gi* for every study cell with p-values, a multiple-testing correction and ArcGIS-style
 * bins. Expected failures (too few cells, no variation, bad values) come back as values.
 */
export function computeGiStar(neighbourhood: Neighbourhood, values: Float64Array, options: GiStarOptions = {}): Result<GiStarResult, GiStarFailure> {
  const correction = options.correction ?? 'fdr';
  const scored = giStarScores(neighbourhood, values);
  if (!scored.ok) return scored;
  const { z, mean, sd } = scored.value;
  const n = z.length;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = twoSidedNormalP(z[i]!);
  const adjusted = adjustPValues(p, correction);
  // p comes from twoSidedNormalP of finite z, so it is always in [0, 1].
  if (!adjusted.ok) throw new Error(`internal: ${adjusted.reason}`);
  const pAdjusted = adjusted.value;
  const cells: GiStarCell[] = new Array<GiStarCell>(n);
  for (let i = 0; i < n; i++) {
    const zi = z[i]!;
    cells[i] = { cell: neighbourhood.cells[i]!, value: values[i]!, z: zi, p: p[i]!, pAdjusted: pAdjusted[i]!, bin: binOf(zi, pAdjusted[i]!) };
  }
  return ok({
    cells,
    summary: { n, k: neighbourhood.k, h3Resolution: neighbourhood.h3Resolution, mean, sd, correction, bins: countBins(cells) },
  });
}
