import { describe, expect, it } from 'vitest';
import { emergingQueryOf, failureMessageOf, forecastQueryOf, isWholeMonths } from './view-queries';

const base = { group: 'robbery', resolution: 9, hours: null, weekdays: null };

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
      hours: null,
      weekdays: null,
    });
    expect(emergingQueryOf({ ...base, from: '2025-01-01', to: '2025-02-01', windowDays: 31 }).length).toEqual({ unit: 'month' });
  });

  it('passes the time filter to emerging hot spots but not to the forecast, which scores all hours', () => {
    const filtered = { ...base, hours: '15-18', weekdays: 'mon-fri', from: '2025-02-01', to: '2025-03-01', windowDays: 28 };
    expect(emergingQueryOf(filtered)).toMatchObject({ hours: '15-18', weekdays: 'mon-fri' });
    const forecast = forecastQueryOf(filtered);
    expect(forecast).toEqual({ group: 'robbery', asOf: '2025-03-01', horizon: 'month', resolution: 9 });
    expect('hours' in forecast).toBe(false);
  });

  it("adds the page's advice to a refusal of a day window over month-only data, and only to that", () => {
    const refusal = {
      status: 400,
      message: 'These categories include police.uk incidents known only to the month.',
      signedOut: false,
      code: 'window_finer_than_data',
    };
    expect(failureMessageOf(refusal)).toBe(
      'These categories include police.uk incidents known only to the month. Choose Last full month or Custom dates from the 1st of a month.',
    );
    expect(failureMessageOf({ ...refusal, code: 'too_little_history', message: 'Only 1 whole weeks.' })).toBe('Only 1 whole weeks.');
    expect(failureMessageOf({ status: 0, message: 'Cannot reach the server.', signedOut: false })).toBe('Cannot reach the server.');
  });
});
