// Where to write an area's name: a point guaranteed to lie on the polygon (Turf's
// pointOnFeature), because the centroid of a concave ward can fall outside it.
import { pointOnFeature } from '@turf/point-on-feature';
import type { LngLat } from '../geo/types';
import type { AreaCollection } from './map-style';

export interface AreaLabel {
  name: string;
  position: LngLat;
}

export function labelsOfAreas(collection: AreaCollection): AreaLabel[] {
  const labels: AreaLabel[] = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    const name = feature.properties?.['name'];
    if (typeof name !== 'string' || name === '') continue;
    const [lng, lat] = pointOnFeature({ type: 'Feature', properties: {}, geometry }).geometry.coordinates;
    if (lng === undefined || lat === undefined) continue;
    labels.push({ name, position: [lng, lat] });
  }
  return labels;
}
