import { describe, expect, it } from 'vitest';
import { computeGiStar, giStarScores, type GiStarResult } from './gistar';
import { cellAt, cellsWithinDistance } from './h3';
import { buildNeighbourhood, type Neighbourhood } from './study-cells';

function neighbourhoodOf(cells: readonly string[], k: number): Neighbourhood {
  const built = buildNeighbourhood(Object.freeze([...cells]), k);
  if (!built.ok) throw new Error(built.reason);
  return Object.freeze(built.value);
}

function giStar(neighbourhood: Neighbourhood, values: Float64Array, correction?: 'fdr' | 'holm' | 'none'): GiStarResult {
  const before = Float64Array.from(values);
  const result = computeGiStar(neighbourhood, values, correction ? { correction } : {});
  // Typed arrays cannot be frozen: check by value that the input was not touched.
  expect(values).toEqual(before);
  if (!result.ok) throw new Error(result.reason.message);
  return result.value;
}

// 19 resolution-9 cells: gridDisk(89194ad3583ffff, 2) near Stepney Green, sorted by id.
const CENTRE = cellAt(-0.0371, 51.5203, 9);
const DISK2 = Object.freeze(cellsWithinDistance(CENTRE, 2).sort());
const DISK2_VALUES = Object.freeze([0, 3, 1, 0, 12, 9, 7, 8, 2, 4, 0, 1, 0, 0, 5, 0, 1, 2, 0]);

// spdep 1.2.7 on the same cells and the same (k = 1, self-included) neighbour lists, made by:
//   Rscript -e 'suppressMessages(library(spdep)); nb <- list(c(1,2,6,10,12), c(1,2,10,17), c(3,4,7,8,14),
//     c(3,4,8,13), c(5,6,7,8,9,10,11), c(1,5,6,8,10,12,13), c(3,5,7,8,11,14,15), c(3,4,5,6,7,8,13),
//     c(5,9,10,11,16,17,18), c(1,2,5,6,9,10,17), c(5,7,9,11,15,18,19), c(1,6,12,13), c(4,6,8,12,13),
//     c(3,7,14,15), c(7,11,14,15,19), c(9,16,17,18), c(2,9,10,16,17), c(9,11,16,18,19), c(11,15,18,19));
//     nb <- lapply(nb, as.integer); class(nb) <- "nb"; attr(nb, "self.included") <- TRUE;
//     x <- c(0,3,1,0,12,9,7,8,2,4,0,1,0,0,5,0,1,2,0);
//     z <- as.numeric(localG(x, nb2listw(nb, style="B"))); cat(sprintf("%.15g", z), sep=", ")'
// The neighbour lists are the ones buildNeighbourhood(DISK2, 1) gives (1-based); the test checks that too.
const SPDEP_NB = Object.freeze([
  [1, 2, 6, 10, 12],
  [1, 2, 10, 17],
  [3, 4, 7, 8, 14],
  [3, 4, 8, 13],
  [5, 6, 7, 8, 9, 10, 11],
  [1, 5, 6, 8, 10, 12, 13],
  [3, 5, 7, 8, 11, 14, 15],
  [3, 4, 5, 6, 7, 8, 13],
  [5, 9, 10, 11, 16, 17, 18],
  [1, 2, 5, 6, 9, 10, 17],
  [5, 7, 9, 11, 15, 18, 19],
  [1, 6, 12, 13],
  [4, 6, 8, 12, 13],
  [3, 7, 14, 15],
  [7, 11, 14, 15, 19],
  [9, 16, 17, 18],
  [2, 9, 10, 16, 17],
  [9, 11, 16, 18, 19],
  [11, 15, 18, 19],
]);
const SPDEP_Z = Object.freeze([
  0.360609042072064, -0.551794900248542, 0.217867962918538, -0.397616913414391, 2.83240142018962, 1.78996796772274, 1.65966378616438, 2.18088051239782,
  0.0960136074640549, 1.39905542304766, 1.00814287837258, -0.243438926580239, 0.503350121225589, 0.219095033922215, -0.353096353695563, -1.014328860751,
  -0.638578512002613, -1.49502498692376, -0.705972887082694,
]);

describe('computeGiStar', () => {
  it('reproduces spdep::localG (Gi*, binary, self included) on a small grid', () => {
    const neighbourhood = neighbourhoodOf(DISK2, 1);
    expect(DISK2[4]).toBe(CENTRE);
    DISK2.forEach((_, i) => {
      const run = [...neighbourhood.neighbours.subarray(neighbourhood.offsets[i]!, neighbourhood.offsets[i + 1]!)];
      expect(run.map((j) => j + 1)).toEqual(SPDEP_NB[i]);
    });
    const result = giStar(neighbourhood, Float64Array.from(DISK2_VALUES));
    result.cells.forEach((cell, i) => {
      expect(cell.cell).toBe(DISK2[i]);
      expect(cell.value).toBe(DISK2_VALUES[i]);
      expect(Math.abs(cell.z - SPDEP_Z[i]!)).toBeLessThan(1e-12);
    });
  });

  it('matches the textbook formula written out longhand', () => {
    const neighbourhood = neighbourhoodOf(DISK2, 2);
    const x = DISK2_VALUES;
    const n = x.length;
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
    const result = giStar(neighbourhood, Float64Array.from(x));
    DISK2.forEach((cell, i) => {
      const disk = new Set(cellsWithinDistance(cell, 2));
      const members = DISK2.map((other, j) => (disk.has(other) ? j : -1)).filter((j) => j >= 0);
      const w = members.length;
      const lag = members.reduce((sum, j) => sum + x[j]!, 0);
      if (w === n) {
        // The centre's k = 2 disk is the whole study area: 0/0 longhand, defined as 0.
        expect(result.cells[i]!.z).toBe(0);
        return;
      }
      const expected = (lag - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
      expect(result.cells[i]!.z).toBeCloseTo(expected, 10);
    });
    expect(result.summary.mean).toBeCloseTo(mean, 14);
    expect(result.summary.sd).toBeCloseTo(s, 12);
    expect(result.summary).toMatchObject({ n: 19, k: 2, h3Resolution: 9, correction: 'fdr' });
  });

  it('is unchanged by shifting or scaling the values, and flips sign when they are negated', () => {
    const neighbourhood = neighbourhoodOf(DISK2, 1);
    const base = giStar(neighbourhood, Float64Array.from(DISK2_VALUES)).cells.map((c) => c.z);
    const affine = giStar(
      neighbourhood,
      Float64Array.from(DISK2_VALUES, (v) => 3.5 * v + 10),
    ).cells.map((c) => c.z);
    const negated = giStar(
      neighbourhood,
      Float64Array.from(DISK2_VALUES, (v) => -v),
    ).cells.map((c) => c.z);
    base.forEach((z, i) => {
      expect(affine[i]).toBeCloseTo(z, 10);
      expect(negated[i]).toBeCloseTo(-z, 10);
    });
  });

  it('finds a planted cluster hot at 99% after correction, and the bins are consistent', () => {
    const cells = cellsWithinDistance(CENTRE, 8).sort(); // 217 cells
    const neighbourhood = neighbourhoodOf(cells, 1);
    const hot = new Set(cellsWithinDistance(CENTRE, 1));
    // Background 0/1 in a fixed pattern; the planted cluster has 9 incidents per cell.
    const values = Float64Array.from(cells, (cell, i) => (hot.has(cell) ? 9 : i % 5 === 0 ? 1 : 0));
    const result = giStar(neighbourhood, values);
    const centre = result.cells.find((c) => c.cell === CENTRE)!;
    expect(centre.bin).toBe(3);
    expect(centre.z).toBeGreaterThan(10);
    for (const cell of result.cells) {
      expect(cell.pAdjusted).toBeGreaterThanOrEqual(cell.p);
      const expectedBin = cell.pAdjusted <= 0.01 ? 3 : cell.pAdjusted <= 0.05 ? 2 : cell.pAdjusted <= 0.1 ? 1 : 0;
      expect(Math.abs(cell.bin)).toBe(expectedBin);
      if (cell.bin !== 0) expect(Math.sign(cell.bin)).toBe(Math.sign(cell.z));
    }
    const { bins } = result.summary;
    const total = bins.hot99 + bins.hot95 + bins.hot90 + bins.notSignificant + bins.cold90 + bins.cold95 + bins.cold99;
    expect(total).toBe(217);
    expect(bins.hot99).toBe(result.cells.filter((c) => c.bin === 3).length);
    expect(bins.hot99).toBeGreaterThanOrEqual(7);
  });

  it('finds fewer significant cells the stricter the correction: none >= fdr >= holm', () => {
    const cells = cellsWithinDistance(CENTRE, 8).sort();
    const neighbourhood = neighbourhoodOf(cells, 1);
    // A gentle gradient plus a ripple: many cells near the significance lines.
    const values = Float64Array.from(cells, (_, i) => Math.round(3 + 2 * Math.sin(i / 9) + (i % 7) / 3));
    const significant = (correction: 'fdr' | 'holm' | 'none') => giStar(neighbourhood, values, correction).cells.filter((c) => c.bin !== 0).length;
    const none = significant('none');
    const fdr = significant('fdr');
    const holm = significant('holm');
    expect(none).toBeGreaterThan(holm);
    expect(none).toBeGreaterThanOrEqual(fdr);
    expect(fdr).toBeGreaterThanOrEqual(holm);
  });

  it('k = 0 reduces to the plain z-score of each value', () => {
    const neighbourhood = neighbourhoodOf(DISK2, 0);
    const result = giStar(neighbourhood, Float64Array.from(DISK2_VALUES));
    const { mean, sd } = result.summary;
    result.cells.forEach((cell) => expect(cell.z).toBeCloseTo((cell.value - mean) / sd, 12));
  });

  it('gives z = 0, not NaN, where a neighbourhood covers every study cell', () => {
    // Three mutually touching cells: the centre and two ring cells that touch each other.
    const ring = cellsWithinDistance(CENTRE, 1).filter((c) => c !== CENTRE);
    const a = ring[0]!;
    const b = ring.find((c) => c !== a && cellsWithinDistance(a, 1).includes(c))!;
    const cells = [CENTRE, a, b];
    const neighbourhood = neighbourhoodOf(cells, 2);
    const result = giStar(neighbourhood, Float64Array.from([1, 2, 4]));
    for (const cell of result.cells) {
      expect(cell.z).toBe(0);
      expect(cell.p).toBe(1);
      expect(cell.bin).toBe(0);
    }
  });

  it('returns expected failures as values with a reason', () => {
    const neighbourhood = neighbourhoodOf(DISK2, 1);
    const zeros = computeGiStar(neighbourhood, new Float64Array(19));
    expect(!zeros.ok && zeros.reason.code).toBe('no-variation');
    expect(!zeros.ok && zeros.reason.message).toMatch(/no incidents in this window/);
    const constant = computeGiStar(neighbourhood, new Float64Array(19).fill(2));
    expect(!constant.ok && constant.reason.code).toBe('no-variation');
    const short = computeGiStar(neighbourhood, new Float64Array(18));
    expect(!short.ok && short.reason.code).toBe('length-mismatch');
    const withNaN = Float64Array.from(DISK2_VALUES);
    withNaN[3] = Number.NaN;
    const nan = computeGiStar(neighbourhood, withNaN);
    expect(!nan.ok && nan.reason.code).toBe('invalid-value');
    expect(!nan.ok && nan.reason.message).toContain(DISK2[3]);
    const two = computeGiStar(neighbourhoodOf(DISK2.slice(0, 2), 1), Float64Array.from([0, 1]));
    expect(!two.ok && two.reason.code).toBe('too-few-cells');
  });

  it('giStarScores gives the same z as computeGiStar', () => {
    const neighbourhood = neighbourhoodOf(DISK2, 1);
    const scores = giStarScores(neighbourhood, Float64Array.from(DISK2_VALUES));
    if (!scores.ok) throw new Error(scores.reason.message);
    const full = giStar(neighbourhood, Float64Array.from(DISK2_VALUES));
    expect([...scores.value.z]).toEqual(full.cells.map((c) => c.z));
  });
});
