// School days from a calendar of term dates, holidays and inset days (docs/decisions/023).
// A school year runs from 1 September to 31 August; a calendar covers the school years it
// gives term dates for. In a covered year a day is a school day when it is a weekday inside
// a term and not a holiday, an inset day or an England and Wales bank holiday; every other
// day of a covered year is not. A day of a year no calendar covers is 'unknown': callers
// count it as "cannot judge", as the hour filter does for month-only data, never as either.
import { bankHolidaysOfYear } from './bank-holidays';
import { NOT_SCHOOL_DAY, SCHOOL_DAY, UNKNOWN_SCHOOL_DAY } from './time-filter';
import { dayNumber, isoDateOfDay, weekdayOfDay } from './time';

export const CALENDAR_KINDS = ['term', 'holiday', 'inset'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** One row of a school calendar: a range of days, both ends included. */
export interface CalendarEntry {
  /** First day of the range (day number, days since 1970-01-01, as geo/time.ts counts). */
  firstDay: number;
  /** Last day of the range, included. */
  lastDay: number;
  kind: CalendarKind;
}

export type SchoolDay = 'school' | 'non-school' | 'unknown';

/**
 * schoolDayMask's values are the day filter's own (geo/time-filter.ts): NOT_SCHOOL_DAY 0,
 * SCHOOL_DAY 1, UNKNOWN_SCHOOL_DAY 2, so a mask is a SchoolDayFilter's `kinds` as it is.
 */
export { NOT_SCHOOL_DAY, SCHOOL_DAY, UNKNOWN_SCHOOL_DAY };

const SATURDAY = 5;

/** The school year a day falls in, by the calendar year it starts in (2025 for 2025-26). */
export function schoolYearOfDay(day: number): number {
  const year = Number(isoDateOfDay(day).slice(0, 4));
  return day >= dayNumber(year, 9, 1) ? year : year - 1;
}

/** First and last day (included) of the school year starting in September of `startYear`. */
export function schoolYearDays(startYear: number): { firstDay: number; lastDay: number } {
  return { firstDay: dayNumber(startYear, 9, 1), lastDay: dayNumber(startYear + 1, 9, 1) - 1 };
}

/** '2025-26' for the school year starting in 2025. */
export function schoolYearLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The school years (start years, ascending) a calendar covers: those its terms start in. */
export function coveredSchoolYears(entries: readonly CalendarEntry[]): number[] {
  const years = new Set<number>();
  for (const entry of entries) if (entry.kind === 'term') years.add(schoolYearOfDay(entry.firstDay));
  return [...years].sort((a, b) => a - b);
}

/**
 * One value per day of [fromDay, toDay) (day numbers, end excluded, as the windows count):
 * SCHOOL_DAY, NOT_SCHOOL_DAY or UNKNOWN_SCHOOL_DAY. Built in one pass over the entries, so a filter
 * over millions of incidents looks each day up in the array instead of asking schoolDayOf.
 */
export function schoolDayMask(entries: readonly CalendarEntry[], fromDay: number, toDay: number): Uint8Array {
  const length = Math.max(0, toDay - fromDay);
  const mask = new Uint8Array(length).fill(UNKNOWN_SCHOOL_DAY);
  if (length === 0) return mask;
  const years = coveredSchoolYears(entries);
  if (years.length === 0) return mask;
  // Covered years start as non-school; terms make their weekdays school days; then
  // holidays, inset days, bank holidays and weekends take them away again.
  const fill = (first: number, last: number, value: number) => {
    const from = Math.max(first, fromDay) - fromDay;
    const to = Math.min(last + 1, toDay) - fromDay;
    if (from < to) mask.fill(value, from, to);
  };
  for (const year of years) {
    const { firstDay, lastDay } = schoolYearDays(year);
    fill(firstDay, lastDay, NOT_SCHOOL_DAY);
  }
  const covered = (day: number) => day >= fromDay && day < toDay && mask[day - fromDay] !== UNKNOWN_SCHOOL_DAY;
  for (const entry of entries) {
    if (entry.kind !== 'term') continue;
    for (let day = Math.max(entry.firstDay, fromDay); day <= Math.min(entry.lastDay, toDay - 1); day++) {
      if (covered(day)) mask[day - fromDay] = SCHOOL_DAY;
    }
  }
  for (const entry of entries) {
    if (entry.kind === 'term') continue;
    for (let day = Math.max(entry.firstDay, fromDay); day <= Math.min(entry.lastDay, toDay - 1); day++) {
      if (covered(day)) mask[day - fromDay] = NOT_SCHOOL_DAY;
    }
  }
  const firstYear = Number(isoDateOfDay(fromDay).slice(0, 4));
  const lastYear = Number(isoDateOfDay(toDay - 1).slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    for (const holiday of bankHolidaysOfYear(year)) if (covered(holiday.day)) mask[holiday.day - fromDay] = NOT_SCHOOL_DAY;
  }
  // Weekends: the first Saturday of the range, then every 7 days (and the Sunday after it).
  const firstSaturday = fromDay + ((SATURDAY - weekdayOfDay(fromDay) + 7) % 7);
  for (let saturday = firstSaturday - 7; saturday < toDay; saturday += 7) {
    for (const day of [saturday, saturday + 1]) if (covered(day)) mask[day - fromDay] = NOT_SCHOOL_DAY;
  }
  return mask;
}

/** Whether one day is a school day under a calendar: 'unknown' when no term of its school year is given. */
export function schoolDayOf(entries: readonly CalendarEntry[], day: number): SchoolDay {
  const value = schoolDayMask(entries, day, day + 1)[0];
  return value === SCHOOL_DAY ? 'school' : value === NOT_SCHOOL_DAY ? 'non-school' : 'unknown';
}

/** How many school days a school year has under a calendar (0 when the calendar does not cover it). */
export function countSchoolDays(entries: readonly CalendarEntry[], startYear: number): number {
  const { firstDay, lastDay } = schoolYearDays(startYear);
  return schoolDayMask(entries, firstDay, lastDay + 1).reduce((n, v) => n + (v === SCHOOL_DAY ? 1 : 0), 0);
}
