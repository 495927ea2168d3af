import { describe, expect, it } from 'vitest';
import { parseHours, parseWeekdays } from '../geo/time-filter';
import { DAYS_OPTIONS, describeTimeFilter, NO_TIME_FILTER, optionValueOf, selectValueOf, TIME_OF_DAY_OPTIONS, timeFilterParams } from './time-filter-choice';

describe('time filter choice', () => {
  it('sends no hours or weekdays without a filter, so unfiltered requests are unchanged', () => {
    expect(timeFilterParams(NO_TIME_FILTER)).toEqual({});
    expect(timeFilterParams({ hours: '15-18', weekdays: null })).toEqual({ hours: '15-18' });
    expect(timeFilterParams({ hours: null, weekdays: 'sat,sun' })).toEqual({ weekdays: 'sat,sun' });
    expect(timeFilterParams({ hours: '22-6', weekdays: 'mon-fri' })).toEqual({ hours: '22-6', weekdays: 'mon-fri' });
  });

  it('offers only values the server parses, meaning the hours their labels say', () => {
    const hoursOf = (value: string) => {
      const parsed = parseHours(value);
      if (!parsed.ok) throw new Error(parsed.reason);
      return [...parsed.value.keys()].filter((h) => parsed.value[h] === 1);
    };
    const values = TIME_OF_DAY_OPTIONS.flatMap((o) => (o.value === null ? [] : [o.value]));
    expect(values.map(hoursOf)).toEqual([
      [8, 9, 10],
      [15, 16, 17],
      [18, 19, 20, 21, 22, 23],
      [0, 1, 2, 3, 4, 5, 22, 23],
    ]);
    for (const option of DAYS_OPTIONS) if (option.value !== null) expect(parseWeekdays(option.value).ok).toBe(true);
  });

  it('maps select values to API values and back, "" meaning no filter', () => {
    expect(selectValueOf(null)).toBe('');
    expect(optionValueOf(TIME_OF_DAY_OPTIONS, '')).toBeNull();
    expect(optionValueOf(TIME_OF_DAY_OPTIONS, '15-18')).toBe('15-18');
    expect(optionValueOf(DAYS_OPTIONS, 'not-a-day')).toBeNull();
  });

  it('describes the filter in words for the summary and the cell panel', () => {
    expect(describeTimeFilter(NO_TIME_FILTER)).toBeNull();
    expect(describeTimeFilter({ hours: '15-18', weekdays: 'mon-fri' })).toBe('After school 15:00–18:00, weekdays');
    expect(describeTimeFilter({ hours: null, weekdays: 'sat,sun' })).toBe('Weekends');
    expect(describeTimeFilter({ hours: '22-6', weekdays: null })).toBe('Night 22:00–06:00');
  });
});
