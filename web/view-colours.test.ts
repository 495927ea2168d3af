import { describe, expect, it } from 'vitest';
import { BIN_COLOURS, binLegend, describeBin, forecastTopCount, legendTitleOf, patternLegend } from './view-colours';

describe('hot spot bins', () => {
  it('says the confidence in words, as ArcGIS does', () => {
    expect(describeBin(3)).toBe('Hot spot, 99% confidence');
    expect(describeBin(2)).toBe('Hot spot, 95% confidence');
    expect(describeBin(-1)).toBe('Cold spot, 90% confidence');
    expect(describeBin(0)).toBe('Not significant');
  });

  it('lists hot 99% first and cold 99% last, reds for hot and blues for cold', () => {
    const rows = binLegend();
    expect(rows.map((r) => r.label)[0]).toBe('Hot spot, 99% confidence');
    expect(rows.at(-1)!.label).toBe('Cold spot, 99% confidence');
    const [red, , blue] = BIN_COLOURS[3]!;
    expect(red).toBeGreaterThan(blue);
    const [coldRed, , coldBlue] = BIN_COLOURS[-3]!;
    expect(coldBlue).toBeGreaterThan(coldRed);
  });
});

describe('emerging patterns', () => {
  it('lists all eight hot patterns with their cell counts, and only the cold patterns that occur', () => {
    const rows = patternLegend({ 'hot:new': 2, 'hot:consecutive': 7, 'cold:persistent': 1, 'cold:new': 0 });
    expect(rows.filter((r) => r.key.startsWith('hot:'))).toHaveLength(8);
    expect(rows.find((r) => r.key === 'hot:consecutive')).toMatchObject({ label: 'Consecutive hot spot', cells: 7 });
    expect(rows.filter((r) => r.key.startsWith('cold:')).map((r) => r.label)).toEqual(['Persistent cold spot']);
  });
});

describe('forecast', () => {
  it('highlights 5% of cells, rounded up, at least one', () => {
    expect(forecastTopCount(260)).toBe(13);
    expect(forecastTopCount(3)).toBe(1);
    expect(forecastTopCount(0)).toBe(0);
  });
});

describe('legend titles', () => {
  it('names the view and whether hot spots are of harm', () => {
    expect(legendTitleOf('hotspots', true)).toBe('Hot spots of harm (Gi*)');
    expect(legendTitleOf('counts', false)).toBe('Incidents per 28 days per cell');
  });
});
