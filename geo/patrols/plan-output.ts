// A timed sequence as the plan people read: visits with London times, the walking route as
// GeoJSON, the break, totals, and in plain words what the shift cannot deliver.
import { KOPER } from '../taskings/koper';
import type { LngLat } from '../types';
import type { PreparedShift } from './patrol-input';
import { BREAK, openMinutesBetween, type PassResult } from './schedule-pass';

export interface PlannedVisit {
  taskingId: number;
  area: string;
  /** London wall-clock 'YYYY-MM-DDTHH:MM': when the visit starts and ends. */
  arriveAt: string;
  leaveAt: string;
  /** The same, in minutes from the shift's start (unambiguous when the clocks go back). */
  arriveMinute: number;
  leaveMinute: number;
  /** The same, as instants (ISO 8601 with Z), as visit logs store them. */
  arriveInstant: string;
  leaveInstant: string;
  /** The walk from the previous place (the start, or the last visit). */
  walkMinutes: number;
  walkMeters: number;
  /** 1 for the first visit to this area in the plan, 2 for the next, ... */
  visitNumber: number;
  point: LngLat;
}

export interface PatrolShortfall {
  taskingId: number;
  area: string;
  needed: number;
  delivered: number;
  minutesPerVisit: number;
  message: string;
}

export interface PatrolBreak {
  startAt: string;
  endAt: string;
  startMinute: number;
  endMinute: number;
  minutes: number;
  /** Taken where the officer is: after this many visits of the plan (0 = at the start point). */
  afterVisits: number;
}

export interface PatrolPlan {
  shift: { startAt: string; endAt: string; minutes: number; returnAt: string; returnMinute: number; returnWalkMinutes: number };
  visits: PlannedVisit[];
  /** Start -> each visit in order -> start. */
  route: GeoJSON.LineString;
  shortfalls: PatrolShortfall[];
  totals: { patrolMinutes: number; walkMinutes: number; kilometres: number; waitMinutes: number };
  break: PatrolBreak | null;
  notes: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const durationText = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
};

/** The plan of a timed sequence; `notes` come first (clamped lengths, bands outside the shift, ...). */
export function planOfPass(shift: PreparedShift, pass: PassResult, notes: readonly string[]): PatrolPlan {
  const { clock, stops } = shift;
  const hhmm = (elapsed: number) => clock.wallClockAt(elapsed).slice(11);
  const visits: PlannedVisit[] = [];
  const delivered = new Array<number>(stops.length).fill(0);
  const lastEnd = new Array<number>(stops.length).fill(-1);
  const allNotes = [...notes];
  let breakPlan: PatrolBreak | null = null;
  for (const timed of pass.steps) {
    if (timed.step === BREAK) {
      breakPlan = {
        startAt: clock.wallClockAt(timed.start),
        endAt: clock.wallClockAt(timed.end),
        startMinute: timed.start,
        endMinute: timed.end,
        minutes: timed.end - timed.start,
        afterVisits: visits.length,
      };
      continue;
    }
    const prepared = stops[timed.step]!;
    const { stop } = prepared;
    const previous = lastEnd[timed.step]!;
    if (previous >= 0) {
      const gap = openMinutesBetween(prepared.windows, previous, timed.start);
      if (gap > KOPER.maxGapMinutes) {
        allNotes.push(
          `${stop.area}: ${durationText(gap)} between its visits ending ${hhmm(previous)} and starting ${hhmm(timed.start)}; the Koper curve suggests returning within two hours.`,
        );
      }
    }
    lastEnd[timed.step] = timed.end;
    delivered[timed.step]! += 1;
    visits.push({
      taskingId: stop.taskingId,
      area: stop.area,
      arriveAt: clock.wallClockAt(timed.start),
      leaveAt: clock.wallClockAt(timed.end),
      arriveMinute: timed.start,
      leaveMinute: timed.end,
      arriveInstant: clock.instantAt(timed.start),
      leaveInstant: clock.instantAt(timed.end),
      walkMinutes: timed.walkMinutes,
      walkMeters: Math.round(timed.walkMeters),
      visitNumber: delivered[timed.step]!,
      point: stop.point,
    });
  }
  if (pass.breakLateMinutes > 0 && breakPlan) {
    allNotes.push(
      `The break starts at ${hhmm(breakPlan.startMinute)}, ${plural(pass.breakLateMinutes, 'minute')} after the latest start planned for it (${hhmm(shift.breakLatest)}): move a stop from before it to after it.`,
    );
  }
  if (pass.breakMissing) allNotes.push(`There is no time left for the ${shift.breakMinutes}-minute break before the shift ends: drop or move a stop.`);

  const shortfalls: PatrolShortfall[] = [];
  for (const [k, prepared] of stops.entries()) {
    if (delivered[k]! >= prepared.needed) continue;
    const between = prepared.windows.map((w) => `between ${hhmm(w.from)} and ${hhmm(w.to)}`).join(' or ');
    const got = delivered[k] === 0 ? 'none' : String(delivered[k]);
    shortfalls.push({
      taskingId: prepared.stop.taskingId,
      area: prepared.stop.area,
      needed: prepared.needed,
      delivered: delivered[k]!,
      minutesPerVisit: prepared.visitMinutes,
      message: `${prepared.stop.area} needs ${plural(prepared.needed, 'visit')} of ${prepared.visitMinutes} min ${between}; this shift delivers ${got}`,
    });
  }

  const coordinates: LngLat[] = [shift.positions[0]!];
  for (const visit of visits) {
    const last = coordinates[coordinates.length - 1]!;
    if (last[0] !== visit.point[0] || last[1] !== visit.point[1]) coordinates.push(visit.point);
  }
  coordinates.push(shift.positions[0]!);
  return {
    shift: {
      startAt: clock.wallClockAt(0),
      endAt: clock.wallClockAt(clock.minutes),
      minutes: clock.minutes,
      returnAt: clock.wallClockAt(pass.finish),
      returnMinute: pass.finish,
      returnWalkMinutes: pass.returnWalkMinutes,
    },
    visits,
    route: { type: 'LineString', coordinates },
    shortfalls,
    totals: {
      patrolMinutes: visits.reduce((sum, v) => sum + (v.leaveMinute - v.arriveMinute), 0),
      walkMinutes: pass.walkMinutes,
      kilometres: Math.round(pass.walkMeters / 10) / 100,
      waitMinutes: pass.waitMinutes,
    },
    break: breakPlan,
    notes: allNotes,
  };
}
