import { describe, expect, it } from 'vitest';
import { dayNumber, isoDateOfDay } from '../time';
import { dayOfWeek, easterSunday, isSchoolDay, schoolDayFlags, schoolHolidaysBetween } from './school-calendar';

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return dayNumber(y!, m!, d!);
};

describe('demo school calendar', () => {
  it('knows the day of the week (1970-01-01 was a Thursday)', () => {
    expect(dayOfWeek(0)).toBe(4);
    expect(dayOfWeek(day('2025-12-22'))).toBe(1);
    expect(dayOfWeek(day('1969-12-28'))).toBe(0);
  });

  it('computes Easter Sunday', () => {
    expect(isoDateOfDay(easterSunday(2024))).toBe('2024-03-31');
    expect(isoDateOfDay(easterSunday(2025))).toBe('2025-04-20');
    expect(isoDateOfDay(easterSunday(2026))).toBe('2026-04-05');
    expect(isoDateOfDay(easterSunday(2038))).toBe('2038-04-25');
  });

  it('lays out a plausible English school year', () => {
    const year = schoolHolidaysBetween(day('2025-09-01'), day('2026-09-01'));
    const byName = new Map(year.map((h) => [h.name.replace(/ \d{4}(\/\d\d)?$/, ''), h]));
    expect(byName.get('October half term')).toMatchObject({ from: '2025-10-27', to: '2025-11-03' });
    expect(byName.get('Christmas holiday')).toMatchObject({ from: '2025-12-22', to: '2026-01-05' });
    expect(byName.get('February half term')).toMatchObject({ from: '2026-02-16', to: '2026-02-23' });
    expect(byName.get('Easter holiday')).toMatchObject({ from: '2026-03-30', to: '2026-04-13' });
    expect(byName.get('May half term')).toMatchObject({ from: '2026-05-25', to: '2026-06-01' });
    expect(byName.get('Summer holiday')).toMatchObject({ from: '2026-07-20', to: '2026-09-02' });
    for (const h of year) expect(h.toDay).toBeGreaterThan(h.fromDay);
  });

  it('counts about 190 school days in an academic year, none at weekends or in holidays', () => {
    const from = day('2025-09-03');
    const to = day('2026-07-20');
    const flags = schoolDayFlags(from, to);
    const schoolDays = flags.filter(Boolean).length;
    expect(schoolDays).toBeGreaterThanOrEqual(185);
    expect(schoolDays).toBeLessThanOrEqual(195);
    flags.forEach((isSchool, i) => {
      if (isSchool) expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(from + i));
    });
    expect(isSchoolDay(day('2026-01-05'))).toBe(true); // spring term starts
    expect(isSchoolDay(day('2026-01-02'))).toBe(false); // Christmas holiday
    expect(isSchoolDay(day('2026-05-04'))).toBe(false); // early May bank holiday
    expect(isSchoolDay(day('2026-08-12'))).toBe(false); // summer
    expect(isSchoolDay(day('2026-03-07'))).toBe(false); // Saturday
  });
});
