// The only module that calls h3-js. h3-js speaks [lat, lng]; everything else in
// Tasking Map speaks GeoJSON [lng, lat], so the conversion happens here and nowhere else.
import {
  cellToBoundary,
  cellToLatLng,
  cellToParent,
  cellsToMultiPolygon,
  getHexagonAreaAvg,
  getResolution,
  gridDisk,
  isValidCell,
  latLngToCell,
  POLYGON_TO_CELLS_FLAGS,
  polygonToCells,
  polygonToCellsExperimental,
} from 'h3-js';
import type { LngLat } from './types';

/**
 * Resolution at which every incident's cell is stored. Coarser cells are computed from the
 * point itself (latLngToCell), not as parents: H3 children do not nest exactly in their parent.
 */
export const STORED_H3_RESOLUTION = 11;
/** Resolutions the aggregation API serves. police.uk snap points make res 10 the finest honest grid. */
export const MIN_QUERY_RESOLUTION = 7;
export const MAX_QUERY_RESOLUTION = 10;

export function cellAt(lng: number, lat: number, h3Resolution: number): string {
  return latLngToCell(lat, lng, h3Resolution);
}

export function parentCell(cell: string, h3Resolution: number): string {
  return cellToParent(cell, h3Resolution);
}

export function cellResolution(cell: string): number {
  return getResolution(cell);
}

export function isCell(value: string): boolean {
  return isValidCell(value);
}

export function cellCentre(cell: string): LngLat {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

/** Closed ring of [lng, lat] positions, as GeoJSON wants it. */
export function cellRing(cell: string): LngLat[] {
  return cellToBoundary(cell, true).map(([lng, lat]) => [lng, lat] as LngLat);
}

export function cellsWithinDistance(cell: string, k: number): string[] {
  return gridDisk(cell, k);
}

/** Cells grouped by touch (H3 neighbours): each group is one hotspot. Largest first, then by first cell. */
export function groupTouchingCells(cells: readonly string[]): string[][] {
  const remaining = new Set(cells);
  const groups: string[][] = [];
  for (const start of cells) {
    if (!remaining.has(start)) continue;
    remaining.delete(start);
    const group = [start];
    for (let k = 0; k < group.length; k++) {
      for (const next of cellsWithinDistance(group[k]!, 1)) {
        if (remaining.delete(next)) group.push(next);
      }
    }
    groups.push(group.sort());
  }
  return groups.sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
}

/** How a polygon claims cells: by the cell's centre, or by any overlap at all. */
export type PolygonContainment = 'centre' | 'overlapping';

/**
 * Cells of a GeoJSON polygon or multipolygon (rings in [lng, lat], as GeoJSON has them):
 * those whose centre lies inside, or, with 'overlapping', every cell with any part inside,
 * so that no point inside the polygon is left without a cell (docs/decisions/007-gistar.md).
 */
export function cellsOfPolygon(polygon: GeoJSON.Polygon | GeoJSON.MultiPolygon, h3Resolution: number, containment: PolygonContainment): string[] {
  const polygons = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
  const cells = new Set<string>();
  for (const rings of polygons) {
    const found =
      containment === 'centre'
        ? polygonToCells(rings, h3Resolution, true)
        : polygonToCellsExperimental(rings, h3Resolution, POLYGON_TO_CELLS_FLAGS.containmentOverlapping, true);
    for (const cell of found) cells.add(cell);
  }
  return [...cells];
}

/**
 * The outline of a set of cells at one resolution as a GeoJSON MultiPolygon ([lng, lat],
 * closed rings): touching cells merge into one polygon, holes stay holes.
 */
export function outlineOfCells(cells: readonly string[]): GeoJSON.MultiPolygon {
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) as GeoJSON.Position[][][] };
}

/** Average area of an H3 cell at a resolution, in square metres (H3's published table). */
export function averageCellAreaSquareMetres(h3Resolution: number): number {
  return getHexagonAreaAvg(h3Resolution, 'm2');
}
