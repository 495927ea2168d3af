// Robbery near schools (issue 11; School Robbery Prevention Project, seed 001): per school, the
// incidents in the H3 cells that cover a circle of `bufferMeters` around it, in the asked time
// band on school days, against the same band on other days, other hours on school days, and
// the period before. Pure: the counts per cell come in, the ranked schools go out.
import circle from '@turf/circle';
import { binomialUpperTail } from './binomial';
import { cellsOfPolygon } from './h3';
import { adjustPValues } from './multiple-testing';

export interface SchoolPoint {
  urn: string;
  name: string;
  phase: string;
  /** [lng, lat] */
  position: readonly [number, number];
}

/** The cells covering a circle of `bufferMeters` around a point: every cell with any part inside. */
export function cellsNearPoint(position: readonly [number, number], bufferMeters: number, h3Resolution: number): string[] {
  // 64 steps: the polygon stays within 0.2% of the circle's radius.
  const ring = circle([position[0], position[1]], bufferMeters, { units: 'meters', steps: 64 });
  return cellsOfPolygon(ring.geometry, h3Resolution, 'overlapping').sort();
}

/** Counts per cell for each comparison; a cell absent from a map has none. */
export interface SchoolCountMaps {
  /** The asked band (e.g. 15:00-18:00 on school days). */
  asked: ReadonlyMap<string, number>;
  /** The same hours on days that are not school days; null when the band does not use school days. */
  nonSchoolDays: ReadonlyMap<string, number> | null;
  /** The other hours of the same days; null when the band has no hours. */
  otherHours: ReadonlyMap<string, number> | null;
  /** The asked band over the period of the same length just before. */
  previousPeriod: ReadonlyMap<string, number>;
}

export interface SchoolRobbery {
  urn: string;
  name: string;
  phase: string;
  count: number;
  countNonSchoolDays: number | null;
  countOtherHours: number | null;
  previousPeriodCount: number;
  /** count - previousPeriodCount. */
  change: number;
  /** The cells counted for this school. */
  cells: string[];
}

const sumOver = (cells: readonly string[], counts: ReadonlyMap<string, number>) => cells.reduce((sum, cell) => sum + (counts.get(cell) ?? 0), 0);

/**
 * Every school with its counts, ranked by the asked count (then by change, then name). A cell
 * near two schools counts for both: each school's figure is what happens around it.
 */
export function rankSchoolsByNearbyCount(
  schools: readonly SchoolPoint[],
  cellsOfSchool: (school: SchoolPoint) => string[],
  counts: SchoolCountMaps,
): SchoolRobbery[] {
  return schools
    .map((school) => {
      const cells = cellsOfSchool(school);
      const count = sumOver(cells, counts.asked);
      const previousPeriodCount = sumOver(cells, counts.previousPeriod);
      return {
        urn: school.urn,
        name: school.name,
        phase: school.phase,
        count,
        countNonSchoolDays: counts.nonSchoolDays ? sumOver(cells, counts.nonSchoolDays) : null,
        countOtherHours: counts.otherHours ? sumOver(cells, counts.otherHours) : null,
        previousPeriodCount,
        change: count - previousPeriodCount,
        cells,
      };
    })
    .sort((a, b) => b.count - a.count || b.change - a.change || a.name.localeCompare(b.name));
}

/** The cells near any school with their asked count, each cell once. */
export function cellsNearSchools(ranked: readonly SchoolRobbery[], asked: ReadonlyMap<string, number>): { cell: string; count: number; schools: number }[] {
  const schoolsOfCell = new Map<string, number>();
  for (const school of ranked) for (const cell of school.cells) schoolsOfCell.set(cell, (schoolsOfCell.get(cell) ?? 0) + 1);
  return [...schoolsOfCell]
    .map(([cell, schools]) => ({ cell, count: asked.get(cell) ?? 0, schools }))
    .sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell));
}

/** Whether a school has more nearby than the borough's average density would put there. */
export interface AboveBoroughRate {
  /** The asked count the borough's average would put in the school's cells: total x cells / study cells. */
  expected: number;
  /** One-sided exact binomial p (the count or more, given the borough's total), and after FDR over the schools. */
  p: number;
  pAdjusted: number;
  /** pAdjusted below 0.05 and more than expected. */
  standsOut: boolean;
}

/**
 * For each school (in the order given): its count against the borough's average density, as
 * an exact one-sided binomial test with Benjamini-Hochberg over the schools. The null spreads
 * the borough's `total` evenly over its `studyCells` cells; a school stands out when its cells
 * hold clearly more.
 */
export function compareWithBoroughRate(schools: readonly { count: number; cellCount: number }[], total: number, studyCells: number): AboveBoroughRate[] {
  const tests = schools.map((s) => {
    const share = Math.min(1, s.cellCount / Math.max(1, studyCells));
    return { expected: total * share, p: total === 0 ? 1 : binomialUpperTail(s.count, total, share) };
  });
  const adjusted = adjustPValues(
    tests.map((t) => t.p),
    'fdr',
  );
  return tests.map((t, i) => {
    const pAdjusted = adjusted.ok ? adjusted.value[i]! : 1;
    return { expected: Math.round(t.expected * 100) / 100, p: t.p, pAdjusted, standsOut: pAdjusted < 0.05 && schools[i]!.count > t.expected };
  });
}
