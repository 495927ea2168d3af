import { describe, expect, it } from 'vitest';
import type { TimeBand } from '../taskings/time-bands';
import { seededRandom } from '../seeded-random';
import type { LngLat } from '../types';
import type { PatrolStop } from './patrol-input';
import { planPatrol } from './patrol-plan';
import { deepFreeze, expectPlanKeepsTheRules, handWalkMinutes, minuteInBands, shift, stop, unwrap } from './patrol-test-helpers';

const START: LngLat = [-0.05, 51.51];
// Due north of the start by 0.01° and 0.02°: 1,111.95 m and 2,223.90 m in a straight line.
const NORTH_1: LngLat = [-0.05, 51.52];
const NORTH_2: LngLat = [-0.05, 51.53];
const BRICK_LANE_BAND: TimeBand[] = [{ weekdays: 'mon-fri', hours: '15-18' }];

describe('planPatrol', () => {
  it('times walks by distance and speed (a case worked by hand)', () => {
    const input = shift({
      shiftStart: '08:00',
      shiftEnd: '12:00',
      start: START,
      stops: [stop(1, 'Stepney Green', NORTH_1), stop(2, 'Mile End Park', NORTH_2)],
    });
    const plan = unwrap(planPatrol(input));
    // 1,111.95 m x 1.3 = 1,445.54 m at 80 m/min = 18.07 -> 19 min; back from 0.02° north: 2,891.08 m = 36.14 -> 37 min.
    expect(plan.visits.map((v) => [v.area, v.arriveAt, v.leaveAt, v.walkMinutes, v.walkMeters])).toEqual([
      ['Stepney Green', '2026-03-06T08:19', '2026-03-06T08:34', 19, 1446],
      ['Mile End Park', '2026-03-06T08:53', '2026-03-06T09:08', 19, 1446],
    ]);
    expect(plan.shift).toMatchObject({ returnAt: '2026-03-06T09:45', returnMinute: 105, returnWalkMinutes: 37 });
    expect(plan.totals).toEqual({ patrolMinutes: 30, walkMinutes: 75, kilometres: 5.78, waitMinutes: 0 });
    expect(plan.route).toEqual({ type: 'LineString', coordinates: [START, NORTH_1, NORTH_2, START] });
    expect(plan.shortfalls).toEqual([]);
    expect(plan.break).toBeNull();
    expect(plan.visits[0]!.arriveInstant).toBe('2026-03-06T08:19:00.000Z');
  });

  it('keeps visits inside their bands and the shift, 10-16 minutes long, saying when it shortens or lengthens a plan', () => {
    const input = shift({
      shiftStart: '14:00',
      shiftEnd: '22:00',
      breakMinutes: 30,
      stops: [
        stop(1, 'Brick Lane', [-0.0717, 51.5215], BRICK_LANE_BAND, { visitsPerDay: 2, minutesPerVisit: 30 }),
        stop(2, 'Whitechapel Market', [-0.0621, 51.5175], [{ weekdays: null, hours: '19-21' }], { visitsPerDay: 1, minutesPerVisit: 5 }),
        stop(3, 'Stepney Green', [-0.0465, 51.5219]),
      ],
    });
    const plan = unwrap(planPatrol(input));
    expectPlanKeepsTheRules(input, plan);
    expect(plan.visits.map((v) => [v.area, v.leaveMinute - v.arriveMinute])).toEqual(
      expect.arrayContaining([
        ['Brick Lane', 16],
        ['Whitechapel Market', 10],
        ['Stepney Green', 15],
      ]),
    );
    expect(plan.visits.filter((v) => v.area === 'Brick Lane').every((v) => v.arriveAt >= '2026-03-06T15:00' && v.leaveAt <= '2026-03-06T18:00')).toBe(true);
    expect(plan.notes).toEqual([
      "Brick Lane: its plan asks for visits of 30 minutes; each visit here lasts 16, the longest of the Koper curve's 10-16 minutes.",
      "Whitechapel Market: its plan asks for visits of 5 minutes; each visit here lasts 10, the shortest of the Koper curve's 10-16 minutes.",
    ]);
    // The break: 30 minutes, starting within an hour of 17:45, the time that centres it in the shift.
    expect(plan.break!.minutes).toBe(30);
    expect(plan.break!.startMinute).toBeGreaterThanOrEqual(225 - 60);
    expect(plan.break!.startMinute).toBeLessThanOrEqual(225 + 60);
    expect(plan.shortfalls).toEqual([]);
  });

  it('comes back at most two hours after the last visit when the plan asks for repeats', () => {
    // 12 visits a day with no bands: an 8-hour shift owes a third of them, 4, spread at least 52 min apart.
    const input = shift({
      breakMinutes: 30,
      stops: [
        stop(1, 'Chrisp Street Market', [-0.0135, 51.5123], [], { visitsPerDay: 12, minutesPerVisit: 15 }),
        stop(2, 'Limehouse', [-0.0372, 51.5123]),
        stop(3, 'Mile End', [-0.0333, 51.5251], [], { visitsPerDay: 6, minutesPerVisit: 12 }),
      ],
    });
    const plan = unwrap(planPatrol(input));
    expectPlanKeepsTheRules(input, plan);
    const chrisp = plan.visits.filter((v) => v.taskingId === 1);
    expect(chrisp.map((v) => v.visitNumber)).toEqual([1, 2, 3, 4]);
    for (let k = 1; k < chrisp.length; k++) {
      const gap = chrisp[k]!.arriveMinute - chrisp[k - 1]!.leaveMinute;
      expect(gap).toBeLessThanOrEqual(120);
      expect(gap).toBeGreaterThanOrEqual(52);
    }
    expect(plan.visits.filter((v) => v.taskingId === 3)).toHaveLength(2);
    expect(plan.shortfalls).toEqual([]);
  });

  it('reports no shortfall when the shift can fit the dosage, and the exact sentence when it cannot', () => {
    const brickLane = (point: LngLat) => stop(7, 'Brick Lane', point, BRICK_LANE_BAND, { visitsPerDay: 4, minutesPerVisit: 15 });
    // Starting at Brick Lane: 4 visits of 15 min in 15:00-18:00, at least 15 min apart, fit.
    const near = shift({ shiftStart: '15:00', shiftEnd: '18:00', start: [-0.0717, 51.5215], stops: [brickLane([-0.0717, 51.5215])] });
    const feasible = unwrap(planPatrol(near));
    expectPlanKeepsTheRules(near, feasible);
    expect(feasible.visits.map((v) => v.arriveAt.slice(11))).toEqual(['15:00', '15:30', '16:00', '16:30']);
    expect(feasible.shortfalls).toEqual([]);
    // The 15 minutes between visits are spent waiting nearby: neither patrol nor walking.
    expect(feasible.totals).toEqual({ patrolMinutes: 60, walkMinutes: 0, kilometres: 0, waitMinutes: 45 });

    // Starting 0.033° south: 3,669 m x 1.3 = 4,770 m, 59.6 -> 60 min each way. Arriving 16:00, visits at
    // 16:00 and 16:30; a third at 17:00 would end 17:15 and be back at 18:15, after the shift.
    const far = shift({ shiftStart: '15:00', shiftEnd: '18:00', start: [-0.0717, 51.4885], stops: [brickLane([-0.0717, 51.5215])] });
    expect(handWalkMinutes(far.start, [-0.0717, 51.5215])).toBe(60);
    const infeasible = unwrap(planPatrol(far));
    expectPlanKeepsTheRules(far, infeasible);
    expect(infeasible.visits.map((v) => v.arriveAt.slice(11))).toEqual(['16:00', '16:30']);
    expect(infeasible.shortfalls).toEqual([
      {
        taskingId: 7,
        area: 'Brick Lane',
        needed: 4,
        delivered: 2,
        minutesPerVisit: 15,
        message: 'Brick Lane needs 4 visits of 15 min between 15:00 and 18:00; this shift delivers 2',
      },
    ]);
  });

  it('names every area a full shift leaves out instead of dropping it', () => {
    // Ten areas 0.02° apart in a line, each owed 16 visits a day, so 2 in 3 hours: far more walking than the shift holds.
    const stops = Array.from({ length: 10 }, (_, k) =>
      stop(k + 1, `Area ${k + 1}`, [-0.05 + 0.02 * k, 51.52] as LngLat, [], { visitsPerDay: 16, minutesPerVisit: 15 }),
    );
    const input = shift({ shiftStart: '09:00', shiftEnd: '12:00', stops });
    const plan = unwrap(planPatrol(input));
    expectPlanKeepsTheRules(input, plan);
    const delivered = new Map<number, number>();
    for (const v of plan.visits) delivered.set(v.taskingId, (delivered.get(v.taskingId) ?? 0) + 1);
    for (const s of stops) {
      const shortfall = plan.shortfalls.find((f) => f.taskingId === s.taskingId);
      if ((delivered.get(s.taskingId) ?? 0) >= 2) expect(shortfall).toBeUndefined();
      else
        expect(shortfall?.message).toBe(
          `${s.area} needs 2 visits of 15 min between 09:00 and 12:00; this shift delivers ${delivered.get(s.taskingId) ?? 'none'}`,
        );
    }
    expect(plan.shortfalls.length).toBeGreaterThan(0);
  });

  it('plans an overnight shift across midnight by the bands of each night', () => {
    // Friday 22:00 to Saturday 06:00: a Saturday 00:00-02:00 band, a Friday 22:00-02:00 band
    // (open on Friday only until midnight: after it the weekday is Saturday) and no band at all.
    const input = shift({
      shiftStart: '22:00',
      shiftEnd: '06:00',
      breakMinutes: 30,
      stops: [
        stop(1, 'Shoreditch High Street', [-0.0755, 51.5233], [{ weekdays: 'sat', hours: '0-2' }], { visitsPerDay: 2, minutesPerVisit: 15 }),
        stop(2, 'Brick Lane', [-0.0717, 51.5215], [{ weekdays: 'fri', hours: '22-2' }]),
        stop(3, 'Stepney Green', [-0.0465, 51.5219]),
      ],
    });
    const plan = unwrap(planPatrol(input));
    expectPlanKeepsTheRules(input, plan);
    expect(plan.shift).toMatchObject({ startAt: '2026-03-06T22:00', endAt: '2026-03-07T06:00', minutes: 480 });
    const shoreditch = plan.visits.filter((v) => v.taskingId === 1);
    expect(shoreditch).toHaveLength(2);
    for (const v of shoreditch) expect(v.arriveAt >= '2026-03-07T00:00' && v.leaveAt <= '2026-03-07T02:00').toBe(true);
    const brick = plan.visits.filter((v) => v.taskingId === 2);
    expect(brick).toHaveLength(1);
    expect(brick[0]!.leaveAt <= '2026-03-07T00:00').toBe(true);
    expect(plan.shortfalls).toEqual([]);
  });

  it('reads bands on the wall clock the nights the clocks change', () => {
    const night = (date: string, stops: PatrolStop[]) => shift({ date, shiftStart: '22:00', shiftEnd: '06:00', stops });
    const sundayOne = [{ weekdays: 'sun', hours: '1-2' }];
    const sundayTwo = [{ weekdays: 'sun', hours: '2-3' }];
    // 29 March 2026: 01:00 becomes 02:00, so Sunday's 01:00 band never opens and the shift lasts 7 hours.
    const spring = unwrap(
      planPatrol(night('2026-03-28', [stop(1, 'Bethnal Green', [-0.0553, 51.527], sundayOne), stop(2, 'Mile End', [-0.0333, 51.5251], sundayTwo)])),
    );
    expect(spring.shift).toMatchObject({ minutes: 420, endAt: '2026-03-29T06:00' });
    expect(spring.visits.map((v) => v.area)).toEqual(['Mile End']);
    // 02:00 BST is 01:00 UTC, 180 minutes after 22:00 GMT.
    expect(spring.visits[0]!.arriveMinute).toBeGreaterThanOrEqual(180);
    expect(spring.visits[0]!.arriveAt >= '2026-03-29T02:00' && spring.visits[0]!.leaveAt <= '2026-03-29T03:00').toBe(true);
    expect(spring.notes).toEqual(['Bethnal Green: its time bands (Sun 01:00-02:00) fall outside this shift, so it gets no visit.']);
    expect(spring.shortfalls).toEqual([]);

    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so the 01:00 band is open twice (120 minutes) and the shift lasts 9 hours.
    // 4 visits of 15 min, spread at least 7 min apart, need more than one hour: the repeated hour holds the last.
    const autumnInput = night('2026-10-24', [stop(1, 'Bethnal Green', [-0.0553, 51.527], sundayOne, { visitsPerDay: 4, minutesPerVisit: 15 })]);
    const autumn = unwrap(planPatrol(autumnInput));
    expect(autumn.shift).toMatchObject({ minutes: 540, endAt: '2026-10-25T06:00' });
    expect(autumn.visits).toHaveLength(4);
    expect(autumn.shortfalls).toEqual([]);
    for (const v of autumn.visits) {
      expect(v.arriveAt.slice(0, 14)).toBe('2026-10-25T01:');
      // 01:00 BST is 180 minutes after 22:00 BST; 02:00 GMT is 300.
      expect(v.arriveMinute).toBeGreaterThanOrEqual(180);
      expect(v.leaveMinute).toBeLessThanOrEqual(300);
    }
    // The last visit comes in the repeated hour: 01:xx on the wall clock and in UTC alike (GMT).
    expect(autumn.visits[3]!.arriveMinute).toBeGreaterThanOrEqual(240);
    expect(autumn.visits[3]!.arriveInstant.slice(11, 13)).toBe('01');
    expect(autumn.visits[0]!.arriveInstant).toBe('2026-10-25T00:00:00.000Z');
  });

  it('keeps the rules on 60 seeded random shifts', () => {
    const bandChoices: TimeBand[][] = [
      [],
      BRICK_LANE_BAND,
      [{ weekdays: null, hours: '18-23' }],
      [{ weekdays: 'fri,sat', hours: '20-2' }],
      [
        { weekdays: null, hours: '10-12' },
        { weekdays: null, hours: '14-16' },
      ],
    ];
    const shifts = [
      ['08:00', '16:00'],
      ['14:00', '22:00'],
      ['22:00', '06:00'],
      ['10:00', '14:00'],
    ] as const;
    let visits = 0;
    let shortfalls = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed);
      const stops = Array.from({ length: 3 + Math.floor(random() * 12) }, (_, k) =>
        stop(
          k + 1,
          `Area ${k + 1}`,
          [-0.07 + random() * 0.06, 51.5 + random() * 0.035],
          bandChoices[Math.floor(random() * bandChoices.length)]!,
          random() < 0.3 ? null : { visitsPerDay: 1 + Math.floor(random() * 8), minutesPerVisit: 8 + Math.floor(random() * 12) },
        ),
      );
      const [shiftStart, shiftEnd] = shifts[seed % shifts.length]!;
      const input = shift({ shiftStart, shiftEnd, breakMinutes: seed % 3 === 0 ? 0 : 30, start: [-0.04, 51.515], stops });
      const plan = unwrap(planPatrol(deepFreeze(input)));
      expectPlanKeepsTheRules(input, plan);
      for (const v of plan.visits) expect(minuteInBands(v.arriveAt, 0, stops[v.taskingId - 1]!.timeBands)).toBe(true);
      visits += plan.visits.length;
      shortfalls += plan.shortfalls.length;
    }
    // Not vacuous: these shifts deliver visits and fall short somewhere.
    expect(visits).toBeGreaterThan(300);
    expect(shortfalls).toBeGreaterThan(10);
  });
});
