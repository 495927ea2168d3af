// Which months the public view publishes for a theme: whole past months where every category of
// the theme the data holds has data, so part of a theme is never published as the whole of it.
import { describe, expect, it } from 'vitest';
import { monthIndex, type Coverage } from '../../geo/coverage';
import { dayNumber } from '../../geo/time';
import { publishedMonths, trendWindow } from './public-service';

const months = (from: string, to: string) => {
  const set = new Set<number>();
  for (let m = monthIndex(from); m <= monthIndex(to); m++) set.add(m);
  return set;
};
const TODAY = dayNumber(2026, 12, 2);

describe('the months published for a theme', () => {
  it('leaves out months where a category of the theme that the data holds has no data', () => {
    // As the real files: violence and weapons for 2016, weapons alone for 2018-02..2019-12.
    const coverage: Coverage = new Map([
      ['violent-crime', months('2016-01', '2016-12')],
      ['possession-of-weapons', new Set([...months('2016-01', '2016-12'), ...months('2018-02', '2019-12')])],
    ]);
    const violence = publishedMonths(coverage, 'violence', TODAY);
    expect(violence[0]).toBe('2016-01');
    expect(violence.at(-1)).toBe('2016-12');
    expect(violence).toHaveLength(12);
    // Partner-only categories of the theme (knife crime, serious violence) were never imported: they do not count against a month.
    expect(publishedMonths(coverage, 'robbery', TODAY)).toEqual([]);
  });

  it('publishes only whole months that have ended', () => {
    const coverage: Coverage = new Map([['robbery', months('2026-10', '2026-12')]]);
    expect(publishedMonths(coverage, 'robbery', TODAY)).toEqual(['2026-10', '2026-11']);
    expect(publishedMonths(coverage, 'robbery', dayNumber(2026, 12, 1))).toEqual(['2026-10', '2026-11']);
    expect(publishedMonths(coverage, 'robbery', dayNumber(2026, 11, 30))).toEqual(['2026-10']);
  });

  it('ends a trend at the month asked for, or says which months there are', () => {
    const coverage: Coverage = new Map([['robbery', months('2016-01', '2019-12')]]);
    expect(trendWindow(coverage, 'robbery', 12, TODAY, '2016-06')).toEqual({
      ok: true,
      value: [...months('2015-07', '2016-06')].map((m) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`),
    });
    expect(trendWindow(coverage, 'robbery', 3, TODAY)).toEqual({ ok: true, value: ['2019-10', '2019-11', '2019-12'] });
    expect(trendWindow(coverage, 'robbery', 12, TODAY, '2021-01')).toEqual({
      ok: false,
      reason: 'There are no figures for 2021-01; figures are published for 2016-01 to 2019-12.',
    });
  });
});
