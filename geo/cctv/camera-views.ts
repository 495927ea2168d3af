// What a camera sees, as a polygon: a full circle of its range (fieldOfView 360, PTZ) or a
// sector with its apex at the camera, from bearing − fov/2 to bearing + fov/2 (bearings in
// degrees clockwise from north). A documented simplification: nothing occludes the view
// (no building data ships), so a view reaches its full range through walls.
//
// Vertices: the arc is cut into equal steps of at most 360/128 = 2.8125° (a circle has 128
// vertices; a sector ceil(128 · fov/360) arc steps, at least 2, even when the sector is over
// 180° so that it splits at a vertex). Each vertex lies on the true circle, so the polygon is
// inscribed: its area is (sin α / α) of the true sector's π r² fov/360 for a step of α radians,
// at most 0.040% short (α²/6), and its edges are at most r(1 − cos(α/2)) = 0.06 m inside the
// arc at a 200 m range. Vertices are placed in the camera's own flat frame (metres east and
// north, equirectangular at its latitude), which at a 200 m range puts them within 5 mm of
// Turf's great-circle `destination` (the meridians' convergence, ~0.001° of bearing).
import type { LngLat } from '../types';
import { createLocalPlane, type LocalPlane, type PlanePoint } from './local-plane';

/**
 * A camera's effective view (defaults already applied by the caller): position in [lng, lat]
 * degrees, bearing in degrees clockwise from north, fieldOfView in degrees (360 = full circle).
 */
export interface CameraView {
  id: string;
  lng: number;
  lat: number;
  bearing: number;
  fieldOfView: number;
  rangeMeters: number;
}

/** Vertices of a full circle; a sector gets the same angular step. */
export const VIEW_STEPS_PER_CIRCLE = 128;

function checkView(camera: CameraView): void {
  if (!(camera.rangeMeters > 0) || !Number.isFinite(camera.rangeMeters)) {
    throw new RangeError(`Camera ${camera.id}: rangeMeters must be a positive number of metres, got ${camera.rangeMeters}.`);
  }
  if (!(camera.fieldOfView > 0 && camera.fieldOfView <= 360)) {
    throw new RangeError(`Camera ${camera.id}: fieldOfView must be above 0 and at most 360 degrees, got ${camera.fieldOfView}.`);
  }
  if (!Number.isFinite(camera.bearing) || !Number.isFinite(camera.lng) || !Number.isFinite(camera.lat)) {
    throw new RangeError(`Camera ${camera.id}: position and bearing must be finite numbers.`);
  }
}

export function isFullCircle(camera: CameraView): boolean {
  return camera.fieldOfView >= 360;
}

/** Number of arc steps of a sector (even above 180°, so the bearing is a vertex). */
function sectorSteps(fieldOfView: number): number {
  const steps = Math.max(2, Math.ceil((VIEW_STEPS_PER_CIRCLE * fieldOfView) / 360 - 1e-9));
  return fieldOfView > 180 && steps % 2 === 1 ? steps + 1 : steps;
}

/** Arc vertices counterclockwise (bearing decreasing) from bearing + fov/2 to bearing − fov/2, in [lng, lat]. */
function arcPositions(camera: CameraView, own: LocalPlane, steps: number, fromBearing: number, sweep: number): LngLat[] {
  const positions: LngLat[] = [];
  for (let i = 0; i <= steps; i++) {
    const bearing = ((fromBearing - (sweep * i) / steps) * Math.PI) / 180;
    positions.push(own.toLngLat(camera.rangeMeters * Math.sin(bearing), camera.rangeMeters * Math.cos(bearing)));
  }
  return positions;
}

/**
 * The view's outline as convex parts, each an open ring of [lng, lat] counterclockwise: the
 * circle; a sector up to 180°; a wider sector as its two halves either side of the bearing
 * (they share the apex edge). Together they are exactly the vertices of viewPolygon.
 */
export function viewConvexParts(camera: CameraView): LngLat[][] {
  checkView(camera);
  const own = createLocalPlane(camera.lng, camera.lat);
  const apex: LngLat = [camera.lng, camera.lat];
  if (isFullCircle(camera)) {
    return [arcPositions(camera, own, VIEW_STEPS_PER_CIRCLE, camera.bearing, 360).slice(0, -1)];
  }
  const steps = sectorSteps(camera.fieldOfView);
  const arc = arcPositions(camera, own, steps, camera.bearing + camera.fieldOfView / 2, camera.fieldOfView);
  if (camera.fieldOfView <= 180) return [[apex, ...arc]];
  const middle = steps / 2;
  return [
    [apex, ...arc.slice(0, middle + 1)],
    [apex, ...arc.slice(middle)],
  ];
}

/** The view as a GeoJSON Polygon ([lng, lat], closed counterclockwise ring, as RFC 7946 asks). */
export function viewPolygon(camera: CameraView): GeoJSON.Polygon {
  const parts = viewConvexParts(camera);
  const ring = parts.length === 2 ? [...parts[0]!, ...parts[1]!.slice(2)] : parts[0]!;
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/** The view's convex parts in a shared local plane (counterclockwise rings of metres). */
export function viewPartsInPlane(camera: CameraView, plane: LocalPlane): PlanePoint[][] {
  return viewConvexParts(camera).map((part) => part.map(([lng, lat]) => plane.toPlane(lng, lat)));
}

/**
 * A test for "this point lies in the camera's true view" (the circle or sector itself, not
 * its polygon): within range, and for a sector within fov/2 of the bearing; the boundary
 * counts. Measured in the camera's own flat frame, as its polygon's vertices are placed.
 */
export function viewTest(camera: CameraView): (lng: number, lat: number) => boolean {
  checkView(camera);
  const own = createLocalPlane(camera.lng, camera.lat);
  const full = isFullCircle(camera);
  return (lng, lat) => {
    const [x, y] = own.toPlane(lng, lat);
    const distance = Math.hypot(x, y);
    if (distance > camera.rangeMeters) return false;
    if (full || distance === 0) return true;
    const bearingToPoint = (Math.atan2(x, y) * 180) / Math.PI;
    const offset = Math.abs(((((bearingToPoint - camera.bearing) % 360) + 540) % 360) - 180);
    return offset <= camera.fieldOfView / 2;
  };
}

/** Whether [lng, lat] lies in the camera's true view (see viewTest; build that once for many points). */
export function isInView(camera: CameraView, lng: number, lat: number): boolean {
  return viewTest(camera)(lng, lat);
}
