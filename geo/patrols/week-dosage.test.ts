import { describe, expect, it } from 'vitest';
import { weekHoursOfBands } from '../taskings/time-bands';
import { dayNumber } from '../time';
import { mondayOf, weekDosage } from './week-dosage';

// Friday 27 November 2026; its week runs Monday 23 to Sunday 29.
const FRIDAY = dayNumber(2026, 11, 27);

describe("this week's plans against the planned dosage", () => {
  it('finds the Monday of the week', () => {
    expect(mondayOf(FRIDAY)).toBe(dayNumber(2026, 11, 23));
    expect(mondayOf(dayNumber(2026, 11, 23))).toBe(dayNumber(2026, 11, 23));
    expect(mondayOf(dayNumber(2026, 11, 29))).toBe(dayNumber(2026, 11, 23));
  });

  it('counts the planned visits on the banded days the tasking runs, and the visits every plan of the week schedules', () => {
    const weapons = {
      taskingId: 4,
      title: 'Bethnal Green weapons',
      planned: { visitsPerDay: 2, minutesPerVisit: 15 },
      weekHours: weekHoursOfBands([{ weekdays: 'fri,sat', hours: '18-23' }]),
      startDay: dayNumber(2026, 10, 21),
      endDay: null,
    };
    // Planned: 2 a day on Friday and Saturday = 4 visits, 60 minutes.
    const plans = [
      {
        day: FRIDAY,
        visits: [
          { taskingId: 4, arriveMinute: 120, leaveMinute: 135 },
          { taskingId: 2, arriveMinute: 10, leaveMinute: 22 },
          { taskingId: 4, arriveMinute: 200, leaveMinute: 215 },
        ],
      },
      { day: FRIDAY + 1, visits: [{ taskingId: 4, arriveMinute: 100, leaveMinute: 114 }] },
      // Next week's plan does not count.
      { day: FRIDAY + 3, visits: [{ taskingId: 4, arriveMinute: 100, leaveMinute: 115 }] },
    ];
    const [row] = weekDosage(FRIDAY, [weapons], plans);
    expect(row).toMatchObject({
      plannedVisits: 4,
      plannedMinutes: 60,
      scheduledVisits: 3,
      scheduledMinutes: 44,
      plans: 2,
      weekFrom: '2026-11-23',
      weekTo: '2026-11-29',
    });
    expect(row!.message).toBe("Bethnal Green weapons: this week's 2 plans schedule 3 of the 4 planned visits (2 a day, Fri, Sat); 44 of 60 min.");
  });

  it('counts only the days a tasking runs, every day without bands, and says when no dosage is planned', () => {
    const started = {
      taskingId: 2,
      title: 'Canary Wharf bicycle theft',
      planned: { visitsPerDay: 3, minutesPerVisit: 12 },
      weekHours: weekHoursOfBands([]),
      // Starts on the Thursday: Thu-Sun = 4 days.
      startDay: FRIDAY - 1,
      endDay: null,
    };
    const unplanned = { ...started, taskingId: 9, title: 'Chrisp Street', planned: null, startDay: 0 };
    const [a, b] = weekDosage(FRIDAY, [started, unplanned], []);
    expect([a!.plannedVisits, a!.scheduledVisits]).toEqual([12, 0]);
    expect(a!.message).toBe("Canary Wharf bicycle theft: this week's 0 plans schedule 0 of the 12 planned visits (3 a day, Thu, Fri, Sat, Sun); 0 of 144 min.");
    expect(b!.message).toBe("Chrisp Street: no dosage is planned; this week's 0 plans schedule 0 visits (0 min).");
  });
});
