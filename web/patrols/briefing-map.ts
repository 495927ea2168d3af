// The briefing's route map as plain SVG geometry (decision 039): a local flat projection
// (metres east and north of the frame's centre, longitude scaled by cos(latitude), good to a
// fraction of a percent across a borough), SVG paths for outlines, and the numbered stops.
// Pure, so the numbers on the map are tested to match the schedule's rows.
import type { LngLat } from '../../geo/types';

const METRES_PER_DEGREE = 111_320;

export type Bounds = [west: number, south: number, east: number, north: number];

export interface MapFrame {
  width: number;
  height: number;
  /** SVG pixels per metre on the ground. */
  pixelsPerMetre: number;
  /** The lng/lat box the frame shows, edge to edge. */
  view: Bounds;
  project: (point: LngLat) => [x: number, y: number];
}

/** The smallest box holding every point. */
export function boundsOf(points: readonly LngLat[]): Bounds {
  if (points.length === 0) throw new Error('boundsOf: no points');
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of points) {
    west = Math.min(west, lng);
    east = Math.max(east, lng);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [west, south, east, north];
}

/**
 * A frame `width` pixels wide and at most `maxHeight` high showing `bounds`, grown to at least
 * `minSpanMetres` each way (a single area still shows its streets' scale) and padded by `padding` of the span.
 */
export function frameOf(bounds: Bounds, options: { width: number; maxHeight: number; minSpanMetres: number; padding: number }): MapFrame {
  const [west, south, east, north] = bounds;
  const centreLat = (south + north) / 2;
  const centreLng = (west + east) / 2;
  const cos = Math.cos((centreLat * Math.PI) / 180);
  const toMetres = ([lng, lat]: LngLat): [number, number] => [(lng - centreLng) * METRES_PER_DEGREE * cos, (lat - centreLat) * METRES_PER_DEGREE];
  const spanX = Math.max((east - west) * METRES_PER_DEGREE * cos, options.minSpanMetres) * (1 + 2 * options.padding);
  const spanY = Math.max((north - south) * METRES_PER_DEGREE, options.minSpanMetres) * (1 + 2 * options.padding);
  const pixelsPerMetre = Math.min(options.width / spanX, options.maxHeight / spanY);
  const height = Math.round(Math.min(options.maxHeight, Math.max(spanY * pixelsPerMetre, options.width / 3)));
  const width = options.width;
  const halfLng = width / 2 / pixelsPerMetre / (METRES_PER_DEGREE * cos);
  const halfLat = height / 2 / pixelsPerMetre / METRES_PER_DEGREE;
  return {
    width,
    height,
    pixelsPerMetre,
    view: [centreLng - halfLng, centreLat - halfLat, centreLng + halfLng, centreLat + halfLat],
    project: (point) => {
      const [x, y] = toMetres(point);
      return [round(width / 2 + x * pixelsPerMetre), round(height / 2 - y * pixelsPerMetre)];
    },
  };
}

// + 0 turns -0 into 0.
const round = (value: number) => Math.round(value * 10) / 10 + 0;

/** Whether an area's box meets the frame's view (areas wholly outside it are not drawn). */
export function areaInView(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, view: Bounds): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const [west, south, east, north] = boundsOf(polygons.flat(2) as LngLat[]);
  return west <= view[2] && east >= view[0] && south <= view[3] && north >= view[1];
}

/** 'M x y L x y ... Z' for a closed ring. */
export function pathOfRing(ring: readonly LngLat[], frame: MapFrame): string {
  return `${ring.map((point, k) => `${k === 0 ? 'M' : 'L'}${frame.project(point).join(' ')}`).join(' ')} Z`;
}

/** Every ring of a Polygon or MultiPolygon as one path (even-odd fill keeps holes open). */
export function pathOfArea(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon, frame: MapFrame): string {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((rings) => rings.map((ring) => pathOfRing(ring as LngLat[], frame))).join(' ');
}

/** An open line through the points. */
export function pathOfLine(points: readonly LngLat[], frame: MapFrame): string {
  return points.map((point, k) => `${k === 0 ? 'M' : 'L'}${frame.project(point).join(' ')}`).join(' ');
}

export interface StopMarker {
  point: LngLat;
  taskingId: number;
  /** The schedule's row numbers of the visits made here, 1 first. */
  numbers: number[];
  /** What the marker says: '2', or '1·3' for repeat visits. */
  label: string;
}

/** One marker per place visited, with the numbers of every visit there in the schedule's order. */
export function stopMarkers(visits: readonly { taskingId: number; point: LngLat }[]): StopMarker[] {
  const markers: StopMarker[] = [];
  visits.forEach((visit, k) => {
    const same = markers.find((m) => m.point[0] === visit.point[0] && m.point[1] === visit.point[1]);
    if (same) same.numbers.push(k + 1);
    else markers.push({ point: visit.point, taskingId: visit.taskingId, numbers: [k + 1], label: '' });
  });
  return markers.map((m) => ({ ...m, label: m.numbers.join('·') }));
}

/** A scale bar of a round length (100, 200, 250, 500 m, 1 km, ...) no longer than `maxPixels`. */
export function scaleBarOf(frame: MapFrame, maxPixels: number): { metres: number; pixels: number; text: string } {
  const steps = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000];
  const fits = steps.filter((m) => m * frame.pixelsPerMetre <= maxPixels);
  const metres = fits.at(-1) ?? steps[0]!;
  return { metres, pixels: round(metres * frame.pixelsPerMetre), text: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}
