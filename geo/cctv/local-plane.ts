// A flat local frame in metres for the CCTV geometry: x east, y north, from an origin.
// Equirectangular at the origin's latitude: x = Δlng · cos(lat0) · m/°, y = Δlat · m/°.
// Over the borough (±4 km) the east-west scale drifts by under 0.1% from the origin's, and
// across one H3 cell (~150 m) by under 0.003%; the coverage fractions are ratios of areas
// inside one cell, which a locally affine distortion leaves unchanged, so they do not feel it.
import type { LngLat } from '../types';

/** Mean Earth radius in metres (IUGG), as Turf uses. */
export const EARTH_RADIUS_METERS = 6_371_008.8;
export const METERS_PER_DEGREE = (Math.PI * EARTH_RADIUS_METERS) / 180;

/** A point in the local frame, metres east and north of the origin. */
export type PlanePoint = [x: number, y: number];

export interface LocalPlane {
  toPlane(lng: number, lat: number): PlanePoint;
  toLngLat(x: number, y: number): LngLat;
}

export function createLocalPlane(originLng: number, originLat: number): LocalPlane {
  const xScale = METERS_PER_DEGREE * Math.cos((originLat * Math.PI) / 180);
  return {
    toPlane: (lng, lat) => [(lng - originLng) * xScale, (lat - originLat) * METERS_PER_DEGREE],
    toLngLat: (x, y) => [originLng + x / xScale, originLat + y / METERS_PER_DEGREE],
  };
}

/** A local plane centred on the bounding box of some positions (the first position's latitude when empty). */
export function planeAround(positions: readonly { lng: number; lat: number }[]): LocalPlane {
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const { lng, lat } of positions) {
    west = Math.min(west, lng);
    east = Math.max(east, lng);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  if (!Number.isFinite(west)) return createLocalPlane(0, 51.5);
  return createLocalPlane((west + east) / 2, (south + north) / 2);
}

/** Great-circle distance in metres (haversine on the mean Earth radius, as Turf's distance). */
export function haversineMeters(from: LngLat, to: LngLat): number {
  const toRadians = Math.PI / 180;
  const dLat = (to[1] - from[1]) * toRadians;
  const dLng = (to[0] - from[0]) * toRadians;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(from[1] * toRadians) * Math.cos(to[1] * toRadians) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** Twice the signed area of a ring of plane points (no closing repeat): positive when counterclockwise. */
export function twiceSignedArea(ring: readonly PlanePoint[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  }
  return sum;
}
