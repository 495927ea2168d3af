// eslint-disable-next-line no-restricted-imports -- this test runs in Node and reads the stylesheet the browser gets (vitest blanks CSS, ?raw included)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VISIONS } from './colour-vision';
import { closestDifference, MIN_DIFFERENCE, PALETTES, pairsToTellApart, pairsTooClose, type Palette } from './palettes';
import { BEFORE_FILL, DURING_FILL } from './taskings/results-chart';
import { OUTLINE, REVIEW_DUE } from './taskings/tasking-layers';

describe('every palette of the map is colour-blind safe (docs/decisions/034)', () => {
  it.each(PALETTES.map((palette) => [palette.id, palette] as const))('%s: every pair to tell apart is far enough apart under each vision', (_, palette) => {
    expect(palette.classes.length).toBeGreaterThan(1);
    expect(pairsTooClose(palette)).toEqual([]);
  });

  it('sets the bar higher for unordered classes than for neighbours on a scale', () => {
    expect(MIN_DIFFERENCE.categorical).toBeGreaterThan(MIN_DIFFERENCE.sequential);
    expect(MIN_DIFFERENCE.diverging).toBe(MIN_DIFFERENCE.sequential);
  });
});

describe('the check can fail', () => {
  const palette = (kind: Palette['kind'], colours: [number, number, number][]): Palette => ({
    id: 'test',
    where: 'a test',
    kind,
    classes: colours.map((colour, k) => ({ key: `c${k}`, label: `class ${k}`, colour })),
  });

  it('refuses the red and green of a traffic light, for the red-green dichromats only', () => {
    // CSS's red and green: 72 apart for most readers, under 8 for a protanope.
    const cssRedGreen = pairsTooClose(
      palette('categorical', [
        [255, 0, 0],
        [0, 128, 0],
      ]),
    );
    expect(cssRedGreen.map((pair) => pair.vision)).toEqual(['protanopia']);
    expect(cssRedGreen[0]!.difference).toBeLessThan(8);
    // category10's red and green: under 5 for a deuteranope.
    const category10 = pairsTooClose(
      palette('categorical', [
        [214, 39, 40],
        [44, 160, 44],
      ]),
    );
    expect(category10.map((pair) => pair.vision)).toEqual(['deuteranopia']);
    expect(category10[0]!.difference).toBeLessThan(5);
  });

  it("refuses ColorBrewer's own 7-class YlOrRd, the counts view's palette before decision 034", () => {
    const ylOrRd7 = palette('sequential', [
      [255, 255, 178],
      [254, 217, 118],
      [254, 178, 76],
      [253, 141, 60],
      [252, 78, 42],
      [227, 26, 28],
      [177, 0, 38],
    ]);
    expect(closestDifference(ylOrRd7, 'deuteranopia')).toBeCloseTo(5.3, 1);
    expect(pairsTooClose(ylOrRd7).map((pair) => `${pair.vision} ${pair.first}|${pair.second}`)).toContain('deuteranopia c2|c3');
  });

  it('compares neighbours only on a scale, every pair when the classes have no order', () => {
    const colours: [number, number, number][] = [
      [255, 255, 255],
      [128, 128, 128],
      [0, 0, 0],
    ];
    expect(pairsToTellApart(palette('sequential', colours)).map(([a, b]) => `${a.key}|${b.key}`)).toEqual(['c0|c1', 'c1|c2']);
    expect(pairsToTellApart(palette('categorical', colours)).map(([a, b]) => `${a.key}|${b.key}`)).toEqual(['c0|c1', 'c0|c2', 'c1|c2']);
  });
});

describe('the registry holds what the legends show', () => {
  const byId = (id: string) => PALETTES.find((palette) => palette.id === id)!;

  it('lists the emerging legend as eight hot patterns and the five distinct cold blues', () => {
    const emerging = byId('emerging');
    expect(emerging.classes.filter((cls) => cls.key.startsWith('hot:'))).toHaveLength(8);
    expect(emerging.classes.filter((cls) => cls.key.startsWith('cold:')).map((cls) => cls.label)).toEqual([
      'New or consecutive cold spot',
      'Intensifying cold spot',
      'Persistent cold spot',
      'Diminishing, sporadic or oscillating cold spot',
      'Historical cold spot',
    ]);
  });

  it('has the colours the stylesheet gives the tasking list and the results chart key', () => {
    const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
    const hex = ([r, g, b]: readonly number[]) => `#${[r, g, b].map((c) => c!.toString(16).padStart(2, '0')).join('')}`;
    const ruleOf = (selector: string) => new RegExp(`\\n${selector.replace(/\./g, '\\.')} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    expect(ruleOf('.tasking-item')).toContain(hex(OUTLINE));
    expect(ruleOf('.tasking-item.status-review-due')).toContain(hex(REVIEW_DUE));
    expect(ruleOf('.status-badge.status-review-due')).toContain(hex(REVIEW_DUE));
    expect(ruleOf('.results-chart .key-before')).toContain(hex(BEFORE_FILL));
    expect(ruleOf('.results-chart .key-during')).toContain(hex(DURING_FILL));
  });

  it('reports the closest pair of each palette under each vision (the figures in decision 034)', () => {
    const table = Object.fromEntries(PALETTES.map((palette) => [palette.id, VISIONS.map((vision) => Number(closestDifference(palette, vision).toFixed(1)))]));
    expect(table).toEqual({
      counts: [9.0, 8.5, 8.5, 9.2],
      hotspots: [13.3, 12.3, 10.4, 11.9],
      emerging: [13.6, 10.6, 10.9, 11.4],
      'cctv-coverage': [12.6, 13.2, 11.9, 14.0],
      'cctv-cameras': [25.5, 16.3, 14.7, 23.0],
      'cctv-hot-outlines': [42.2, 45.9, 32.7, 45.1],
      schools: [23.6, 11.4, 16.1, 17.3],
      'drug-markets': [32.8, 25.3, 32.6, 31.7],
      'tasking-outlines': [28.2, 16.1, 12.4, 28.5],
      'tasking-results': [40.4, 39.8, 35.5, 30.1],
      'public-wards': [10.4, 9.7, 10.3, 8.7],
    });
  });
});
