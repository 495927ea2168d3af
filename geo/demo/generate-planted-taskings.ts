// Makes the planted taskings of planted-taskings.ts: their areas (three resolution-9 cells
// and the one-ring buffer the results compare), their incidents (exact counts per segment,
// uniformly inside the cells), and the tasking records, visits and ground truth the app and
// the tests read.
import { cellAt, cellCentre, cellRing, cellsWithinDistance } from '../h3';
import { studyAreaCells } from '../study-cells';
import { instantOfLondonWallClock, isoDateOfDay, weekdayOfDay } from '../time';

import { bufferCells } from '../taskings/tasking-area';
import type { TaskingFields } from '../taskings/tasking-fields';
import { weekHoursOfBands } from '../taskings/time-bands';
import type { LngLat } from '../types';
import { DEMO_STUDY_AREA, insideDemoArea } from './demo-area';
import { windowDates, type PlantedTaskingTruth } from './ground-truth';
import { plantedVisits, type DemoVisit } from './planted-tasking-visits';
import { PLANTED_TASKING_RESOLUTION, type PlantedArea, type PlantedEffect, type PlantedTaskingSpec } from './planted-taskings';
import { createRandom, cumulative, type Random } from './random';
import { HOUR_PROFILES } from './rhythms';

export interface PlantedTaskingArea {
  /** The cell of the centre and the two lowest-id neighbours whose centres are in the demo area; sorted. */
  response: string[];
  /** One ring around the response cells, inside the study area, as the results compute it. */
  buffer: string[];
}

/** The demo study cells at the planted resolution, as the server computes them (overlapping containment). */
export function demoStudyCells(): ReadonlySet<string> {
  const cells = studyAreaCells(DEMO_STUDY_AREA, PLANTED_TASKING_RESOLUTION);
  if (!cells.ok) throw new Error(cells.reason);
  return new Set(cells.value);
}

export function plantedTaskingArea(centre: LngLat, studyCells: ReadonlySet<string>): PlantedTaskingArea {
  const home = cellAt(centre[0], centre[1], PLANTED_TASKING_RESOLUTION);
  const neighbours = cellsWithinDistance(home, 1)
    .filter((cell) => cell !== home && insideDemoArea(...cellCentre(cell)))
    .sort()
    .slice(0, 2);
  const response = [home, ...neighbours].sort();
  return { response, buffer: bufferCells(response, 1, studyCells) };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The last Sunday of March: London clocks jump from 01:00 to 02:00, so 01:xx does not exist. */
function clocksSkipOneOClock(day: number): boolean {
  const iso = isoDateOfDay(day);
  return iso.slice(5, 7) === '03' && weekdayOfDay(day) === 6 && Number(iso.slice(8, 10)) >= 25;
}

/** A point (6 decimals, as the rest of the demo data) uniformly inside a cell and the demo area. */
function pointInCell(random: Random, cell: string): LngLat {
  const ring = cellRing(cell);
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const lng = round6(west + random.next() * (east - west));
    const lat = round6(south + random.next() * (north - south));
    if (cellAt(lng, lat, PLANTED_TASKING_RESOLUTION) === cell && insideDemoArea(lng, lat)) return [lng, lat];
  }
  throw new Error(`no point of the demo area found in cell ${cell}`);
}

export type PushIncident = (day: number, minuteOfDay: number, point: LngLat) => void;

/**
 * The plant's incidents, pushed segment by segment: exact counts, on banded days uniformly,
 * at hours of the category's profile inside the bands, in cells of the area uniformly.
 */
export function generatePlantedIncidents(seed: number, spec: PlantedTaskingSpec, area: PlantedTaskingArea, push: PushIncident): number {
  const random = createRandom(seed, `tasking:${spec.id}`);
  const weekHours = weekHoursOfBands(spec.timeBands);
  const profile = HOUR_PROFILES[spec.hours];
  const hourCdfOfWeekday = Array.from({ length: 7 }, (_, weekday) => cumulative(profile.map((w, h) => w * weekHours[weekday * 24 + h]!)));
  let total = 0;
  for (const s of spec.segments) {
    const days: number[] = [];
    for (let day = s.fromDay; day < s.toDay; day++) if (hourCdfOfWeekday[weekdayOfDay(day)]!.at(-1)! > 0) days.push(day);
    if (days.length === 0 && s.incidents > 0) throw new Error(`${spec.id}: no banded day in ${isoDateOfDay(s.fromDay)}..${isoDateOfDay(s.toDay)}`);
    const cells = s.area === 'response' ? area.response : area.buffer;
    for (let i = 0; i < s.incidents; i++) {
      const day = days[random.int(days.length)]!;
      let hour = random.pick(hourCdfOfWeekday[weekdayOfDay(day)]!);
      if (hour === 1 && clocksSkipOneOClock(day)) hour = 2;
      push(day, hour * 60 + random.int(60), pointInCell(random, cells[random.int(cells.length)]!));
    }
    total += s.incidents;
  }
  return total;
}

export interface DemoTasking {
  /** The plant's id, as in the ground truth. */
  plantId: string;
  fields: TaskingFields;
  /** London date the meeting made it; the evidence snapshot is taken then. */
  createdDate: string;
  /** The instant it was made (10:00 London time on the created date). */
  createdAt: string;
  /** The window its evidence snapshot covers ([fromDay, toDay), London dates). */
  evidenceWindow: { fromDay: number; toDay: number };
  visits: DemoVisit[];
}

/** Planted counts in one area per period (before = the 42 days before the start, during = the 42 from it). */
function countsIn(spec: PlantedTaskingSpec, area: PlantedArea, period: { fromDay: number; toDay: number }): number {
  return spec.segments.filter((s) => s.area === area && s.fromDay >= period.fromDay && s.toDay <= period.toDay).reduce((sum, s) => sum + s.incidents, 0);
}

/**
 * The record, visits and ground truth of one plant, once its incidents exist: the problem
 * text quotes `evidenceCount`, the incidents of its category in its cells in the evidence window.
 */
export function plantedTaskingOutputs(
  seed: number,
  spec: PlantedTaskingSpec,
  area: PlantedTaskingArea,
  endDay: number,
  evidenceCount: number,
  incidents: number,
): { tasking: DemoTasking; truth: PlantedTaskingTruth } {
  const visits = plantedVisits(createRandom(seed, `tasking-visits:${spec.id}`), {
    startDay: spec.startDay,
    endDay,
    timeBands: spec.timeBands,
    // Without bands, patrols go in the day shift.
    patrolHours: { weekdays: null, hours: '8-20' },
    planned: spec.plannedDosage,
    officers: spec.officers,
    notes: spec.visitNotes,
  });
  const fields: TaskingFields = {
    title: spec.title,
    theme: null,
    categories: [spec.category],
    problem: spec.problem(evidenceCount),
    h3Resolution: PLANTED_TASKING_RESOLUTION,
    cells: area.response,
    polygon: null,
    timeBands: spec.timeBands,
    startDate: isoDateOfDay(spec.startDay),
    reviewDate: isoDateOfDay(spec.reviewDay),
    endDate: null,
    objective: spec.objective,
    tactics: spec.tactics,
    team: spec.team,
    owner: spec.owner,
    plannedDosage: spec.plannedDosage,
    status: 'active',
  };
  const createdDate = isoDateOfDay(spec.createdDay);
  // The meeting sits at 10:00 London time.
  const createdAt = londonTenOClock(createdDate);
  const before = windowDates(spec.startDay - (endDay - spec.startDay), spec.startDay);
  const during = windowDates(spec.startDay, endDay);
  const counts = {
    response: { before: countsIn(spec, 'response', before), during: countsIn(spec, 'response', during) },
    buffer: { before: countsIn(spec, 'buffer', before), during: countsIn(spec, 'buffer', during) },
  };
  const fallOf = (c: { before: number; during: number }) => (c.before === 0 ? null : c.during / c.before - 1);
  const truth: PlantedTaskingTruth = {
    id: spec.id,
    effect: spec.effect,
    title: spec.title,
    place: spec.place,
    description: spec.description,
    categories: [spec.category],
    centre: spec.centre,
    h3Resolution: PLANTED_TASKING_RESOLUTION,
    responseCells: area.response,
    bufferCells: area.buffer,
    timeBands: spec.timeBands,
    startDate: fields.startDate,
    reviewDate: fields.reviewDate,
    createdDate,
    evidenceWindow: windowDates(spec.evidenceWindow.fromDay, spec.evidenceWindow.toDay),
    periods: { before, during },
    segments: spec.segments.map((s) => ({ area: s.area, ...windowDates(s.fromDay, s.toDay), incidents: s.incidents })),
    plantedCounts: counts,
    plannedFall: spec.plannedFall,
    plantedFall: { response: fallOf(counts.response), buffer: fallOf(counts.buffer) },
    expected: EXPECTED[spec.effect],
    incidents,
    plannedDosage: spec.plannedDosage,
    visits,
  };
  return { tasking: { plantId: spec.id, fields, createdDate, createdAt, evidenceWindow: spec.evidenceWindow, visits }, truth };
}

/** What GET /api/taskings/:id/results should say of each plant. */
const EXPECTED: Record<PlantedEffect, PlantedTaskingTruth['expected']> = {
  displacement: { verdict: 'improved', wdqReading: 'displacement', wdqSign: -1 },
  diffusion: { verdict: 'improved', wdqReading: 'diffusion', wdqSign: 1 },
  'no-effect': { verdict: 'no-clear-change', wdqReading: 'neither', wdqSign: null },
  'too-few': { verdict: 'too-few', wdqReading: 'neither', wdqSign: null },
};

function londonTenOClock(isoDate: string): string {
  const instant = instantOfLondonWallClock(`${isoDate}T10:00`);
  if (!instant.ok) throw new Error(instant.reason);
  return instant.value.toISOString();
}
