// A tasking's area: H3 cells at one resolution (7-10), all inside the study area. A polygon
// drawn on the map becomes the cells whose centres it holds, and is kept beside them.
import { area } from '@turf/area';
import {
  averageCellAreaSquareMetres,
  cellCentre,
  cellResolution,
  cellsOfPolygon,
  cellsWithinDistance,
  isCell,
  MAX_QUERY_RESOLUTION,
  MIN_QUERY_RESOLUTION,
} from '../h3';
import { fail, ok, type LngLat, type Result } from '../types';

/** A tasking is a hot spot, a few streets: past this many cells it is a borough strategy, not a tasking. */
export const MAX_TASKING_CELLS = 300;

export interface TaskingArea {
  h3Resolution: number;
  /** Sorted, no repeats. */
  cells: string[];
}

const resolutionText = `${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}`;

function listed(values: readonly string[], max = 5): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/**
 * Checks cells named by id: real H3 cells, one resolution 7-10, inside the study area
 * (studyCells at that resolution, or null when no study area is stored).
 */
export function checkTaskingCells(cells: readonly string[], studyCellsAt: (h3Resolution: number) => ReadonlySet<string> | null): Result<TaskingArea> {
  if (cells.length === 0) return fail('a tasking needs at least one cell');
  const unique = [...new Set(cells)].sort();
  const unknown = unique.filter((cell) => !isCell(cell));
  if (unknown.length > 0) return fail(`${listed(unknown)} ${unknown.length === 1 ? 'is not an H3 cell id' : 'are not H3 cell ids'}`);
  const resolutions = [...new Set(unique.map(cellResolution))].sort((a, b) => a - b);
  if (resolutions.length > 1) return fail(`the cells mix resolutions ${resolutions.join(' and ')}; a tasking's cells share one resolution`);
  const h3Resolution = resolutions[0]!;
  if (h3Resolution < MIN_QUERY_RESOLUTION || h3Resolution > MAX_QUERY_RESOLUTION) {
    return fail(`the cells are at resolution ${h3Resolution}; expected ${resolutionText}`);
  }
  if (unique.length > MAX_TASKING_CELLS) {
    return fail(`${unique.length} cells is more than a tasking can hold (${MAX_TASKING_CELLS}); split the area or choose larger cells`);
  }
  const study = studyCellsAt(h3Resolution);
  if (!study) return fail('no study area is stored, so the cells cannot be checked against the borough; import one first');
  const outside = unique.filter((cell) => !study.has(cell));
  if (outside.length > 0) return fail(`${listed(outside)} ${outside.length === 1 ? 'lies' : 'lie'} outside the study area`);
  return ok({ h3Resolution, cells: unique });
}

/**
 * Why a drawn shape cannot be a tasking area before any cell is computed: one far larger
 * than MAX_TASKING_CELLS cells would cost H3 millions of cells (or throw, for a continent).
 */
export function drawnAreaProblem(polygon: GeoJSON.Polygon, h3Resolution: number): string | null {
  const squareMetres = area(polygon);
  const cells = squareMetres / averageCellAreaSquareMetres(h3Resolution);
  if (cells <= MAX_TASKING_CELLS * 2) return null;
  const km2 = squareMetres / 1e6;
  return `the drawn area is about ${km2 < 10 ? km2.toFixed(1) : Math.round(km2).toLocaleString('en-GB')} km², about ${Math.round(cells).toLocaleString('en-GB')} cells of this size, more than a tasking can hold (${MAX_TASKING_CELLS}); draw a smaller area or choose larger cells`;
}

/**
 * The cells a drawn polygon covers: those whose centre it holds; for a shape smaller than a
 * cell, the cells it overlaps. With study cells, those outside the study area are left out.
 * Check drawnAreaProblem first.
 */
export function cellsOfDrawnArea(polygon: GeoJSON.Polygon, h3Resolution: number, studyCells: ReadonlySet<string> | null): string[] {
  const inStudy = (cell: string) => studyCells === null || studyCells.has(cell);
  const byCentre = cellsOfPolygon(polygon, h3Resolution, 'centre').filter(inStudy);
  if (byCentre.length > 0) return byCentre.sort();
  return cellsOfPolygon(polygon, h3Resolution, 'overlapping').filter(inStudy).sort();
}

/** Cells within `rings` grid steps of the area, not in it, and inside the study area. */
export function bufferCells(cells: readonly string[], rings: number, studyCells: ReadonlySet<string>): string[] {
  const inArea = new Set(cells);
  const buffer = new Set<string>();
  for (const cell of cells) {
    for (const near of cellsWithinDistance(cell, rings)) if (!inArea.has(near) && studyCells.has(near)) buffer.add(near);
  }
  return [...buffer].sort();
}

/** Where to put the area's label: the centre of its cell nearest the cells' mean centre. */
export function labelPointOfCells(cells: readonly string[]): LngLat {
  const centres = cells.map(cellCentre);
  const mean: LngLat = [centres.reduce((s, c) => s + c[0], 0) / centres.length, centres.reduce((s, c) => s + c[1], 0) / centres.length];
  let best = centres[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const centre of centres) {
    const distance = (centre[0] - mean[0]) ** 2 + (centre[1] - mean[1]) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [centre, distance];
  }
  return best;
}
