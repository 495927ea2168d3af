import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided } from './binomial';
import { compareWithBaseline } from './change';

describe('binomialTestTwoSided', () => {
  // References: R 4.2, binom.test(k, n, p)$p.value
  it.each([
    [12, 20, 0.2, 0.000101728765157049],
    [3, 40, 0.2, 0.0478694633883931],
    [0, 10, 0.25, 0.0760412216186524],
    [57, 200, 1 / 5, 0.00446454231727019],
    [9, 9, 0.5, 0.00390625],
  ])('k=%d n=%d p=%d matches R binom.test', (k, n, p, expected) => {
    expect(binomialTestTwoSided(k, n, p)).toBeCloseTo(expected, 12);
  });
});

describe('compareWithBaseline', () => {
  const equal = (counts: [string, number][][]) => Object.freeze(counts.map((w) => ({ counts: new Map(w), days: 28 })));
  const baseline = equal([
    [
      ['a', 3],
      ['b', 10],
      ['c', 0],
    ],
    [
      ['a', 2],
      ['b', 11],
      ['c', 1],
    ],
    [
      ['a', 4],
      ['b', 9],
    ],
    [
      ['a', 3],
      ['b', 10],
      ['c', 1],
    ],
  ]);

  it('flags a cell whose count jumped beyond chance and leaves steady cells alone (equal windows: 1 / (N + 1))', () => {
    const current = new Map([
      ['a', 19],
      ['b', 10],
      ['d', 1],
    ]);
    const result = compareWithBaseline({ current, currentDays: 28, baseline, correction: 'fdr', alpha: 0.05 });
    if (!result.ok) throw new Error(result.reason);
    const a = result.value.cells.find((c) => c.cell === 'a')!;
    expect(a).toMatchObject({ count: 19, expected: 3, change: 16, ratio: 19 / 3, direction: 1 });
    // R: binom.test(19, 31, 1/5)$p.value
    expect(a.p).toBeCloseTo(5.95949410042014e-7, 18);
    expect(result.value.cells.find((c) => c.cell === 'b')).toMatchObject({ expected: 10, direction: 0 });
    // A new cell with one incident and none before is not a significant change.
    expect(result.value.cells.find((c) => c.cell === 'd')).toMatchObject({ ratio: null, direction: 0 });
    expect(result.value.borough).toMatchObject({ count: 30, expected: 13.5 });
    expect(result.value).toMatchObject({ baselineWindows: 4, exposure: { days: 28, baselineDays: 112 } });
  });

  it('weighs February (28 days) against October to January (123 days) by days, not by windows', () => {
    // 870 in February against 1000, 970, 1010 and 980: equal windows would read a 12% fall
    // (p = 0.0005); per day it is 870 against 901.5 expected, a 3.5% fall (p = 0.355).
    // Figures worked in Python with an exact binomial test of its own.
    const months = [31, 30, 31, 31].map((days, k) => ({ counts: new Map([['x', [1000, 970, 1010, 980][k]!]]), days }));
    const result = compareWithBaseline({ current: new Map([['x', 870]]), currentDays: 28, baseline: months, correction: 'none', alpha: 0.05 });
    if (!result.ok) throw new Error(result.reason);
    const x = result.value.borough;
    expect(x.expected).toBeCloseTo(901.4634146, 6);
    expect(x.ratio).toBeCloseTo(0.9650974, 6);
    expect(x.p).toBeCloseTo(0.35464601, 6);
    expect(x.direction).toBe(0);
    expect(x.ratePerDay).toBeCloseTo(870 / 28, 12);
    expect(x.baselineRatePerDay).toBeCloseTo(3960 / 123, 12);
  });

  it('needs a baseline and windows of at least a day', () => {
    expect(compareWithBaseline({ current: new Map(), currentDays: 28, baseline: [], correction: 'fdr', alpha: 0.05 })).toEqual({
      ok: false,
      reason: 'need at least one baseline window',
    });
    expect(compareWithBaseline({ current: new Map(), currentDays: 0, baseline, correction: 'fdr', alpha: 0.05 }).ok).toBe(false);
  });
});
