// School days on hand-worked dates: a small calendar for 2025-26 written out below, and the
// facts anyone can check on a wall calendar (weekdays, Easter 2026 on 5 April).
import { describe, expect, it } from 'vitest';
import {
  countSchoolDays,
  coveredSchoolYears,
  NOT_SCHOOL_DAY,
  SCHOOL_DAY,
  schoolDayMask,
  schoolDayOf,
  schoolYearLabel,
  schoolYearOfDay,
  UNKNOWN_SCHOOL_DAY,
  type CalendarEntry,
} from './school-days';
import { dayNumber, weekdayOfDay } from './time';

const day = (iso: string) => dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
const entry = (from: string, to: string, kind: CalendarEntry['kind']): CalendarEntry => ({ firstDay: day(from), lastDay: day(to), kind });

// 2025-26: three terms, three half terms and one inset day (Friday 2 January is outside the terms anyway).
const CALENDAR: readonly CalendarEntry[] = Object.freeze([
  entry('2025-09-03', '2025-12-19', 'term'),
  entry('2025-10-27', '2025-10-31', 'holiday'),
  entry('2026-01-05', '2026-03-27', 'term'),
  entry('2026-02-16', '2026-02-20', 'holiday'),
  entry('2026-04-13', '2026-07-21', 'term'),
  entry('2026-05-25', '2026-05-29', 'holiday'),
  entry('2026-06-26', '2026-06-26', 'inset'),
]);

describe('schoolDayOf', () => {
  it.each([
    ['2025-09-03', 'school', 'the first day of the autumn term (a Wednesday)'],
    ['2025-09-02', 'non-school', 'a Tuesday of the covered year before term starts'],
    ['2025-10-27', 'non-school', 'the October half-term Monday'],
    ['2025-11-03', 'school', 'the Monday after half term'],
    ['2025-11-08', 'non-school', 'a Saturday in term'],
    ['2025-11-09', 'non-school', 'a Sunday in term'],
    ['2025-12-22', 'non-school', 'a Monday of the Christmas holiday (between terms)'],
    ['2026-02-16', 'non-school', 'the February half-term Monday'],
    ['2026-04-03', 'non-school', 'Good Friday (Easter Sunday 2026 is 5 April), in the Easter holiday'],
    ['2026-04-06', 'non-school', 'Easter Monday'],
    ['2026-05-04', 'non-school', 'the Early May bank holiday, a Monday inside the summer term'],
    ['2026-05-05', 'school', 'the Tuesday after it'],
    ['2026-06-26', 'non-school', 'an inset day (a Friday in term)'],
    ['2026-07-21', 'school', 'the last day of the summer term'],
    ['2026-07-22', 'non-school', 'the first day of the summer holiday'],
    ['2026-08-31', 'non-school', 'the last day of the school year'],
    ['2025-08-29', 'unknown', 'a Friday before any calendar (school year 2024-25)'],
    ['2026-09-01', 'unknown', 'the first day of school year 2026-27, which the calendar does not cover'],
    ['2026-09-05', 'unknown', 'even a Saturday of an uncovered year is unknown'],
  ])('%s is %s: %s', (iso, expected) => {
    expect(schoolDayOf(CALENDAR, day(iso))).toBe(expected);
  });

  it('judges nothing without a calendar, and nothing in a school year with holidays but no terms', () => {
    expect(schoolDayOf([], day('2025-11-03'))).toBe('unknown');
    expect(schoolDayOf([entry('2025-10-27', '2025-10-31', 'holiday')], day('2025-11-03'))).toBe('unknown');
  });
});

describe('schoolDayMask', () => {
  it('gives one value per day of [from, to), the same as schoolDayOf day by day', () => {
    const from = day('2025-08-25');
    const to = day('2026-09-08');
    const mask = schoolDayMask(CALENDAR, from, to);
    expect(mask).toHaveLength(to - from);
    const coded = { school: SCHOOL_DAY, 'non-school': NOT_SCHOOL_DAY, unknown: UNKNOWN_SCHOOL_DAY };
    for (let d = from; d < to; d++) expect(mask[d - from], `day ${d}`).toBe(coded[schoolDayOf(CALENDAR, d)]);
    expect(mask[day('2025-10-27') - from]).toBe(NOT_SCHOOL_DAY);
    expect(mask[day('2025-11-03') - from]).toBe(SCHOOL_DAY);
    expect(mask[0]).toBe(UNKNOWN_SCHOOL_DAY);
  });

  it('counts the school days of the year as worked by hand: 73 + 55 + 65 = 193', () => {
    // Autumn 2025: 78 weekdays from 3 Sep to 19 Dec, less 5 of half term: 73.
    // Spring 2026: 60 weekdays from 5 Jan to 27 Mar, less 5 of half term: 55.
    // Summer 2026: 72 weekdays from 13 Apr to 21 Jul, less 5 of half term, the Early May bank holiday and the inset day: 65.
    expect(countSchoolDays(CALENDAR, 2025)).toBe(73 + 55 + 65);
    expect(countSchoolDays(CALENDAR, 2026)).toBe(0);
  });

  it('is empty for an empty range and never marks a weekend a school day', () => {
    expect(schoolDayMask(CALENDAR, day('2025-11-03'), day('2025-11-03'))).toHaveLength(0);
    const from = day('2025-09-01');
    const mask = schoolDayMask(CALENDAR, from, day('2026-09-01'));
    mask.forEach((value, k) => {
      if (weekdayOfDay(from + k) >= 5) expect(value).toBe(NOT_SCHOOL_DAY);
    });
  });
});

describe('school years', () => {
  it('run from 1 September to 31 August and are covered by the terms a calendar gives', () => {
    expect(schoolYearOfDay(day('2025-09-01'))).toBe(2025);
    expect(schoolYearOfDay(day('2025-08-31'))).toBe(2024);
    expect(schoolYearOfDay(day('2026-07-21'))).toBe(2025);
    expect(schoolYearLabel(2025)).toBe('2025-26');
    expect(schoolYearLabel(2099)).toBe('2099-00');
    expect(coveredSchoolYears(CALENDAR)).toEqual([2025]);
  });
});
