// Delivered dosage: the minutes and visits of presence logged against a tasking, set
// against what was planned, per day and in total, with the share of visits inside the
// tasking's time bands and the share of Koper length (10-16 minutes).
import { isoDateOfDay, londonWallClock, parseIsoDate, weekdayOfDay } from '../time';

import { isKoperLength, type PlannedDosage } from './koper';
import { WEEK_HOURS } from './time-bands';

export interface VisitTimes {
  /** Instants, ISO 8601 with Z. */
  startedAt: string;
  endedAt: string;
}

export interface DayDosage {
  date: string;
  plannedVisits: number;
  plannedMinutes: number;
  deliveredVisits: number;
  deliveredMinutes: number;
}

export interface Dosage {
  /** The days counted: the tasking's start to the earlier of today and its end, inclusive. */
  from: string | null;
  through: string | null;
  plannedVisits: number | null;
  plannedMinutes: number | null;
  deliveredVisits: number;
  deliveredMinutes: number;
  /** Delivered minutes over planned minutes; null when nothing was planned. */
  deliveredShare: number | null;
  /** Share of visits of 10-16 minutes; null without visits. */
  koperShare: number | null;
  /** Share of visits whose middle falls inside a time band; null without visits or without bands. */
  inBandsShare: number | null;
  /** Days with planned or delivered visits, in date order. */
  byDay: DayDosage[];
}

/** Whole minutes between two instants. */
export function visitMinutes(visit: VisitTimes): number {
  return Math.round((Date.parse(visit.endedAt) - Date.parse(visit.startedAt)) / 60_000);
}

/** London day number and week-hour (Monday 00:00 = 0) of an instant. */
export function londonDayAndWeekHour(instant: Date): { day: number; weekHour: number } {
  const wall = londonWallClock(instant);
  const day = parseIsoDate(wall.slice(0, 10));
  if (!day.ok) throw new Error(day.reason);
  return { day: day.value, weekHour: weekdayOfDay(day.value) * 24 + Number(wall.slice(11, 13)) };
}

/** True when the visit's middle instant falls in one of the banded week-hours. */
export function visitInsideBands(visit: VisitTimes, weekHours: Uint8Array): boolean {
  const middle = new Date((Date.parse(visit.startedAt) + Date.parse(visit.endedAt)) / 2);
  return weekHours[londonDayAndWeekHour(middle).weekHour % WEEK_HOURS] === 1;
}

export interface DosageInput {
  visits: readonly VisitTimes[];
  planned: PlannedDosage | null;
  /** The tasking's banded week-hours (weekHoursOfBands); hasBands false means none were set. */
  weekHours: Uint8Array;
  hasBands: boolean;
  startDay: number;
  /** Inclusive: the earlier of today and the tasking's end. */
  lastDay: number;
}

export function dosageOf(input: DosageInput): Dosage {
  const { visits, planned, weekHours, hasBands, startDay, lastDay } = input;
  const byDay = new Map<number, DayDosage>();
  for (let day = startDay; day <= lastDay; day++) {
    const weekday = weekdayOfDay(day);
    const banded = weekHours.subarray(weekday * 24, weekday * 24 + 24).some((v) => v === 1);
    const visitsToday = planned && banded ? planned.visitsPerDay : 0;
    byDay.set(day, {
      date: isoDateOfDay(day),
      plannedVisits: visitsToday,
      plannedMinutes: planned ? visitsToday * planned.minutesPerVisit : 0,
      deliveredVisits: 0,
      deliveredMinutes: 0,
    });
  }
  let deliveredMinutes = 0;
  let koper = 0;
  let inBands = 0;
  for (const visit of visits) {
    const minutes = visitMinutes(visit);
    deliveredMinutes += minutes;
    if (isKoperLength(minutes)) koper += 1;
    if (visitInsideBands(visit, weekHours)) inBands += 1;
    const { day } = londonDayAndWeekHour(new Date(visit.startedAt));
    let row = byDay.get(day);
    if (!row) {
      // A visit outside the counted days (logged ahead of the end, say) still shows.
      row = { date: isoDateOfDay(day), plannedVisits: 0, plannedMinutes: 0, deliveredVisits: 0, deliveredMinutes: 0 };
      byDay.set(day, row);
    }
    row.deliveredVisits += 1;
    row.deliveredMinutes += minutes;
  }
  const days = [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  // Days with nothing planned and nothing delivered say nothing; a tasking left open for years would list them all.
  const shown = days.filter((d) => d.plannedVisits > 0 || d.deliveredVisits > 0);
  const plannedMinutes = planned ? days.reduce((sum, d) => sum + d.plannedMinutes, 0) : null;
  return {
    from: lastDay >= startDay ? isoDateOfDay(startDay) : null,
    through: lastDay >= startDay ? isoDateOfDay(lastDay) : null,
    plannedVisits: planned ? days.reduce((sum, d) => sum + d.plannedVisits, 0) : null,
    plannedMinutes,
    deliveredVisits: visits.length,
    deliveredMinutes,
    deliveredShare: plannedMinutes ? deliveredMinutes / plannedMinutes : null,
    koperShare: visits.length > 0 ? koper / visits.length : null,
    inBandsShare: visits.length > 0 && hasBands ? inBands / visits.length : null,
    byDay: shown,
  };
}
