// Demo school term dates. English local authorities publish their own term dates; the
// demo needs plausible ones for any year, so they follow simple rules that match the usual
// London pattern within a few days: Christmas two weeks, February half term one week,
// Easter two weeks, May half term one week, summer from late July to early September,
// October half term one week, plus the early May bank holiday. School days are Monday to
// Friday outside these.
import { easterSunday } from '../bank-holidays';
import { dayNumber, isoDateOfDay, weekdayOfDay } from '../time';

export interface SchoolHoliday {
  name: string;
  /** First day of the holiday (day number, London local date). */
  fromDay: number;
  /** First school day after it (exclusive end), like every window in Tasking Map. */
  toDay: number;
  from: string;
  /** Exclusive, 'YYYY-MM-DD'. */
  to: string;
}

/** 0 = Sunday ... 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
export function dayOfWeek(day: number): number {
  return (weekdayOfDay(day) + 1) % 7;
}

function mondayOnOrAfter(day: number): number {
  return day + ((8 - dayOfWeek(day)) % 7);
}

/** Easter Sunday as a day number: the one computus, in geo/bank-holidays.ts. */
export { easterSunday };

function holiday(name: string, fromDay: number, toDay: number): SchoolHoliday {
  return { name, fromDay, toDay, from: isoDateOfDay(fromDay), to: isoDateOfDay(toDay) };
}

/** The holidays that start in one calendar year, in date order. */
function holidaysOfYear(year: number): SchoolHoliday[] {
  const easter = easterSunday(year);
  const febHalfTerm = mondayOnOrAfter(dayNumber(year, 2, 12));
  const earlyMay = mondayOnOrAfter(dayNumber(year, 5, 1));
  const mayHalfTerm = mondayOnOrAfter(dayNumber(year, 5, 25)); // the last Monday of May
  const summer = mondayOnOrAfter(dayNumber(year, 7, 20));
  // Schools return on the first Wednesday on or after 2 September.
  const sept2 = dayNumber(year, 9, 2);
  const autumnTerm = sept2 + ((3 - dayOfWeek(sept2) + 7) % 7);
  const octHalfTerm = mondayOnOrAfter(dayNumber(year, 10, 25)); // the last Monday of October
  const christmas = mondayOnOrAfter(dayNumber(year, 12, 20));
  return [
    holiday(`February half term ${year}`, febHalfTerm, febHalfTerm + 7),
    // The week before Easter Sunday and the week after Easter Monday.
    holiday(`Easter holiday ${year}`, easter - 6, easter + 8),
    holiday(`Early May bank holiday ${year}`, earlyMay, earlyMay + 1),
    holiday(`May half term ${year}`, mayHalfTerm, mayHalfTerm + 7),
    holiday(`Summer holiday ${year}`, summer, autumnTerm),
    holiday(`October half term ${year}`, octHalfTerm, octHalfTerm + 7),
    holiday(`Christmas holiday ${year}/${String((year + 1) % 100).padStart(2, '0')}`, christmas, christmas + 14),
  ];
}

/** Holidays overlapping [fromDay, toDay), in date order. */
export function schoolHolidaysBetween(fromDay: number, toDay: number): SchoolHoliday[] {
  const firstYear = Number(isoDateOfDay(fromDay).slice(0, 4)) - 1;
  const lastYear = Number(isoDateOfDay(toDay).slice(0, 4));
  const result: SchoolHoliday[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    for (const h of holidaysOfYear(year)) if (h.toDay > fromDay && h.fromDay < toDay) result.push(h);
  }
  return result;
}

/** Marks school days in [fromDay, toDay): index i is day fromDay + i. */
export function schoolDayFlags(fromDay: number, toDay: number): boolean[] {
  const flags: boolean[] = [];
  for (let day = fromDay; day < toDay; day++) {
    const dow = dayOfWeek(day);
    flags.push(dow >= 1 && dow <= 5);
  }
  for (const h of schoolHolidaysBetween(fromDay, toDay)) {
    for (let day = Math.max(h.fromDay, fromDay); day < Math.min(h.toDay, toDay); day++) flags[day - fromDay] = false;
  }
  return flags;
}

export function isSchoolDay(day: number): boolean {
  return schoolDayFlags(day, day + 1)[0] ?? false;
}

/** A calendar row as the school-calendar importer stores it (geo/school-days.ts), for the demo's own term dates. */
export interface DemoCalendarEntry {
  /** The school year's start year: 2025 for 2025-26. */
  schoolYear: number;
  firstDay: number;
  /** Included. */
  lastDay: number;
  kind: 'term' | 'holiday';
  label: string;
}

/**
 * The demo's school days as calendar rows, for every school year that overlaps [fromDay, toDay):
 * the whole year as term, and each holiday above (clipped to the year) as holiday. Weekends
 * and bank holidays the school-day rules take away themselves.
 */
export function demoCalendarEntries(fromDay: number, toDay: number): DemoCalendarEntry[] {
  const firstYear = Number(isoDateOfDay(fromDay).slice(0, 4)) - 1;
  const lastYear = Number(isoDateOfDay(toDay).slice(0, 4));
  const entries: DemoCalendarEntry[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const first = dayNumber(year, 9, 1);
    const last = dayNumber(year + 1, 9, 1) - 1;
    if (last < fromDay || first >= toDay) continue;
    entries.push({
      schoolYear: year,
      firstDay: first,
      lastDay: last,
      kind: 'term',
      label: `School year ${year}-${String((year + 1) % 100).padStart(2, '0')} (demo)`,
    });
    for (const h of schoolHolidaysBetween(first, last + 1)) {
      entries.push({ schoolYear: year, firstDay: Math.max(first, h.fromDay), lastDay: Math.min(last, h.toDay - 1), kind: 'holiday', label: h.name });
    }
  }
  return entries;
}
