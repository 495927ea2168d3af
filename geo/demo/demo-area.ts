// The demo borough: a coarse, hand-drawn outline shaped like Tower Hamlets (the City and
// Hackney to the west and north, the River Lea to the east, the Thames to the south with
// the Isle of Dogs loop) and twelve named demo wards. It is drawn by hand on purpose: the
// project never copies the real boundary files (docs/decisions/005-demo-data.md).
import { featureCollection, point, polygon as turfPolygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { voronoi } from '@turf/voronoi';
import type { LngLat } from '../types';

/** Counter-clockwise exterior ring, [lng, lat], ~40 vertices, closed. */
const OUTLINE: LngLat[] = [
  // The Thames, west to east: Tower Bridge, St Katharine Docks, Wapping, Shadwell, Limehouse.
  [-0.0775, 51.5077],
  [-0.072, 51.5068],
  [-0.065, 51.5045],
  [-0.059, 51.5033],
  [-0.053, 51.5055],
  [-0.046, 51.5083],
  [-0.038, 51.5087],
  [-0.032, 51.508],
  // Down the west side of the Isle of Dogs (Limehouse Reach), round its tip, up the east side.
  [-0.0275, 51.504],
  [-0.0265, 51.4975],
  [-0.025, 51.4925],
  [-0.02, 51.488],
  [-0.013, 51.4862],
  [-0.007, 51.4872],
  [-0.003, 51.4905],
  [-0.0045, 51.4955],
  [-0.0075, 51.5],
  [-0.006, 51.5045],
  // Blackwall to Leamouth, then up the River Lea.
  [0.001, 51.507],
  [0.0075, 51.5085],
  [0.006, 51.5115],
  [0.002, 51.514],
  [-0.003, 51.5175],
  [-0.0085, 51.5205],
  [-0.009, 51.5255],
  [-0.013, 51.53],
  [-0.018, 51.5355],
  [-0.02, 51.5405],
  [-0.025, 51.544],
  // The Hackney border along Victoria Park and the canal, east to west.
  [-0.033, 51.544],
  [-0.04, 51.5395],
  [-0.047, 51.5365],
  [-0.055, 51.5352],
  [-0.062, 51.535],
  [-0.068, 51.532],
  [-0.074, 51.529],
  // The City border, north to south, back to the Tower.
  [-0.077, 51.5245],
  [-0.079, 51.519],
  [-0.076, 51.514],
  [-0.0775, 51.5105],
  [-0.0775, 51.5077],
];

export const DEMO_STUDY_AREA: GeoJSON.Polygon = { type: 'Polygon', coordinates: [OUTLINE] };
export const DEMO_STUDY_AREA_CODE = 'demo';
export const DEMO_STUDY_AREA_NAME = 'Demo borough (synthetic)';

/** [west, south, east, north] of the demo area. */
export const DEMO_BBOX: readonly [number, number, number, number] = [
  Math.min(...OUTLINE.map((p) => p[0])),
  Math.min(...OUTLINE.map((p) => p[1])),
  Math.max(...OUTLINE.map((p) => p[0])),
  Math.max(...OUTLINE.map((p) => p[1])),
];

// Plain number arrays keep the point-in-polygon loop below allocation-free.
const OUTLINE_X = Float64Array.from(OUTLINE, (p) => p[0]);
const OUTLINE_Y = Float64Array.from(OUTLINE, (p) => p[1]);

/**
 * Even-odd ray casting on the outline. The generator tests a few hundred thousand
 * candidate points, so it uses this plain loop; tests check every result against the
 * project's own createAreaTest.
 */
export function insideDemoArea(lng: number, lat: number): boolean {
  let inside = false;
  const n = OUTLINE_X.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = OUTLINE_X[i]!;
    const yi = OUTLINE_Y[i]!;
    const yj = OUTLINE_Y[j]!;
    if (yi > lat !== yj > lat && lng < ((OUTLINE_X[j]! - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance in metres from a point to the outline (equirectangular; fine at borough scale). */
export function metresToDemoBoundary(lng: number, lat: number): number {
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const ky = 110_574;
  let best = Infinity;
  for (let i = 0; i < OUTLINE.length - 1; i++) {
    const [ax, ay] = OUTLINE[i]!;
    const [bx, by] = OUTLINE[i + 1]!;
    const [px, py] = [(lng - ax) * kx, (lat - ay) * ky];
    const [dx, dy] = [(bx - ax) * kx, (by - ay) * ky];
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(px - t * dx, py - t * dy));
  }
  return best;
}

export interface DemoWard {
  code: string;
  name: string;
  /** The named centre the ward was grown from. */
  centre: LngLat;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

/** Named centres of the demo wards (real place names, invented boundaries). */
export const DEMO_WARD_CENTRES: readonly { name: string; centre: LngLat }[] = [
  { name: 'Spitalfields', centre: [-0.071, 51.521] },
  { name: 'Whitechapel', centre: [-0.062, 51.515] },
  { name: 'Bethnal Green', centre: [-0.055, 51.528] },
  { name: 'Stepney', centre: [-0.045, 51.518] },
  { name: 'Shadwell and Wapping', centre: [-0.056, 51.508] },
  { name: 'Mile End', centre: [-0.035, 51.524] },
  { name: 'Bow', centre: [-0.027, 51.535] },
  { name: 'Bromley-by-Bow', centre: [-0.014, 51.524] },
  { name: 'Limehouse', centre: [-0.034, 51.512] },
  { name: 'Poplar', centre: [-0.013, 51.511] },
  { name: 'Canary Wharf', centre: [-0.02, 51.503] },
  { name: 'Isle of Dogs', centre: [-0.014, 51.492] },
];

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Rounds coordinates to 6 decimals (~0.1 m) so written files are stable and small. */
function roundGeometry(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): GeoJSON.Polygon | GeoJSON.MultiPolygon {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring = (positions: GeoJSON.Position[]) => positions.map((p) => [r(p[0]!), r(p[1]!)]);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.map(ring)) };
}

/**
 * Demo wards: the Voronoi cells of the named centres, clipped to the demo area, so they
 * tile it exactly (a ward is a MultiPolygon where the river cuts its cell in two).
 */
export function buildDemoWards(): DemoWard[] {
  const [west, south, east, north] = DEMO_BBOX;
  const pad = 0.01;
  const sites = featureCollection(DEMO_WARD_CENTRES.map((w) => point(w.centre, { name: w.name })));
  const cells = voronoi(sites, { bbox: [west - pad, south - pad, east + pad, north + pad] });
  const area = turfPolygon(DEMO_STUDY_AREA.coordinates);
  return DEMO_WARD_CENTRES.map((ward, i) => {
    const cell = cells.features[i];
    if (!cell) throw new Error(`no Voronoi cell for demo ward ${ward.name}`);
    const clipped = intersect(featureCollection([cell, area]));
    if (!clipped) throw new Error(`demo ward ${ward.name} lies outside the demo area`);
    return { code: `demo-${slug(ward.name)}`, name: ward.name, centre: ward.centre, geometry: roundGeometry(clipped.geometry) };
  });
}
