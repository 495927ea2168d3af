// Does an area's outline cross itself? A bow-tie ring, an edge folded over another, a hole that
// crosses its outline, or two parts of a MultiPolygon that cross make point-in-polygon answers
// (and areas, and unions) wrong without a word, so the importer refuses them.
//
// What counts: two edges (of any rings of any parts) that cross properly, each passing through
// the other's interior. Touching is allowed, as OGC Simple Features allows it for holes and
// parts and as real boundary files do it: parts or a hole meeting the outline at a vertex (the
// ONS LSOA 2011 file), a vertex repeated (LSOA 2021), a degenerate zero-area hole (the TfL
// road layer). Turf's `kinks` reports all of those too, so it cannot be the test; and it
// compares every edge with every other, 3 s on the 15,545-position road layer. Here a sweep
// over longitude compares only edges whose boxes overlap: 12 ms on the same layer, once warm.
import type { AreaGeometry } from './study-area';

/** Where an edge is: 0-based part (polygon), ring (0 the outline, then holes) and edge index. */
export interface EdgePlace {
  polygon: number;
  ring: number;
  /** Edge k runs from position k to position k + 1 of the ring. */
  edge: number;
}

export interface EdgeCrossing {
  /** The crossing point, [lng, lat]. */
  at: [number, number];
  first: EdgePlace;
  second: EdgePlace;
}

/**
 * Distance (in degrees, ~0.1 mm) within which a vertex counts as on a line rather than to one
 * side: floating-point noise on a vertex that touches an edge must not read as a crossing.
 */
const ON_LINE_DEGREES = 1e-9;

interface Edge extends EdgePlace {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  length: number;
}

function edgesOf(geometry: AreaGeometry): Edge[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const edges: Edge[] = [];
  polygons.forEach((rings, polygon) =>
    rings.forEach((ring, r) => {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x1, y1] = ring[k]!;
        const [x2, y2] = ring[k + 1]!;
        if (x1 === x2 && y1 === y2) continue;
        edges.push({
          polygon,
          ring: r,
          edge: k,
          x1: x1!,
          y1: y1!,
          x2: x2!,
          y2: y2!,
          minX: Math.min(x1!, x2!),
          maxX: Math.max(x1!, x2!),
          minY: Math.min(y1!, y2!),
          maxY: Math.max(y1!, y2!),
          length: Math.hypot(x2! - x1!, y2! - y1!),
        });
      }
    }),
  );
  return edges;
}

/** Which side of edge e the point lies on: 1 left, -1 right, 0 on its line (within ON_LINE_DEGREES). */
function side(e: Edge, x: number, y: number): number {
  const cross = (e.x2 - e.x1) * (y - e.y1) - (e.y2 - e.y1) * (x - e.x1);
  const tolerance = ON_LINE_DEGREES * e.length;
  return cross > tolerance ? 1 : cross < -tolerance ? -1 : 0;
}

/** The point where a and b cross properly, or null when they do not (touching is not crossing). */
function properCrossing(a: Edge, b: Edge): [number, number] | null {
  if (side(a, b.x1, b.y1) * side(a, b.x2, b.y2) !== -1) return null;
  if (side(b, a.x1, a.y1) * side(b, a.x2, a.y2) !== -1) return null;
  const dx = a.x2 - a.x1;
  const dy = a.y2 - a.y1;
  const ex = b.x2 - b.x1;
  const ey = b.y2 - b.y1;
  const t = ((b.x1 - a.x1) * ey - (b.y1 - a.y1) * ex) / (dx * ey - dy * ex);
  return [a.x1 + t * dx, a.y1 + t * dy];
}

/** The first proper crossing between edges of the geometry (westernmost edges first), or null. */
export function findEdgeCrossing(geometry: AreaGeometry): EdgeCrossing | null {
  const edges = edgesOf(geometry).sort((a, b) => a.minX - b.minX);
  // Edges whose longitude range still reaches the sweep line.
  const active: Edge[] = [];
  for (const edge of edges) {
    let kept = 0;
    for (const other of active) {
      if (other.maxX < edge.minX) continue;
      active[kept++] = other;
      if (other.maxY < edge.minY || other.minY > edge.maxY) continue;
      const at = properCrossing(other, edge);
      if (at) {
        const [first, second] = [other, edge].sort((a, b) => a.polygon - b.polygon || a.ring - b.ring || a.edge - b.edge) as [Edge, Edge];
        return { at, first: placeOf(first), second: placeOf(second) };
      }
    }
    active.length = kept;
    active.push(edge);
  }
  return null;
}

const placeOf = (e: Edge): EdgePlace => ({ polygon: e.polygon, ring: e.ring, edge: e.edge });
