import { describe, expect, it } from 'vitest';
import { differenceAsSeen, VISIONS } from '../colour-vision';
import { MIN_DIFFERENCE } from '../palettes';
import { figureClasses, PUBLIC_SEQUENTIAL, PUBLIC_WITHHELD, PUBLIC_ZERO, roundedRanges } from './public-classes';

const RULES = { smallCountThreshold: 10, roundingBase: 5 };
const rounded = (value: number) => ({ kind: 'rounded' as const, value, text: String(value) });

describe('the public map classes', () => {
  it('split the rounded figures into quarters, each range in published steps of 5', () => {
    // Sorted, the quarter points are the 3rd, 5th and 7th of 8 figures: 20, 45 and 80.
    expect(roundedRanges([120, 10, 15, 20, 40, 45, 60, 80], 10, 5)).toEqual([
      [10, 15],
      [20, 40],
      [45, 75],
      [80, 120],
    ]);
    // Few distinct figures: fewer ranges, never an empty one.
    expect(roundedRanges([25, 25, 25], 10, 5)).toEqual([[10, 25]]);
    expect(roundedRanges([], 10, 5)).toEqual([]);
  });

  it('give every kind of figure its class, and each rounded figure the range holding it', () => {
    const figures = [rounded(10), rounded(20), rounded(45), rounded(120), { kind: 'fewer-than' as const, value: null, text: 'fewer than 10' }];
    const { classes, classOf } = figureClasses(figures, RULES);
    expect(classes.map((c) => c.label)).toEqual([
      'None recorded',
      'Fewer than 10',
      '10 to 15',
      '20 to 40',
      '45 to 115',
      '120',
      'Withheld (to protect a small figure)',
    ]);
    expect(classOf(rounded(45)).label).toBe('45 to 115');
    expect(classOf(rounded(120)).label).toBe('120');
    expect(classOf({ kind: 'zero', value: 0, text: '0' }).label).toBe('None recorded');
    expect(classOf({ kind: 'withheld', value: null, text: 'withheld' }).id).toBe('withheld');
    // Darker for more: the ranges' colours get darker (lower luminance) in order.
    const lightness = classes.slice(1, -1).map((c) => c.colour[0] * 0.3 + c.colour[1] * 0.59 + c.colour[2] * 0.11);
    expect([...lightness].sort((a, b) => b - a)).toEqual(lightness);
  });

  it('keep "withheld" grey apart from every other class for every reader (decision 034)', () => {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    for (const other of [PUBLIC_ZERO, ...PUBLIC_SEQUENTIAL])
      for (const vision of VISIONS)
        expect(differenceAsSeen(rgb(PUBLIC_WITHHELD), rgb(other), vision), `${other} ${vision}`).toBeGreaterThanOrEqual(MIN_DIFFERENCE.categorical);
  });
});
