// Mann-Kendall trend test (Mann 1945; Kendall 1975), as ArcGIS Emerging Hot Spot Analysis
// applies it to each location's series of Gi* z-scores. Normal approximation with the tie
// correction of the variance and a continuity correction of 1, as R's
// cor.test(seq_along(x), x, method = 'kendall', exact = FALSE, continuity = TRUE) computes it.
import { twoSidedNormalP } from './normal';

export interface TrendTest {
  /** Kendall's S: concordant minus discordant pairs (time order vs value). */
  s: number;
  variance: number;
  z: number;
  /** Two-sided p-value. */
  p: number;
  /** Sign of the trend when p < alpha, else 0. */
  direction: -1 | 0 | 1;
}

export function mannKendall(series: ArrayLike<number>, alpha = 0.05): TrendTest {
  const n = series.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = series[i]!;
    for (let j = i + 1; j < n; j++) s += Math.sign(series[j]! - xi);
  }
  // Ties in the values lower the variance of S.
  const tieSizes = new Map<number, number>();
  for (let i = 0; i < n; i++) tieSizes.set(series[i]!, (tieSizes.get(series[i]!) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of tieSizes.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (variance <= 0) return { s, variance, z: 0, p: 1, direction: 0 };
  const z = s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
  const p = twoSidedNormalP(z);
  return { s, variance, z, p, direction: p < alpha ? (Math.sign(z) as -1 | 1) : 0 };
}
