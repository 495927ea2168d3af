import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, cellsWithinDistance } from '../h3';
import { blindHotspots } from './blind-hotspots';
import { EARTH_RADIUS_METERS } from './local-plane';

// Metres due north or south are exact in haversine: R · Δφ.
const degreesNorth = (metres: number) => ((metres / EARTH_RADIUS_METERS) * 180) / Math.PI;

describe('blind hot spots', () => {
  const home = cellAt(-0.0335, 51.5155, 10);
  const [lng, lat] = cellCentre(home);
  const [, y, z, w, v] = cellsWithinDistance(home, 1)
    .filter((c) => c !== home)
    .sort();
  const hotCells = Object.freeze([
    { cell: home, bin: 3, harmWeightedCount: 10 },
    { cell: y!, bin: 2, harmWeightedCount: 20 },
    { cell: z!, bin: 2, harmWeightedCount: 30 },
    { cell: w!, bin: 1, harmWeightedCount: 50 },
    { cell: v!, bin: 2, harmWeightedCount: 20 },
  ]);
  const fractions = new Map([
    [home, 0.1],
    [z!, 0.25],
    [v!, 0.2],
  ]);
  const working = Object.freeze([
    { id: 'north-100', lng, lat: lat + degreesNorth(100) },
    { id: 'south-80', lng, lat: lat - degreesNorth(80) },
  ]);

  it('keeps hot cells (95% or above) under 25% covered, ranked by harm-weighted count then cell id', () => {
    const blind = blindHotspots(hotCells, fractions, working);
    // z is covered at exactly the threshold; w is only 90% significant.
    expect(blind.map((b) => b.cell)).toEqual([y, v, home]);
    expect(blind.map((b) => b.coveredFraction)).toEqual([0, 0.2, 0.1]);
    expect(blind.map((b) => b.harmWeightedCount)).toEqual([20, 20, 10]);
  });

  it('names the nearest working camera and its distance in metres from the cell centre', () => {
    const blind = blindHotspots(hotCells, fractions, working);
    const atHome = blind.find((b) => b.cell === home)!;
    expect(atHome.nearestWorkingCamera!.id).toBe('south-80');
    expect(atHome.nearestWorkingCamera!.distanceMeters).toBeCloseTo(80, 6);
    // Without that camera (say it is faulty and the caller leaves it out), the one 100 m north.
    const withoutSouth = blindHotspots(hotCells, fractions, [working[0]!]).find((b) => b.cell === home)!;
    expect(withoutSouth.nearestWorkingCamera).toEqual({ id: 'north-100', distanceMeters: expect.closeTo(100, 6) });
    expect(blindHotspots(hotCells, fractions, [])[0]!.nearestWorkingCamera).toBeNull();
  });

  it('takes another threshold and significance', () => {
    expect(blindHotspots(hotCells, fractions, working, { threshold: 0.3 }).map((b) => b.cell)).toEqual([z, y, v, home]);
    expect(blindHotspots(hotCells, fractions, working, { minBin: 1 }).map((b) => b.cell)[0]).toBe(w);
  });
});
