// Time-of-day and day-of-week filters for window queries, in London local time. An incident
// known only to the month cannot meet either; one known only to the day cannot meet an hour
// filter. Callers count those apart and say so, rather than silently dropping them.
import { fail, ok, type Result } from './types';

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface TimeFilter {
  /** hours[h] = 1 keeps incidents in hour h (h:00-h:59); null = every hour. */
  hours: Uint8Array | null;
  /** weekdays[d] = 1 keeps day d, Monday = 0; null = every day. */
  weekdays: Uint8Array | null;
  /** School days only, or none of them; absent or null = every day. */
  schoolDays?: SchoolDayFilter | null;
}

/** What a school calendar says of a day (geo/school-days.ts makes these). */
export const NOT_SCHOOL_DAY = 0;
export const SCHOOL_DAY = 1;
/** No calendar covers the day: an incident on it cannot be judged. */
export const UNKNOWN_SCHOOL_DAY = 2;

export interface SchoolDayFilter {
  keep: 'school' | 'non-school';
  /** The day number (geo/time.ts) of kinds[0]; days outside kinds are unknown. */
  fromDay: number;
  /** One of NOT_SCHOOL_DAY, SCHOOL_DAY, UNKNOWN_SCHOOL_DAY per day. */
  kinds: Uint8Array;
}

/** What the calendar says of `day`. */
export function schoolDayKind(filter: SchoolDayFilter, day: number): number {
  const k = day - filter.fromDay;
  return k >= 0 && k < filter.kinds.length ? filter.kinds[k]! : UNKNOWN_SCHOOL_DAY;
}

/** 1 = keep, 0 = outside the filter, -1 = cannot be judged (no day, no time of day, or a day no school calendar covers). */
export function judgeTime(filter: TimeFilter, precision: 'month' | 'day' | 'minute', day: number, weekday: number, minuteOfDay: number): 1 | 0 | -1 {
  if (precision === 'month' || (precision === 'day' && filter.hours !== null)) return -1;
  let school = -1;
  if (filter.schoolDays) {
    school = schoolDayKind(filter.schoolDays, day);
    if (school === UNKNOWN_SCHOOL_DAY) return -1;
  }
  if (filter.weekdays !== null && filter.weekdays[weekday] === 0) return 0;
  if (filter.hours !== null && filter.hours[Math.floor(minuteOfDay / 60)] === 0) return 0;
  if (filter.schoolDays && (school === SCHOOL_DAY) !== (filter.schoolDays.keep === 'school')) return 0;
  return 1;
}

/**
 * Parses hour ranges like '15-18' (15:00 to 18:00, i.e. hours 15, 16 and 17), '22-2'
 * (across midnight) or '9' (one hour), comma-separated.
 */
export function parseHours(text: string): Result<Uint8Array> {
  const hours = new Uint8Array(24);
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    const from = m ? Number(m[1]) : Number.NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from + 1;
    if (!m || from > 23 || to > 24 || to === from) {
      return fail(`"${part}" is not an hour range; expected e.g. 15-18 (15:00 to 18:00), 22-2 (across midnight) or 9, comma-separated`);
    }
    // Hours from `from` up to (not including) `to`, wrapping past midnight; 0-24 is all day.
    const span = (to - from + 24) % 24 || 24;
    for (let k = 0; k < span; k++) hours[(from + k) % 24] = 1;
  }
  return ok(hours);
}

/** Parses weekdays like 'mon-fri', 'sat,sun' or 'fri-sun'. */
export function parseWeekdays(text: string): Result<Uint8Array> {
  const days = new Uint8Array(7);
  const indexOf = (name: string) => WEEKDAY_NAMES.indexOf(name.trim().toLowerCase().slice(0, 3) as (typeof WEEKDAY_NAMES)[number]);
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    const from = indexOf(a ?? '');
    const to = b === undefined ? from : indexOf(b);
    if (from < 0 || to < 0 || part.split('-').length > 2) {
      return fail(`"${part.trim()}" is not a weekday or range; expected e.g. mon-fri or sat,sun`);
    }
    for (let d = from; ; d = (d + 1) % 7) {
      days[d] = 1;
      if (d === to) break;
    }
  }
  return ok(days);
}

/** Why an incident cannot be judged by the filter: it has no time of day, or no day. */
export function filterNeedsMoreThan(precision: 'month' | 'day' | 'minute', filter: TimeFilter): boolean {
  if (precision === 'month') return filter.hours !== null || filter.weekdays !== null || Boolean(filter.schoolDays);
  return precision === 'day' && filter.hours !== null;
}
