import { describe, expect, it } from 'vitest';
import { adjustPValues, type Correction } from './multiple-testing';

function adjusted(p: readonly number[], correction: Correction): number[] {
  const result = adjustPValues(p, correction);
  if (!result.ok) throw new Error(result.reason);
  return [...result.value];
}

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 14));
}

// Reference vectors printed by R 4.x (stats::p.adjust):
//   Rscript -e 'p <- c(0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.04, 0.9, 1, 0.0001);
//     cat(sprintf("%.17g", p.adjust(p,"BH")), sep=", "); cat("\n");
//     cat(sprintf("%.17g", p.adjust(p,"holm")), sep=", ")'
// and the same for q and r below.
const P = Object.freeze([0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.04, 0.9, 1, 0.0001]);
const P_BH = [
  0.033333333333333333, 0.066666666666666666, 0.066666666666666666, 0.025000000000000001, 0.28571428571428575, 0.625, 0.066666666666666666, 1, 1, 0.001,
];
const P_HOLM = [0.080000000000000002, 0.23999999999999999, 0.20999999999999999, 0.044999999999999998, 0.80000000000000004, 1, 0.23999999999999999, 1, 1, 0.001];

// Ties in p (q <- c(0.3, 0.3, 0.3, 0.01, 0.02, 0.02, 0.7)).
const Q = Object.freeze([0.3, 0.3, 0.3, 0.01, 0.02, 0.02, 0.7]);
const Q_BH = [
  0.35000000000000003, 0.35000000000000003, 0.35000000000000003, 0.046666666666666669, 0.046666666666666669, 0.046666666666666669, 0.69999999999999996,
];
const Q_HOLM = [1, 1, 1, 0.070000000000000007, 0.12, 0.12, 1];

// Near the 0.05 line (r <- c(1e-12, 0.049, 0.051, 0.0251, 0.2, 0.0009)).
const R = Object.freeze([1e-12, 0.049, 0.051, 0.0251, 0.2, 0.0009]);
const R_BH = [6.0000000000000003e-12, 0.061199999999999991, 0.061199999999999991, 0.050200000000000002, 0.20000000000000001, 0.0027000000000000001];
const R_HOLM = [6.0000000000000003e-12, 0.14700000000000002, 0.14700000000000002, 0.1004, 0.20000000000000001, 0.0044999999999999997];

describe('adjustPValues', () => {
  it('matches R p.adjust(method = "BH")', () => {
    expectClose(adjusted(P, 'fdr'), P_BH);
    expectClose(adjusted(Q, 'fdr'), Q_BH);
    expectClose(adjusted(R, 'fdr'), R_BH);
  });

  it('matches R p.adjust(method = "holm")', () => {
    expectClose(adjusted(P, 'holm'), P_HOLM);
    expectClose(adjusted(Q, 'holm'), Q_HOLM);
    expectClose(adjusted(R, 'holm'), R_HOLM);
  });

  it('leaves p unchanged for "none" and accepts typed arrays', () => {
    expect(adjusted(P, 'none')).toEqual(P);
    const typed = adjustPValues(Float64Array.from(P), 'fdr');
    expect(typed.ok && [...typed.value]).toEqual(adjusted(P, 'fdr'));
  });

  it('is monotone in p and never below p: Holm is at least as strict as BH', () => {
    const p = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 1000) / 1000 + 1e-6 * i);
    const bh = adjusted(p, 'fdr');
    const holm = adjusted(p, 'holm');
    const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
    for (let r = 1; r < order.length; r++) {
      expect(bh[order[r]!]!).toBeGreaterThanOrEqual(bh[order[r - 1]!]!);
      expect(holm[order[r]!]!).toBeGreaterThanOrEqual(holm[order[r - 1]!]!);
    }
    p.forEach((value, i) => {
      expect(bh[i]!).toBeGreaterThanOrEqual(value);
      expect(holm[i]!).toBeGreaterThanOrEqual(bh[i]!);
      expect(holm[i]!).toBeLessThanOrEqual(1);
    });
  });

  it('handles the empty list and a single p-value', () => {
    expect(adjusted([], 'fdr')).toEqual([]);
    expect(adjusted([0.03], 'fdr')).toEqual([0.03]);
    expect(adjusted([0.03], 'holm')).toEqual([0.03]);
  });

  it('refuses p-values that are not probabilities, naming the position', () => {
    const nan = adjustPValues([0.1, Number.NaN], 'fdr');
    expect(nan.ok).toBe(false);
    expect(!nan.ok && nan.reason).toMatch(/p-value 2 is NaN/);
    expect(adjustPValues([1.2], 'holm').ok).toBe(false);
    expect(adjustPValues([-0.1], 'none').ok).toBe(false);
  });
});
