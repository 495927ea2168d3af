import { describe, expect, it } from 'vitest';
import { coverageOf, describeCoverage, judgeCoverage, monthIndex, recentCoveredRun, type BatchCategoryMonths } from './coverage';
import { dayNumber } from './time';

const batch = (batchId: number, category: string, months: string[]): BatchCategoryMonths =>
  Object.freeze({ batchId, category, months: new Map(months.map((m) => [m, 1])) });
const month = (m: string) => ({
  fromDay: dayNumber(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1),
  toDay: dayNumber(Number(m.slice(0, 4)), Number(m.slice(5, 7)) + 1, 1),
});

// As the real files: violence only in the 2016 file and the June 2018 file; weapons in those and
// in the 2018-02..2019-12 street points file.
const coverage = coverageOf([
  batch(1, 'violent-crime', ['2016-01', '2016-12']),
  batch(1, 'possession-of-weapons', ['2016-03']),
  batch(2, 'possession-of-weapons', ['2018-02', '2019-12']),
  batch(3, 'violent-crime', ['2018-06']),
  batch(3, 'possession-of-weapons', ['2018-06']),
]);

describe('data coverage per category', () => {
  it('covers every month of a file’s span for each category the file holds', () => {
    expect(coverage.get('violent-crime')!.size).toBe(13);
    // A month of the file's span with no weapons incident is a zero, not a gap.
    expect(coverage.get('possession-of-weapons')!.has(monthIndex('2016-07'))).toBe(true);
    expect(describeCoverage(coverage.get('violent-crime')!)).toBe('Jan 2016 to Dec 2016 and Jun 2018');
    expect(describeCoverage(coverage.get('possession-of-weapons')!)).toBe('Jan 2016 to Dec 2016 and Feb 2018 to Dec 2019');
  });

  it('says which categories a window has no data for, and refuses nothing when one has data', () => {
    const december = judgeCoverage(coverage, ['violent-crime', 'possession-of-weapons'], [month('2019-12')]);
    expect(december).toEqual({
      usable: true,
      uneven: [],
      note: 'No data for Violence and sexual offences in this window (Violence and sexual offences: Jan 2016 to Dec 2016 and Jun 2018): what is shown is Possession of weapons only.',
    });
    expect(judgeCoverage(coverage, ['violent-crime'], [month('2019-12')]).usable).toBe(false);
    expect(judgeCoverage(coverage, ['violent-crime'], [month('2016-05')]).note).toBeNull();
  });

  it('finds a category that comes and goes across windows', () => {
    const months = ['2018-04', '2018-05', '2018-06', '2018-07'].map(month);
    const verdict = judgeCoverage(coverage, ['violent-crime', 'possession-of-weapons'], months);
    expect(verdict.uneven).toEqual(['violent-crime']);
    expect(verdict.note).toContain('Violence and sexual offences has data for only part of the time');
  });

  it('cuts a history where the categories with data change', () => {
    const months = ['2018-04', '2018-05', '2018-06', '2018-07', '2018-08'].map(month);
    // Violence appears in June only: the run is July and August, weapons only.
    expect(recentCoveredRun(coverage, ['violent-crime', 'possession-of-weapons'], months)).toEqual({
      fromIndex: 3,
      present: ['possession-of-weapons'],
      absent: ['violent-crime'],
    });
    expect(recentCoveredRun(coverage, ['violent-crime'], [month('2019-11'), month('2019-12')]).present).toEqual([]);
  });
});
