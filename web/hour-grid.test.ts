import { describe, expect, it } from 'vitest';
import { peakCaption, peakOf, shadeOf } from './hour-grid';

function emptyGrid(): number[][] {
  return Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
}

describe('the When grid', () => {
  it('names the busiest weekday-hour', () => {
    const grid = emptyGrid();
    grid[4]![22] = 4; // Friday 22:00
    grid[0]![3] = 1;
    expect(peakOf(grid)).toEqual({ weekday: 4, hour: 22, count: 4 });
    expect(peakCaption(grid)).toBe('Peak: Fri 22:00–23:00 (4 incidents)');
  });

  it('ends the last hour of the day at 00:00 and says when other hours tie', () => {
    const grid = emptyGrid();
    grid[6]![23] = 2;
    grid[1]![5] = 2;
    expect(peakCaption(grid)).toBe('Peak: Tue 05:00–06:00 (2 incidents; 1 other hours as busy)');
    grid[1]![5] = 0;
    expect(peakCaption(grid)).toBe('Peak: Sun 23:00–00:00 (2 incidents)');
  });

  it('says so when no incident has a time of day', () => {
    expect(peakOf(emptyGrid())).toBeNull();
    expect(peakCaption(emptyGrid())).toBe('No incidents with a time of day in this window');
  });

  it('shades from white to dark red at the busiest hour', () => {
    expect(shadeOf(0, 4)).toBe('rgb(255 255 255)');
    expect(shadeOf(4, 4)).toBe('rgb(177 0 38)');
  });
});
