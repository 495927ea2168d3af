import { describe, expect, it } from 'vitest';
import { cellAt, cellResolution, cellsWithinDistance } from './h3';
import { alignCellValues, buildNeighbourhood, studyAreaCells, type Neighbourhood } from './study-cells';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// A 1.4 km x 1.1 km rectangle around Stepney Green, Tower Hamlets: made by hand.
const SQUARE: GeoJSON.Polygon = deepFreeze({
  type: 'Polygon',
  coordinates: [
    [
      [-0.05, 51.515],
      [-0.03, 51.515],
      [-0.03, 51.525],
      [-0.05, 51.525],
      [-0.05, 51.515],
    ],
  ],
});

function neighbourhoodOf(cells: readonly string[], k: number): Neighbourhood {
  const built = buildNeighbourhood(cells, k);
  if (!built.ok) throw new Error(built.reason);
  return built.value;
}

function neighboursOf(neighbourhood: Neighbourhood, cell: string): string[] {
  const i = neighbourhood.indexOf.get(cell)!;
  return [...neighbourhood.neighbours.subarray(neighbourhood.offsets[i]!, neighbourhood.offsets[i + 1]!)].map((j) => neighbourhood.cells[j]!);
}

describe('studyAreaCells', () => {
  it('keeps every cell that overlaps the area, so no point inside is left without a cell', () => {
    const overlapping = studyAreaCells(SQUARE, 9);
    const centre = studyAreaCells(SQUARE, 9, 'centre');
    if (!overlapping.ok || !centre.ok) throw new Error('expected cells');
    expect(centre.value.length).toBeGreaterThan(10);
    expect(overlapping.value.length).toBeGreaterThan(centre.value.length);
    const all = new Set(overlapping.value);
    for (const cell of centre.value) expect(all.has(cell)).toBe(true);
    let missedByCentre = 0;
    const centreSet = new Set(centre.value);
    // A 41 x 41 lattice of points inside the rectangle, edges included.
    for (let a = 0; a <= 40; a++) {
      for (let b = 0; b <= 40; b++) {
        const lng = -0.05 + (0.02 * a) / 40;
        const lat = 51.515 + (0.01 * b) / 40;
        const cell = cellAt(lng, lat, 9);
        expect(all.has(cell)).toBe(true);
        if (!centreSet.has(cell)) missedByCentre += 1;
      }
    }
    // The reason overlapping is the default: centre containment loses points near the edge.
    expect(missedByCentre).toBeGreaterThan(0);
  });

  it('returns sorted cells at the requested resolution', () => {
    const cells = studyAreaCells(SQUARE, 10);
    if (!cells.ok) throw new Error(cells.reason);
    expect([...cells.value].sort()).toEqual(cells.value);
    expect(new Set(cells.value.map(cellResolution))).toEqual(new Set([10]));
  });

  it('refuses a resolution that is not one', () => {
    expect(studyAreaCells(SQUARE, 9.5).ok).toBe(false);
    expect(studyAreaCells(SQUARE, 16).ok).toBe(false);
  });

  it('says when a coarse resolution has no cell centre inside a small area', () => {
    const result = studyAreaCells(SQUARE, 5, 'centre');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/finer resolution/);
  });
});

describe('buildNeighbourhood', () => {
  const centre = cellAt(-0.0371, 51.5203, 9);
  const disk = deepFreeze(cellsWithinDistance(centre, 3).sort());

  it('gives gridDisk(i, k) ∩ study cells, self included, ascending', () => {
    const k1 = neighbourhoodOf(disk, 1);
    expect(neighboursOf(k1, centre).sort()).toEqual(cellsWithinDistance(centre, 1).sort());
    const k2 = neighbourhoodOf(disk, 2);
    expect(neighboursOf(k2, centre)).toHaveLength(19);
    for (let i = 0; i < disk.length; i++) {
      const run = k2.neighbours.subarray(k2.offsets[i]!, k2.offsets[i + 1]!);
      expect([...run]).toContain(i);
      expect([...run]).toEqual([...run].sort((a, b) => a - b));
    }
  });

  it('clips at the edge of the study cells: an outer-ring cell has fewer neighbours', () => {
    const k1 = neighbourhoodOf(disk, 1);
    const outer = cellsWithinDistance(centre, 3).find((cell) => !cellsWithinDistance(centre, 2).includes(cell))!;
    const neighbours = neighboursOf(k1, outer);
    expect(neighbours.length).toBeLessThan(7);
    expect(neighbours.length).toBeGreaterThanOrEqual(3);
    for (const cell of neighbours) expect(disk).toContain(cell);
  });

  it('is symmetric: j neighbours i exactly when i neighbours j', () => {
    const k2 = neighbourhoodOf(disk, 2);
    const pairs = new Set<string>();
    disk.forEach((cell) => neighboursOf(k2, cell).forEach((other) => pairs.add(`${cell}>${other}`)));
    for (const pair of pairs) {
      const [a, b] = pair.split('>');
      expect(pairs.has(`${b}>${a}`)).toBe(true);
    }
  });

  it('keeps the order of the cells given and does not modify them', () => {
    const reversed = deepFreeze([...disk].reverse());
    const built = neighbourhoodOf(reversed, 1);
    expect(built.cells).toEqual(reversed);
    expect(built.indexOf.get(reversed[0]!)).toBe(0);
    expect(built.k).toBe(1);
    expect(built.h3Resolution).toBe(9);
  });

  it('refuses bad input with a reason', () => {
    expect(buildNeighbourhood([], 1).ok).toBe(false);
    expect(buildNeighbourhood(disk, 1.5).ok).toBe(false);
    expect(buildNeighbourhood(disk, 11).ok).toBe(false);
    const duplicate = buildNeighbourhood([disk[0]!, disk[1]!, disk[0]!], 1);
    expect(!duplicate.ok && duplicate.reason).toMatch(/listed twice/);
    const invalid = buildNeighbourhood([disk[0]!, 'not-a-cell'], 1);
    expect(!invalid.ok && invalid.reason).toMatch(/study cell 2 "not-a-cell" is not an H3 cell/);
    const mixed = buildNeighbourhood([disk[0]!, cellAt(-0.0371, 51.5203, 10)], 1);
    expect(!mixed.ok && mixed.reason).toMatch(/resolution 10; the others are at 9/);
  });
});

describe('alignCellValues', () => {
  const centre = cellAt(-0.0371, 51.5203, 9);
  const cells = deepFreeze(cellsWithinDistance(centre, 1).sort());
  const neighbourhood = neighbourhoodOf(cells, 1);

  it('puts each value at its cell and zeros elsewhere', () => {
    const other = cells.find((cell) => cell !== centre)!;
    const counts = deepFreeze(
      new Map([
        [centre, 5],
        [other, 2],
      ]),
    );
    const aligned = alignCellValues(neighbourhood, counts);
    if (!aligned.ok) throw new Error(aligned.reason);
    expect(aligned.value.values[cells.indexOf(centre)]).toBe(5);
    expect(aligned.value.values[cells.indexOf(other)]).toBe(2);
    expect([...aligned.value.values].reduce((a, b) => a + b, 0)).toBe(7);
    expect(aligned.value.dropped).toEqual({ cells: 0, total: 0 });
  });

  it('refuses a cell outside the study area unless asked to drop it, then says what was dropped', () => {
    const outside = cellsWithinDistance(centre, 2).find((cell) => !cells.includes(cell))!;
    const entries: [string, number][] = [
      [outside, 4],
      [centre, 1],
    ];
    const refused = alignCellValues(neighbourhood, entries);
    expect(!refused.ok && refused.reason).toMatch(/not a study-area cell at resolution 9/);
    const dropped = alignCellValues(neighbourhood, entries, { outside: 'drop' });
    expect(dropped.ok && dropped.value.dropped).toEqual({ cells: 1, total: 4 });
  });

  it('names the problem: wrong resolution, not a cell, repeated cell, non-finite value', () => {
    const wrongResolution = alignCellValues(neighbourhood, [[cellAt(-0.0371, 51.5203, 10), 1]]);
    expect(!wrongResolution.ok && wrongResolution.reason).toMatch(/at resolution 10; the study cells are at 9/);
    const notCell = alignCellValues(neighbourhood, [['zzz', 1]]);
    expect(!notCell.ok && notCell.reason).toMatch(/not an H3 cell id/);
    const twice = alignCellValues(neighbourhood, [
      [centre, 1],
      [centre, 2],
    ]);
    expect(!twice.ok && twice.reason).toMatch(/given twice/);
    const infinite = alignCellValues(neighbourhood, [[centre, Number.POSITIVE_INFINITY]]);
    expect(!infinite.ok && infinite.reason).toMatch(/finite number/);
  });
});
