import { describe, expect, it } from 'vitest';
import { dayNumber, weekdayOfDay } from './time';
import { filterNeedsMoreThan, parseHours, parseWeekdays } from './time-filter';

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
