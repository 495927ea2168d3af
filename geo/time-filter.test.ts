import { describe, expect, it } from 'vitest';
import { dayNumber, weekdayOfDay } from './time';
import { filterNeedsMoreThan, judgeTime, NOT_SCHOOL_DAY, parseHours, parseWeekdays, SCHOOL_DAY, UNKNOWN_SCHOOL_DAY, type TimeFilter } from './time-filter';

const on = (mask: Uint8Array) => [...mask].flatMap((v, i) => (v ? [i] : []));

describe('time filters', () => {
  it('reads hour ranges as [from, to) London hours, across midnight too', () => {
    const afterSchool = parseHours('15-18');
    expect(afterSchool.ok && on(afterSchool.value)).toEqual([15, 16, 17]);
    const night = parseHours('22-2, 9');
    expect(night.ok && on(night.value)).toEqual([0, 1, 9, 22, 23]);
    const allDay = parseHours('0-24');
    expect(allDay.ok && on(allDay.value)).toHaveLength(24);
    expect(parseHours('25-3')).toMatchObject({ ok: false, reason: expect.stringContaining('expected e.g. 15-18') });
    expect(parseHours('9-9')).toMatchObject({ ok: false });
  });

  it('reads weekday ranges, wrapping over the weekend', () => {
    const weekdays = parseWeekdays('mon-fri');
    expect(weekdays.ok && on(weekdays.value)).toEqual([0, 1, 2, 3, 4]);
    const weekend = parseWeekdays('Fri-Sun');
    expect(weekend.ok && on(weekend.value)).toEqual([4, 5, 6]);
    expect(parseWeekdays('funday')).toMatchObject({ ok: false, reason: expect.stringContaining('mon-fri') });
  });

  it('knows the weekday of a day number and which precisions a filter cannot judge', () => {
    expect(weekdayOfDay(dayNumber(2026, 11, 22))).toBe(6); // a Sunday
    expect(weekdayOfDay(dayNumber(1969, 12, 29))).toBe(0); // a Monday before day 0
    const hoursOnly = { hours: new Uint8Array(24), weekdays: null };
    expect(filterNeedsMoreThan('month', hoursOnly)).toBe(true);
    expect(filterNeedsMoreThan('day', hoursOnly)).toBe(true);
    expect(filterNeedsMoreThan('day', { hours: null, weekdays: new Uint8Array(7) })).toBe(false);
    expect(filterNeedsMoreThan('minute', hoursOnly)).toBe(false);
  });
});

describe('judgeTime with a school calendar', () => {
  // Days 100..104 known: 100 and 101 school days, 102 not (half term), 103 school, 104 unknown to the calendar.
  const calendar = { fromDay: 100, kinds: Uint8Array.from([SCHOOL_DAY, SCHOOL_DAY, NOT_SCHOOL_DAY, SCHOOL_DAY, UNKNOWN_SCHOOL_DAY]) };
  const only: TimeFilter = { hours: null, weekdays: null, schoolDays: { keep: 'school', ...calendar } };
  const exclude: TimeFilter = { hours: null, weekdays: null, schoolDays: { keep: 'non-school', ...calendar } };
  const afterSchool: TimeFilter = { hours: parseHoursOrThrow('15-18'), weekdays: null, schoolDays: { keep: 'school', ...calendar } };

  it('keeps school days, or the other days, and cannot judge a day the calendar does not cover', () => {
    expect([100, 101, 102, 103, 104, 99, 105].map((day) => judgeTime(only, 'day', day, 0, -1))).toEqual([1, 1, 0, 1, -1, -1, -1]);
    expect([100, 102, 104].map((day) => judgeTime(exclude, 'minute', day, 0, 600))).toEqual([0, 1, -1]);
  });

  it('cannot judge an incident known only to the month, and needs a time of day with hours', () => {
    expect(judgeTime(only, 'month', 100, 0, -1)).toBe(-1);
    expect(judgeTime(afterSchool, 'day', 100, 0, -1)).toBe(-1);
    expect(judgeTime(afterSchool, 'minute', 100, 0, 15 * 60 + 10)).toBe(1);
    expect(judgeTime(afterSchool, 'minute', 100, 0, 18 * 60)).toBe(0);
    expect(judgeTime(afterSchool, 'minute', 102, 0, 16 * 60)).toBe(0);
  });
});

function parseHoursOrThrow(text: string): Uint8Array {
  const parsed = parseHours(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
