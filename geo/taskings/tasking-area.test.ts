import { describe, expect, it } from 'vitest';
import { cellAt, cellsWithinDistance, outlineOfCells } from '../h3';
import { bufferCells, cellsOfDrawnArea, checkTaskingCells, labelPointOfCells, MAX_TASKING_CELLS } from './tasking-area';

const CENTRE = cellAt(-0.0597, 51.5194, 9);
const STUDY = new Set(cellsWithinDistance(CENTRE, 4));
const studyAt = (resolution: number) => (resolution === 9 ? STUDY : null);

describe('a tasking area', () => {
  it('accepts cells of one resolution inside the study area, sorted and without repeats', () => {
    const [a, b] = cellsWithinDistance(CENTRE, 1).sort();
    expect(checkTaskingCells([b!, a!, b!], studyAt)).toEqual({ ok: true, value: { h3Resolution: 9, cells: [a, b] } });
  });

  it('names what is wrong: unknown ids, mixed resolutions, resolutions outside 7-10, cells outside the study area, too many', () => {
    expect(checkTaskingCells(['not-a-cell'], studyAt)).toEqual({ ok: false, reason: 'not-a-cell is not an H3 cell id' });
    expect(checkTaskingCells([CENTRE, cellAt(-0.0597, 51.5194, 10)], studyAt)).toEqual({
      ok: false,
      reason: expect.stringContaining('mix resolutions 9 and 10'),
    });
    expect(checkTaskingCells([cellAt(-0.0597, 51.5194, 11)], studyAt)).toEqual({ ok: false, reason: 'the cells are at resolution 11; expected 7..10' });
    const far = cellAt(-0.2, 51.5, 9);
    expect(checkTaskingCells([CENTRE, far], studyAt)).toEqual({ ok: false, reason: `${far} lies outside the study area` });
    expect(checkTaskingCells([cellAt(-0.0597, 51.5194, 8)], studyAt)).toEqual({ ok: false, reason: expect.stringContaining('no study area is stored') });
    const many = cellsWithinDistance(CENTRE, 11);
    expect(many.length).toBeGreaterThan(MAX_TASKING_CELLS);
    expect(checkTaskingCells(many, () => new Set(many))).toEqual({ ok: false, reason: expect.stringContaining('more than a tasking can hold') });
  });

  it('turns a drawn polygon into the study cells whose centres it holds, or the cells it touches when it is smaller than one', () => {
    // A triangle around the centre cell's centre, 4 cells wide.
    const ring = outlineOfCells(cellsWithinDistance(CENTRE, 1)).coordinates[0]![0]!;
    const polygon: GeoJSON.Polygon = { type: 'Polygon', coordinates: [ring] };
    expect(cellsOfDrawnArea(polygon, 9, STUDY)).toEqual(cellsWithinDistance(CENTRE, 1).sort());
    const tiny: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-0.05971, 51.51941],
          [-0.05969, 51.51941],
          [-0.0597, 51.51939],
          [-0.05971, 51.51941],
        ],
      ],
    };
    expect(cellsOfDrawnArea(tiny, 9, STUDY)).toEqual([CENTRE]);
    expect(cellsOfDrawnArea(polygon, 9, new Set([CENTRE]))).toEqual([CENTRE]);
  });

  it('buffers by grid rings inside the study area: one ring around one cell is its six neighbours', () => {
    expect(bufferCells([CENTRE], 1, STUDY)).toHaveLength(6);
    expect(bufferCells([CENTRE], 2, STUDY)).toHaveLength(18);
    expect(bufferCells([CENTRE], 1, STUDY)).not.toContain(CENTRE);
    expect(bufferCells([CENTRE], 1, new Set([CENTRE]))).toEqual([]);
  });

  it('labels an area at the centre of its most central cell', () => {
    expect(cellAt(...labelPointOfCells(cellsWithinDistance(CENTRE, 1)), 9)).toBe(CENTRE);
  });
});
