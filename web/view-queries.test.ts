import { describe, expect, it } from 'vitest';
import { emergingQueryOf, forecastQueryOf, isWholeMonths } from './view-queries';

const base = { group: 'robbery', resolution: 9 };

describe('view queries', () => {
  it('knows whole calendar months from other windows', () => {
    expect(isWholeMonths('2025-02-01', '2025-03-01')).toBe(true);
    expect(isWholeMonths('2024-12-01', '2025-03-01')).toBe(true);
    expect(isWholeMonths('2025-02-15', '2025-03-15')).toBe(false);
    expect(isWholeMonths('2025-02-01', '2025-02-28')).toBe(false);
    expect(isWholeMonths('2025-03-01', '2025-03-01')).toBe(false);
    expect(isWholeMonths('2025-02-31', '2025-03-01')).toBe(false);
  });

  it('forecasts the week after a day window and the month after a month window, from its end', () => {
    expect(forecastQueryOf({ ...base, from: '2025-02-15', to: '2025-03-15', windowDays: 28 })).toEqual({
      group: 'robbery',
      asOf: '2025-03-15',
      horizon: 'week',
      resolution: 9,
    });
    expect(forecastQueryOf({ ...base, from: '2025-02-01', to: '2025-03-01', windowDays: 28 }).horizon).toBe('month');
  });

  it('asks for emerging hot spots over windows of the on-screen length, ending where it ends', () => {
    expect(emergingQueryOf({ ...base, from: '2025-03-08', to: '2025-03-15', windowDays: 7 })).toEqual({
      group: 'robbery',
      to: '2025-03-15',
      windows: 12,
      length: { unit: 'days', days: 7 },
      resolution: 9,
    });
    expect(emergingQueryOf({ ...base, from: '2025-01-01', to: '2025-02-01', windowDays: 31 }).length).toEqual({ unit: 'month' });
  });
});
