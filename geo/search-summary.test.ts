import { describe, expect, it } from 'vitest';
import { monthsOfWindow, summariseSearches, type BreakdownName, type SearchGroup } from './search-summary';
import { dayNumber } from './time';

describe('months of a window', () => {
  it('lists every month the window touches and which it covers only in part', () => {
    expect(monthsOfWindow(dayNumber(2018, 11, 15), dayNumber(2019, 2, 1))).toEqual([
      { month: '2018-11', partial: true },
      { month: '2018-12', partial: false },
      { month: '2019-01', partial: false },
    ]);
    expect(monthsOfWindow(dayNumber(2018, 6, 1), dayNumber(2018, 6, 2))).toEqual([{ month: '2018-06', partial: true }]);
    expect(monthsOfWindow(dayNumber(2018, 6, 1), dayNumber(2018, 6, 1))).toEqual([]);
  });
});

describe('the borough-wide summary', () => {
  // Two months of searches, each grouped by the four breakdowns; the same searches in each.
  // June: 3 drug searches (asian 18-24: 1 arrest, 1 NFA; white 25-34: 1 NFA), 1 weapons (black 10-17, NFA).
  // July: 2 drug searches (asian 18-24: 1 drugs warning, 1 unrecognised outcome).
  const row = (month: string, key: string, outcomeClass: SearchGroup['outcomeClass'], searches: number): SearchGroup => ({
    month,
    key,
    outcomeClass,
    linked: null,
    searches,
  });
  const groups: Record<BreakdownName, SearchGroup[]> = Object.freeze({
    byObject: [
      row('2018-06', 'drugs', 'arrest', 1),
      row('2018-06', 'drugs', 'no-further-action', 2),
      row('2018-06', 'weapons', 'no-further-action', 1),
      row('2018-07', 'drugs', 'drugs-warning', 1),
      row('2018-07', 'drugs', 'unrecognised', 1),
    ],
    byOfficerDefinedEthnicity: [
      row('2018-06', 'asian', 'arrest', 1),
      row('2018-06', 'asian', 'no-further-action', 1),
      row('2018-06', 'white', 'no-further-action', 1),
      row('2018-06', 'black', 'no-further-action', 1),
      row('2018-07', 'asian', 'drugs-warning', 1),
      row('2018-07', 'asian', 'unrecognised', 1),
    ],
    bySelfDefinedEthnicityGroup: [
      row('2018-06', 'asian', 'arrest', 1),
      row('2018-06', 'asian', 'no-further-action', 1),
      row('2018-06', 'white', 'no-further-action', 1),
      row('2018-06', 'black', 'no-further-action', 1),
      row('2018-07', 'asian', 'drugs-warning', 1),
      row('2018-07', 'asian', 'unrecognised', 1),
    ],
    byAgeRange: [
      row('2018-06', '18-24', 'arrest', 1),
      row('2018-06', '18-24', 'no-further-action', 1),
      row('2018-06', '25-34', 'no-further-action', 1),
      row('2018-06', '10-17', 'no-further-action', 1),
      row('2018-07', '18-24', 'drugs-warning', 1),
      row('2018-07', '18-24', 'unrecognised', 1),
    ],
  });

  const summary = summariseSearches({ fromDay: dayNumber(2018, 6, 1), toDay: dayNumber(2018, 9, 1) }, groups);

  it('counts searches and outcome classes for the window and each month, empty months included', () => {
    expect(summary.total.searches).toBe(6);
    expect(summary.total.outcomes).toMatchObject({ arrest: 1, 'no-further-action': 3, 'drugs-warning': 1, unrecognised: 1, caution: 0 });
    expect(summary.months.map((m) => [m.month, m.partial, m.searches])).toEqual([
      ['2018-06', false, 4],
      ['2018-07', false, 2],
      ['2018-08', false, 0],
    ]);
  });

  it('rates positive outcomes among known outcomes, in one measure for the window and its months', () => {
    // 2 positive (arrest, drugs warning) of 5 known outcomes.
    expect(summary.total.positiveOutcome).toMatchObject({ measure: 'outcome-other-than-no-further-action', positive: 2, of: 5, rate: 0.4 });
    expect(summary.months[0]!.positiveOutcome).toMatchObject({ positive: 1, of: 4, rate: 0.25 });
    expect(summary.months[1]!.positiveOutcome).toMatchObject({ positive: 1, of: 1, rate: 1 });
    expect(summary.months[2]!.positiveOutcome).toMatchObject({ positive: 0, of: 0, rate: null });
    expect(summary.total.linkedToObjectOfSearch).toMatchObject({ positive: 0, of: 0, rate: null });
  });

  it('breaks down by group with shares, rates and the rate relative to the window', () => {
    expect(summary.total.byOfficerDefinedEthnicity.map((g) => [g.group, g.searches, g.share, g.positiveOutcome.positive, g.positiveOutcome.of])).toEqual([
      ['asian', 4, 4 / 6, 2, 3],
      ['black', 1, 1 / 6, 0, 1],
      ['white', 1, 1 / 6, 0, 1],
    ]);
    // Asian: 2 of 3 against 2 of 5 overall.
    expect(summary.total.byOfficerDefinedEthnicity[0]!.relativeRate).toBeCloseTo(2 / 3 / 0.4, 12);
    expect(summary.total.byAgeRange.map((g) => g.label)).toEqual(['10-17', '18-24', '25-34']);
    expect(summary.total.byObject.map((g) => [g.group, g.searches])).toEqual([
      ['drugs', 5],
      ['weapons', 1],
    ]);
    expect(summary.months[2]!.byObject).toEqual([]);
  });

  it('refuses groups of months outside the window: the query and the window disagree', () => {
    expect(() => summariseSearches({ fromDay: dayNumber(2018, 7, 1), toDay: dayNumber(2018, 8, 1) }, groups)).toThrow('outside the window');
  });
});
