// The H3 cells of a study area at one resolution, and their gridDisk neighbourhoods.
// Hot spot statistics are computed over every study cell (zeros included) and nothing
// outside: empty cells beyond the borough would make the borough look hot (DOMAIN.md).
import { cellResolution, cellsOfPolygon, cellsWithinDistance, isCell, type PolygonContainment } from './h3';
import type { AreaGeometry } from './study-area';
import { fail, ok, type Result } from './types';

/**
 * 'overlapping': every cell with any part inside the area, so no incident inside the area
 *   is left without a cell (the default).
 * 'centre': cells whose centre lies inside. On Tower Hamlets this drops 6% of police.uk
 *   points at resolution 9 and 13% at resolution 8 (docs/decisions/007-gistar.md).
 */
export type CellContainment = PolygonContainment;

/** Largest gridDisk radius accepted: k = 10 is 331 cells, already ~2 km at resolution 9. */
export const MAX_NEIGHBOURHOOD_K = 10;

/** Study-area cells at a resolution, sorted by id so every caller sees the same order. */
export function studyAreaCells(area: AreaGeometry, h3Resolution: number, containment: CellContainment = 'overlapping'): Result<string[]> {
  if (!Number.isInteger(h3Resolution) || h3Resolution < 0 || h3Resolution > 15) {
    return fail(`H3 resolution ${h3Resolution} is not a resolution; expected an integer 0..15`);
  }
  const cells = cellsOfPolygon(area, h3Resolution, containment);
  if (cells.length === 0) {
    const what = containment === 'centre' ? 'has its centre in' : 'overlaps';
    return fail(`no H3 cell at resolution ${h3Resolution} ${what} the study area; check the area geometry or use a finer resolution`);
  }
  return ok(cells.sort());
}

/**
 * Binary gridDisk neighbourhoods over a fixed list of cells, in compressed sparse row form
 * so Gi* can sweep typed arrays. Build once per (cells, k) and reuse across windows.
 * The typed arrays are shared, not copied: treat them as read-only.
 */
export interface Neighbourhood {
  /** The study cells, in the order given; values passed to Gi* follow this order. */
  readonly cells: readonly string[];
  readonly h3Resolution: number;
  /** gridDisk radius: 1 = the cell and its 6 touching cells. */
  readonly k: number;
  readonly indexOf: ReadonlyMap<string, number>;
  /** Neighbours of cell i are neighbours[offsets[i]] .. neighbours[offsets[i + 1] - 1]. Length cells.length + 1. */
  readonly offsets: Int32Array;
  /** Indices into cells, ascending within each cell's run, the cell itself included (the "star" of Gi*). */
  readonly neighbours: Int32Array;
}

/**
 * gridDisk(cell, k) ∩ study cells for every study cell, self included. Fails on an empty
 * list, an invalid or repeated cell id, mixed resolutions or a k outside 0..MAX_NEIGHBOURHOOD_K.
 */
export function buildNeighbourhood(cells: readonly string[], k: number): Result<Neighbourhood> {
  if (!Number.isInteger(k) || k < 0 || k > MAX_NEIGHBOURHOOD_K) {
    return fail(`neighbourhood radius k = ${k} is not allowed; expected an integer 0..${MAX_NEIGHBOURHOOD_K}`);
  }
  if (cells.length === 0) return fail('no study cells: the study area has no cells at this resolution');
  const indexOf = new Map<string, number>();
  let h3Resolution = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (!isCell(cell)) return fail(`study cell ${i + 1} "${cell}" is not an H3 cell id`);
    const resolution = cellResolution(cell);
    if (h3Resolution === -1) h3Resolution = resolution;
    else if (resolution !== h3Resolution) {
      return fail(`study cell ${i + 1} "${cell}" is at resolution ${resolution}; the others are at ${h3Resolution}`);
    }
    if (indexOf.has(cell)) return fail(`study cell "${cell}" is listed twice`);
    indexOf.set(cell, i);
  }
  const offsets = new Int32Array(cells.length + 1);
  const runs: Int32Array[] = [];
  let total = 0;
  for (let i = 0; i < cells.length; i++) {
    const inArea: number[] = [];
    for (const neighbour of cellsWithinDistance(cells[i]!, k)) {
      const j = indexOf.get(neighbour);
      if (j !== undefined) inArea.push(j);
    }
    const run = Int32Array.from(inArea).sort();
    runs.push(run);
    total += run.length;
    offsets[i + 1] = total;
  }
  const neighbours = new Int32Array(total);
  runs.forEach((run, i) => neighbours.set(run, offsets[i]!));
  return ok({ cells: Object.freeze([...cells]), h3Resolution, k, indexOf, offsets, neighbours });
}

export interface AlignedValues {
  /** One value per study cell, in neighbourhood.cells order; 0 where none was given. */
  values: Float64Array;
  /** Cells given that are not study cells (only with outside: 'drop'), and the sum of their values. */
  dropped: { cells: number; total: number };
}

/**
 * Turns (cell, value) pairs, e.g. window counts from the incident index, into a value per
 * study cell. Study cells not mentioned get 0. A cell outside the study area fails unless
 * `outside: 'drop'`, which reports what was dropped so the caller can say so.
 */
export function alignCellValues(
  neighbourhood: Neighbourhood,
  entries: Iterable<readonly [cell: string, value: number]>,
  options: { outside?: 'fail' | 'drop' } = {},
): Result<AlignedValues> {
  const values = new Float64Array(neighbourhood.cells.length);
  const seen = new Uint8Array(neighbourhood.cells.length);
  const dropped = { cells: 0, total: 0 };
  for (const [cell, value] of entries) {
    if (!Number.isFinite(value)) return fail(`cell ${cell} has value ${value}; expected a finite number`);
    const i = neighbourhood.indexOf.get(cell);
    if (i === undefined) {
      if (options.outside === 'drop') {
        dropped.cells += 1;
        dropped.total += value;
        continue;
      }
      if (!isCell(cell)) return fail(`"${cell}" is not an H3 cell id`);
      const resolution = cellResolution(cell);
      if (resolution !== neighbourhood.h3Resolution) {
        return fail(`cell ${cell} is at resolution ${resolution}; the study cells are at ${neighbourhood.h3Resolution}`);
      }
      return fail(`cell ${cell} is not a study-area cell at resolution ${neighbourhood.h3Resolution}`);
    }
    if (seen[i] === 1) return fail(`cell ${cell} is given twice`);
    seen[i] = 1;
    values[i] = value;
  }
  return ok({ values, dropped });
}
