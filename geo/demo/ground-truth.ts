// The ground truth written beside the demo data: what was planted, where (H3 cells at
// resolutions 8-10), when and how much. Later tests score the hotspot engines against it
// (recall over planted cells, precision against the rest), so it is computed from the
// points actually generated, not from the intentions alone.
import type { BlindHotspotTruth } from './demo-cameras';
import { cellAt } from '../h3';
import { isoDateOfDay } from '../time';
import type { LngLat } from '../types';
import type { PlannedDosage } from '../taskings/koper';
import type { TimeBand } from '../taskings/time-bands';
import type { PatternSpec, PlantedKind, PlantedTrend } from './planted-patterns';
import type { DemoVisit } from './planted-tasking-visits';
import type { PlantedArea, PlantedEffect } from './planted-taskings';
import type { SchoolHoliday } from './school-calendar';

export interface DayWindowDates {
  fromDay: number;
  /** Exclusive. */
  toDay: number;
  from: string;
  /** Exclusive, 'YYYY-MM-DD'. */
  to: string;
}

export interface PlantedCells {
  r8: string[];
  r9: string[];
  r10: string[];
}

export interface PlantedPatternTruth extends DayWindowDates {
  id: string;
  kind: PlantedKind;
  label: string;
  place: string;
  description: string;
  categories: string[];
  centre: LngLat;
  radiusMeters: number;
  /**
   * Cells holding a material share of the cluster's points (see CELL_SHARE), busiest first.
   * These are the cells a hotspot engine should find when it looks at the pattern's
   * categories in an active window.
   */
  cells: PlantedCells;
  /** Every window in which the pattern was active; one for all kinds but 'sporadic'. */
  activeWindows: DayWindowDates[];
  /** Hours of the day (0..23) in which it happens, and the busiest of them. */
  hours: number[];
  peakHours: number[];
  trend: PlantedTrend;
  schoolDaysOnly: boolean;
  schoolUrn: string | null;
  /** Sum of the daily rates: what a very long run would average. */
  expectedIncidents: number;
  /** Incidents actually generated for the pattern. */
  incidents: number;
  incidentsByCategory: Record<string, number>;
}

export interface PeriodCounts {
  before: number;
  during: number;
}

/**
 * A tasking planted with a known effect (geo/demo/planted-taskings.ts). Its incidents carry
 * its id as patternId. Counts are of the planted incidents only; the category's background
 * adds a little in every cell, which is why results match the planted fall only closely.
 */
export interface PlantedTaskingTruth {
  id: string;
  effect: PlantedEffect;
  title: string;
  place: string;
  description: string;
  categories: string[];
  centre: LngLat;
  h3Resolution: number;
  responseCells: string[];
  /** One ring around the response cells inside the study area: the results' buffer with bufferRings = 1. */
  bufferCells: string[];
  timeBands: TimeBand[];
  startDate: string;
  reviewDate: string;
  /** The day the meeting made it; its evidence is the 28 days before. */
  createdDate: string;
  evidenceWindow: DayWindowDates;
  /** The periods the results compare when viewed on the day the data ends (endDate, "today"). */
  periods: { before: DayWindowDates; during: DayWindowDates };
  /** Exact planted counts, segment by segment. */
  segments: (DayWindowDates & { area: PlantedArea; incidents: number })[];
  plantedCounts: { response: PeriodCounts; buffer: PeriodCounts };
  /** The change in the response area's daily rate the plant is built around (-0.5 = halved). */
  plannedFall: number;
  /** The changes the planted counts alone make (the rounding of half-incidents moves them a little off the plan). */
  plantedFall: { response: number | null; buffer: number | null };
  /** What the results should say: verdict code, displacement reading ('neither' = not displacement and not diffusion) and the WDQ's sign. */
  expected: { verdict: string; wdqReading: 'displacement' | 'diffusion' | 'neither'; wdqSign: -1 | 1 | null };
  /** Incidents generated for the plant. */
  incidents: number;
  plannedDosage: PlannedDosage;
  visits: DemoVisit[];
}

export interface DemoGroundTruth {
  about: string;
  generator: string;
  seed: number;
  years: number;
  /** The data covers [startDay, endDay): endDay is exclusive. */
  startDay: number;
  endDay: number;
  startDate: string;
  endDate: string;
  totals: {
    incidents: number;
    background: number;
    /** Planted patterns and planted taskings together. */
    planted: number;
    byCategory: Record<string, number>;
  };
  termDates: {
    rule: string;
    schoolDays: number;
    holidays: SchoolHoliday[];
  };
  background: {
    description: string;
    /**
     * The broad bumps of the population surface. Background incidents are denser there,
     * so a hotspot engine may mildly flag them in categories without planted patterns.
     */
    populationPeaks: { centre: LngLat; weight: number; sigmaMeters: number }[];
    populationFloor: number;
  };
  /** Partner flags on the demo's records (demo-flags.ts): the rule, the shares drawn and how many records carry each. */
  flags: {
    rule: string;
    shares: Readonly<Record<string, number>>;
    counts: Record<'knife' | 'firearm' | 'corrosive' | 'domestic' | 'domesticInDwelling' | 'hate' | 'victimUnder25' | 'dwelling', number>;
  };
  patterns: PlantedPatternTruth[];
  taskings: PlantedTaskingTruth[];
  /** The demo CCTV network (demo-cameras.ts) and the planted hot clusters it leaves blind. */
  cctv: {
    rule: string;
    cameras: number;
    byType: Record<string, number>;
    byStatus: Record<string, number>;
    blindHotspots: BlindHotspotTruth[];
  };
}

/** A cell is planted at a resolution when it holds at least this share of the cluster's points. */
export const CELL_SHARE = { r8: 0.2, r9: 0.1, r10: 0.05 } as const;

export function windowDates(fromDay: number, toDay: number): DayWindowDates {
  return { fromDay, toDay, from: isoDateOfDay(fromDay), to: isoDateOfDay(toDay) };
}

function cellsHolding(points: readonly LngLat[], centre: LngLat, h3Resolution: number, minShare: number): string[] {
  const counts = new Map<string, number>();
  for (const [lng, lat] of points) {
    const cell = cellAt(lng, lat, h3Resolution);
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const centreCell = cellAt(centre[0], centre[1], h3Resolution);
  return [...counts]
    .filter(([cell, n]) => cell === centreCell || n >= minShare * points.length)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([cell]) => cell);
}

export function patternTruth(spec: PatternSpec, points: readonly LngLat[], categories: readonly string[], expectedIncidents: number): PlantedPatternTruth {
  const byCategory: Record<string, number> = {};
  for (const { slug } of spec.categories) byCategory[slug] = 0;
  for (const c of categories) byCategory[c] = (byCategory[c] ?? 0) + 1;
  const activeHours = spec.hourWeights.flatMap((w, h) => (w > 0 ? [h] : []));
  const maxWeight = Math.max(...spec.hourWeights);
  const first = spec.activeWindows[0];
  const last = spec.activeWindows.at(-1);
  return {
    id: spec.id,
    kind: spec.kind,
    label: spec.label,
    place: spec.place,
    description: spec.description,
    categories: spec.categories.map((c) => c.slug),
    centre: spec.centre,
    radiusMeters: spec.radiusMeters,
    cells: {
      r8: cellsHolding(points, spec.centre, 8, CELL_SHARE.r8),
      r9: cellsHolding(points, spec.centre, 9, CELL_SHARE.r9),
      r10: cellsHolding(points, spec.centre, 10, CELL_SHARE.r10),
    },
    ...windowDates(first?.fromDay ?? 0, last?.toDay ?? 0),
    activeWindows: spec.activeWindows.map((w) => windowDates(w.fromDay, w.toDay)),
    hours: activeHours,
    peakHours: spec.hourWeights.flatMap((w, h) => (w >= maxWeight * 0.9 ? [h] : [])),
    trend: spec.trend,
    schoolDaysOnly: spec.schoolDaysOnly,
    schoolUrn: spec.schoolUrn,
    expectedIncidents: Math.round(expectedIncidents * 10) / 10,
    incidents: points.length,
    incidentsByCategory: byCategory,
  };
}

/** Planted cells of one kind at a resolution (8, 9 or 10), for recall tests. */
export function plantedCellsOfKind(truth: DemoGroundTruth, kind: PlantedKind, h3Resolution: 8 | 9 | 10): string[] {
  const key = `r${h3Resolution}` as const;
  return [...new Set(truth.patterns.filter((p) => p.kind === kind).flatMap((p) => p.cells[key]))];
}

/** Patterns active on a day (day number), e.g. to know what a window should contain. */
export function patternsActiveOn(truth: DemoGroundTruth, day: number): PlantedPatternTruth[] {
  return truth.patterns.filter((p) => p.activeWindows.some((w) => day >= w.fromDay && day < w.toDay));
}
