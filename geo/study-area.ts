// Point-in-study-area test. Exact (Turf point-in-polygon) but fast on millions of rows:
// each resolution-8 H3 cell is classified once as wholly inside, wholly outside or on the
// boundary, and only points in boundary cells pay for the polygon test.
import { booleanDisjoint, booleanPointInPolygon, booleanWithin, bbox as turfBbox } from '@turf/turf';
import { cellRing, parentCell } from './h3';

export type AreaGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

const CLASSIFY_RESOLUTION = 8;

export interface AreaTest {
  /** True when the point lies inside the area; `cell` is any finer H3 cell containing it. */
  contains(lng: number, lat: number, cell: string): boolean;
}

export function createAreaTest(geometry: AreaGeometry): AreaTest {
  const feature: GeoJSON.Feature<AreaGeometry> = { type: 'Feature', properties: {}, geometry };
  const [west, south, east, north] = turfBbox(feature);
  const cellClass = new Map<string, 'inside' | 'outside' | 'boundary'>();
  const classify = (cell: string) => {
    const hexagon: GeoJSON.Polygon = { type: 'Polygon', coordinates: [cellRing(cell)] };
    if (booleanWithin(hexagon, geometry)) return 'inside';
    if (booleanDisjoint(hexagon, geometry)) return 'outside';
    return 'boundary';
  };
  return {
    contains(lng, lat, cell) {
      if (lng < west || lng > east || lat < south || lat > north) return false;
      const coarse = parentCell(cell, CLASSIFY_RESOLUTION);
      let kind = cellClass.get(coarse);
      if (!kind) {
        kind = classify(coarse);
        cellClass.set(coarse, kind);
      }
      if (kind !== 'boundary') return kind === 'inside';
      return booleanPointInPolygon([lng, lat], geometry);
    },
  };
}
