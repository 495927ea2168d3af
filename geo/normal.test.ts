import { describe, expect, it } from 'vitest';
import { normalCdf, normalSurvival, twoSidedNormalP } from './normal';

/** |actual - expected| <= relative * |expected| (exact match required at 0). */
function expectRelative(actual: number, expected: number, relative: number): void {
  if (expected === 0) {
    expect(actual).toBe(0);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(relative);
}

// Reference values from R 4.x (nmath pnorm), printed with 17 significant digits by:
//   Rscript -e 'x <- c(1.959963984540054, -8, 0, 0.5, -0.67448975, 0.67448976, -1, 2.5,
//     -5.6568542494923801952, -5.66, 6, -10, -20, -37.5, -38, 8.3, 3);
//     for (v in x) cat(sprintf("%.17g %.17g %.17g\n", v, pnorm(v), pnorm(v, lower.tail=FALSE)))'
// Columns: x, pnorm(x), pnorm(x, lower.tail = FALSE). Each range of Cody's algorithm is hit.
const R_PNORM: readonly (readonly [number, number, number])[] = Object.freeze([
  [1.959963984540054, 0.97499999999999998, 0.025000000000000012],
  [-8, 6.2209605742717849e-16, 0.99999999999999933],
  [0, 0.5, 0.5],
  [0.5, 0.69146246127401301, 0.30853753872598694],
  [-0.67448975, 0.25000000006231027, 0.74999999993768973],
  [0.67448976000000005, 0.75000000311545556, 0.24999999688454444],
  [-1, 0.15865525393145705, 0.84134474606854293],
  [2.5, 0.99379033467422384, 0.0062096653257761349],
  [-5.6568542494923806, 7.7086289501399918e-9, 0.99999999229137104],
  [-5.66, 7.5686497519977138e-9, 0.99999999243135029],
  [6, 0.9999999990134123, 9.8658764503769809e-10],
  [-10, 7.6198530241605269e-24, 1],
  [-20, 2.7536241186062337e-89, 1],
  [-37.5, 4.6053530095819552e-308, 1],
  [-38, 0, 1],
  [8.3, 1, 5.2055697448902552e-17],
  [3, 0.9986501019683699, 0.0013498980316300946],
]);

// Two-sided p-values from R:
//   Rscript -e 'z <- c(0, 0.1, 0.6744897, 1, 1.6448536269514722, 1.959963984540054, 2.5758293035489004,
//     3.5, 5.656854, 6, 8, 12, 30, 37.6); for (v in z) cat(sprintf("[%.17g, %.17g],\n", v, 2*pnorm(abs(v), lower.tail=FALSE)))'
const R_TWO_SIDED: readonly (readonly [number, number])[] = Object.freeze([
  [0, 1],
  [0.1, 0.92034432544594202],
  [0.6744897, 0.50000003190227826],
  [1, 0.31731050786291409],
  [1.6448536269514722, 0.10000000000000009],
  [1.959963984540054, 0.050000000000000024],
  [2.5758293035489004, 0.010000000000000007],
  [3.5, 0.00046525815807104987],
  [5.656854, 1.5417280302236213e-8],
  [6, 1.9731752900753962e-9],
  [8, 1.244192114854357e-15],
  [12, 3.5529642241553581e-33],
  [30, 9.8134278542963744e-198],
  [37.6, 0],
]);

describe('normalCdf and normalSurvival', () => {
  it.each(R_PNORM)('match R pnorm at x = %s to 1e-13 relative', (x, lower, upper) => {
    expectRelative(normalCdf(x), lower, 1e-13);
    expectRelative(normalSurvival(x), upper, 1e-13);
  });

  it('gives the textbook quantiles', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expectRelative(normalCdf(-8), 6.22096057427178e-16, 1e-12);
  });

  it('is symmetric: Φ(-x) = 1 - Φ(x) = survival(x)', () => {
    for (const x of [0.3, 0.9, 2, 4.4, 7, 12]) {
      expect(normalCdf(-x)).toBe(normalSurvival(x));
      expect(normalCdf(x) + normalSurvival(x)).toBeCloseTo(1, 15);
    }
  });

  it('is monotone across the range boundaries of the approximation', () => {
    let previous = 0;
    for (let x = -40; x <= 10; x += 0.01) {
      const value = normalCdf(x);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });

  it('passes NaN through and saturates at the infinities', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalSurvival(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalSurvival(Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('twoSidedNormalP', () => {
  it.each(R_TWO_SIDED)('matches R 2*pnorm(-|z|) at z = %s to 1e-13 relative', (z, p) => {
    expectRelative(twoSidedNormalP(z), p, 1e-13);
    expectRelative(twoSidedNormalP(-z), p, 1e-13);
  });

  it('keeps resolution far in the tail, where 1 - Φ(z) would round to 0', () => {
    expect(1 - normalCdf(9)).toBe(0);
    expect(twoSidedNormalP(9)).toBeGreaterThan(0);
    expect(twoSidedNormalP(Number.NaN)).toBeNaN();
  });
});
