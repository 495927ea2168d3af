// The demo data generator: a deterministic, synthetic set of incidents for the demo
// borough with exact (minute) London local times, background noise following a smooth
// population surface, and planted patterns described by a ground truth. Pure: the end day
// and the seed come in, nothing is read or written (docs/decisions/005-demo-data.md).
import { cellAt } from '../h3';
import { dayNumber, isoDateOfDay } from '../time';
import type { IncidentDraft, LngLat } from '../types';
import { buildDemoWards, DEMO_STUDY_AREA, insideDemoArea, type DemoWard } from './demo-area';
import { createBackgroundSampler, offsetMetres, POPULATION_BUMPS, POPULATION_FLOOR } from './demo-population';
import { BLIND_CLEARANCE_METERS, BLIND_PATTERNS, generateDemoCameras, type DemoCamera } from './demo-cameras';
import { DEMO_SCHOOLS, type DemoSchool } from './demo-schools';
import { patternTruth, type DemoGroundTruth } from './ground-truth';
import { plantedPatterns, type DayContext, type PatternSpec } from './planted-patterns';
import { demoStudyCells, generatePlantedIncidents, plantedTaskingArea, plantedTaskingOutputs, type DemoTasking } from './generate-planted-taskings';
import { plantedTaskings, PLANTED_TASKING_RESOLUTION } from './planted-taskings';
import { createRandom, cumulative, type Random } from './random';
import { BACKGROUND_CATEGORIES, backgroundDailyRate, HOUR_PROFILES, type SpatialProfile } from './rhythms';
import { dayOfWeek, schoolDayFlags, schoolHolidaysBetween } from './school-calendar';
import { DEMO_FLAG_SHARES, DEMO_FLAGGED_CATEGORIES, demoFlags } from './demo-flags';
import type { IncidentFlags } from '../incident-flags';

export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_YEARS = 2;
export const DEMO_SOURCE = 'demo';
const GENERATOR = 'tasking-map demo generator v1';

export interface DemoDataOptions {
  /** First day NOT covered (day number, London local date): the data ends the day before. */
  endDay: number;
  seed: number;
  /** Length of the period in years; default 2. Whole years start on the same calendar date. */
  years?: number;
}

export interface DemoIncident extends IncidentDraft {
  sourceRecordId: string;
  precision: 'minute';
  /** Partner flags (demo-flags.ts): every demo record comes from a flagged source. */
  flags: IncidentFlags;
  /** The planted pattern or planted tasking the incident belongs to; null for background. Not written to the CSV. */
  patternId: string | null;
}

export interface DemoData {
  incidents: DemoIncident[];
  groundTruth: DemoGroundTruth;
  /** Taskings with planted effects, and their visits, for the app to store beside the incidents. */
  taskings: DemoTasking[];
  studyArea: GeoJSON.Polygon;
  wards: DemoWard[];
  schools: readonly DemoSchool[];
  /** The CCTV network, stored through the cameras importer (demo-cameras.ts). */
  cameras: DemoCamera[];
}

interface DayInfo extends DayContext {
  iso: string;
  /** Last Sunday of March: London clocks jump from 01:00 to 02:00, so 01:xx does not exist. */
  springForward: boolean;
}

/**
 * Incidents as they are generated, column by column: arrays of numbers cost the garbage
 * collector nothing, where 100,000 small objects cost it hundreds of milliseconds.
 */
class RawIncidents {
  readonly day: number[] = [];
  readonly minute: number[] = [];
  readonly category: number[] = [];
  readonly lng: number[] = [];
  readonly lat: number[] = [];
  /** Index into the list of pattern and planted tasking ids, -1 for background. */
  readonly pattern: number[] = [];
  readonly categories: string[] = [];
  private readonly categoryIndex = new Map<string, number>();

  get size(): number {
    return this.day.length;
  }

  push(day: number, minute: number, category: string, [lng, lat]: LngLat, pattern: number): void {
    let c = this.categoryIndex.get(category);
    if (c === undefined) {
      c = this.categories.length;
      this.categories.push(category);
      this.categoryIndex.set(category, c);
    }
    this.day.push(day);
    this.minute.push(minute);
    this.category.push(c);
    this.lng.push(lng);
    this.lat.push(lat);
    this.pattern.push(pattern);
  }

  /** Incidents of a category in [fromDay, toDay) whose cell at the resolution is one of `cells`. */
  countInCells(category: string, cells: ReadonlySet<string>, h3Resolution: number, fromDay: number, toDay: number): number {
    const c = this.categoryIndex.get(category);
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      if (this.category[i] !== c || this.day[i]! < fromDay || this.day[i]! >= toDay) continue;
      if (cells.has(cellAt(this.lng[i]!, this.lat[i]!, h3Resolution))) n += 1;
    }
    return n;
  }

  /** Indices in time order; ties keep generation order, so the order is fully determined. */
  timeOrder(): Uint32Array {
    // One sortable number per row: minute of the period times 2^20, plus the row index.
    const keys = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) keys[i] = (this.day[i]! * 1440 + this.minute[i]!) * 1_048_576 + i;
    keys.sort();
    return Uint32Array.from(keys, (k) => k % 1_048_576);
  }
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function dayInfos(startDay: number, endDay: number): DayInfo[] {
  const school = schoolDayFlags(startDay, endDay);
  const infos: DayInfo[] = [];
  for (let day = startDay; day < endDay; day++) {
    const iso = isoDateOfDay(day);
    const month = Number(iso.slice(5, 7));
    const dow = dayOfWeek(day);
    infos.push({
      day,
      dayOfWeek: dow,
      month,
      schoolDay: school[day - startDay]!,
      iso,
      springForward: month === 3 && dow === 0 && Number(iso.slice(8, 10)) >= 25,
    });
  }
  return infos;
}

function minuteOfDay(random: Random, hourCdf: readonly number[], day: DayInfo): number {
  let hour = random.pick(hourCdf);
  if (day.springForward && hour === 1) hour = 2;
  return hour * 60 + random.int(60);
}

/** A point (rounded to 6 decimals, ~0.1 m) inside the demo area drawn by `draw`. */
function insidePoint(draw: () => LngLat): LngLat {
  for (;;) {
    const [lng, lat] = draw();
    const rounded: LngLat = [round6(lng), round6(lat)];
    if (insideDemoArea(rounded[0], rounded[1])) return rounded;
  }
}

/** A point of a planted cluster: Gaussian scatter (sigma = radius / 2) truncated at the radius. */
function clusterPoint(random: Random, centre: LngLat, radiusMeters: number): LngLat {
  const sigma = radiusMeters / 2;
  for (;;) {
    const east = random.normal() * sigma;
    const north = random.normal() * sigma;
    if (east * east + north * north <= radiusMeters * radiusMeters) return offsetMetres(centre, east, north);
  }
}

function generateBackground(seed: number, days: readonly DayInfo[], out: RawIncidents): void {
  const samplers = new Map<SpatialProfile, (random: Random) => LngLat>();
  for (const category of BACKGROUND_CATEGORIES) {
    const random = createRandom(seed, `background:${category.slug}`);
    let sample = samplers.get(category.spatial);
    if (!sample) {
      sample = createBackgroundSampler(category.spatial);
      samplers.set(category.spatial, sample);
    }
    const draw = sample;
    const hourCdf = cumulative(HOUR_PROFILES[category.hours]);
    for (const day of days) {
      const n = random.poisson(backgroundDailyRate(category, day.dayOfWeek, day.month));
      for (let i = 0; i < n; i++) {
        const minute = minuteOfDay(random, hourCdf, day);
        out.push(
          day.day,
          minute,
          category.slug,
          insidePoint(() => draw(random)),
          -1,
        );
      }
    }
  }
}

function generatePattern(
  seed: number,
  spec: PatternSpec,
  patternIndex: number,
  days: readonly DayInfo[],
  out: RawIncidents,
): { points: LngLat[]; categories: string[]; expected: number } {
  const random = createRandom(seed, `pattern:${spec.id}`);
  const hourCdf = cumulative(spec.hourWeights);
  const categoryCdf = cumulative(spec.categories.map((c) => c.weight));
  const spots = Array.from({ length: spec.spots?.count ?? 0 }, () => insidePoint(() => clusterPoint(random, spec.centre, spec.radiusMeters * 0.6)));
  const points: LngLat[] = [];
  const categories: string[] = [];
  let expected = 0;
  const firstDay = days[0]?.day ?? 0;
  for (const window of spec.activeWindows) {
    for (let d = window.fromDay; d < window.toDay; d++) {
      const day = days[d - firstDay];
      if (!day) continue;
      const rate = spec.dailyRate(day);
      expected += rate;
      const n = random.poisson(rate);
      for (let i = 0; i < n; i++) {
        const category = spec.categories[random.pick(categoryCdf)]!.slug;
        const minute = minuteOfDay(random, hourCdf, day);
        const onSpot = spec.spots && random.next() < spec.spots.share;
        const point = onSpot ? spots[random.int(spots.length)]! : insidePoint(() => clusterPoint(random, spec.centre, spec.radiusMeters));
        out.push(day.day, minute, category, point, patternIndex);
        points.push(point);
        categories.push(category);
      }
    }
  }
  return { points, categories, expected };
}

/** The same calendar date `years` earlier for whole years (so two years ending 1 May start on 1 May), else 365.25 days a year. */
function startDayOf(endDay: number, years: number): number {
  if (!Number.isInteger(years)) return endDay - Math.round(years * 365.25);
  const [y, m, d] = isoDateOfDay(endDay).split('-').map(Number);
  return dayNumber(y! - years, m!, d!);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function generateDemoData(options: DemoDataOptions): DemoData {
  const years = options.years ?? DEFAULT_DEMO_YEARS;
  if (!(years > 0 && years <= 20)) throw new Error(`years must be between 0 and 20 (got ${years})`);
  const endDay = options.endDay;
  const startDay = startDayOf(endDay, years);
  const seed = options.seed;
  const days = dayInfos(startDay, endDay);

  const raw = new RawIncidents();
  generateBackground(seed, days, raw);
  const backgroundCount = raw.size;
  const specs = plantedPatterns(startDay, endDay);
  const patterns = specs.map((spec, index) => {
    const generated = generatePattern(seed, spec, index, days, raw);
    return patternTruth(spec, generated.points, generated.categories, generated.expected);
  });
  // Planted taskings: their incidents, then their records, whose problem text quotes the
  // evidence window's count (background included), as an analyst would have read it.
  const plantSpecs = plantedTaskings(startDay, endDay);
  const studyCells = plantSpecs.length > 0 ? demoStudyCells() : new Set<string>();
  const plants = plantSpecs.map((spec, k) => {
    const area = plantedTaskingArea(spec.centre, studyCells);
    const pattern = specs.length + k;
    const incidents = generatePlantedIncidents(seed, spec, area, (day, minute, point) => raw.push(day, minute, spec.category, point, pattern));
    return { spec, area, incidents };
  });
  const plantOutputs = plants.map(({ spec, area, incidents }) => {
    const window = spec.evidenceWindow;
    const evidenceCount = raw.countInCells(spec.category, new Set(area.response), PLANTED_TASKING_RESOLUTION, window.fromDay, window.toDay);
    return plantedTaskingOutputs(seed, spec, area, endDay, evidenceCount, incidents);
  });
  const patternIds = [...specs.map((spec) => spec.id), ...plantSpecs.map((spec) => spec.id)];

  // Time order, then ids in that order.
  const isoOf = new Map(days.map((d) => [d.day, d.iso]));
  const byCategory: Record<string, number> = {};
  const incidents: DemoIncident[] = [];
  for (const i of raw.timeOrder()) {
    const category = raw.categories[raw.category[i]!]!;
    const minute = raw.minute[i]!;
    const pattern = raw.pattern[i]!;
    byCategory[category] = (byCategory[category] ?? 0) + 1;
    incidents.push({
      sourceRecordId: `DEMO-${String(incidents.length + 1).padStart(7, '0')}`,
      category,
      occurredAt: `${isoOf.get(raw.day[i]!)!}T${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`,
      precision: 'minute',
      lng: raw.lng[i]!,
      lat: raw.lat[i]!,
      flags: {},
      patternId: pattern < 0 ? null : patternIds[pattern]!,
    });
  }
  const kindOf = new Map(specs.map((spec) => [spec.id, spec.kind]));
  const flags = demoFlags(
    seed,
    incidents.map((i) => ({ category: i.category, kind: i.patternId === null ? null : (kindOf.get(i.patternId) ?? null) })),
  );
  incidents.forEach((incident, k) => (incident.flags = flags[k]!));
  const flagCount = (keep: (f: IncidentFlags) => boolean) => flags.filter(keep).length;
  const sortedByCategory = Object.fromEntries(Object.entries(byCategory).sort(([a], [b]) => (a < b ? -1 : 1)));

  const cameras = generateDemoCameras(seed, Number(isoDateOfDay(endDay).slice(0, 4)));
  const tally = (key: (c: DemoCamera) => string) =>
    Object.fromEntries([...cameras.reduce((m, c) => m.set(key(c), (m.get(key(c)) ?? 0) + 1), new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : 1)));
  const groundTruth: DemoGroundTruth = {
    about:
      'SYNTHETIC DEMO DATA. Every incident was invented by the Tasking Map demo generator; none is a real crime or ASB report. ' +
      'This file lists the patterns and the taskings with known effects planted in it, for tests and demonstrations.',
    generator: GENERATOR,
    seed,
    years,
    startDay,
    endDay,
    startDate: isoDateOfDay(startDay),
    endDate: isoDateOfDay(endDay),
    totals: {
      incidents: incidents.length,
      background: backgroundCount,
      planted: incidents.length - backgroundCount,
      byCategory: sortedByCategory,
    },
    termDates: {
      rule:
        'School days are Monday to Friday outside the holidays listed (demo term dates following the usual London pattern). ' +
        'Holiday "to" dates are exclusive: the first school day back.',
      schoolDays: days.filter((d) => d.schoolDay).length,
      holidays: schoolHolidaysBetween(startDay, endDay),
    },
    background: {
      description:
        'Every category also has background incidents across the whole area, with density proportional to a smooth ' +
        'population surface (serious violence, knife crime and weapons weighted towards the east), realistic hour-of-day, ' +
        'day-of-week and seasonal rhythms, and no sharp clusters of its own.',
      populationPeaks: POPULATION_BUMPS.map((b) => ({ centre: b.centre, weight: b.weight, sigmaMeters: b.sigmaMeters })),
      populationFloor: POPULATION_FLOOR,
    },
    flags: {
      rule:
        `Records of ${DEMO_FLAGGED_CATEGORIES.join(', ')} carry every flag (yes or no) and a location type; other records carry none. ` +
        'Knife on every knife-crime record and a share of serious-violence and robbery; domestic abuse at home (location dwelling) and in public, ' +
        'hate and victims under 25 on shares of the background violence; victim under 25 on every planted under-18 and school robbery record.',
      shares: DEMO_FLAG_SHARES,
      counts: {
        knife: flagCount((f) => f.knife === true),
        firearm: flagCount((f) => f.firearm === true),
        corrosive: flagCount((f) => f.corrosive === true),
        domestic: flagCount((f) => f.domestic === true),
        domesticInDwelling: flagCount((f) => f.domestic === true && f.locationType === 'dwelling'),
        hate: flagCount((f) => f.hate === true),
        victimUnder25: flagCount((f) => f.victimUnder25 === true),
        dwelling: flagCount((f) => f.locationType === 'dwelling'),
      },
    },
    patterns,
    taskings: plantOutputs.map((o) => o.truth),
    cctv: {
      rule:
        'About 380 street cameras: fixed cameras and PTZ domes along the main roads and in the town centres, fixed cameras on estates, ' +
        `ANPR on the main roads and a few redeployable cameras; about 7% faulty and 2% removed. No camera stands within ${BLIND_CLEARANCE_METERS} m ` +
        'of a blind hot spot, so its hot cells are not covered.',
      cameras: cameras.length,
      byType: tally((c) => c.type),
      byStatus: tally((c) => c.status),
      blindHotspots: BLIND_PATTERNS.map((b) => ({ ...b, categories: [...b.categories], clearanceMeters: BLIND_CLEARANCE_METERS })),
    },
  };

  return {
    incidents,
    groundTruth,
    taskings: plantOutputs.map((o) => o.tasking),
    studyArea: DEMO_STUDY_AREA,
    wards: buildDemoWards(),
    schools: DEMO_SCHOOLS,
    cameras,
  };
}
