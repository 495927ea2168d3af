import { describe, expect, it } from 'vitest';
import { monthColumns, nextMonth } from './violence-profile';

describe('the months of the serious-violence profile', () => {
  const profile = {
    monthly: [
      { month: '2026-09', count: 5 },
      { month: '2026-10', count: 90 },
      { month: '2026-11', count: 80 },
      { month: '2026-12', count: 70 },
      { month: '2027-01', count: 3 },
    ],
    victimUnder25: { monthly: [{ month: '2026-11', count: 12 }] },
  };

  it('keeps whole months only, each series with 0 where it has none', () => {
    // [15 Sep 2026, 10 Jan 2027): September and January are part months.
    expect(monthColumns(profile, { from: '2026-09-15', to: '2027-01-10' })).toEqual({
      months: ['2026-10', '2026-11', '2026-12'],
      all: [90, 80, 70],
      under25: [0, 12, 0],
    });
    expect(monthColumns(profile, { from: '2026-09-01', to: '2027-01-01' }).months).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('steps over the year end', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
  });
});
