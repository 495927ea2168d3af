// The study-area test must answer exactly what Turf's booleanPointInPolygon answers, on the
// real borough, wards and police.uk points, on holes and multi-part areas, and on the
// boundary itself (inside, as Turf says). Turf is the outside reference throughout.
import { readFileSync } from 'node:fs'; // eslint-disable-line no-restricted-imports -- the test reads the real boundaries from ../shared/data; the module under test stays pure
import { gunzipSync } from 'node:zlib'; // eslint-disable-line no-restricted-imports -- the real police.uk file is gzipped
import { booleanPointInPolygon } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAreaTest, type AreaGeometry } from './study-area';
import { seededRandom } from './seeded-random';

const SHARED_DATA = new URL('../../shared/data/', import.meta.url);

const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()).min(2))) });
const boundaryFile = z.object({ features: z.array(z.object({ properties: z.record(z.string(), z.unknown()), geometry: polygonSchema })).min(1) });

function readBoundaries(file: string) {
  return boundaryFile.parse(JSON.parse(readFileSync(new URL(`boundaries/${file}`, SHARED_DATA), 'utf8'))).features;
}

function bboxOf(geometry: AreaGeometry): [number, number, number, number] {
  const positions = geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
  const lngs = positions.map((p) => p[0]!);
  const lats = positions.map((p) => p[1]!);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

/** Points uniform over the bbox grown by `margin` of its size on every side. */
function randomPoints(geometry: AreaGeometry, count: number, seed: number, margin = 0.1): [number, number][] {
  const [west, south, east, north] = bboxOf(geometry);
  const width = east - west;
  const height = north - south;
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => [
    west - margin * width + random() * width * (1 + 2 * margin),
    south - margin * height + random() * height * (1 + 2 * margin),
  ]);
}

/** Points where the test and Turf disagree (expected: none), plus how many Turf calls inside. */
function compareWithTurf(geometry: AreaGeometry, points: [number, number][]) {
  const area = createAreaTest(geometry);
  const disagreements: { point: [number, number]; turf: boolean }[] = [];
  let inside = 0;
  for (const point of points) {
    const turf = booleanPointInPolygon(point, geometry);
    if (turf) inside += 1;
    if (area.contains(point[0], point[1]) !== turf) disagreements.push({ point, turf });
  }
  return { disagreements: disagreements.slice(0, 10), disagreementCount: disagreements.length, inside };
}

/** Points on (or, after rounding, a hair off) every edge, and every vertex: the exact path. */
function pointsAlongEdges(geometry: AreaGeometry, perEdge: number, seed: number): [number, number][] {
  const random = seededRandom(seed);
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const points: [number, number][] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      points.push([x1!, y1!]);
      for (let k = 0; k < perEdge; k++) {
        const t = random();
        points.push([x1! + t * (x2! - x1!), y1! + t * (y2! - y1!)]);
      }
    }
  }
  return points;
}

describe('createAreaTest on the real Tower Hamlets borough', () => {
  const borough = readBoundaries('tower_hamlets_borough.geojson')[0]!.geometry;

  it('agrees with Turf on 200,000 random points in and around the borough', () => {
    const result = compareWithTurf(borough, randomPoints(borough, 200_000, 1));
    expect(result.disagreements).toEqual([]);
    expect(result.inside).toBeGreaterThan(60_000); // not vacuous: both answers occur often
    expect(result.inside).toBeLessThan(140_000);
  });

  it('agrees with Turf on points on and a rounding error off every boundary edge', () => {
    const points = pointsAlongEdges(borough, 8, 2);
    const result = compareWithTurf(borough, points);
    expect(result.disagreements).toEqual([]);
    // Every vertex is on the boundary: inside.
    const area = createAreaTest(borough);
    expect(borough.coordinates[0]!.every(([lng, lat]) => area.contains(lng!, lat!))).toBe(true);
  });

  it('agrees with Turf on every point of the real police.uk burglary file', () => {
    const text = gunzipSync(readFileSync(new URL('crime/tower_hamlets_burglary_street_2010-12_2019-12.csv.gz', SHARED_DATA))).toString('utf8');
    const rows = z.array(z.object({ Longitude: z.string(), Latitude: z.string() })).parse(parse(text, { columns: true }));
    const points = rows.map((r): [number, number] => [Number(r.Longitude), Number(r.Latitude)]);
    expect(points.length).toBe(24_900);
    expect(points.every(([lng, lat]) => Number.isFinite(lng) && Number.isFinite(lat))).toBe(true);
    const result = compareWithTurf(borough, points);
    expect(result.disagreements).toEqual([]);
    expect(result.inside).toBeGreaterThan(24_000); // police.uk assigns these to the borough
  });

  it('answers the same whichever point reaches a grid cell first', () => {
    const points = randomPoints(borough, 50_000, 3, 0);
    const forward = createAreaTest(borough);
    const backward = createAreaTest(borough);
    const a = points.map(([lng, lat]) => forward.contains(lng, lat));
    const b = points
      .toReversed()
      .map(([lng, lat]) => backward.contains(lng, lat))
      .toReversed();
    expect(b).toEqual(a);
  });
});

describe('createAreaTest on the real Tower Hamlets wards', () => {
  const wards = readBoundaries('tower_hamlets_wards.geojson');

  it('reads the twenty wards', () => {
    expect(wards).toHaveLength(20);
  });

  it.each(wards.map((w, i) => [String(w.properties.NAME_CURRENT ?? i), i] as const))('agrees with Turf on 20,000 points around %s', (_, i) => {
    const ward = wards[i]!.geometry;
    const result = compareWithTurf(ward, [...randomPoints(ward, 20_000, 100 + i), ...pointsAlongEdges(ward, 2, 200 + i)]);
    expect(result.disagreements).toEqual([]);
    expect(result.inside).toBeGreaterThan(2_000);
  });
});

describe('createAreaTest on synthetic areas', () => {
  // A 4 × 4 square with a 2 × 2 hole in the middle (the hole wound the other way).
  const withHole: GeoJSON.Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ],
      [
        [1, 1],
        [1, 3],
        [3, 3],
        [3, 1],
        [1, 1],
      ],
    ],
  };
  // Two triangles apart, and a square with a hole holding a third part (an island).
  const twoParts: GeoJSON.MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [10, 0],
          [12, 0],
          [11, 2],
          [10, 0],
        ],
      ],
      [
        [
          [20, 0],
          [26, 0],
          [26, 6],
          [20, 6],
          [20, 0],
        ],
        [
          [21, 1],
          [25, 1],
          [25, 5],
          [21, 5],
          [21, 1],
        ],
      ],
      [
        [
          [22, 2],
          [24, 2],
          [24, 4],
          [22, 4],
          [22, 2],
        ],
      ],
    ],
  };

  it('subtracts a hole', () => {
    const area = createAreaTest(withHole);
    expect(area.contains(0.5, 0.5)).toBe(true);
    expect(area.contains(2, 2)).toBe(false); // in the hole
    expect(area.contains(5, 2)).toBe(false);
    expect(area.contains(1, 2)).toBe(true); // on the hole's edge: boundary, inside as in Turf
    expect(area.contains(3, 3)).toBe(true); // on a hole vertex
  });

  it('holds every part of a MultiPolygon, and an island in a hole', () => {
    const area = createAreaTest(twoParts);
    expect(area.contains(11, 1)).toBe(true);
    expect(area.contains(20.5, 3)).toBe(true);
    expect(area.contains(21.5, 3)).toBe(false); // in the hole
    expect(area.contains(23, 3)).toBe(true); // on the island
    expect(area.contains(15, 1)).toBe(false); // between the parts, inside the bbox
  });

  it.each([
    ['a polygon with a hole', withHole],
    ['a three-part MultiPolygon', twoParts],
  ] as const)('agrees with Turf on %s, at random and on every edge and vertex', (_, geometry) => {
    const result = compareWithTurf(geometry, [...randomPoints(geometry, 20_000, 7), ...pointsAlongEdges(geometry, 20, 8)]);
    expect(result.disagreements).toEqual([]);
    expect(result.inside).toBeGreaterThan(2_000);
  });

  it('agrees with Turf where MultiPolygon parts overlap (a point in both parts is inside)', () => {
    const overlapping: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 2],
            [0, 0],
          ],
        ],
        [
          [
            [1, 1],
            [3, 1],
            [3, 3],
            [1, 3],
            [1, 1],
          ],
        ],
      ],
    };
    expect(createAreaTest(overlapping).contains(1.5, 1.5)).toBe(true);
    expect(compareWithTurf(overlapping, randomPoints(overlapping, 5_000, 9)).disagreements).toEqual([]);
  });

  it('calls points exactly on a vertex or an edge inside, as Turf does', () => {
    const triangle: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const area = createAreaTest(triangle);
    for (const [lng, lat] of [
      [0, 0],
      [3, 0],
      [0, 3],
      [1.5, 0],
      [0, 1.5],
      [1.5, 1.5],
      [1, 2],
      [0.1, 2.9],
    ] as const) {
      expect(booleanPointInPolygon([lng, lat], triangle)).toBe(true);
      expect(area.contains(lng, lat)).toBe(true);
    }
    // Just off the slanted edge, both ways.
    expect(area.contains(1.5 + 1e-12, 1.5)).toBe(false);
    expect(area.contains(1.5 - 1e-12, 1.5)).toBe(true);
  });

  // Points a few ulps off an edge where the plain floating-point orientation is 0 but the
  // exact one is not (found by a seeded search over random near-collinear triples): a
  // float-only test would call them on the boundary. Each edge gets a triangle on either
  // side; the point is in exactly one, as Turf's exact predicate says.
  it.each([
    [0.6980157732032239, 0.5872853912878782, 1.2834297814406455, 3.8134501739405096, 0.8660427551985632, 1.5132672164937475],
    [0.06833140342496336, 0.4887996311299503, 1.3097003912553191, 2.9761891080997884, 0.4309996439092539, 1.215495056789376],
    [0.9174753485713154, 0.02143329312093556, 1.7317516920156777, 1.2851254476699978, 1.4596632182576252, 0.862865765929934],
    [0.03477028920315206, 0.2150332983583212, 1.5957673089578748, 3.0559237375855446, 0.34348042893421354, 0.7768612028038251],
    [0.09095897804945707, 0.19177050818689167, 1.1117630703374743, 1.529792019398883, 0.28659746197060776, 0.4482041391695774],
  ])('decides exactly which side of a near-collinear edge a point lies (case %#)', (x1, y1, x2, y2, lng, lat) => {
    const [midX, midY] = [(x1 + x2) / 2, (y1 + y2) / 2];
    const answers = [1, -1].map((side) => {
      const apex = [midX - side * (y2 - y1), midY + side * (x2 - x1)];
      const triangle: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[x1, y1], [x2, y2], apex, [x1, y1]]] };
      const turf = booleanPointInPolygon([lng, lat], triangle);
      expect(createAreaTest(triangle).contains(lng, lat)).toBe(turf);
      return turf;
    });
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('agrees with Turf on points a few ulps off random full-precision edges', () => {
    const random = seededRandom(13);
    const bits = new BigInt64Array(1);
    const asFloat = new Float64Array(bits.buffer);
    const nudge = (x: number, ulps: number) => {
      asFloat[0] = x;
      bits[0] = bits[0]! + BigInt(ulps);
      return asFloat[0];
    };
    let disagreements = 0;
    for (let trial = 0; trial < 2_000; trial++) {
      const [x1, y1, x2, y2] = [random(), random(), 1 + random(), 1 + 3 * random()];
      const triangle: GeoJSON.Polygon = {
        type: 'Polygon',
        coordinates: [
          [
            [x1, y1],
            [x2, y2],
            [x1, y2],
            [x1, y1],
          ],
        ],
      };
      const area = createAreaTest(triangle);
      const t = random();
      for (let ulps = -3; ulps <= 3; ulps++) {
        const point: [number, number] = [x1 + t * (x2 - x1), nudge(y1 + t * (y2 - y1), ulps)];
        if (area.contains(...point) !== booleanPointInPolygon(point, triangle)) disagreements += 1;
      }
    }
    expect(disagreements).toBe(0);
  });

  it('survives degenerate rings: empty, one position, repeated vertices, horizontal edges, unclosed', () => {
    const degenerate: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [[]],
        [[[50, 50]]],
        // A square drawn with repeated vertices (zero-length edges) and a horizontal run.
        [
          [
            [0, 0],
            [0, 0],
            [1, 0],
            [2, 0],
            [2, 0],
            [2, 2],
            [1, 2],
            [0, 2],
            [0, 0],
            [0, 0],
          ],
        ],
        // A triangle whose closing position is missing.
        [
          [
            [5, 0],
            [7, 0],
            [6, 2],
          ],
        ],
      ],
    };
    const area = createAreaTest(degenerate);
    expect(area.contains(1, 1)).toBe(true);
    expect(area.contains(1, 0)).toBe(true); // on the horizontal bottom edge
    expect(area.contains(3, 0)).toBe(false); // on the bottom edge's line, past its end
    expect(area.contains(-1, 2)).toBe(false); // on the top edge's line, before its start
    expect(area.contains(0, 0)).toBe(true); // the repeated vertex
    expect(area.contains(6, 0.5)).toBe(true); // inside the unclosed triangle
    expect(area.contains(6.9, 1.5)).toBe(false);
    expect(area.contains(5.5, 1)).toBe(true); // on the implied closing edge (6,2)→(5,0)
    expect(area.contains(50, 50)).toBe(false); // a one-position ring has no edges
    expect(area.contains(Number.NaN, 1)).toBe(false);

    // Turf (which throws on the empty and unclosed rings) agrees on the well-formed part.
    const square: GeoJSON.Polygon = { type: 'Polygon', coordinates: degenerate.coordinates[2]! };
    expect(compareWithTurf(square, [...randomPoints(square, 5_000, 11, 0.5), ...pointsAlongEdges(square, 10, 12)]).disagreements).toEqual([]);
  });

  it('contains nothing when the geometry has no edges', () => {
    expect(createAreaTest({ type: 'Polygon', coordinates: [] }).contains(0, 0)).toBe(false);
    expect(createAreaTest({ type: 'MultiPolygon', coordinates: [[[]]] }).contains(0, 0)).toBe(false);
  });

  it('handles a flat (zero-height) area: only its segment is inside', () => {
    const flat: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 1],
          [2, 1],
          [0, 1],
        ],
      ],
    };
    const area = createAreaTest(flat);
    expect(area.contains(1, 1)).toBe(true);
    expect(area.contains(3, 1)).toBe(false);
    expect(area.contains(1, 1.5)).toBe(false);
  });
});
