import distance from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, cellsWithinDistance } from './h3';
import { binomialUpperTail } from './binomial';
import { cellsNearPoint, cellsNearSchools, compareWithBoroughRate, rankSchoolsByNearbyCount, type SchoolPoint } from './schools-robbery';
import { seededRandom } from './seeded-random';

const metres = (a: readonly [number, number], b: readonly [number, number]) => distance([a[0], a[1]], [b[0], b[1]], { units: 'meters' });

describe('cellsNearPoint', () => {
  const school: [number, number] = [-0.0385993, 51.5209999];

  it('covers every point within the buffer, and no cell lies wholly beyond it', () => {
    const cells = new Set(cellsNearPoint(school, 400, 10));
    const random = seededRandom(11);
    for (let k = 0; k < 500; k++) {
      // A point up to 399 m away in a random direction (1 degree of latitude ~ 111,320 m).
      const r = 399 * Math.sqrt(random());
      const angle = 2 * Math.PI * random();
      const point: [number, number] = [
        school[0] + (r * Math.cos(angle)) / (111_320 * Math.cos((school[1] * Math.PI) / 180)),
        school[1] + (r * Math.sin(angle)) / 111_320,
      ];
      expect(metres(point, school)).toBeLessThan(400.5);
      expect(cells.has(cellAt(point[0], point[1], 10))).toBe(true);
    }
    // A resolution-10 cell reaches at most ~76 m from its centre (H3's edge length at 10 is ~66-76 m).
    for (const cell of cells) expect(metres(cellCentre(cell), school)).toBeLessThan(400 + 80);
  });

  it('grows with the buffer', () => {
    expect(cellsNearPoint(school, 200, 10).length).toBeLessThan(cellsNearPoint(school, 400, 10).length);
  });
});

describe('rankSchoolsByNearbyCount', () => {
  // Two schools sharing one cell; counts worked by hand.
  const a = cellAt(-0.0386, 51.521, 10);
  const [shared, onlyB] = cellsWithinDistance(a, 1).filter((c) => c !== a);
  const schools: SchoolPoint[] = [
    { urn: '1', name: 'Ashby Primary', phase: 'primary', position: [0, 0] },
    { urn: '2', name: 'Bow Secondary', phase: 'secondary', position: [0, 0] },
  ];
  const cellsOf = (s: SchoolPoint) => (s.urn === '1' ? [a, shared!] : [shared!, onlyB!]);
  const map = (entries: [string, number][]) => new Map(entries);

  it("sums each school's cells (a shared cell counts for both), ranks by count and lists each cell once", () => {
    const ranked = rankSchoolsByNearbyCount(schools, cellsOf, {
      asked: map([
        [a, 1],
        [shared!, 2],
        [onlyB!, 4],
      ]),
      nonSchoolDays: map([[a, 5]]),
      otherHours: null,
      previousPeriod: map([
        [shared!, 1],
        [onlyB!, 1],
      ]),
    });
    expect(ranked.map((s) => [s.urn, s.count, s.countNonSchoolDays, s.countOtherHours, s.previousPeriodCount, s.change])).toEqual([
      ['2', 6, 0, null, 2, 4],
      ['1', 3, 5, null, 1, 2],
    ]);
    expect(
      cellsNearSchools(
        ranked,
        map([
          [onlyB!, 4],
          [shared!, 2],
        ]),
      ).map((c) => [c.cell, c.count, c.schools]),
    ).toEqual([
      [onlyB, 4, 1],
      [shared, 2, 2],
      [a, 0, 1],
    ]);
  });
});

describe('compareWithBoroughRate', () => {
  it('gives the one-sided exact binomial p of R binom.test(alternative = "greater")', () => {
    // Rscript -e 'binom.test(22, 60, 52/252, alternative="greater")$p.value' and the others.
    expect(binomialUpperTail(22, 60, 52 / 252)).toBeCloseTo(0.00307851551304, 10);
    expect(binomialUpperTail(3, 60, 50 / 252)).toBeCloseTo(0.999785459424, 10);
    expect(binomialUpperTail(5, 10, 0.1)).toBeCloseTo(0.0016349374, 9);
    expect(binomialUpperTail(0, 10, 0.1)).toBe(1);
  });

  it('flags the school with clearly more than the borough average would put near it, after FDR', () => {
    const result = compareWithBoroughRate(
      [
        { count: 22, cellCount: 52 },
        { count: 3, cellCount: 50 },
      ],
      60,
      252,
    );
    expect(result[0]!.expected).toBeCloseTo((60 * 52) / 252, 2);
    expect(result[0]!.p).toBeCloseTo(0.00307851551304, 10);
    // Benjamini-Hochberg over two: min(1, p1 * 2 / 1) for the smaller, p2 for the larger.
    expect(result[0]!.pAdjusted).toBeCloseTo(0.00615703102608, 10);
    expect(result.map((r) => r.standsOut)).toEqual([true, false]);
  });
});

describe('binomialUpperTail on a borough-sized total', () => {
  it('agrees with R for thousands of trials', () => {
    // Rscript -e 'binom.test(k, 4250, 52/1300, alternative="greater")$p.value' for k = 150, 200, 260.
    expect(binomialUpperTail(150, 4250, 52 / 1300)).toBeCloseTo(0.94791872447482, 10);
    expect(binomialUpperTail(200, 4250, 52 / 1300)).toBeCloseTo(0.0118756749237697, 12);
    expect(binomialUpperTail(260, 4250, 52 / 1300) / 3.29421112761093e-11).toBeCloseTo(1, 8);
  });
});
