import { describe, expect, it } from 'vitest';
import { shiftClock } from './shift-clock';

function clockOf(date: string, start: string, end: string) {
  const clock = shiftClock(date, start, end);
  if (!clock.ok) throw new Error(clock.reason);
  return clock.value;
}

describe('shiftClock', () => {
  it('runs a day shift on the wall clock, Friday 2026-03-06', () => {
    const clock = clockOf('2026-03-06', '08:00', '16:00');
    expect(clock.minutes).toBe(480);
    expect(clock.wallClockAt(0)).toBe('2026-03-06T08:00');
    expect(clock.wallClockAt(95)).toBe('2026-03-06T09:35');
    expect(clock.instantAt(95)).toBe('2026-03-06T09:35:00.000Z');
    // Friday is weekday 4 (Monday 0): week-hour 4 x 24 + 8.
    expect(clock.weekHours[0]).toBe(104);
    expect(clock.weekHours[479]).toBe(111);
  });

  it('runs an overnight shift into the next day', () => {
    const clock = clockOf('2026-03-06', '22:00', '06:00');
    expect(clock.minutes).toBe(480);
    expect(clock.wallClockAt(119)).toBe('2026-03-06T23:59');
    expect(clock.wallClockAt(120)).toBe('2026-03-07T00:00');
    expect(clock.wallClockAt(480)).toBe('2026-03-07T06:00');
    // Saturday 00:00 is week-hour 5 x 24.
    expect(clock.weekHours[120]).toBe(120);
  });

  it('is an hour shorter the night the clocks go forward (29 March 2026)', () => {
    const clock = clockOf('2026-03-28', '22:00', '06:00');
    expect(clock.minutes).toBe(420);
    // 01:00 GMT becomes 02:00 BST: 179 minutes in it is 00:59, one minute later 02:00.
    expect(clock.wallClockAt(179)).toBe('2026-03-29T00:59');
    expect(clock.wallClockAt(180)).toBe('2026-03-29T02:00');
    expect(clock.instantAt(180)).toBe('2026-03-29T01:00:00.000Z');
    expect(clock.wallClockAt(420)).toBe('2026-03-29T06:00');
    // No minute of the shift is in Sunday's 01:00 hour (week-hour 6 x 24 + 1).
    expect(clock.weekHours.includes(145)).toBe(false);
  });

  it('is an hour longer the night the clocks go back (25 October 2026), the 01:00 hour twice', () => {
    const clock = clockOf('2026-10-24', '22:00', '06:00');
    expect(clock.minutes).toBe(540);
    expect(clock.wallClockAt(180)).toBe('2026-10-25T01:00');
    expect(clock.wallClockAt(239)).toBe('2026-10-25T01:59');
    expect(clock.wallClockAt(240)).toBe('2026-10-25T01:00');
    expect(clock.instantAt(240)).toBe('2026-10-25T01:00:00.000Z');
    expect(clock.wallClockAt(300)).toBe('2026-10-25T02:00');
    expect(clock.weekHours.filter((h) => h === 145).length).toBe(120);
  });

  it('refuses a time that never happened and times that are not times', () => {
    const skipped = shiftClock('2026-03-29', '01:30', '09:00');
    expect(skipped).toEqual({
      ok: false,
      reason:
        "The shift's start time 01:30 on 2026-03-29 does not exist in London: the clocks go forward from 01:00 to 02:00 that night. Choose 02:00 or later, or before 01:00",
    });
    const endSkipped = shiftClock('2026-03-28', '22:00', '01:15');
    expect(endSkipped.ok).toBe(false);
    if (!endSkipped.ok) expect(endSkipped.reason).toContain("The shift's end time 01:15 on 2026-03-29 does not exist in London");
    expect(shiftClock('2026-03-06', '8:00', '16:00')).toEqual({
      ok: false,
      reason: `The shift's start time "8:00" is not a time of day; expected HH:MM on the 24-hour clock, e.g. 08:00 or 22:30`,
    });
    expect(shiftClock('2026-03-06', '08:00', '24:00').ok).toBe(false);
    expect(shiftClock('2026-02-30', '08:00', '16:00')).toEqual({ ok: false, reason: `The shift's date: "2026-02-30" is not a real calendar date` });
    expect(shiftClock('2026-03-06', '08:00', '08:00')).toEqual({
      ok: false,
      reason: 'The shift ends when it starts (08:00): give an end time other than the start; an end earlier than the start runs into the next day',
    });
  });
});
