import { kinks } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { findEdgeCrossing } from './edge-crossings';
import { seededRandom } from './seeded-random';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

type Ring = [number, number][];
const polygon = (...rings: Ring[]): GeoJSON.Polygon => deepFreeze({ type: 'Polygon', coordinates: rings });
const multi = (...polygons: Ring[][]): GeoJSON.MultiPolygon => deepFreeze({ type: 'MultiPolygon', coordinates: polygons });
const square = (x: number, y: number, size: number): Ring => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('findEdgeCrossing', () => {
  it('finds a bow-tie: where it crosses and which edges', () => {
    const bowTie = polygon([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(findEdgeCrossing(bowTie)).toEqual({ at: [0.5, 0.5], first: { polygon: 0, ring: 0, edge: 0 }, second: { polygon: 0, ring: 0, edge: 2 } });
  });

  it('finds a hole that crosses its outline, and two parts that cross', () => {
    const hole = polygon(square(0, 0, 4), square(3, 1, 2));
    expect(findEdgeCrossing(hole)).toMatchObject({ at: [4, 1], first: { polygon: 0, ring: 0, edge: 1 }, second: { polygon: 0, ring: 1, edge: 0 } });
    const parts = multi([square(0, 0, 2)], [square(1, 1, 2)]);
    expect(findEdgeCrossing(parts)).toMatchObject({ first: { polygon: 0, ring: 0 }, second: { polygon: 1, ring: 0 } });
    expect([JSON.stringify([2, 1]), JSON.stringify([1, 2])]).toContain(JSON.stringify(findEdgeCrossing(parts)!.at));
  });

  it('passes simple areas, holes inside, and parts apart', () => {
    expect(findEdgeCrossing(polygon(square(0, 0, 1)))).toBeNull();
    expect(findEdgeCrossing(polygon(square(0, 0, 4), square(1, 1, 1), square(2.5, 2.5, 1)))).toBeNull();
    expect(findEdgeCrossing(multi([square(0, 0, 1)], [square(2, 2, 1)]))).toBeNull();
  });

  it('passes touching, as real boundary files do: parts or a hole meeting at a vertex, a repeated vertex, a zero-area hole', () => {
    // Two parts sharing one corner (the ONS LSOA 2011 file has one such area).
    expect(findEdgeCrossing(multi([square(0, 0, 1)], [square(1, 1, 1)]))).toBeNull();
    // A hole touching the outline at one vertex.
    const touchingHole: Ring = [
      [0, 0],
      [1, 1],
      [2, 1],
      [0, 0],
    ];
    expect(findEdgeCrossing(polygon(square(0, 0, 4), touchingHole))).toBeNull();
    // A vertex given twice in a row (the LSOA 2021 file has two).
    expect(
      findEdgeCrossing(
        polygon([
          [0, 0],
          [1, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toBeNull();
    // A hole that folds back on itself to nothing, on the outline's vertex (the TfL road layer).
    const zeroAreaHole: Ring = [
      [0, 0],
      [1, 1],
      [0, 0],
      [0, 0],
    ];
    expect(findEdgeCrossing(polygon(square(0, 0, 4), zeroAreaHole))).toBeNull();
    // A hole vertex on an outline edge (a T): 0.7 * 0.1 is a hair outside the edge from (0, 0)
    // to (3, 0.3) in floating point, which must not read as the hole crossing it.
    const onEdge: [number, number] = [0.7, 0.7 * 0.1];
    const tee = polygon(
      [
        [0, 0],
        [3, 0.3],
        [3, 3],
        [0, 3],
        [0, 0],
      ],
      [onEdge, [1.5, 1], [0.7, 1], onEdge],
    );
    expect(findEdgeCrossing(tee)).toBeNull();
  });

  it("agrees with Turf's kinks on 2,000 seeded random rings (no touching there, so every kink is a crossing)", () => {
    const random = seededRandom(20);
    let crossing = 0;
    for (let n = 0; n < 2000; n++) {
      const size = 3 + Math.floor(random() * 10);
      const ring: Ring = Array.from({ length: size }, () => [-0.1 + random() * 0.1, 51.45 + random() * 0.1]);
      ring.push(ring[0]!);
      const holes: Ring[] = random() < 0.3 ? [square(-0.06 + random() * 0.02, 51.49 + random() * 0.02, 0.01 + random() * 0.02)] : [];
      const geometry = polygon(ring, ...holes);
      const found = findEdgeCrossing(geometry);
      const reference = kinks(geometry).features.map((f) => f.geometry.coordinates);
      expect(found !== null, JSON.stringify(geometry.coordinates)).toBe(reference.length > 0);
      if (found) {
        crossing += 1;
        expect(reference.some(([x, y]) => Math.abs(x! - found.at[0]) < 1e-9 && Math.abs(y! - found.at[1]) < 1e-9)).toBe(true);
      }
    }
    // Both kinds were seen.
    expect(crossing).toBeGreaterThan(500);
    expect(crossing).toBeLessThan(1900);
  });
});
