import { describe, expect, it } from 'vitest';
import { drugMarketIndex, persistenceOf } from './drug-markets';

describe('drugMarketIndex', () => {
  it('divides each part by its mean per cell over the windows, weights it and adds (worked by hand)', () => {
    // 2 cells x 2 windows. Offences: [4, 0] then [2, 2]: total 8 over 4 cell-windows, mean 2.
    // Searches found: [0, 1] then [1, 0]: mean 0.5. Weights 1 and 0.5.
    const result = drugMarketIndex(
      [
        { id: 'offences', label: 'Drug offences', weight: 1, windows: [Float64Array.from([4, 0]), Float64Array.from([2, 2])] },
        { id: 'found', label: 'Drug searches with a positive outcome', weight: 0.5, windows: [Float64Array.from([0, 1]), Float64Array.from([1, 0])] },
      ],
      2,
    );
    // Window 1: cell 0 = 4/2 + 0.5*0/0.5 = 2; cell 1 = 0 + 0.5*1/0.5 = 1. Window 2: cell 0 = 1 + 1 = 2; cell 1 = 1 + 0 = 1.
    expect(result.windows.map((w) => [...w])).toEqual([
      [2, 1],
      [2, 1],
    ]);
    expect(result.scales).toEqual([
      { id: 'offences', meanPerCell: 2 },
      { id: 'found', meanPerCell: 0.5 },
    ]);
    expect(result.notes).toEqual([]);
  });

  it('leaves out a part with no records and says so', () => {
    const result = drugMarketIndex(
      [
        { id: 'offences', label: 'Drug offences', weight: 1, windows: [Float64Array.from([1, 3])] },
        { id: 'asb', label: 'Drug-related ASB reports', weight: 1, windows: [Float64Array.from([0, 0])] },
      ],
      2,
    );
    expect([...result.windows[0]!]).toEqual([0.5, 1.5]);
    expect(result.scales[1]).toEqual({ id: 'asb', meanPerCell: null });
    expect(result.notes).toEqual(['No drug-related asb reports in these windows: the index is made of the other parts.']);
  });
});

describe('persistenceOf', () => {
  it("names runs of six windows in the meeting's three words (worked by hand)", () => {
    expect(persistenceOf([1, 1, 1, 1, 1, 1])).toBe('persistent');
    // Hot in 5 of 6 (one quiet window) and now: still a market. ArcGIS would say sporadic.
    expect(persistenceOf([1, 0, 1, 1, 1, 1])).toBe('persistent');
    expect(persistenceOf([0, 1, 0, 1, 1, 1])).toBe('persistent');
    expect(persistenceOf([0, 0, 0, 0, 1, 1])).toBe('new');
    expect(persistenceOf([0, 0, 0, 0, 0, 1])).toBe('new');
    // Hot before and now, but on and off and under two thirds: no word.
    expect(persistenceOf([1, 0, 0, 0, 1, 1])).toBeNull();
    expect(persistenceOf([1, 1, 1, 1, 0, 0])).toBe('fading');
    expect(persistenceOf([1, 0, 1, 0, 1, 0])).toBe('fading');
    expect(persistenceOf([0, 0, 0, 1, 0, 0])).toBeNull();
    expect(persistenceOf([-1, -1, -1, -1, -1, -1])).toBeNull();
    expect(persistenceOf([])).toBeNull();
  });
});
