import { describe, expect, it } from 'vitest';
import type { PatrolShift } from './patrol-input';
import { prepareShift } from './patrol-input';
import { planPatrol } from './patrol-plan';
import { shift, stop } from './patrol-test-helpers';

const BRICK_LANE = stop(1, 'Brick Lane', [-0.0717, 51.5215], [{ weekdays: 'mon-fri', hours: '15-18' }], { visitsPerDay: 4, minutesPerVisit: 15 });

const refusal = (input: PatrolShift) => {
  const result = planPatrol(input);
  return result.ok ? 'planned' : result.reason;
};

describe('prepareShift', () => {
  it('refuses bad requests in plain words that say what to change', () => {
    const good = { stops: [BRICK_LANE] };
    expect(refusal(shift({ ...good, shiftStart: '16:00', shiftEnd: '16:00' }))).toBe(
      'The shift ends when it starts (16:00): give an end time other than the start; an end earlier than the start runs into the next day',
    );
    expect(refusal(shift({ stops: [] }))).toBe('There are no tasked areas to plan: choose at least one tasking for the shift');
    expect(refusal(shift({ ...good, shiftStart: '08:00', shiftEnd: '12:00', breakMinutes: 240 }))).toBe(
      'The break (240 minutes) is as long as the 240-minute shift or longer: shorten the break or lengthen the shift',
    );
    expect(refusal(shift({ ...good, breakMinutes: 500 }))).toBe(
      'The break (500 minutes) is as long as the 480-minute shift or longer: shorten the break or lengthen the shift',
    );
    expect(refusal(shift({ ...good, breakMinutes: -5 }))).toBe('The break must be a whole number of minutes, 0 for none; got -5');
    expect(refusal(shift({ ...good, date: '6/3/2026' }))).toBe(`The shift's date: "6/3/2026" is not a date; expected YYYY-MM-DD`);
    expect(refusal(shift({ ...good, shiftEnd: '25:00' }))).toBe(
      `The shift's end time "25:00" is not a time of day; expected HH:MM on the 24-hour clock, e.g. 08:00 or 22:30`,
    );
    expect(refusal(shift({ ...good, start: [51.52, -0.07 + 200] }))).toBe(
      'The start point [51.52, 199.93] is not a position; expected [longitude, latitude] with longitude -180..180 and latitude -90..90',
    );
    expect(refusal(shift({ stops: [{ ...BRICK_LANE, point: [Number.NaN, 51.5] }] }))).toBe(
      'Brick Lane: its centre [NaN, 51.5] is not a position; expected [longitude, latitude] with longitude -180..180 and latitude -90..90',
    );
    expect(refusal(shift({ stops: [BRICK_LANE, { ...BRICK_LANE, area: 'Brick Lane north' }] }))).toBe(
      'Brick Lane north (tasking 1) is listed twice: list each tasking once; repeat visits come from its planned visits per day',
    );
    expect(refusal(shift({ stops: [{ ...BRICK_LANE, timeBands: [{ weekdays: 'mon-fri', hours: '15-25' }] }] }))).toBe(
      'Brick Lane: "15-25" is not an hour range; expected e.g. 15-18 (15:00 to 18:00), 22-2 (across midnight) or 9, comma-separated',
    );
    expect(refusal(shift({ stops: [{ ...BRICK_LANE, plannedDosage: { visitsPerDay: 0, minutesPerVisit: 15 } }] }))).toBe(
      'Brick Lane: planned visits per day must be a whole number, 1 or more; got 0',
    );
    expect(refusal(shift({ stops: [{ ...BRICK_LANE, plannedDosage: { visitsPerDay: 2, minutesPerVisit: 7.5 } }] }))).toBe(
      'Brick Lane: planned minutes per visit must be a whole number, 1 or more; got 7.5',
    );
    expect(refusal(shift({ ...good, date: '2026-03-29', shiftStart: '01:15', shiftEnd: '09:00' }))).toContain('does not exist in London');
    expect(refusal(shift({ stops: Array.from({ length: 101 }, (_, k) => ({ ...BRICK_LANE, taskingId: k + 1 })) }))).toBe(
      'A shift can plan at most 100 tasked areas; this asks for 101: split them over several shifts',
    );
    expect(refusal(shift(good))).toBe('planned');
  });

  it('owes a shift the share of the day’s banded time it covers, never more than its bands can hold', () => {
    const needed = (overrides: Partial<PatrolShift>) => {
      const prepared = prepareShift(shift(overrides));
      if (!prepared.ok) throw new Error(prepared.reason);
      return prepared.value.stops.map((s) => [s.needed, s.minGapMinutes, s.windows]);
    };
    // All of 15:00-18:00 inside 14:00-22:00: all 4 visits, at least (180 - 60) / 4 / 2 = 15 min apart.
    expect(needed({ shiftStart: '14:00', shiftEnd: '22:00', stops: [BRICK_LANE] })).toEqual([[4, 15, [{ from: 60, to: 240 }]]]);
    // 16:30-18:00 is half the band: 2 visits.
    expect(needed({ shiftStart: '16:30', shiftEnd: '22:00', stops: [BRICK_LANE] })).toEqual([[2, 15, [{ from: 0, to: 90 }]]]);
    // A Saturday: no band at all, no visit owed, and a note says so.
    const saturday = prepareShift(shift({ date: '2026-03-07', stops: [BRICK_LANE] }));
    expect(saturday.ok && saturday.value.stops[0]!.needed).toBe(0);
    expect(saturday.ok && saturday.value.notes).toEqual(['Brick Lane: its time bands (Mon-Fri 15:00-18:00) fall outside this shift, so it gets no visit.']);
    // No plan: one visit in any shift its bands touch, of 15 minutes.
    expect(needed({ shiftStart: '17:45', shiftEnd: '22:00', stops: [{ ...BRICK_LANE, plannedDosage: null }] })).toEqual([[1, 0, [{ from: 0, to: 15 }]]]);
    // 8 visits asked in 30 banded minutes: the bands hold 2 at most, and a note says so.
    const tight = prepareShift(
      shift({ shiftStart: '17:30', shiftEnd: '22:00', stops: [{ ...BRICK_LANE, plannedDosage: { visitsPerDay: 48, minutesPerVisit: 15 } }] }),
    );
    expect(tight.ok && tight.value.stops[0]!.needed).toBe(2);
    expect(tight.ok && tight.value.notes).toEqual([
      'Brick Lane: its time bands inside this shift hold at most 2 visits of 15 minutes, fewer than the 8 its plan asks of this shift.',
    ]);
  });

  it('puts the break within an hour of the middle of the shift', () => {
    const prepared = prepareShift(shift({ shiftStart: '08:00', shiftEnd: '16:00', breakMinutes: undefined, stops: [BRICK_LANE] }));
    // Default 30 minutes; (480 - 30) / 2 = 225 (11:45), so it starts 10:45-12:45.
    expect(prepared.ok && [prepared.value.breakMinutes, prepared.value.breakEarliest, prepared.value.breakLatest]).toEqual([30, 165, 285]);
  });
});
