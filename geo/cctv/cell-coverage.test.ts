// The covered fraction against two independent computations: Turf's polygon clipping
// (intersect each view with the cell, union the pieces, spherical area) and a point grid of
// over 10,000 points inside each cell tested with Turf's point-in-polygon.
import { area, bbox, booleanPointInPolygon, feature, featureCollection, intersect, union } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, cellRing, cellsOfPolygon } from '../h3';
import { type CameraView, viewPolygon } from './camera-views';
import { cellCoverage, coveredFractionByCell } from './cell-coverage';

const METRES = 1 / 111_195; // degrees of latitude in a metre
const LAT = 51.5155;
const LNG_METRES = METRES / Math.cos((LAT * Math.PI) / 180);
const camera = (id: string, east: number, north: number, bearing: number, fieldOfView: number, rangeMeters: number): CameraView =>
  Object.freeze({ id, lng: -0.0335 + east * LNG_METRES, lat: LAT + north * METRES, bearing, fieldOfView, rangeMeters });

/** A point on the middle of the first edge of the res-10 cell at the test origin. */
function onCellEdge(): [number, number] {
  const ring = cellRing(cellAt(-0.0335, LAT, 10));
  return [(ring[0]![0] + ring[1]![0]) / 2, (ring[0]![1] + ring[1]![1]) / 2];
}

const [edgeLng, edgeLat] = onCellEdge();
const SCENARIOS: Record<string, CameraView[]> = {
  circle: [camera('circle', 0, 0, 0, 360, 100)],
  narrowSector: [camera('narrow', 10, -20, 37, 20, 80)],
  wideSector: [camera('wide', -30, 15, 200, 270, 120)],
  overlapping: [
    camera('ptz', 0, 0, 0, 360, 90),
    camera('fixed-a', 30, 20, 135, 90, 120),
    camera('fixed-b', -25, 35, 60, 60, 150),
    camera('anpr', 10, -40, 300, 20, 40),
  ],
  onCellEdge: [{ id: 'edge', lng: edgeLng, lat: edgeLat, bearing: 75, fieldOfView: 120, rangeMeters: 100 }],
  duplicated: [camera('twin-a', 5, 5, 45, 90, 110), camera('twin-b', 5, 5, 45, 90, 110)],
  wholeCells: [camera('big', 0, 0, 0, 360, 300)],
};

/** Turf's answer: the cells any view polygon overlaps (H3's own polygon fill), and each one's covered fraction. */
function turfCoverage(cameras: readonly CameraView[], h3Resolution: number): Map<string, number> {
  const views = cameras.map((c) => feature(viewPolygon(c)));
  const cells = new Set(views.flatMap((v) => cellsOfPolygon(v.geometry, h3Resolution, 'overlapping')));
  const fractions = new Map<string, number>();
  for (const cell of cells) {
    const hexagon = feature<GeoJSON.Polygon>({ type: 'Polygon', coordinates: [cellRing(cell)] });
    const pieces = views.map((v) => intersect(featureCollection([v, hexagon]))).filter((p) => p !== null);
    if (pieces.length === 0) continue;
    const covered = pieces.length === 1 ? pieces[0]! : union(featureCollection(pieces))!;
    fractions.set(cell, area(covered) / area(hexagon));
  }
  return fractions;
}

/** A 120 × 120 point grid over the cell's box (over 10,000 points fall in the cell). */
function gridFraction(cameras: readonly CameraView[], cell: string): { fraction: number; pointsInCell: number } {
  const hexagon = { type: 'Polygon' as const, coordinates: [cellRing(cell)] };
  const views = cameras.map(viewPolygon);
  const [west, south, east, north] = bbox(hexagon);
  let inCell = 0;
  let covered = 0;
  for (let i = 0; i < 120; i++) {
    for (let j = 0; j < 120; j++) {
      const point = [west + ((east - west) * (i + 0.5)) / 120, south + ((north - south) * (j + 0.5)) / 120];
      if (!booleanPointInPolygon(point, hexagon)) continue;
      inCell += 1;
      if (views.some((v) => booleanPointInPolygon(point, v))) covered += 1;
    }
  }
  return { fraction: covered / inCell, pointsInCell: inCell };
}

describe('covered fraction of H3 cells', () => {
  for (const h3Resolution of [9, 10]) {
    for (const [name, cameras] of Object.entries(SCENARIOS)) {
      it(`equals Turf's intersect-and-union area within 1% (asserted to 0.01%): ${name}, resolution ${h3Resolution}`, () => {
        const ours = coveredFractionByCell(cellCoverage(cameras, h3Resolution));
        const reference = turfCoverage(cameras, h3Resolution);
        expect(ours.size).toBeGreaterThan(0);
        for (const [cell, fraction] of reference) {
          // A sliver Turf finds may be below what we keep; anything of substance must be there.
          expect(Math.abs((ours.get(cell) ?? 0) - fraction), `${name} ${cell}`).toBeLessThan(0.0001);
        }
        for (const cell of ours.keys()) expect(reference.has(cell), `${name}: ${cell} is not touched by any view`).toBe(true);
      });
    }
  }

  it('equals a point grid of over 10,000 points per cell within 1% on the overlapping cameras', () => {
    const cameras = SCENARIOS.overlapping!;
    const coverage = cellCoverage(cameras, 10);
    const partial = coverage.filter((c) => c.coveredFraction > 0.05 && c.coveredFraction < 0.95).slice(0, 6);
    expect(partial.length).toBeGreaterThanOrEqual(4);
    for (const { cell, coveredFraction } of partial) {
      const grid = gridFraction(cameras, cell);
      expect(grid.pointsInCell).toBeGreaterThan(10_000);
      expect(Math.abs(coveredFraction - grid.fraction), cell).toBeLessThan(0.01);
    }
  });

  it('counts cameras that overlap once: twin cameras cover what one does', () => {
    const [one] = SCENARIOS.duplicated!;
    expect(cellCoverage(SCENARIOS.duplicated!, 10)).toEqual(
      cellCoverage([one!], 10).map((c) => ({ ...c, coveredFraction: expect.closeTo(c.coveredFraction, 9) })),
    );
  });

  it('gives 1 to cells wholly inside a view and keeps only cells a view touches', () => {
    const big = SCENARIOS.wholeCells![0]!;
    const coverage = coveredFractionByCell(cellCoverage([big], 10));
    expect(coverage.get(cellAt(big.lng, big.lat, 10))).toBe(1);
    for (const [cell, fraction] of coverage) {
      expect(fraction).toBeGreaterThan(0);
      expect(fraction).toBeLessThanOrEqual(1);
      const [lng, lat] = cellCentre(cell);
      // Centre within range + one cell's reach (res 10 circumradius is ~76 m).
      expect(Math.hypot((lng - big.lng) / LNG_METRES, (lat - big.lat) / METRES)).toBeLessThan(300 + 80);
    }
  });

  it('does not depend on the order of the cameras, and is empty without cameras', () => {
    const cameras = SCENARIOS.overlapping!;
    const forward = cellCoverage(cameras, 10);
    const backward = cellCoverage([...cameras].reverse(), 10);
    expect(backward.map((c) => c.cell)).toEqual(forward.map((c) => c.cell));
    backward.forEach((c, i) => expect(c.coveredFraction).toBeCloseTo(forward[i]!.coveredFraction, 9));
    expect(cellCoverage([], 10)).toEqual([]);
  });
});
