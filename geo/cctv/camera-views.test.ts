import { area, bearing as turfBearing, booleanClockwise, booleanPointInPolygon, distance, kinks, polygon, sector } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { type CameraView, isInView, VIEW_STEPS_PER_CIRCLE, viewConvexParts, viewPolygon } from './camera-views';

const at = (id: string, bearing: number, fieldOfView: number, rangeMeters: number): CameraView =>
  Object.freeze({ id, lng: -0.0335, lat: 51.5155, bearing, fieldOfView, rangeMeters });

const CASES: CameraView[] = [
  at('circle', 0, 360, 150),
  at('narrow', 37, 20, 40),
  at('fixed', 250, 90, 120),
  at('half', 180, 180, 100),
  at('wide', 10, 270, 200),
  at('tiny-angle', 359, 1, 60),
];

describe('camera view polygons', () => {
  it('have the area of the true circle or sector, π r² fov/360, to within 0.05% (inscribed: never more)', () => {
    for (const camera of CASES) {
      const trueArea = (Math.PI * camera.rangeMeters ** 2 * camera.fieldOfView) / 360;
      const polygonArea = area(viewPolygon(camera));
      const relative = (polygonArea - trueArea) / trueArea;
      expect(relative, camera.id).toBeLessThan(0.0001); // Turf's spherical area vs our flat frame differ by ~1e-5
      expect(relative, camera.id).toBeGreaterThan(-0.0005);
    }
  });

  it('agree in area with Turf sector and circle at the same number of steps', () => {
    for (const camera of CASES) {
      const center: [number, number] = [camera.lng, camera.lat];
      const radiusKm = camera.rangeMeters / 1000;
      const steps = Math.max(2, Math.ceil((VIEW_STEPS_PER_CIRCLE * camera.fieldOfView) / 360));
      const turfShape =
        camera.fieldOfView >= 360
          ? sector(center, radiusKm, 0, 0, { steps: VIEW_STEPS_PER_CIRCLE })
          : sector(center, radiusKm, camera.bearing - camera.fieldOfView / 2, camera.bearing + camera.fieldOfView / 2, { steps: steps + (steps % 2) });
      const ours = area(viewPolygon(camera));
      expect(Math.abs(ours - area(turfShape)) / ours, camera.id).toBeLessThan(0.0005);
    }
  });

  it('are simple closed counterclockwise rings with every arc vertex at the range', () => {
    for (const camera of CASES) {
      const shape = viewPolygon(camera);
      const ring = shape.coordinates[0]!;
      expect(ring[0], camera.id).toEqual(ring.at(-1));
      expect(booleanClockwise(ring as [number, number][]), camera.id).toBe(false);
      expect(kinks(polygon(shape.coordinates)).features, camera.id).toHaveLength(0);
      const apex = [camera.lng, camera.lat];
      for (const position of ring) {
        if (position[0] === apex[0] && position[1] === apex[1]) continue;
        expect(Math.abs(distance(apex, position, { units: 'meters' }) - camera.rangeMeters), camera.id).toBeLessThan(0.01);
      }
    }
  });

  it("point the way the bearing says, clockwise from north (to 0.005°: the flat frame ignores the meridians' convergence)", () => {
    const east = at('east', 90, 60, 100);
    const ring = viewPolygon(east).coordinates[0]!;
    const arcBearings = ring.slice(1, -1).map((p) => turfBearing([east.lng, east.lat], p));
    expect(Math.max(...arcBearings)).toBeCloseTo(120, 2);
    expect(Math.min(...arcBearings)).toBeCloseTo(60, 2);
    // Across north: bearing 350, fov 40 spans 330..10.
    const north = at('north', 350, 40, 100);
    const northView = viewPolygon(north);
    expect(booleanPointInPolygon([north.lng, north.lat + 0.0005], northView)).toBe(true); // 56 m due north
    expect(booleanPointInPolygon([north.lng + 0.0005, north.lat], northView)).toBe(false); // 35 m due east
  });

  it('split a sector wider than 180° into two convex halves sharing the bearing edge', () => {
    const wide = at('wide', 10, 270, 200);
    const parts = viewConvexParts(wide);
    expect(parts).toHaveLength(2);
    expect(parts[0]![0]).toEqual([wide.lng, wide.lat]);
    expect(parts[1]![0]).toEqual([wide.lng, wide.lat]);
    expect(parts[0]!.at(-1)).toEqual(parts[1]![1]);
    expect(turfBearing([wide.lng, wide.lat], parts[1]![1]!)).toBeCloseTo(10, 2);
    expect(viewConvexParts(at('fixed', 250, 90, 120))).toHaveLength(1);
  });

  it('tell points in the true view from points outside it', () => {
    const camera = at('east', 90, 60, 100);
    const metres = 1 / 111_195; // about one metre of latitude in degrees
    const lngMetres = metres / Math.cos((camera.lat * Math.PI) / 180);
    expect(isInView(camera, camera.lng + 50 * lngMetres, camera.lat)).toBe(true);
    expect(isInView(camera, camera.lng + 99 * lngMetres, camera.lat)).toBe(true);
    expect(isInView(camera, camera.lng + 101 * lngMetres, camera.lat)).toBe(false);
    // 40° off the bearing (outside the ±30° half-angle), and 25° off (inside).
    const off = (degrees: number) =>
      [camera.lng + 50 * Math.cos((degrees * Math.PI) / 180) * lngMetres, camera.lat + 50 * Math.sin((degrees * Math.PI) / 180) * metres] as const;
    expect(isInView(camera, ...off(40))).toBe(false);
    expect(isInView(camera, ...off(-25))).toBe(true);
    expect(isInView(camera, camera.lng - 50 * lngMetres, camera.lat)).toBe(false);
    expect(isInView(at('circle', 0, 360, 100), camera.lng - 50 * lngMetres, camera.lat)).toBe(true);
    expect(isInView(at('across-north', 350, 40, 100), camera.lng + 5 * lngMetres, camera.lat + 50 * metres)).toBe(true);
  });

  it('refuse a range or field of view that is not a view', () => {
    expect(() => viewPolygon(at('zero', 0, 90, 0))).toThrow(/rangeMeters/);
    expect(() => viewPolygon(at('wide', 0, 400, 50))).toThrow(/fieldOfView/);
  });
});
