import { describe, expect, it } from 'vitest';
import { createRandom, cumulative } from './random';

const draws = (seed: number, stream: string, n: number) => {
  const random = createRandom(seed, stream);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('repeats exactly for the same seed and stream, and differs for another seed or stream', () => {
    expect(draws(7, 'a', 100)).toEqual(draws(7, 'a', 100));
    expect(draws(7, 'a', 100)).not.toEqual(draws(8, 'a', 100));
    expect(draws(7, 'a', 100)).not.toEqual(draws(7, 'b', 100));
  });

  it('draws uniform numbers in [0, 1) with the right mean and spread', () => {
    const xs = draws(1, 'uniform', 50_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
    // Deciles hold about a tenth each (a broken generator clumps).
    const deciles = new Array<number>(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]! += 1;
    for (const n of deciles) expect(Math.abs(n - 5_000)).toBeLessThan(300);
  });

  it('draws normal deviates with mean 0 and variance 1', () => {
    const random = createRandom(2, 'normal');
    const xs = Array.from({ length: 40_000 }, () => random.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    expect(xs.filter((x) => Math.abs(x) > 1.96).length / xs.length).toBeCloseTo(0.05, 2);
  });

  it('draws Poisson counts whose mean and variance equal lambda', () => {
    for (const lambda of [0.3, 4, 40]) {
      const random = createRandom(3, `poisson ${lambda}`);
      const xs = Array.from({ length: 20_000 }, () => random.poisson(lambda));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(Math.abs(mean - lambda) / lambda).toBeLessThan(0.03);
      expect(Math.abs(variance - lambda) / lambda).toBeLessThan(0.06);
    }
    expect(createRandom(3).poisson(0)).toBe(0);
  });

  it('picks indices in proportion to their weights, never a zero weight', () => {
    const random = createRandom(4, 'pick');
    const table = cumulative([1, 0, 3, 6]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[random.pick(table)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[0]! / 20_000).toBeCloseTo(0.1, 1);
    expect(counts[2]! / 20_000).toBeCloseTo(0.3, 1);
    expect(counts[3]! / 20_000).toBeCloseTo(0.6, 1);
  });
});
