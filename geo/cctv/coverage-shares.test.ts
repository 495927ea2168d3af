import { booleanPointInPolygon, distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { type CameraView, viewPolygon } from './camera-views';
import { hotCellsCoveredShare, incidentsCoveredShare, pointsCoveredShare } from './coverage-shares';

describe('share of incidents inside coverage, from cell counts', () => {
  it('is Σ w·f / Σ w, cells without a view counting 0', () => {
    const fractions = new Map([
      ['a', 0.5],
      ['c', 1],
    ]);
    const cells = Object.freeze([
      { cell: 'a', weight: 4 },
      { cell: 'b', weight: 6 },
      { cell: 'c', weight: 2 },
    ]);
    expect(incidentsCoveredShare(cells, fractions)).toBeCloseTo((4 * 0.5 + 2 * 1) / 12, 12);
  });

  it('is null when there is nothing to share', () => {
    expect(incidentsCoveredShare([], new Map())).toBeNull();
    expect(incidentsCoveredShare([{ cell: 'a', weight: 0 }], new Map([['a', 1]]))).toBeNull();
  });
});

describe('share of incidents inside coverage, from exact points', () => {
  const random = seededRandom(12);
  const cameras: CameraView[] = Array.from({ length: 40 }, (_, i) => ({
    id: `cam-${i}`,
    lng: -0.06 + random() * 0.04,
    lat: 51.5 + random() * 0.03,
    bearing: random() * 360,
    fieldOfView: i % 3 === 0 ? 360 : 20 + random() * 200,
    rangeMeters: 40 + random() * 160,
  }));
  const points = Array.from({ length: 4000 }, () => ({ lng: -0.062 + random() * 0.044, lat: 51.498 + random() * 0.034, weight: 1 + Math.floor(random() * 3) }));

  it("agrees with Turf's point-in-polygon on the view polygons, but for points within 0.1 m of a camera's range", () => {
    const views = cameras.map(viewPolygon);
    let coveredWeight = 0;
    let nearArcWeight = 0;
    let total = 0;
    for (const point of points) {
      total += point.weight;
      const position = [point.lng, point.lat];
      if (views.some((view) => booleanPointInPolygon(position, view))) coveredWeight += point.weight;
      const nearArc = cameras.some((c) => Math.abs(distance([c.lng, c.lat], position, { units: 'meters' }) - c.rangeMeters) < 0.1);
      if (nearArc) nearArcWeight += point.weight;
    }
    expect(coveredWeight).toBeGreaterThan(total * 0.05); // not vacuous
    expect(nearArcWeight).toBeLessThan(total * 0.001); // and the allowance is small
    const share = pointsCoveredShare(points, cameras)!;
    expect(Math.abs(share - coveredWeight / total)).toBeLessThanOrEqual(nearArcWeight / total);
  });

  it('counts a point seen by two cameras once, and weighs points (1 when no weight is given)', () => {
    const twin = cameras[0]!;
    const seen = { lng: twin.lng, lat: twin.lat };
    const unseen = { lng: twin.lng + 1, lat: twin.lat };
    expect(pointsCoveredShare([seen, unseen], [twin, { ...twin, id: 'twin' }])).toBe(0.5);
    expect(pointsCoveredShare([{ ...seen, weight: 3 }, unseen], [twin])).toBe(0.75);
    expect(pointsCoveredShare([], [twin])).toBeNull();
    expect(pointsCoveredShare([seen], [])).toBe(0);
  });
});

describe('share of hot-spot cells covered', () => {
  const fractions = new Map([
    ['a', 0.25],
    ['b', 0.2499],
    ['c', 0.9],
  ]);

  it('counts cells at or above the threshold (default 25%)', () => {
    expect(hotCellsCoveredShare(['a', 'b', 'c', 'd'], fractions)).toEqual({ covered: 2, total: 4, share: 0.5 });
    expect(hotCellsCoveredShare(['a', 'b', 'c', 'd'], fractions, 0.5)).toEqual({ covered: 1, total: 4, share: 0.25 });
    expect(hotCellsCoveredShare([], fractions)).toEqual({ covered: 0, total: 0, share: null });
  });
});
