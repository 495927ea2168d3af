import { describe, expect, it } from 'vitest';
import { walkingMatrix, walkingMeters, walkMinutesFor, WALKING } from './walking';

// Due north, haversine is exact: R · Δφ, with R = 6,371,008.8 m (the mean radius Turf uses).
const METERS_PER_DEGREE_NORTH = (6_371_008.8 * Math.PI) / 180; // 111,195.08 m

describe('walking', () => {
  it('walks 4.8 km/h over 1.3 times the straight line', () => {
    expect(WALKING).toEqual({ speedKmh: 4.8, detourFactor: 1.3 });
    // 0.01° due north = 1,111.95 m; x 1.3 = 1,445.54 m walked; at 80 m a minute 18.07 min, so 19 whole minutes.
    const meters = walkingMeters([-0.05, 51.51], [-0.05, 51.52]);
    expect(meters).toBeCloseTo(0.01 * METERS_PER_DEGREE_NORTH * 1.3, 6);
    expect(meters).toBeCloseTo(1445.54, 1);
    expect(walkMinutesFor(meters)).toBe(19);
  });

  it('rounds minutes up, but not for float noise on a whole minute', () => {
    expect(walkMinutesFor(0)).toBe(0);
    expect(walkMinutesFor(1)).toBe(1);
    expect(walkMinutesFor(800)).toBe(10);
    expect(walkMinutesFor(800.5)).toBe(11);
    expect(walkMinutesFor(0.1 + 0.2 - 0.3 + 800)).toBe(10);
  });

  it('fills a symmetric matrix with a zero diagonal', () => {
    const m = walkingMatrix([
      [-0.05, 51.51],
      [-0.05, 51.52],
      [-0.04, 51.52],
    ]);
    expect(m.map((row) => Array.from(row, (v) => Math.round(v)))).toEqual([
      [0, 1446, Math.round(walkingMeters([-0.05, 51.51], [-0.04, 51.52]))],
      [1446, 0, Math.round(walkingMeters([-0.05, 51.52], [-0.04, 51.52]))],
      [Math.round(walkingMeters([-0.05, 51.51], [-0.04, 51.52])), Math.round(walkingMeters([-0.05, 51.52], [-0.04, 51.52])), 0],
    ]);
    // East-west at 51.52°N: 0.01° x cos(51.52°) x 111,195 m = 692 m, x 1.3 = 899 m.
    expect(m[1]![2]).toBeCloseTo(899, 0);
  });
});
