// Distance from a point to an area (Polygon or MultiPolygon): 0 inside or on the edge, else
// the metres to the nearest edge. Used to keep the schools near the study area from a
// national file (a school just over the borough line still has robbery inside its buffer).
// Edges are measured on a local flat projection around the point (equirectangular, metres
// per degree at the point's latitude), which is off by far less than a metre at the few
// kilometres this is asked about; geo/area-distance.test.ts checks it against Turf's
// pointToPolygonDistance.
import { createAreaTest, type AreaGeometry } from './study-area';

/** Mean Earth radius in metres (IUGG), as Turf uses. */
const EARTH_RADIUS_METERS = 6_371_008.8;
const METERS_PER_DEGREE = (Math.PI * EARTH_RADIUS_METERS) / 180;

export interface AreaDistance {
  /** Metres from [lng, lat] to the area; 0 inside or on its boundary. */
  metersTo(lng: number, lat: number): number;
}

export function createAreaDistance(geometry: AreaGeometry): AreaDistance {
  const inside = createAreaTest(geometry);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings = polygons.flat();
  return {
    metersTo(lng, lat) {
      if (inside.contains(lng, lat)) return 0;
      const xScale = METERS_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
      let best = Infinity;
      for (const ring of rings) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const ax = (ring[k]![0]! - lng) * xScale;
          const ay = (ring[k]![1]! - lat) * METERS_PER_DEGREE;
          const bx = (ring[k + 1]![0]! - lng) * xScale;
          const by = (ring[k + 1]![1]! - lat) * METERS_PER_DEGREE;
          const dx = bx - ax;
          const dy = by - ay;
          const lengthSquared = dx * dx + dy * dy;
          // The point is the origin: project it onto the edge, clamped to the edge's ends.
          const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / lengthSquared));
          const distance = Math.hypot(ax + t * dx, ay + t * dy);
          if (distance < best) best = distance;
        }
      }
      return best;
    },
  };
}

/**
 * A test for "within `marginMeters` of the area" that answers most far points from a box
 * around the area before measuring: a national file has ~50,000 schools and few are near.
 */
export function createNearAreaTest(geometry: AreaGeometry, marginMeters: number): (lng: number, lat: number) => boolean {
  const distance = createAreaDistance(geometry);
  const positions = geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const [lng, lat] of positions) {
    west = Math.min(west, lng!);
    east = Math.max(east, lng!);
    south = Math.min(south, lat!);
    north = Math.max(north, lat!);
  }
  // Degrees of latitude and (at the box's edge nearest a pole, where they are shortest) of longitude the margin spans.
  const latMargin = marginMeters / METERS_PER_DEGREE;
  const lngMargin = marginMeters / (METERS_PER_DEGREE * Math.cos((Math.min(89, Math.max(Math.abs(south), Math.abs(north)) + latMargin) * Math.PI) / 180));
  return (lng, lat) => {
    if (lng < west - lngMargin || lng > east + lngMargin || lat < south - latMargin || lat > north + latMargin) return false;
    return distance.metersTo(lng, lat) <= marginMeters;
  };
}
