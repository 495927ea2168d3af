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
  const baseline = Object.freeze(
    [
      [['a', 3], ['b', 10], ['c', 0]],
      [['a', 2], ['b', 11], ['c', 1]],
      [['a', 4], ['b', 9]],
      [['a', 3], ['b', 10], ['c', 1]],
    ].map((w) => new Map(w as [string, number][])),
  );

  it('flags a cell whose count jumped beyond chance and leaves steady cells alone', () => {
    const current = new Map([['a', 19], ['b', 10], ['d', 1]]);
    const result = compareWithBaseline({ current, baseline, correction: 'fdr', alpha: 0.05 });
    if (!result.ok) throw new Error(result.reason);
    const a = result.value.cells.find((c) => c.cell === 'a')!;
    expect(a).toMatchObject({ count: 19, baselineMean: 3, change: 16, ratio: 19 / 3, direction: 1 });
    expect(a.p).toBeCloseTo(binomialTestTwoSided(19, 19 + 12, 1 / 5), 15);
    expect(result.value.cells.find((c) => c.cell === 'b')).toMatchObject({ baselineMean: 10, direction: 0 });
    // A new cell with one incident and none before is not a significant change.
    expect(result.value.cells.find((c) => c.cell === 'd')).toMatchObject({ ratio: null, direction: 0 });
    expect(result.value.borough).toMatchObject({ count: 30, baselineMean: 13.5 });
    expect(result.value.baselineWindows).toBe(4);
  });

  it('needs a baseline', () => {
    expect(compareWithBaseline({ current: new Map(), baseline: [], correction: 'fdr', alpha: 0.05 })).toEqual({
      ok: false,
      reason: 'need at least one baseline window',
    });
  });
});
