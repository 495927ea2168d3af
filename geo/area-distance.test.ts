// Distance to an area against Turf's pointToPolygonDistance (geodesic), on the real borough
// and on a small square whose distances can be worked by hand.
import { readFileSync } from 'node:fs'; // eslint-disable-line no-restricted-imports -- the test reads the real borough from ../shared/data; the module under test stays pure
import { pointToPolygonDistance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAreaDistance, createNearAreaTest } from './area-distance';
import { seededRandom } from './seeded-random';

const SHARED_DATA = new URL('../../shared/data/', import.meta.url);
const borough = z
  .object({
    features: z.array(z.object({ geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }) })),
  })
  .parse(JSON.parse(readFileSync(new URL('boundaries/tower_hamlets_borough.geojson', SHARED_DATA), 'utf8'))).features[0]!.geometry;

describe('createAreaDistance', () => {
  it('is 0 inside and on the edge, and the metres to the nearest edge outside (hand-worked on a square)', () => {
    // A square from longitude 0 to 0.01 and latitude 51.5 to 51.51.
    const square: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 51.5],
          [0.01, 51.5],
          [0.01, 51.51],
          [0, 51.51],
          [0, 51.5],
        ],
      ],
    };
    const distance = createAreaDistance(square);
    expect(distance.metersTo(0.005, 51.505)).toBe(0);
    expect(distance.metersTo(0, 51.505)).toBe(0);
    // 0.001 degrees of latitude south of the bottom edge: 111.195 m on a 6,371,008.8 m sphere.
    expect(distance.metersTo(0.005, 51.499)).toBeCloseTo(111.195, 2);
    // Beyond a corner: the distance to the corner itself.
    const east = 0.001 * 111_195.08 * Math.cos((51.49 * Math.PI) / 180);
    expect(distance.metersTo(0.011, 51.49)).toBeCloseTo(Math.hypot(east, 0.01 * 111_195.08), 0);
  });

  it('agrees with Turf within 0.5% (and 1 m) for random points up to 3 km around the real borough', () => {
    const distance = createAreaDistance(borough);
    const random = seededRandom(23);
    let outside = 0;
    for (let k = 0; k < 200; k++) {
      const lng = -0.13 + random() * 0.19;
      const lat = 51.46 + random() * 0.11;
      const ours = distance.metersTo(lng, lat);
      const turf = pointToPolygonDistance([lng, lat], borough, { units: 'meters', method: 'geodesic' });
      if (turf <= 0) {
        expect(ours).toBe(0);
      } else {
        outside += 1;
        expect(Math.abs(ours - turf)).toBeLessThanOrEqual(Math.max(1, turf * 0.005));
      }
    }
    expect(outside).toBeGreaterThan(100);
  });
});

describe('createNearAreaTest', () => {
  it('says the same as measuring, for points near and far (the box only skips work)', () => {
    const distance = createAreaDistance(borough);
    const near = createNearAreaTest(borough, 1000);
    const random = seededRandom(7);
    let kept = 0;
    for (let k = 0; k < 2000; k++) {
      const lng = -0.2 + random() * 0.33;
      const lat = 51.4 + random() * 0.23;
      const expected = distance.metersTo(lng, lat) <= 1000;
      if (expected) kept += 1;
      expect(near(lng, lat)).toBe(expected);
    }
    expect(kept).toBeGreaterThan(100);
    // Manchester is far from Tower Hamlets.
    expect(near(-2.24, 53.48)).toBe(false);
  });
});
