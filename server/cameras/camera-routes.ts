// GET /api/cameras: the stored cameras as GeoJSON points with their effective view (the file's
// values, or the type's documented default, named in `assumed`). Staff only: camera positions
// are never public (issue 12).
import { Hono } from 'hono';
import { z } from 'zod';
import { CAMERA_DEFAULTS, CAMERA_STATUSES, viewOf, type CameraStatus } from '../../geo/cameras';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow, STAFF } from '../auth/roles';
import { validate } from '../validation';
import { listCameras, type StoredCamera } from './camera-queries';

const statusList = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return [];
    const statuses: CameraStatus[] = [];
    for (const part of text
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter((p) => p !== '')) {
      const status = CAMERA_STATUSES.find((s) => s === part);
      if (!status) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part.slice(0, 40)}" is not a camera status; expected one or more of ${CAMERA_STATUSES.join(', ')}, comma-separated`,
        });
        return z.NEVER;
      }
      statuses.push(status);
    }
    return statuses;
  });

const camerasQuery = z.object({ status: statusList });

/** What was assumed for a camera, in this order: its type, status, then its view (geo/cameras.ts). */
function featureOf(camera: StoredCamera) {
  const view = viewOf(camera);
  const assumed = [...(camera.typeAssumed ? ['type'] : []), ...(camera.statusAssumed ? ['status'] : []), ...view.assumed];
  return {
    type: 'Feature' as const,
    id: camera.id,
    geometry: { type: 'Point' as const, coordinates: [camera.lng, camera.lat] as [number, number] },
    properties: {
      id: camera.id,
      type: camera.type,
      status: camera.status,
      bearing: view.bearing,
      fieldOfView: view.fieldOfView,
      rangeMeters: view.rangeMeters,
      assumed,
      name: camera.name,
      installedOn: camera.installedOn,
    },
  };
}

export function cameraRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/cameras', allow(...STAFF), validate('query', camerasQuery), (c) => {
    const cameras = listCameras(deps.db, c.req.valid('query').status);
    return c.json({
      type: 'FeatureCollection' as const,
      features: cameras.map(featureOf),
      // Foreign members (RFC 7946 section 6.1): the defaults an `assumed` value came from.
      defaults: CAMERA_DEFAULTS,
    });
  });
}
