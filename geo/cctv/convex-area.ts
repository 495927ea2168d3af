// Exact areas of convex polygons in a flat frame: one convex polygon clipped to another, and
// the area of the union of several convex polygons. Rings are open (no closing repeat) and
// counterclockwise.
//
// The union's area is integrated in vertical slabs: cut the x axis at every vertex and at every
// crossing of two edges from different polygons. Inside one slab each polygon meets a vertical
// line in one interval whose ends move linearly, and no two ends change order, so the length of
// the union of the intervals is linear in x and the slab's area is its width times that length
// at the slab's middle: exact up to rounding, whatever the polygons' overlaps or shared edges.
import type { PlanePoint } from './local-plane';
import { twiceSignedArea } from './local-plane';

/** Area of an open ring (absolute value), in the frame's square units. */
export function ringArea(ring: readonly PlanePoint[]): number {
  return Math.abs(twiceSignedArea(ring)) / 2;
}

/**
 * `subject` ∩ `clip` for a convex counterclockwise `clip` (Sutherland–Hodgman); with a convex
 * subject the result is convex. Empty array when they do not overlap.
 */
export function clipToConvex(subject: readonly PlanePoint[], clip: readonly PlanePoint[]): PlanePoint[] {
  let output: PlanePoint[] = [...subject];
  for (let c = 0; c < clip.length && output.length > 0; c++) {
    const [ax, ay] = clip[c]!;
    const [bx, by] = clip[(c + 1) % clip.length]!;
    const ex = bx - ax;
    const ey = by - ay;
    const input = output;
    output = [];
    // Left of (or on) the clip edge a→b is inside for a counterclockwise clip polygon.
    const side = (p: PlanePoint) => ex * (p[1] - ay) - ey * (p[0] - ax);
    let previous = input[input.length - 1]!;
    let previousSide = side(previous);
    for (const current of input) {
      const currentSide = side(current);
      if (currentSide >= 0) {
        if (previousSide < 0) output.push(crossing(previous, current, previousSide, currentSide));
        output.push(current);
      } else if (previousSide >= 0) {
        output.push(crossing(previous, current, previousSide, currentSide));
      }
      previous = current;
      previousSide = currentSide;
    }
  }
  return output.length >= 3 ? output : [];
}

function crossing(p: PlanePoint, q: PlanePoint, pSide: number, qSide: number): PlanePoint {
  const t = pSide / (pSide - qSide);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** x of the crossing of segments p1-p2 and q1-q2 when they properly cross, else NaN. */
function crossingX(p1: PlanePoint, p2: PlanePoint, q1: PlanePoint, q2: PlanePoint): number {
  const rx = p2[0] - p1[0];
  const ry = p2[1] - p1[1];
  const sx = q2[0] - q1[0];
  const sy = q2[1] - q1[1];
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return NaN;
  const qpx = q1[0] - p1[0];
  const qpy = q1[1] - p1[1];
  const t = (qpx * sy - qpy * sx) / denominator;
  const u = (qpx * ry - qpy * rx) / denominator;
  return t > 0 && t < 1 && u > 0 && u < 1 ? p1[0] + t * rx : NaN;
}

/** The interval [low, high] where the vertical line at x meets a convex ring, or null. */
function verticalInterval(ring: readonly PlanePoint[], x: number): [number, number] | null {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j]!;
    const [x2, y2] = ring[i]!;
    if ((x1 - x) * (x2 - x) >= 0) continue; // x is never a vertex's x (slab middles), so this skips non-spanning edges
    const y = y1 + ((x - x1) * (y2 - y1)) / (x2 - x1);
    if (y < low) low = y;
    if (y > high) high = y;
  }
  return low <= high ? [low, high] : null;
}

/** Area of the union of convex counterclockwise rings (exact up to rounding, see the file comment). */
export function unionAreaOfConvex(rings: readonly (readonly PlanePoint[])[]): number {
  if (rings.length === 0) return 0;
  if (rings.length === 1) return ringArea(rings[0]!);
  const cuts: number[] = [];
  for (const ring of rings) for (const [x] of ring) cuts.push(x);
  for (let a = 0; a < rings.length; a++) {
    for (let b = a + 1; b < rings.length; b++) {
      const ringA = rings[a]!;
      const ringB = rings[b]!;
      for (let i = 0, j = ringA.length - 1; i < ringA.length; j = i++) {
        for (let m = 0, n = ringB.length - 1; m < ringB.length; n = m++) {
          const x = crossingX(ringA[j]!, ringA[i]!, ringB[n]!, ringB[m]!);
          if (!Number.isNaN(x)) cuts.push(x);
        }
      }
    }
  }
  cuts.sort((p, q) => p - q);
  let area = 0;
  const intervals: [number, number][] = [];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const width = cuts[c + 1]! - cuts[c]!;
    if (width <= 1e-9) continue;
    const x = cuts[c]! + width / 2;
    intervals.length = 0;
    for (const ring of rings) {
      const interval = verticalInterval(ring, x);
      if (interval) intervals.push(interval);
    }
    if (intervals.length === 0) continue;
    intervals.sort((p, q) => p[0] - q[0]);
    let length = 0;
    let [start, end] = intervals[0]!;
    for (let k = 1; k < intervals.length; k++) {
      const [low, high] = intervals[k]!;
      if (low > end) {
        length += end - start;
        start = low;
        end = high;
      } else if (high > end) {
        end = high;
      }
    }
    length += end - start;
    area += width * length;
  }
  return area;
}
