// Shared by the patrol tests: fixtures and checks computed without the scheduler's own code
// (its own haversine, band reading and clock arithmetic), so a test cannot agree with itself.
import { expect } from 'vitest';
import type { TimeBand } from '../taskings/time-bands';
import type { LngLat, Result } from '../types';
import type { PatrolShift, PatrolStop } from './patrol-input';
import type { PatrolPlan } from './plan-output';

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export function unwrap(result: Result<PatrolPlan>): PatrolPlan {
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

export function stop(
  taskingId: number,
  area: string,
  point: LngLat,
  timeBands: TimeBand[] = [],
  plannedDosage: PatrolStop['plannedDosage'] = null,
): PatrolStop {
  return { taskingId, area, point, timeBands, plannedDosage };
}

export function shift(overrides: Partial<PatrolShift>): PatrolShift {
  return deepFreeze({ date: '2026-03-06', shiftStart: '08:00', shiftEnd: '16:00', breakMinutes: 0, start: [-0.05, 51.51], stops: [], ...overrides });
}

/** Walking minutes by hand: haversine on R = 6,371,008.8 m, x 1.3, at 80 m a minute, rounded up. */
export function handWalkMinutes(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
  const meters = 2 * 6_371_008.8 * Math.asin(Math.sqrt(h)) * 1.3;
  return Math.max(0, Math.ceil(meters / 80 - 1e-9));
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** True when a London wall-clock minute ('YYYY-MM-DDTHH:MM' + k minutes, no clock change) lies in a band; simple 'a-b' hours and day lists only. */
export function minuteInBands(wall: string, plusMinutes: number, bands: readonly TimeBand[]): boolean {
  if (bands.length === 0) return true;
  const t = new Date(Date.UTC(+wall.slice(0, 4), +wall.slice(5, 7) - 1, +wall.slice(8, 10), +wall.slice(11, 13), +wall.slice(14, 16)) + plusMinutes * 60_000);
  const day = DAYS[(t.getUTCDay() + 6) % 7]!;
  const hour = t.getUTCHours();
  return bands.some((band) => {
    const dayOk = band.weekdays === null || band.weekdays.split(',').some((part) => dayInRange(part, day));
    const hourOk =
      band.hours === null ||
      band.hours.split(',').some((part) => {
        const [from, to] = part.split('-').map(Number) as [number, number];
        return from < to ? hour >= from && hour < to : hour >= from || hour < to;
      });
    return dayOk && hourOk;
  });
}

function dayInRange(part: string, day: string): boolean {
  const [a, b = a] = part.split('-') as [string, string?];
  const from = DAYS.indexOf(a);
  const to = DAYS.indexOf(b);
  const d = DAYS.indexOf(day);
  return from <= to ? d >= from && d <= to : d >= from || d <= to;
}

/** The rules every plan keeps, checked from its output and its input alone (no clock change on the shift's dates). */
export function expectPlanKeepsTheRules(input: PatrolShift, plan: PatrolPlan): void {
  const byId = new Map(input.stops.map((s) => [s.taskingId, s]));
  let place: LngLat = input.start;
  let free = 0;
  const last = new Map<number, number>();
  const taken: [number, number][] = plan.break ? [[plan.break.startMinute, plan.break.endMinute]] : [];
  for (const [index, visit] of plan.visits.entries()) {
    // The break is taken where the officer is, after `afterVisits` visits.
    if (plan.break && plan.break.afterVisits === index) {
      expect(plan.break.startMinute).toBeGreaterThanOrEqual(free);
      free = plan.break.endMinute;
    }
    const s = byId.get(visit.taskingId)!;
    const length = visit.leaveMinute - visit.arriveMinute;
    const asked = s.plannedDosage?.minutesPerVisit ?? 15;
    expect(length).toBe(Math.min(16, Math.max(10, asked)));
    for (let k = 0; k < length; k++) expect(minuteInBands(visit.arriveAt, k, s.timeBands), `${visit.area} at ${visit.arriveAt} + ${k} min`).toBe(true);
    expect(visit.walkMinutes).toBe(handWalkMinutes(place, s.point));
    // The walk fits between leaving the last place (or the break's end) and this visit.
    expect(visit.arriveMinute - free).toBeGreaterThanOrEqual(visit.walkMinutes);
    const previous = last.get(visit.taskingId);
    if (previous !== undefined) {
      let open = 0;
      for (let m = previous; m < visit.arriveMinute; m++) if (minuteInBands(plan.shift.startAt, m, s.timeBands)) open += 1;
      expect(open, `${visit.area}: banded minutes between visits`).toBeLessThanOrEqual(120);
    }
    last.set(visit.taskingId, visit.leaveMinute);
    taken.push([visit.arriveMinute, visit.leaveMinute]);
    place = s.point;
    free = visit.leaveMinute;
  }
  expect(plan.shift.returnWalkMinutes).toBe(handWalkMinutes(place, input.start));
  expect(plan.shift.returnMinute).toBeLessThanOrEqual(plan.shift.minutes);
  taken.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < taken.length; k++) expect(taken[k]![0]).toBeGreaterThanOrEqual(taken[k - 1]![1]);
  expect(taken[0]?.[0] ?? 0).toBeGreaterThanOrEqual(0);
  // Totals add up, and every short-changed area is named with what it got.
  expect(plan.totals.patrolMinutes).toBe(plan.visits.reduce((sum, v) => sum + v.leaveMinute - v.arriveMinute, 0));
  expect(plan.totals.walkMinutes).toBe(plan.visits.reduce((sum, v) => sum + v.walkMinutes, 0) + plan.shift.returnWalkMinutes);
  for (const shortfall of plan.shortfalls) {
    expect(shortfall.delivered).toBe(plan.visits.filter((v) => v.taskingId === shortfall.taskingId).length);
    expect(shortfall.delivered).toBeLessThan(shortfall.needed);
  }
}
