import { describe, expect, it } from 'vitest';
import type { LngLat } from '../types';
import { planPatrol } from './patrol-plan';
import { expectPlanKeepsTheRules, shift, stop, unwrap } from './patrol-test-helpers';
import { scheduleInOrder } from './schedule-in-order';

const START: LngLat = [-0.05, 51.51];
const NORTH_1: LngLat = [-0.05, 51.52];
const NORTH_2: LngLat = [-0.05, 51.53];
const STOPS = [stop(1, 'Stepney Green', NORTH_1), stop(2, 'Mile End Park', NORTH_2)];

describe('scheduleInOrder', () => {
  it('recomputes the times when the planner reverses the stops', () => {
    const input = shift({ shiftStart: '08:00', shiftEnd: '12:00', start: START, stops: STOPS });
    const plan = unwrap(scheduleInOrder(input, [2, 1]));
    expectPlanKeepsTheRules(input, plan);
    // 0.02° north first: 37 min; then 19 back to 0.01°, and 19 home.
    expect(plan.visits.map((v) => [v.area, v.arriveAt.slice(11), v.leaveAt.slice(11), v.walkMinutes])).toEqual([
      ['Mile End Park', '08:37', '08:52', 37],
      ['Stepney Green', '09:11', '09:26', 19],
    ]);
    expect(plan.shift.returnAt).toBe('2026-03-06T09:45');
    expect(plan.route.coordinates).toEqual([START, NORTH_2, NORTH_1, START]);
    expect(plan.shortfalls).toEqual([]);
  });

  it('gives the same times as planPatrol for planPatrol’s own order', () => {
    const input = shift({
      shiftStart: '14:00',
      shiftEnd: '22:00',
      breakMinutes: 30,
      stops: [
        stop(1, 'Brick Lane', [-0.0717, 51.5215], [{ weekdays: 'mon-fri', hours: '15-18' }], { visitsPerDay: 4, minutesPerVisit: 15 }),
        stop(2, 'Whitechapel Market', [-0.0621, 51.5175], [{ weekdays: null, hours: '19-21' }]),
        stop(3, 'Stepney Green', [-0.0465, 51.5219]),
      ],
    });
    const planned = unwrap(planPatrol(input));
    const again = unwrap(
      scheduleInOrder(
        input,
        planned.visits.map((v) => v.taskingId),
      ),
    );
    expect(again.visits).toEqual(planned.visits);
    expect(again.totals).toEqual(planned.totals);
    expect(again.break?.minutes).toBe(30);
  });

  it('names a dropped stop as a shortfall and a visit that no longer fits as a note', () => {
    const input = shift({
      shiftStart: '14:00',
      shiftEnd: '18:00',
      stops: [stop(1, 'Brick Lane', [-0.0717, 51.5215], [{ weekdays: null, hours: '14-15' }]), ...STOPS.map((s) => ({ ...s, taskingId: s.taskingId + 1 }))],
    });
    // Mile End Park first: Brick Lane's 14:00-15:00 band is over by the time the officer gets there.
    const plan = unwrap(scheduleInOrder(input, [3, 1]));
    expect(plan.visits.map((v) => v.area)).toEqual(['Mile End Park']);
    expect(plan.notes).toEqual(['Brick Lane: a visit in this order cannot fit inside its time bands and the shift after the stops before, so it is left out.']);
    expect(plan.shortfalls.map((s) => s.message)).toEqual([
      'Brick Lane needs 1 visit of 15 min between 14:00 and 15:00; this shift delivers none',
      'Stepney Green needs 1 visit of 15 min between 14:00 and 18:00; this shift delivers none',
    ]);
  });

  it('notes a return more than two hours later, which a planner may choose', () => {
    const input = shift({ stops: [stop(1, 'Chrisp Street Market', NORTH_1, [], { visitsPerDay: 6, minutesPerVisit: 15 }), stop(2, 'Mile End Park', NORTH_2)] });
    // An 8-hour shift owes Chrisp Street 2 of its 6 daily visits; put them either side of a long wait for nothing.
    const plan = unwrap(scheduleInOrder(input, [1, 2, 2, 2, 2, 2, 2, 2, 1]));
    const chrisp = plan.visits.filter((v) => v.taskingId === 1);
    expect(chrisp).toHaveLength(2);
    const gap = chrisp[1]!.arriveMinute - chrisp[0]!.leaveMinute;
    expect(gap).toBeGreaterThan(120);
    expect(plan.notes.some((n) => n.startsWith('Chrisp Street Market: ') && n.endsWith('the Koper curve suggests returning within two hours.'))).toBe(true);
  });

  it('refuses an order naming a tasking the shift does not hold', () => {
    const input = shift({ stops: STOPS });
    expect(scheduleInOrder(input, [1, 9])).toEqual({
      ok: false,
      reason: "Tasking 9 is in the order of visits but not among the shift's tasked areas: add it to the shift or take it out of the order",
    });
    // An empty order is a plan with nothing in it, every area short.
    const empty = unwrap(scheduleInOrder(input, []));
    expect(empty.visits).toEqual([]);
    expect(empty.route.coordinates).toEqual([input.start, input.start]);
    expect(empty.shortfalls).toHaveLength(2);
  });
});
