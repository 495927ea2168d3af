import { describe, expect, it } from 'vitest';
import type { Rgb } from './colour-scale';
import { ciede2000, differenceAsSeen, labAsSeen, linearToLab, MACHADO_2009, simulateLinear, srgbChannelToLinear, type Lab } from './colour-vision';

/**
 * Sharma, Wu & Dalal (2005), Table 1: all 34 test pairs, [L1, a1, b1, L2, a2, b2, ΔE00], given to
 * four decimals. They sit on the formula's awkward branches (hue wrap-around, mean hue, the
 * rotation term), where an implementation that is right on ordinary colours goes wrong.
 */
const SHARMA_2005: readonly (readonly [number, number, number, number, number, number, number])[] = [
  [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
  [50.0, 3.1571, -77.2803, 50.0, 0.0, -82.7485, 2.8615],
  [50.0, 2.8361, -74.02, 50.0, 0.0, -82.7485, 3.4412],
  [50.0, -1.3802, -84.2814, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -1.1848, -84.8006, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -0.9009, -85.5211, 50.0, 0.0, -82.7485, 1.0],
  [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
  [50.0, -1.0, 2.0, 50.0, 0.0, 0.0, 2.3669],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0009, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.001, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0011, 7.2195],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0012, 7.2195],
  [50.0, -0.001, 2.49, 50.0, 0.0009, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.001, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.0011, -2.49, 4.7461],
  [50.0, 2.5, 0.0, 50.0, 0.0, -2.5, 4.3065],
  [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
  [50.0, 2.5, 0.0, 61.0, -5.0, 29.0, 22.8977],
  [50.0, 2.5, 0.0, 56.0, -27.0, -3.0, 31.903],
  [50.0, 2.5, 0.0, 58.0, 24.0, 15.0, 19.4535],
  [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2972, 0.0, 1.0],
  [50.0, 2.5, 0.0, 50.0, 1.8634, 0.5757, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2592, 0.335, 1.0],
  [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
  [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
  [61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
  [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
  [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
  [36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
  [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
  [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
  [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
  [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
];

describe('CIEDE2000 (Sharma, Wu & Dalal 2005)', () => {
  it('reproduces all 34 published test pairs to four decimals, in either order', () => {
    expect(SHARMA_2005).toHaveLength(34);
    for (const [l1, a1, b1, l2, a2, b2, expected] of SHARMA_2005) {
      const first: Lab = [l1, a1, b1];
      const second: Lab = [l2, a2, b2];
      expect(Math.abs(ciede2000(first, second) - expected)).toBeLessThan(0.00005);
      expect(Math.abs(ciede2000(second, first) - expected)).toBeLessThan(0.00005);
    }
  });

  it('is zero for a colour and itself, greys included (no 0/0 at zero chroma)', () => {
    expect(ciede2000([50, 0, 0], [50, 0, 0])).toBe(0);
    expect(ciede2000([53.24, 80.09, 67.2], [53.24, 80.09, 67.2])).toBe(0);
  });
});

describe('sRGB to CIELAB', () => {
  it('decodes sRGB channels with the IEC 61966-2-1 curve', () => {
    expect(srgbChannelToLinear(0)).toBe(0);
    expect(srgbChannelToLinear(255)).toBe(1);
    // The linear segment: 10/255/12.92; the power segment: ((128/255 + 0.055)/1.055)^2.4.
    expect(srgbChannelToLinear(10)).toBeCloseTo(0.0030353, 7);
    expect(srgbChannelToLinear(128)).toBeCloseTo(0.2158605, 7);
  });

  it('gives the published CIELAB (D65) of white, black and sRGB red', () => {
    const [l, a, b] = linearToLab([1, 1, 1]);
    expect(l).toBeCloseTo(100, 4);
    expect(a).toBeCloseTo(0, 4);
    expect(b).toBeCloseTo(0, 4);
    expect(linearToLab([0, 0, 0])).toEqual([0, 0, 0]);
    // Lindbloom's calculator (sRGB, D65): 53.2408, 80.0925, 67.2032.
    const red = labAsSeen([255, 0, 0], 'normal');
    expect(red[0]).toBeCloseTo(53.2408, 3);
    expect(red[1]).toBeCloseTo(80.0925, 3);
    expect(red[2]).toBeCloseTo(67.2032, 3);
  });
});

describe('dichromat simulation (Machado, Oliveira & Fernandes 2009, severity 1)', () => {
  it('keeps white white and greys grey: every matrix row sums to 1', () => {
    for (const matrix of Object.values(MACHADO_2009)) for (const row of matrix) expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 5);
    for (const vision of ['deuteranopia', 'protanopia', 'tritanopia'] as const) {
      const grey = simulateLinear([128, 128, 128], vision);
      for (const channel of grey) expect(channel).toBeCloseTo(0.2158605, 5);
    }
  });

  it('maps pure red and pure green, by hand, through the deuteranopia matrix', () => {
    // Linear red (1, 0, 0) picks the first column: 0.367322, 0.280085, -0.011820 -> clipped to 0.
    const red = simulateLinear([255, 0, 0], 'deuteranopia');
    expect(red[0]).toBeCloseTo(0.367322, 6);
    expect(red[1]).toBeCloseTo(0.280085, 6);
    expect(red[2]).toBe(0);
    // Linear green (0, 1, 0) picks the second column.
    const green = simulateLinear([0, 255, 0], 'deuteranopia');
    expect(green[0]).toBeCloseTo(0.860646, 6);
    expect(green[1]).toBeCloseTo(0.672501, 6);
    expect(green[2]).toBeCloseTo(0.04294, 6);
    // Both land on the same yellow-olive line: red/green ratio 1.31 and 1.28, where normal vision has 1:0 and 0:1.
    expect(red[0] / red[1]).toBeCloseTo(1.3115, 3);
    expect(green[0] / green[1]).toBeCloseTo(1.2798, 3);
  });

  it('collapses red against green for red-green dichromats, not for tritanopes', () => {
    // matplotlib's and D3's category10 red and green: clear to most people, alike to a deuteranope.
    const red: Rgb = [214, 39, 40];
    const green: Rgb = [44, 160, 44];
    expect(differenceAsSeen(red, green, 'normal')).toBeGreaterThan(70);
    expect(differenceAsSeen(red, green, 'tritanopia')).toBeGreaterThan(60);
    expect(differenceAsSeen(red, green, 'deuteranopia')).toBeLessThan(5);
    // Blue against yellow is the axis red-green dichromats keep.
    expect(differenceAsSeen([0, 70, 190], [255, 212, 0], 'deuteranopia')).toBeGreaterThan(60);
  });
});
