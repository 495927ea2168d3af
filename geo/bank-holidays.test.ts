// Bank holidays against dates worked out by hand from the rules, which are the dates GOV.UK
// lists for England and Wales (www.gov.uk/bank-holidays), and Easter against published dates.
import { describe, expect, it } from 'vitest';
import { bankHolidayOn, bankHolidaysOfYear, easterSunday } from './bank-holidays';
import { dayNumber, isoDateOfDay } from './time';

const dates = (year: number) => bankHolidaysOfYear(year).map((h) => h.date);

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is on %s', (year, date) => {
    expect(isoDateOfDay(easterSunday(year))).toBe(date);
  });
});

describe('bankHolidaysOfYear (England and Wales)', () => {
  it('gives the usual eight for 2025, 2026 and 2027, with substitutes for Christmas 2026 and 2027 at weekends', () => {
    expect(dates(2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
    // Boxing Day 2026 is a Saturday: its substitute is Monday 28 December.
    expect(dates(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
    // Christmas 2027 is a Saturday, Boxing Day a Sunday: Monday 27 and Tuesday 28 December.
    expect(dates(2027)).toEqual(['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']);
  });

  it('moves New Year at a weekend to the Monday, and keeps the proclaimed changes', () => {
    // 1 January 2022 was a Saturday; 2022 also had the Platinum Jubilee and the state funeral.
    expect(dates(2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(dates(2020)).toContain('2020-05-08');
    expect(dates(2020)).not.toContain('2020-05-04');
    expect(dates(2023)).toContain('2023-05-08');
  });

  it('names the holiday on a day, and null on other days', () => {
    expect(bankHolidayOn(dayNumber(2026, 4, 3))?.name).toBe('Good Friday');
    expect(bankHolidayOn(dayNumber(2026, 12, 28))?.name).toBe('Boxing Day (substitute day)');
    expect(bankHolidayOn(dayNumber(2026, 12, 26))).toBeNull();
  });
});
