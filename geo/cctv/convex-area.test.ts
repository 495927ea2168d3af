import { describe, expect, it } from 'vitest';
import { clipToConvex, ringArea, unionAreaOfConvex } from './convex-area';
import type { PlanePoint } from './local-plane';

const square = (x: number, y: number, side: number): PlanePoint[] => [
  [x, y],
  [x + side, y],
  [x + side, y + side],
  [x, y + side],
];

describe('convex clipping and union areas', () => {
  it('clips a convex polygon to another (hand-computed areas)', () => {
    expect(ringArea(clipToConvex(square(0, 0, 2), square(1, 1, 2)))).toBeCloseTo(1, 12);
    // Triangle (0,0) (2,0) (1,2) in the box 0 ≤ x ≤ 1.5, 0 ≤ y ≤ 1: at height y it spans
    // y/2 .. 1.5 (the box's side), so the area is ∫₀¹ (1.5 − y/2) dy = 1.25.
    const triangle: PlanePoint[] = [
      [0, 0],
      [2, 0],
      [1, 2],
    ];
    const box: PlanePoint[] = [
      [0, 0],
      [1.5, 0],
      [1.5, 1],
      [0, 1],
    ];
    expect(ringArea(clipToConvex(triangle, box))).toBeCloseTo(1.25, 12);
    expect(clipToConvex(square(0, 0, 1), square(5, 5, 1))).toEqual([]);
  });

  it('measures the union of overlapping, nested, touching and identical polygons exactly', () => {
    expect(unionAreaOfConvex([square(0, 0, 2), square(1, 1, 2)])).toBeCloseTo(7, 9);
    expect(unionAreaOfConvex([square(0, 0, 4), square(1, 1, 1)])).toBeCloseTo(16, 9);
    expect(unionAreaOfConvex([square(0, 0, 1), square(1, 0, 1)])).toBeCloseTo(2, 9); // shared edge
    expect(unionAreaOfConvex([square(0, 0, 1), square(0, 0, 1), square(0, 0, 1)])).toBeCloseTo(1, 9);
    expect(unionAreaOfConvex([square(0, 0, 1), square(3, 3, 1)])).toBeCloseTo(2, 9);
    // Three squares: pairwise overlaps 2, 1.5 and 1.5, all three 1: 12 − 5 + 1 = 8.
    expect(unionAreaOfConvex([square(0, 0, 2), square(1, 0, 2), square(0.5, 1, 2)])).toBeCloseTo(8, 9);
    // The diamond |x − 1| + |y − 1| ≤ 1.5 (area 4.5) over the square [0, 2]²: it cuts four corner
    // triangles of 0.125 off the square, so they share 3.5 and the union is 4 + 4.5 − 3.5 = 5.
    const diamond: PlanePoint[] = [
      [1, -0.5],
      [2.5, 1],
      [1, 2.5],
      [-0.5, 1],
    ];
    expect(unionAreaOfConvex([square(0, 0, 2), diamond])).toBeCloseTo(5, 9);
    expect(unionAreaOfConvex([])).toBe(0);
  });
});
