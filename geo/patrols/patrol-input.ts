// What a shift plan is asked for, checked and prepared for scheduling: each tasked area's visit
// length, the stretches of the shift its time bands open (wholly inside the shift), how many
// visits it needs in this shift and how far apart they go (decision 033).
import { KOPER, type PlannedDosage } from '../taskings/koper';
import { bandHoursByWeekday, describeBand, weekHoursOfBand, weekHoursOfBands, type TimeBand } from '../taskings/time-bands';
import { weekdayOfDay } from '../time';
import { fail, ok, type LngLat, type Result } from '../types';
import { shiftClock, type ShiftClock } from './shift-clock';
import { walkingMatrix, walkMinutesFor } from './walking';

export interface PatrolStop {
  taskingId: number;
  /** The tasked area's name, as people read it. */
  area: string;
  /** The area's centre, [lng, lat]. */
  point: LngLat;
  timeBands: readonly TimeBand[];
  plannedDosage: PlannedDosage | null;
}

export interface PatrolShift {
  /** London date the shift starts on, 'YYYY-MM-DD'. */
  date: string;
  /** London 'HH:MM'; an end at or before the start is on the next day. */
  shiftStart: string;
  shiftEnd: string;
  /** Minutes of break; DEFAULT_BREAK_MINUTES when absent, 0 for none. */
  breakMinutes?: number | undefined;
  /** Where the officer starts and ends, [lng, lat]. */
  start: LngLat;
  stops: readonly PatrolStop[];
}

export const DEFAULT_BREAK_MINUTES = 30;
/** A visit's length when the tasking plans none: mid-curve (Koper). */
export const DEFAULT_VISIT_MINUTES = 15;
/** More areas than any shift can walk; keeps the scheduling time bounded. */
export const MAX_STOPS = 100;
/** The break starts within this many minutes of the time that centres it in the shift. */
export const BREAK_LEEWAY_MINUTES = 60;

/** Minutes [from, to) from the shift's start. */
export interface ShiftWindow {
  from: number;
  to: number;
}

export interface PreparedStop {
  stop: PatrolStop;
  /** Row of the walking matrices (0 is the start point). */
  node: number;
  /** Length of each visit, inside the Koper curve's 10-16 minutes. */
  visitMinutes: number;
  /** The stretches of the shift inside the area's time bands, in order. */
  windows: ShiftWindow[];
  /** Visits this shift should deliver (decision 033). */
  needed: number;
  /** Least time between one visit's end and the next one's start, to spread repeat visits. */
  minGapMinutes: number;
}

export interface PreparedShift {
  clock: ShiftClock;
  breakMinutes: number;
  /** Earliest and latest start of the break, minutes from the shift's start. */
  breakEarliest: number;
  breakLatest: number;
  positions: LngLat[];
  walkMeters: Float64Array[];
  walkMinutes: Int32Array[];
  stops: PreparedStop[];
  notes: string[];
}

const isPosition = (p: unknown): p is LngLat =>
  Array.isArray(p) && p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

const positionText = (p: unknown) => (Array.isArray(p) ? `[${p.join(', ')}]` : String(p));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Checks the request and prepares every area for scheduling; the first problem found, in plain words, otherwise. */
export function prepareShift(input: PatrolShift): Result<PreparedShift> {
  const clock = shiftClock(input.date, input.shiftStart, input.shiftEnd);
  if (!clock.ok) return clock;
  const shiftMinutes = clock.value.minutes;
  const breakMinutes = input.breakMinutes ?? DEFAULT_BREAK_MINUTES;
  if (!Number.isInteger(breakMinutes) || breakMinutes < 0) return fail(`The break must be a whole number of minutes, 0 for none; got ${breakMinutes}`);
  if (breakMinutes >= shiftMinutes) {
    return fail(`The break (${breakMinutes} minutes) is as long as the ${shiftMinutes}-minute shift or longer: shorten the break or lengthen the shift`);
  }
  if (!isPosition(input.start))
    return fail(`The start point ${positionText(input.start)} is not a position; expected [longitude, latitude] with longitude -180..180 and latitude -90..90`);
  if (input.stops.length === 0) return fail('There are no tasked areas to plan: choose at least one tasking for the shift');
  if (input.stops.length > MAX_STOPS)
    return fail(`A shift can plan at most ${MAX_STOPS} tasked areas; this asks for ${input.stops.length}: split them over several shifts`);

  const notes: string[] = [];
  const stops: PreparedStop[] = [];
  const seen = new Set<number>();
  for (const [k, stop] of input.stops.entries()) {
    const label = stop.area.trim() === '' ? `Tasking ${stop.taskingId}` : stop.area;
    if (!Number.isSafeInteger(stop.taskingId)) return fail(`${label}: its tasking number ${stop.taskingId} is not a whole number`);
    if (seen.has(stop.taskingId))
      return fail(`${label} (tasking ${stop.taskingId}) is listed twice: list each tasking once; repeat visits come from its planned visits per day`);
    seen.add(stop.taskingId);
    if (!isPosition(stop.point))
      return fail(
        `${label}: its centre ${positionText(stop.point)} is not a position; expected [longitude, latitude] with longitude -180..180 and latitude -90..90`,
      );
    for (const band of stop.timeBands) {
      const mask = weekHoursOfBand(band);
      if (!mask.ok) return fail(`${label}: ${mask.reason}`);
    }
    const plan = stop.plannedDosage;
    if (plan && (!Number.isInteger(plan.visitsPerDay) || plan.visitsPerDay < 1))
      return fail(`${label}: planned visits per day must be a whole number, 1 or more; got ${plan.visitsPerDay}`);
    if (plan && (!Number.isInteger(plan.minutesPerVisit) || plan.minutesPerVisit < 1))
      return fail(`${label}: planned minutes per visit must be a whole number, 1 or more; got ${plan.minutesPerVisit}`);
    stops.push(prepareStop({ ...stop, area: label }, k + 1, clock.value, notes));
  }

  const positions: LngLat[] = [input.start, ...input.stops.map((s) => s.point)];
  const walkMeters = walkingMatrix(positions);
  const walkMinutes = walkMeters.map((row) => Int32Array.from(row, (meters) => walkMinutesFor(meters)));
  const centre = Math.floor((shiftMinutes - breakMinutes) / 2);
  return ok({
    clock: clock.value,
    breakMinutes,
    breakEarliest: Math.max(0, centre - BREAK_LEEWAY_MINUTES),
    breakLatest: Math.min(shiftMinutes - breakMinutes, centre + BREAK_LEEWAY_MINUTES),
    positions,
    walkMeters,
    walkMinutes,
    stops,
    notes,
  });
}

/** Visit length, open windows, needed visits and spacing of one area (its input already checked). */
function prepareStop(stop: PatrolStop, node: number, clock: ShiftClock, notes: string[]): PreparedStop {
  const plan = stop.plannedDosage;
  const asked = plan ? plan.minutesPerVisit : DEFAULT_VISIT_MINUTES;
  const visitMinutes = Math.min(KOPER.maxMinutes, Math.max(KOPER.minMinutes, asked));
  if (visitMinutes !== asked) {
    notes.push(
      `${stop.area}: its plan asks for visits of ${asked} minutes; each visit here lasts ${visitMinutes}, the ${asked < visitMinutes ? 'shortest' : 'longest'} of the Koper curve's 10-16 minutes.`,
    );
  }

  // The shift's minutes inside the bands, as runs, and how many fall on each London day.
  const mask = weekHoursOfBands(stop.timeBands);
  const windows: ShiftWindow[] = [];
  const openByDay = new Map<number, number>();
  for (let m = 0; m < clock.minutes; m++) {
    if (mask[clock.weekHours[m]!] !== 1) continue;
    const last = windows[windows.length - 1];
    if (last && last.to === m) last.to = m + 1;
    else windows.push({ from: m, to: m + 1 });
    openByDay.set(clock.wallDays[m]!, (openByDay.get(clock.wallDays[m]!) ?? 0) + 1);
  }
  if (windows.length === 0) {
    notes.push(`${stop.area}: its time bands (${stop.timeBands.map(describeBand).join('; ')}) fall outside this shift, so it gets no visit.`);
    return { stop, node, visitMinutes, windows, needed: 0, minGapMinutes: 0 };
  }

  // A day's planned visits are shared out by the share of that day's banded time this shift covers.
  const visitsPerDay = plan ? plan.visitsPerDay : 1;
  const bandHours = bandHoursByWeekday(mask);
  let share = 0;
  for (const [day, open] of openByDay) share += visitsPerDay * Math.min(1, open / (bandHours[weekdayOfDay(day)]! * 60));
  const wanted = Math.ceil(share - 1e-9);
  const capacity = windows.reduce((sum, w) => sum + Math.floor((w.to - w.from) / visitMinutes), 0);
  const needed = Math.min(wanted, capacity);
  if (capacity < wanted) {
    notes.push(
      `${stop.area}: its time bands inside this shift hold at most ${plural(capacity, 'visit')} of ${visitMinutes} minutes, fewer than the ${wanted} its plan asks of this shift.`,
    );
  }
  const openMinutes = windows.reduce((sum, w) => sum + (w.to - w.from), 0);
  const minGapMinutes = needed > 1 ? Math.min(KOPER.maxGapMinutes, Math.floor((openMinutes - needed * visitMinutes) / needed / 2)) : 0;
  return { stop, node, visitMinutes, windows, needed, minGapMinutes: Math.max(0, minGapMinutes) };
}
