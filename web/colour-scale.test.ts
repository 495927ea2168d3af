import { describe, expect, it } from 'vitest';
import { BREAKS_BY_RESOLUTION, CLASS_COLOURS, breaksOf, classOfRate, colourOfCount, legendClasses, ratePer28Days } from './colour-scale';

describe('colour scale by rate per 28 days', () => {
  it('turns counts into rates per 28 days', () => {
    expect(ratePer28Days(7, 7)).toBe(28);
    expect(ratePer28Days(28, 28)).toBe(28);
    expect(ratePer28Days(10, 365)).toBeCloseTo(0.767, 3);
    expect(() => ratePer28Days(3, 0)).toThrow(/windowDays/);
  });

  it('gives the same colour to the same underlying rate in a 7-day and a 28-day window', () => {
    for (const resolution of [7, 8, 9, 10]) {
      for (const weekly of [1, 2, 3, 5, 8, 13, 40, 100, 500]) {
        expect(colourOfCount(weekly, 7, resolution)).toEqual(colourOfCount(weekly * 4, 28, resolution));
      }
    }
  });

  it('keeps its breaks fixed: a quiet week stays pale instead of stretching the scale', () => {
    // One incident in a week at res 9 is 4 per 28 days: class 3 (4 to under 8), whatever else is on the map.
    expect(classOfRate(ratePer28Days(1, 7), 9)).toBe(3);
    // One incident in 28 days is class 1 (1 to under 2); in a year it is class 0 (under 1).
    expect(classOfRate(ratePer28Days(1, 28), 9)).toBe(1);
    expect(classOfRate(ratePer28Days(1, 365), 9)).toBe(0);
    expect(classOfRate(ratePer28Days(32, 28), 9)).toBe(6);
    expect(classOfRate(ratePer28Days(1000, 28), 9)).toBe(6);
  });

  it('draws nothing for a zero count', () => {
    expect(classOfRate(0, 9)).toBeNull();
    expect(colourOfCount(0, 28, 9)).toBeNull();
  });

  it('puts a rate exactly on a break in the class above it', () => {
    const breaks = breaksOf(9);
    breaks.forEach((lower, k) => expect(classOfRate(lower, 9)).toBe(k + 1));
  });

  it('scales its breaks by about the 7x cell-area ratio per resolution step', () => {
    for (const resolution of [7, 8, 9]) {
      const coarse = BREAKS_BY_RESOLUTION[resolution]!;
      const fine = BREAKS_BY_RESOLUTION[resolution + 1]!;
      coarse.forEach((lower, k) => {
        const ratio = lower / fine[k]!;
        expect(ratio).toBeGreaterThan(5);
        expect(ratio).toBeLessThan(9);
      });
    }
  });

  it('has increasing breaks and one more colour than breaks at every resolution', () => {
    for (const breaks of Object.values(BREAKS_BY_RESOLUTION)) {
      expect(breaks.length + 1).toBe(CLASS_COLOURS.length);
      for (let k = 1; k < breaks.length; k++) expect(breaks[k]!).toBeGreaterThan(breaks[k - 1]!);
    }
    expect(() => breaksOf(11)).toThrow(/7\.\.10/);
  });

  it('darkens monotonically from the lowest class to the highest', () => {
    const lightness = CLASS_COLOURS.map(([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b);
    for (let k = 1; k < lightness.length; k++) expect(lightness[k]!).toBeLessThan(lightness[k - 1]!);
  });

  it('labels the legend classes in incidents per 28 days per cell', () => {
    expect(legendClasses(9).map((c) => c.label)).toEqual([
      'under 1',
      '1 to under 2',
      '2 to under 4',
      '4 to under 8',
      '8 to under 16',
      '16 to under 32',
      '32 or more',
    ]);
    expect(legendClasses(10)[0]!.label).toBe('under 0.15');
    expect(legendClasses(10)[2]!.label).toBe('0.3 to under 0.6');
  });
});
