import { describe, expect, it } from 'vitest';
import { busiestHours, hourBandText, peakCaption, peakHour, peakOf, shadeOf } from './hour-grid';

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

describe('the busiest hours of a place', () => {
  it('finds the three busiest consecutive hours, across midnight too, with their share (worked by hand)', () => {
    const byHour = new Array<number>(24).fill(1);
    byHour[20] = 5;
    byHour[21] = 6;
    byHour[22] = 4;
    // 5 + 6 + 4 = 15 of 21 x 1 + 15 = 36.
    expect(busiestHours(byHour)).toEqual({ start: 20, hours: 3, count: 15, share: 15 / 36 });
    expect(hourBandText({ start: 20, hours: 3 })).toBe('20:00–23:00');
    const late = new Array<number>(24).fill(0);
    late[23] = 3;
    late[0] = 3;
    late[1] = 3;
    late[12] = 8;
    expect(busiestHours(late)).toMatchObject({ start: 23, count: 9 });
    expect(hourBandText({ start: 23, hours: 3 })).toBe('23:00–02:00');
  });

  it('gives the earliest of equal bands, and nothing without timed incidents', () => {
    const flat = new Array<number>(24).fill(2);
    expect(busiestHours(flat)).toMatchObject({ start: 0, count: 6 });
    expect(busiestHours(new Array<number>(24).fill(0))).toBeNull();
    expect(peakHour([0, 3, 3, 1])).toBe(1);
    expect(peakHour([0, 0])).toBeNull();
  });
});
