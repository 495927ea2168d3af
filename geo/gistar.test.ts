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

/** Each cell's neighbour run (0-based indices into neighbourhood.cells, self included). */
function runsOf(neighbourhood: Neighbourhood): number[][] {
  return neighbourhood.cells.map((_, i) => [...neighbourhood.neighbours.subarray(neighbourhood.offsets[i]!, neighbourhood.offsets[i + 1]!)]);
}

// Hand-worked cases. With binary weights Gi*_i = (Σ_j∈N(i) x_j − x̄ W_i) / (S sqrt((n W_i − W_i²) / (n − 1))),
// S the population standard deviation and W_i = |N(i)|; Σ_j∈N(i) x_j − x̄ W_i is the sum of the
// deviations d_j = x_j − x̄ over N(i). The z-scores, p and adjusted p below were worked by hand
// and then checked two ways outside this code: numpy from the formula above, and R spdep 1.2.7
// localG on the same neighbour lists with 2 * pnorm(-|z|) and p.adjust (both agree to 1e-15).
// The R check, for DISK7 at k = 1 (1-based lists; LINE4 and k = 0 likewise; spdep gives NaN where
// a neighbourhood covers every cell):
//   Rscript -e 'suppressMessages(library(spdep)); nb <- lapply(list(1:7, c(1,2,4,6), c(1,3,4,7), c(1,2,3,4),
//     c(1,5,6,7), c(1,2,5,6), c(1,3,5,7)), as.integer); class(nb) <- "nb"; attr(nb, "self.included") <- TRUE;
//     z <- as.numeric(localG(c(2,5,1,2,2,2,0), nb2listw(nb, style = "B"))); p <- 2 * pnorm(-abs(z)); p[1] <- 1;
//     cat(sprintf("%.15g", z), "\n", sprintf("%.15g", p), "\n", sprintf("%.15g", p.adjust(p, "BH")), "\n")'
//
// DISK7: the resolution-9 cell at Stepney Green and its 6 touching cells, sorted by id.
// Walking round the ring: 3587 → 358f → 358b → 359b → 3593 → 3597 → back to 3587.
const DISK7 = Object.freeze([
  '89194ad3583ffff', // 0: the centre; touches every other cell
  '89194ad3587ffff', // 1: ring, touches 358f and 3597
  '89194ad358bffff', // 2: ring, touches 358f and 359b
  '89194ad358fffff', // 3: ring, touches 3587 and 358b
  '89194ad3593ffff', // 4: ring, touches 359b and 3597
  '89194ad3597ffff', // 5: ring, touches 3593 and 3587
  '89194ad359bffff', // 6: ring, touches 358b and 3593
]);
const DISK7_RUNS_K1 = [
  [0, 1, 2, 3, 4, 5, 6],
  [0, 1, 3, 5],
  [0, 2, 3, 6],
  [0, 1, 2, 3],
  [0, 4, 5, 6],
  [0, 1, 4, 5],
  [0, 2, 4, 6],
];
// n = 7, Σx = 14, x̄ = 2; d = x − 2 = [0, 3, −1, 0, 0, 0, −2]; Σd² = 9 + 1 + 4 = 14, S² = 14 / 7 = 2, S = √2.
const DISK7_VALUES = Object.freeze([2, 5, 1, 2, 2, 2, 0]);

// LINE4: four resolution-9 cells in a straight line, each touching only the one before and after.
const LINE4 = Object.freeze(['89194ad3583ffff', '89194ad3587ffff', '89194ad35b3ffff', '89194ad35b7ffff']);
// n = 4, x̄ = 1; d = [3, −1, −1, −1]; Σd² = 12, S² = 3, S = √3.
const LINE4_VALUES = Object.freeze([4, 0, 0, 0]);

describe('Gi* on hand-worked grids', () => {
  it('DISK7, k = 1: the ring cells by hand; the centre covers every cell, so z = 0', () => {
    expect([...cellsWithinDistance(CENTRE, 1)].sort()).toEqual(DISK7);
    const neighbourhood = neighbourhoodOf(DISK7, 1);
    expect(runsOf(neighbourhood)).toEqual(DISK7_RUNS_K1);
    // Ring cell: W = 4, n W − W² = 28 − 16 = 12, 12 / (n − 1) = 2, denominator S √2 = √2 √2 = 2.
    // So z = (sum of d over the cell, the centre (d = 0) and its two ring neighbours) / 2:
    //   1 (3587): d1 + d3 + d5 = 3 + 0 + 0 = 3 → 1.5     2 (358b): d2 + d3 + d6 = −1 + 0 − 2 = −3 → −1.5
    //   3 (358f): d1 + d2 + d3 = 3 − 1 + 0 = 2 → 1       4 (3593): d4 + d5 + d6 = 0 + 0 − 2 = −2 → −1
    //   5 (3597): d1 + d4 + d5 = 3 + 0 + 0 = 3 → 1.5     6 (359b): d2 + d4 + d6 = −1 + 0 − 2 = −3 → −1.5
    // Centre: W = n = 7, n W − W² = 0: a fixed sum, z = 0 by our rule (spdep gives NaN).
    const result = giStar(neighbourhood, Float64Array.from(DISK7_VALUES));
    const z = result.cells.map((cell) => cell.z);
    [0, 1.5, -1.5, 1, -1, 1.5, -1.5].forEach((expected, i) => expect(z[i]).toBeCloseTo(expected, 14));
    expect(result.cells.map((cell) => cell.cell)).toEqual(DISK7);
    expect(result.summary.mean).toBe(2);
    expect(result.summary.sd).toBeCloseTo(Math.SQRT2, 15);
    expect(result.summary).toMatchObject({ n: 7, k: 1, h3Resolution: 9, correction: 'fdr' });
    // Two-sided p = erfc(|z| / √2): 0.133614402537716 at 1.5, 0.317310507862914 at 1, 1 at 0.
    // Benjamini-Hochberg over the 7: the four at rank 1-4 get 0.1336 × 7/4 = 0.233825204441003,
    // the two at rank 5-6 get 0.3173 × 7/6 = 0.370195592506733, the centre 1. None reaches 0.1.
    const p = [1, 0.133614402537716, 0.133614402537716, 0.317310507862914, 0.317310507862914, 0.133614402537716, 0.133614402537716];
    const bh = [1, 0.233825204441003, 0.233825204441003, 0.370195592506733, 0.370195592506733, 0.233825204441003, 0.233825204441003];
    result.cells.forEach((cell, i) => {
      expect(cell.p).toBeCloseTo(p[i]!, 13);
      expect(cell.pAdjusted).toBeCloseTo(bh[i]!, 13);
      expect(cell.bin).toBe(0);
    });
  });

  it('DISK7, k = 1: giStarScores gives the same hand-worked z, mean and S', () => {
    const scores = giStarScores(neighbourhoodOf(DISK7, 1), Float64Array.from(DISK7_VALUES));
    if (!scores.ok) throw new Error(scores.reason.message);
    [0, 1.5, -1.5, 1, -1, 1.5, -1.5].forEach((expected, i) => expect(scores.value.z[i]).toBeCloseTo(expected, 14));
    expect(scores.value.mean).toBe(2);
    expect(scores.value.sd).toBeCloseTo(Math.SQRT2, 15);
  });

  it('DISK7, k = 0: each cell alone, z = d / S, binned at 95% without correction', () => {
    const neighbourhood = neighbourhoodOf(DISK7, 0);
    expect(runsOf(neighbourhood)).toEqual(DISK7.map((_, i) => [i]));
    // W = 1: n − 1 over n − 1 = 1, so z = d / S = d / √2: [0, 3/√2, −1/√2, 0, 0, 0, −2/√2].
    // p at 3/√2 = 2.1213 is 0.0338948535246893 (hot at 95%), at √2 0.157299207050285 and at
    // 1/√2 0.479500122186953 (not significant). Holm multiplies the smallest by 7: 0.237, none.
    const expected = [0, 3 / Math.SQRT2, -1 / Math.SQRT2, 0, 0, 0, -Math.SQRT2];
    const none = giStar(neighbourhood, Float64Array.from(DISK7_VALUES), 'none');
    none.cells.forEach((cell, i) => expect(cell.z).toBeCloseTo(expected[i]!, 14));
    expect(none.cells[1]!.p).toBeCloseTo(0.0338948535246893, 13);
    expect(none.cells[6]!.p).toBeCloseTo(0.157299207050285, 13);
    expect(none.cells.map((cell) => cell.bin)).toEqual([0, 2, 0, 0, 0, 0, 0]);
    const holm = giStar(neighbourhood, Float64Array.from(DISK7_VALUES), 'holm');
    expect(holm.cells[1]!.pAdjusted).toBeCloseTo(0.237263974672825, 13);
    expect(holm.cells.map((cell) => cell.bin)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('LINE4, k = 1: end cells have 2 neighbours, middle cells 3', () => {
    const neighbourhood = neighbourhoodOf(LINE4, 1);
    expect(runsOf(neighbourhood)).toEqual([
      [0, 1],
      [0, 1, 2],
      [1, 2, 3],
      [2, 3],
    ]);
    // End (W = 2): n W − W² = 8 − 4 = 4, 4 / 3, denominator √3 √(4/3) = 2.
    // Middle (W = 3): 12 − 9 = 3, 3 / 3 = 1, denominator √3.
    //   0: (3 − 1) / 2 = 1          1: (3 − 1 − 1) / √3 = 1/√3
    //   2: (−1 − 1 − 1) / √3 = −√3  3: (−1 − 1) / 2 = −1
    // p: 0.317310507862914 at 1, 0.563702861650773 at 1/√3, 0.0832645166635504 at √3: only
    // cell 2 is significant (cold at 90%) without correction; BH lifts its p to 0.333.
    const expected = [1, 1 / Math.sqrt(3), -Math.sqrt(3), -1];
    const none = giStar(neighbourhood, Float64Array.from(LINE4_VALUES), 'none');
    none.cells.forEach((cell, i) => expect(cell.z).toBeCloseTo(expected[i]!, 14));
    expect(none.cells.map((cell) => cell.p)).toEqual(
      [0.317310507862914, 0.563702861650773, 0.0832645166635504, 0.317310507862914].map((p) => expect.closeTo(p, 13)),
    );
    expect(none.cells.map((cell) => cell.bin)).toEqual([0, 0, -1, 0]);
    expect(none.summary.bins).toEqual({ hot99: 0, hot95: 0, hot90: 0, notSignificant: 3, cold90: 1, cold95: 0, cold99: 0 });
    const fdr = giStar(neighbourhood, Float64Array.from(LINE4_VALUES));
    expect(fdr.cells.map((cell) => cell.pAdjusted)).toEqual(
      [0.423080677150552, 0.563702861650773, 0.333058066654202, 0.423080677150552].map((p) => expect.closeTo(p, 13)),
    );
    expect(fdr.cells.map((cell) => cell.bin)).toEqual([0, 0, 0, 0]);
  });

  it('LINE4, k = 2: the middle cells cover every cell (z = 0), the ends have 3 neighbours', () => {
    const neighbourhood = neighbourhoodOf(LINE4, 2);
    expect(runsOf(neighbourhood)).toEqual([
      [0, 1, 2],
      [0, 1, 2, 3],
      [0, 1, 2, 3],
      [1, 2, 3],
    ]);
    // Ends (W = 3): denominator √3 as above. 0: (3 − 1 − 1) / √3 = 1/√3; 3: (−1 − 1 − 1) / √3 = −√3.
    const result = giStar(neighbourhood, Float64Array.from(LINE4_VALUES));
    [1 / Math.sqrt(3), 0, 0, -Math.sqrt(3)].forEach((expected, i) => expect(result.cells[i]!.z).toBeCloseTo(expected, 14));
    expect(result.summary).toMatchObject({ n: 4, k: 2, mean: 1 });
    expect(result.summary.sd).toBeCloseTo(Math.sqrt(3), 15);
  });
});

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
});
