import { describe, expect, it } from 'vitest';
import type { LngLat } from '../types';
import { seededRandom } from '../seeded-random';
import { nearestNeighbourTour, orderStops, tourLength, twoOpt } from './tour';
import { walkingMatrix } from './walking';

/** n stops plus a start, spread over about 4 x 4.5 km of Tower Hamlets. */
function randomPoints(seed: number, n: number): LngLat[] {
  const random = seededRandom(seed);
  return Array.from({ length: n + 1 }, () => [-0.06 + random() * 0.06, 51.5 + random() * 0.04]);
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

function bruteForceLength(distance: Float64Array[]): number {
  const stops = Array.from({ length: distance.length - 1 }, (_, i) => i + 1);
  return Math.min(...permutations(stops).map((order) => tourLength(order, distance)));
}

const sorted = (order: number[]) => [...order].sort((a, b) => a - b);

describe('tour', () => {
  it('measures a closed tour through the start', () => {
    // Start at 0, stops on a line: 0 -> 1 -> 2 -> 0 walks 1 + 1 + 2.
    const d = [new Float64Array([0, 1, 2]), new Float64Array([1, 0, 1]), new Float64Array([2, 1, 0])];
    expect(tourLength([1, 2], d)).toBe(4);
    expect(tourLength([], d)).toBe(0);
    expect(nearestNeighbourTour(d)).toEqual([1, 2]);
  });

  it('undoes a crossing nearest neighbour leaves', () => {
    // A unit square with the start at one corner: the crossing tour 1, 3, 2 is longer than 1, 2, 3.
    const points: [number, number][] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    const d = points.map((a) => Float64Array.from(points, (b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
    const crossing = [1, 3, 2];
    expect(tourLength(crossing, d)).toBeCloseTo(2 + 2 * Math.SQRT2, 9);
    expect(twoOpt(crossing, d)).toEqual([1, 2, 3]);
    expect(tourLength(twoOpt(crossing, d), d)).toBe(4);
  });

  it('2-opt is never longer than nearest neighbour (400 seeded sets of 2-40 stops)', () => {
    let shorter = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const n = 2 + (seed % 39);
      const d = walkingMatrix(randomPoints(seed, n));
      const nn = nearestNeighbourTour(d);
      const improved = twoOpt(nn, d);
      expect(sorted(improved)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(tourLength(improved, d)).toBeLessThanOrEqual(tourLength(nn, d) + 1e-9);
      if (tourLength(improved, d) < tourLength(nn, d) - 1e-6) shorter += 1;
    }
    // Not vacuous: on most sets 2-opt finds something to improve.
    expect(shorter).toBeGreaterThan(200);
  });

  it('equals brute force on every set of up to 3 stops, and stays close on 4-7', () => {
    for (let n = 1; n <= 7; n++) {
      let exact = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const d = walkingMatrix(randomPoints(seed * 100 + n, n));
        const best = bruteForceLength(d);
        const ours = tourLength(orderStops(d), d);
        expect(ours).toBeGreaterThanOrEqual(best - 1e-6);
        if (n <= 3) expect(ours).toBeCloseTo(best, 6);
        // A 2-opt local optimum: measured at most 6% over the optimum on these sets.
        expect(ours / best).toBeLessThan(1.1);
        if (ours <= best + 1e-6) exact += 1;
      }
      // Measured 51-60 of 60 exact for 4-7 stops.
      expect(exact).toBeGreaterThanOrEqual(n <= 3 ? 60 : 45);
    }
  });
});
