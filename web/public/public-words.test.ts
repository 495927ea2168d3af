import { describe, expect, it } from 'vitest';
import { coverageWords, monthLabel } from './public-words';

describe('the public page words', () => {
  it('name months in British order, whatever the browser', () => {
    expect(monthLabel('2016-05', 'long')).toBe('May 2016');
    expect(monthLabel('2016-12', 'short')).toBe('Dec 16');
  });

  it('say which months have figures, and name the gaps', () => {
    expect(coverageWords([])).toBe('no months yet');
    expect(coverageWords(['2016-01'])).toBe('January 2016');
    expect(coverageWords(['2016-01', '2016-02', '2016-03'])).toBe('January 2016 to March 2016');
    expect(coverageWords(['2016-11', '2016-12', '2017-03', '2017-05'])).toBe(
      'November 2016 to May 2017; no figures for January 2017 to February 2017, April 2017',
    );
  });
});
