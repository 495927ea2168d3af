import { describe, expect, it } from 'vitest';
import { mannKendall } from './mann-kendall';

describe('mannKendall', () => {
  // References from R 4.2 (Debian), for x in each case:
  //   t <- cor.test(seq_along(x), x, method = 'kendall', exact = FALSE, continuity = TRUE)
  //   c(t$statistic, t$p.value)
  it.each([
    { x: [1.2, 2.5, 2.1, 3.8, 4.0, 5.2, 4.9, 6.3], z: 2.84551204100601263, p: 0.00443400830310065 },
    { x: [3, 1, 4, 1, 5, 9, 2, 6, 5, 3], z: 0.995893206467704, p: 0.319302036482855 },
    { x: [5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0], z: -4.10408922747749, p: 4.05910790509994e-5 },
  ])('matches R cor.test(kendall) for %j', ({ x, z, p }) => {
    const result = mannKendall(Object.freeze(x));
    expect(result.z).toBeCloseTo(z, 10);
    expect(result.p).toBeCloseTo(p, 12);
  });

  it('reports a direction only when the trend is significant', () => {
    expect(mannKendall([1, 2, 3, 4, 5, 6, 7, 8]).direction).toBe(1);
    expect(mannKendall([8, 7, 6, 5, 4, 3, 2, 1]).direction).toBe(-1);
    expect(mannKendall([1, 3, 2, 4, 3, 2]).direction).toBe(0);
  });

  it('treats a constant series as no trend, not NaN', () => {
    expect(mannKendall([2, 2, 2, 2])).toEqual({ s: 0, variance: 0, z: 0, p: 1, direction: 0 });
  });
});
