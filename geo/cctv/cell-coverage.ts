// The covered fraction of H3 cells: area of (union of the camera views ∩ cell) / cell area,
// for every cell some view overlaps (docs/decisions/029-cctv-coverage-model.md).
//
// Method: exact polygon clipping in a flat local frame (geo/cctv/local-plane.ts), not
// sampling. Each view is split into convex parts (camera-views.ts); for each camera the
// candidate cells are the grid disk around its own cell wide enough to hold every cell its
// range can reach, kept when their bounding boxes meet the view's; each convex part is
// clipped to each candidate hexagon (Sutherland–Hodgman: both convex). A cell seen by one
// camera gets the sum of its parts' areas (the parts do not overlap); a cell seen by several
// gets the exact area of the union of the clipped parts (convex-area.ts), so overlapping
// cameras count once. The hexagon is H3's boundary taken as straight edges in [lng, lat], as
// Turf's intersect and GeoJSON do.
import { cellAt, cellRing, cellsWithinDistance } from '../h3';
import { type CameraView, viewPartsInPlane } from './camera-views';
import { clipToConvex, ringArea, unionAreaOfConvex } from './convex-area';
import { planeAround, type LocalPlane, type PlanePoint, twiceSignedArea } from './local-plane';

export interface CellCoverage {
  cell: string;
  /** Share of the cell's area inside at least one view, 0 < f ≤ 1. */
  coveredFraction: number;
}

interface Hexagon {
  ring: PlanePoint[];
  area: number;
  west: number;
  east: number;
  south: number;
  north: number;
  /** Distance from the centre to the farthest vertex, metres. */
  circumradius: number;
}

interface Bounds {
  west: number;
  east: number;
  south: number;
  north: number;
}

function boundsOf(rings: readonly (readonly PlanePoint[])[]): Bounds {
  const bounds = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < bounds.west) bounds.west = x;
      if (x > bounds.east) bounds.east = x;
      if (y < bounds.south) bounds.south = y;
      if (y > bounds.north) bounds.north = y;
    }
  }
  return bounds;
}

function hexagonOf(cell: string, plane: LocalPlane): Hexagon {
  const ring = cellRing(cell)
    .slice(0, -1)
    .map(([lng, lat]) => plane.toPlane(lng, lat));
  if (twiceSignedArea(ring) < 0) ring.reverse();
  const bounds = boundsOf([ring]);
  const cx = ring.reduce((sum, [x]) => sum + x, 0) / ring.length;
  const cy = ring.reduce((sum, [, y]) => sum + y, 0) / ring.length;
  const circumradius = Math.max(...ring.map(([x, y]) => Math.hypot(x - cx, y - cy)));
  return { ring, area: ringArea(ring), ...bounds, circumradius };
}

/** Parts of views inside one cell, with the camera each came from. */
interface CellParts {
  hexagon: Hexagon;
  parts: PlanePoint[][];
  cameras: Set<number>;
  /** Sum of the parts' areas (equal to the union when they come from one camera). */
  areaSum: number;
}

/**
 * Covered fraction of every cell at `h3Resolution` that some camera's view overlaps, sorted
 * by cell id. Cameras are effective views (pass only the working ones); nothing occludes them.
 */
export function cellCoverage(cameras: readonly CameraView[], h3Resolution: number): CellCoverage[] {
  const plane = planeAround(cameras);
  const hexagons = new Map<string, Hexagon>();
  const hexagon = (cell: string) => {
    let found = hexagons.get(cell);
    if (!found) hexagons.set(cell, (found = hexagonOf(cell, plane)));
    return found;
  };
  const byCell = new Map<string, CellParts>();
  cameras.forEach((camera, cameraIndex) => {
    const parts = viewPartsInPlane(camera, plane);
    const view = boundsOf(parts);
    const home = cellAt(camera.lng, camera.lat, h3Resolution);
    // Ring k of a grid disk is at least k · 1.5 · (edge length) from the home centre (the
    // apothem-spaced rings, with room for the few-percent shape change between neighbours); a
    // cell the view reaches has its centre within range + two circumradii of the home centre.
    const edge = hexagon(home).circumradius;
    const k = Math.ceil((camera.rangeMeters + 2 * edge) / (1.4 * edge));
    for (const cell of cellsWithinDistance(home, k)) {
      const hex = hexagon(cell);
      if (hex.east < view.west || hex.west > view.east || hex.north < view.south || hex.south > view.north) continue;
      for (const part of parts) {
        const clipped = clipToConvex(part, hex.ring);
        if (clipped.length === 0) continue;
        const area = ringArea(clipped);
        if (!(area > 0)) continue;
        let entry = byCell.get(cell);
        if (!entry) byCell.set(cell, (entry = { hexagon: hex, parts: [], cameras: new Set(), areaSum: 0 }));
        entry.parts.push(clipped);
        entry.cameras.add(cameraIndex);
        entry.areaSum += area;
      }
    }
  });
  const result: CellCoverage[] = [];
  for (const [cell, entry] of byCell) {
    const cellArea = entry.hexagon.area;
    let covered: number;
    if (entry.cameras.size === 1) covered = entry.areaSum;
    else if (entry.parts.some((part) => ringArea(part) >= cellArea * (1 - 1e-9))) covered = cellArea;
    else covered = unionAreaOfConvex(entry.parts);
    // A cell wholly inside a view comes out 1 up to rounding; call it 1.
    const fraction = covered / cellArea;
    result.push({ cell, coveredFraction: fraction >= 1 - 1e-9 ? 1 : fraction });
  }
  return result.sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
}

/** The same as a map from cell id to covered fraction (cells no view touches are absent: 0). */
export function coveredFractionByCell(coverage: readonly CellCoverage[]): Map<string, number> {
  return new Map(coverage.map(({ cell, coveredFraction }) => [cell, coveredFraction]));
}
