import { describe, expect, it } from 'vitest';
import { dayNumber } from '../time';
import { dosageOf, visitMinutes } from './dosage';
import { weekHoursOfBands } from './time-bands';

// 2026-11-30 is a Monday. London is on GMT in late November, so Z times are London times.
const MONDAY = dayNumber(2026, 11, 30);
const visit = (start: string, end: string) => Object.freeze({ startedAt: start, endedAt: end });

describe('delivered dosage', () => {
  const bands = Object.freeze([Object.freeze({ weekdays: 'mon-fri', hours: '15-18' })]);
  const weekHours = weekHoursOfBands(bands);

  it('counts planned visits only on banded days, and delivered minutes from the visits', () => {
    // Mon 30 Nov to Sun 6 Dec: five banded weekdays x 2 visits x 15 minutes.
    const visits = [
      visit('2026-11-30T15:10:00Z', '2026-11-30T15:25:00Z'), // 15 min, in band, Koper
      visit('2026-11-30T16:00:00Z', '2026-11-30T16:06:00Z'), // 6 min, in band, short
      visit('2026-12-01T19:00:00Z', '2026-12-01T19:20:00Z'), // 20 min, out of band, long
    ];
    const dosage = dosageOf({ visits, planned: { visitsPerDay: 2, minutesPerVisit: 15 }, weekHours, hasBands: true, startDay: MONDAY, lastDay: MONDAY + 6 });
    expect(dosage).toMatchObject({
      from: '2026-11-30',
      through: '2026-12-06',
      plannedVisits: 10,
      plannedMinutes: 150,
      deliveredVisits: 3,
      deliveredMinutes: 41,
      koperShare: 1 / 3,
      inBandsShare: 2 / 3,
    });
    expect(dosage.deliveredShare).toBeCloseTo(41 / 150, 12);
    expect(dosage.byDay[0]).toEqual({ date: '2026-11-30', plannedVisits: 2, plannedMinutes: 30, deliveredVisits: 2, deliveredMinutes: 21 });
    // The weekend has nothing planned and nothing delivered: it is not listed.
    expect(dosage.byDay.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('reads visit times in London time: 14:30Z in July is 15:30 BST, inside a 15-18 band', () => {
    const july = dayNumber(2026, 7, 6); // a Monday
    const dosage = dosageOf({
      visits: [visit('2026-07-06T14:25:00Z', '2026-07-06T14:37:00Z')],
      planned: null,
      weekHours,
      hasBands: true,
      startDay: july,
      lastDay: july,
    });
    expect(dosage.inBandsShare).toBe(1);
    expect(dosage.plannedMinutes).toBeNull();
    expect(dosage.deliveredShare).toBeNull();
  });

  it('has no shares without visits, and no in-band share without bands', () => {
    const none = dosageOf({ visits: [], planned: { visitsPerDay: 1, minutesPerVisit: 12 }, weekHours, hasBands: true, startDay: MONDAY, lastDay: MONDAY });
    expect(none).toMatchObject({ koperShare: null, inBandsShare: null, deliveredShare: 0, plannedVisits: 1 });
    const noBands = dosageOf({
      visits: [visit('2026-11-30T03:00:00Z', '2026-11-30T03:12:00Z')],
      planned: { visitsPerDay: 1, minutesPerVisit: 12 },
      weekHours: weekHoursOfBands([]),
      hasBands: false,
      startDay: MONDAY,
      lastDay: MONDAY + 1,
    });
    expect(noBands).toMatchObject({ plannedVisits: 2, inBandsShare: null, koperShare: 1 });
  });

  it('measures a visit in whole minutes', () => {
    expect(visitMinutes(visit('2026-11-30T15:00:00Z', '2026-11-30T15:14:40Z'))).toBe(15);
  });
});
