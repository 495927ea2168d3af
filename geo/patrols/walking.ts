// Walking between tasked areas when no street network is loaded: the great-circle distance
// times a detour factor, at a steady walking pace (decision 033).
import { haversineMeters } from '../cctv/local-plane';
import type { LngLat } from '../types';

export const WALKING = {
  /** A patrolling officer's steady pace: 4.8 km/h, i.e. 80 m a minute. */
  speedKmh: 4.8,
  /**
   * Street distance over straight-line distance. Network distance between random points in a city
   * runs about 1.2 times the straight line (Newell 1980; 1.21-1.23 round transit stations,
   * O'Sullivan 1996), and a square grid averages 4/π ≈ 1.27 over all directions; Tower Hamlets'
   * canals, railways and the A12/A13 add detours, and a walk underestimated makes a plan run late.
   * Decision 033.
   */
  detourFactor: 1.3,
} as const;

const METERS_PER_MINUTE = (WALKING.speedKmh * 1000) / 60;

/** Metres an officer walks between two positions: great-circle distance times the detour factor. */
export function walkingMeters(from: LngLat, to: LngLat): number {
  return haversineMeters(from, to) * WALKING.detourFactor;
}

/**
 * Whole minutes to walk so many metres, rounded up: a plan that says 7 minutes for a walk of
 * 6.2 never runs late on that leg. A hair over a whole minute (float noise) is not a minute more.
 */
export function walkMinutesFor(meters: number): number {
  return Math.max(0, Math.ceil(meters / METERS_PER_MINUTE - 1e-9));
}

/** Walking metres between every pair of positions, row and column 0 for the first. */
export function walkingMatrix(positions: readonly LngLat[]): Float64Array[] {
  const n = positions.length;
  const rows = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const meters = walkingMeters(positions[i]!, positions[j]!);
      rows[i]![j] = meters;
      rows[j]![i] = meters;
    }
  }
  return rows;
}
