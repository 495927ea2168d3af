// Exact binomial test, two-sided as R's binom.test computes it: the p-value sums the
// probabilities of all outcomes no more likely than the one observed (with R's relative
// tolerance 1 + 1e-7 for ties in floating point).

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xm = x - 1;
  let a = c[0]!;
  const t = xm + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}

export function binomialLogPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p === 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** Two-sided exact binomial test p-value of k successes in n trials with success probability p. */
export function binomialTestTwoSided(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  const observed = binomialLogPmf(k, n, p);
  const threshold = observed + Math.log1p(1e-7);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const logP = binomialLogPmf(i, n, p);
    if (logP <= threshold) total += Math.exp(logP);
  }
  return Math.min(1, total);
}

/** One-sided exact binomial test: P(X >= k) for X ~ Binomial(n, p), as R's binom.test(k, n, p, alternative = "greater"). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // One log-gamma, then the ratio of successive terms; past the mode the terms only shrink, so
  // the sum stops once they no longer change it (n is a borough's incidents: thousands).
  let term = Math.exp(binomialLogPmf(k, n, p));
  const ratio = p / (1 - p);
  let total = 0;
  for (let i = k; i <= n; i++) {
    total += term;
    if (i > n * p && term <= total * 1e-17) break;
    term *= ((n - i) / (i + 1)) * ratio;
  }
  return Math.min(1, total);
}
