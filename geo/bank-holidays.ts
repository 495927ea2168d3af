// Bank holidays in England and Wales, computed: schools are closed on every one of them, so
// the school-day calendar never counts one as a school day (geo/school-days.ts). The rules
// are those of the Banking and Financial Dealings Act 1971 and the Royal Proclamations since:
// New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the last
// Monday of August, Christmas Day and Boxing Day, with a substitute weekday when one falls at
// a weekend. The one-off changes by proclamation since 1995 are listed below by hand.
import { dayNumber, isoDateOfDay, weekdayOfDay } from './time';

export interface BankHoliday {
  /** Day number (days since 1970-01-01). */
  day: number;
  /** 'YYYY-MM-DD'. */
  date: string;
  name: string;
}

const SATURDAY = 5;
const SUNDAY = 6;

/**
 * Easter Sunday of a Gregorian year as a day number: the anonymous Gregorian algorithm
 * (Meeus, Astronomical Algorithms, 1991; "Meeus/Jones/Butcher").
 */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, dayOfMonth);
}

/** The first Monday on or after a day. */
function mondayOnOrAfter(day: number): number {
  return day + ((7 - weekdayOfDay(day)) % 7);
}

/** The last Monday of a month. */
function lastMonday(year: number, month: number): number {
  const lastDay = dayNumber(year, month + 1, 1) - 1;
  return lastDay - weekdayOfDay(lastDay);
}

/**
 * One-off changes by Royal Proclamation since 1995: a usual holiday moved (`moved`) and extra
 * holidays (`added`). Source: GOV.UK "UK bank holidays" and the proclamations in the Gazette.
 */
const PROCLAMATIONS: Record<number, { moved?: { from: string; to: string; name: string }[]; added?: { date: string; name: string }[] }> = {
  1995: { moved: [{ from: '1995-05-01', to: '1995-05-08', name: 'Early May bank holiday (VE Day)' }] },
  1999: { added: [{ date: '1999-12-31', name: 'Millennium' }] },
  2002: {
    moved: [{ from: '2002-05-27', to: '2002-06-04', name: 'Spring bank holiday' }],
    added: [{ date: '2002-06-03', name: 'Golden Jubilee' }],
  },
  2011: { added: [{ date: '2011-04-29', name: 'Royal wedding' }] },
  2012: {
    moved: [{ from: '2012-05-28', to: '2012-06-04', name: 'Spring bank holiday' }],
    added: [{ date: '2012-06-05', name: 'Diamond Jubilee' }],
  },
  2020: { moved: [{ from: '2020-05-04', to: '2020-05-08', name: 'Early May bank holiday (VE Day)' }] },
  2022: {
    moved: [{ from: '2022-05-30', to: '2022-06-02', name: 'Spring bank holiday' }],
    added: [
      { date: '2022-06-03', name: 'Platinum Jubilee' },
      { date: '2022-09-19', name: 'State funeral of Queen Elizabeth II' },
    ],
  },
  2023: { added: [{ date: '2023-05-08', name: 'Coronation of King Charles III' }] },
};

const byYear = new Map<number, readonly BankHoliday[]>();

function isoDay(text: string): number {
  return dayNumber(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

function computeBankHolidays(year: number): BankHoliday[] {
  const days: { day: number; name: string }[] = [];
  const newYear = dayNumber(year, 1, 1);
  days.push({ day: weekdayOfDay(newYear) >= SATURDAY ? mondayOnOrAfter(newYear) : newYear, name: "New Year's Day" });
  const easter = easterSunday(year);
  days.push({ day: easter - 2, name: 'Good Friday' });
  days.push({ day: easter + 1, name: 'Easter Monday' });
  days.push({ day: mondayOnOrAfter(dayNumber(year, 5, 1)), name: 'Early May bank holiday' });
  days.push({ day: lastMonday(year, 5), name: 'Spring bank holiday' });
  days.push({ day: lastMonday(year, 8), name: 'Summer bank holiday' });
  // Christmas and Boxing Day: a day at a weekend moves to the next weekday neither takes.
  const christmas = dayNumber(year, 12, 25);
  const boxing = christmas + 1;
  const christmasWeekday = weekdayOfDay(christmas);
  if (christmasWeekday === SATURDAY) {
    days.push({ day: christmas + 2, name: 'Christmas Day (substitute day)' }, { day: christmas + 3, name: 'Boxing Day (substitute day)' });
  } else if (christmasWeekday === SUNDAY) {
    days.push({ day: boxing, name: 'Boxing Day' }, { day: christmas + 2, name: 'Christmas Day (substitute day)' });
  } else if (weekdayOfDay(boxing) === SATURDAY) {
    days.push({ day: christmas, name: 'Christmas Day' }, { day: christmas + 3, name: 'Boxing Day (substitute day)' });
  } else {
    days.push({ day: christmas, name: 'Christmas Day' }, { day: boxing, name: 'Boxing Day' });
  }
  const proclaimed = PROCLAMATIONS[year];
  for (const move of proclaimed?.moved ?? []) {
    const at = days.findIndex((d) => d.day === isoDay(move.from));
    if (at !== -1) days[at] = { day: isoDay(move.to), name: move.name };
  }
  for (const extra of proclaimed?.added ?? []) days.push({ day: isoDay(extra.date), name: extra.name });
  return days.sort((a, b) => a.day - b.day).map((d) => ({ ...d, date: isoDateOfDay(d.day) }));
}

/** England and Wales bank holidays of a calendar year, in date order. */
export function bankHolidaysOfYear(year: number): readonly BankHoliday[] {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = computeBankHolidays(year);
    byYear.set(year, holidays);
  }
  return holidays;
}

/** The bank holiday on a day (day number), or null. */
export function bankHolidayOn(day: number): BankHoliday | null {
  const year = Number(isoDateOfDay(day).slice(0, 4));
  return bankHolidaysOfYear(year).find((h) => h.day === day) ?? null;
}
