// The smooth "population" surface that background incidents follow: a floor everywhere in
// the demo area plus broad bumps over the dense neighbourhoods (Whitechapel, Bethnal Green,
// Stepney, Poplar, the Isle of Dogs estates, Canary Wharf's daytime crowds). The bumps are
// wide (600-900 m) so that the background has gradients but no sharp hotspots of its own:
// sharp hotspots are the planted patterns, listed in the ground truth.
import { DEMO_BBOX, insideDemoArea } from './demo-area';
import type { Random } from './random';
import type { SpatialProfile } from './rhythms';
import type { LngLat } from '../types';

export interface PopulationBump {
  centre: LngLat;
  weight: number;
  sigmaMeters: number;
}

export const POPULATION_FLOOR = 0.6;
export const POPULATION_BUMPS: readonly PopulationBump[] = [
  { centre: [-0.07, 51.52], weight: 0.9, sigmaMeters: 650 },
  { centre: [-0.061, 51.516], weight: 1.0, sigmaMeters: 700 },
  { centre: [-0.054, 51.527], weight: 1.0, sigmaMeters: 800 },
  { centre: [-0.045, 51.517], weight: 0.9, sigmaMeters: 700 },
  { centre: [-0.052, 51.51], weight: 0.7, sigmaMeters: 600 },
  { centre: [-0.033, 51.525], weight: 0.8, sigmaMeters: 800 },
  { centre: [-0.025, 51.534], weight: 0.8, sigmaMeters: 700 },
  { centre: [-0.015, 51.523], weight: 0.7, sigmaMeters: 700 },
  { centre: [-0.034, 51.513], weight: 0.6, sigmaMeters: 600 },
  { centre: [-0.014, 51.512], weight: 0.9, sigmaMeters: 700 },
  { centre: [-0.02, 51.504], weight: 1.0, sigmaMeters: 600 },
  { centre: [-0.014, 51.494], weight: 1.1, sigmaMeters: 750 },
];

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LNG = 111_320 * Math.cos((51.515 * Math.PI) / 180);

/** Relative population density at a point (0.6 at the quietest edge, up to about 2.5). */
export function populationDensity(lng: number, lat: number): number {
  let density = POPULATION_FLOOR;
  for (const bump of POPULATION_BUMPS) {
    const dx = (lng - bump.centre[0]) * METRES_PER_DEGREE_LNG;
    const dy = (lat - bump.centre[1]) * METRES_PER_DEGREE_LAT;
    density += bump.weight * Math.exp(-(dx * dx + dy * dy) / (2 * bump.sigmaMeters * bump.sigmaMeters));
  }
  return density;
}

/**
 * Weight of the east: 0.4 at the western edge rising to 1.9 at the eastern edge. Serious
 * violence, knife crime and weapons follow population times this (seed 001: the most
 * serious violence is concentrated in the east of the borough).
 */
export function eastWeight(lng: number): number {
  const [west, , east] = DEMO_BBOX;
  return 0.4 + 1.5 * ((lng - west) / (east - west));
}

function densityOf(profile: SpatialProfile, lng: number, lat: number): number {
  const base = populationDensity(lng, lat);
  return profile === 'population-east' ? base * eastWeight(lng) : base;
}

const GRID_SIZE = 256;

/**
 * A sampler of points inside the demo area with density proportional to a spatial profile.
 * The surface is tabulated on a 256 x 256 grid over the area's bbox (cells about 25 m
 * across, far finer than the surface's 600 m bumps): a cell is drawn from the cumulative
 * table, then a uniform point inside it, redrawn in the rare case it falls outside the
 * outline. Faster than rejection sampling against the surface by an order of magnitude.
 */
export function createBackgroundSampler(profile: SpatialProfile): (random: Random) => LngLat {
  const [west, south, east, north] = DEMO_BBOX;
  const cellWidth = (east - west) / GRID_SIZE;
  const cellHeight = (north - south) / GRID_SIZE;
  const cumulativeWeights = new Float64Array(GRID_SIZE * GRID_SIZE);
  let total = 0;
  for (let row = 0; row < GRID_SIZE; row++) {
    const lat = south + (row + 0.5) * cellHeight;
    for (let col = 0; col < GRID_SIZE; col++) {
      const lng = west + (col + 0.5) * cellWidth;
      if (insideDemoArea(lng, lat)) total += densityOf(profile, lng, lat);
      cumulativeWeights[row * GRID_SIZE + col] = total;
    }
  }
  return (random) => {
    for (;;) {
      const lo = random.pick(cumulativeWeights);
      const lng = west + ((lo % GRID_SIZE) + random.next()) * cellWidth;
      const lat = south + (Math.floor(lo / GRID_SIZE) + random.next()) * cellHeight;
      if (insideDemoArea(lng, lat)) return [lng, lat];
    }
  };
}

/** Moves a point by metres east and north. */
export function offsetMetres([lng, lat]: LngLat, eastMetres: number, northMetres: number): LngLat {
  return [lng + eastMetres / METRES_PER_DEGREE_LNG, lat + northMetres / METRES_PER_DEGREE_LAT];
}

/** Distance in metres between two nearby points (equirectangular). */
export function metresBetween(a: LngLat, b: LngLat): number {
  return Math.hypot((a[0] - b[0]) * METRES_PER_DEGREE_LNG, (a[1] - b[1]) * METRES_PER_DEGREE_LAT);
}
