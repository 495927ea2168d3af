// CCTV coverage and redeployable siting (issue 12) as the routes answer them: the queries, the
// stored cameras as the compute task needs them (effective views, working or not), and the
// answers' words: which cameras count, the model's simplifications, the greedy guarantee.
import { z } from 'zod';
import { CAMERA_DEFAULTS, MAX_CAMERA_RANGE_METERS, viewOf } from '../../geo/cameras';
import { createAreaTest } from '../../geo/study-area';
import type { Db } from '../db/open-database';
import { getStudyArea } from '../areas/area-queries';
import { camerasVersion, listCameras } from '../cameras/camera-queries';
import { windowQuerySchemaFor, type SchoolCalendarSource } from '../incidents/window-params';
import { DEFAULT_COVERED_THRESHOLD, type TaskCamera } from './cctv-task';

/** The most redeployable cameras one request may place, and the most candidate sites it may send. */
export const MAX_SITES = 20;
export const MAX_CANDIDATES = 20_000;

const thresholdParam = z.coerce
  .number({ error: 'expected a share between 0.05 and 0.95, e.g. 0.25' })
  .min(0.05, 'expected a share between 0.05 and 0.95, e.g. 0.25')
  .max(0.95, 'expected a share between 0.05 and 0.95, e.g. 0.25')
  .default(DEFAULT_COVERED_THRESHOLD);

export function coverageQuerySchemaFor(schoolCalendar: SchoolCalendarSource) {
  return z.intersection(windowQuerySchemaFor(schoolCalendar), z.object({ threshold: thresholdParam }));
}

const candidateSchema = z.object({
  id: z.string().trim().min(1).max(80).optional(),
  lng: z.number({ error: 'expected a longitude in degrees' }).min(-180).max(180),
  lat: z.number({ error: 'expected a latitude in degrees' }).min(-90).max(90),
});

export function sitingBodySchemaFor(schoolCalendar: SchoolCalendarSource) {
  return z.intersection(
    windowQuerySchemaFor(schoolCalendar),
    z.object({
      k: z.coerce.number().int('expected a whole number of cameras').min(1, `expected 1..${MAX_SITES}`).max(MAX_SITES, `expected 1..${MAX_SITES}`),
      rangeMeters: z.coerce
        .number()
        .positive('expected a range in metres above 0')
        .max(MAX_CAMERA_RANGE_METERS, `expected at most ${MAX_CAMERA_RANGE_METERS} metres`)
        .default(CAMERA_DEFAULTS.redeployable.rangeMeters),
      candidates: z
        .array(candidateSchema, { error: 'expected a list of { lng, lat } points (and an optional id)' })
        .min(1, 'give at least one candidate site, or leave candidates out to use the centres of the study cells')
        .max(MAX_CANDIDATES, `at most ${MAX_CANDIDATES.toLocaleString('en-GB')} candidate sites`)
        .optional(),
      threshold: thresholdParam,
    }),
  );
}

/** The stored cameras as the task needs them: effective views, and whether each works. */
export function taskCameras(db: Db): { cameras: TaskCamera[]; version: string; byStatus: Record<string, number> } {
  const stored = listCameras(db);
  const byStatus: Record<string, number> = { working: 0, faulty: 0, removed: 0 };
  const cameras = stored.map((camera) => {
    byStatus[camera.status] = (byStatus[camera.status] ?? 0) + 1;
    const view = viewOf(camera);
    return {
      id: camera.id,
      lng: camera.lng,
      lat: camera.lat,
      // A full circle has no bearing; the geometry takes 0 with a 360° view.
      bearing: view.bearing ?? 0,
      fieldOfView: view.fieldOfView,
      rangeMeters: view.rangeMeters,
      working: camera.status === 'working',
    };
  });
  return { cameras, version: camerasVersion(db), byStatus };
}

/** Candidate sites inside the study area, with ids (given, or "site 1", "site 2"... in the order sent). */
export function candidatesInside(db: Db, candidates: readonly { id?: string | undefined; lng: number; lat: number }[]) {
  const area = getStudyArea(db);
  const test = area ? createAreaTest(area.geometry) : null;
  const named = candidates.map((c, k) => ({ id: c.id ?? `site ${k + 1}`, lng: c.lng, lat: c.lat }));
  const inside = test ? named.filter((c) => test.contains(c.lng, c.lat)) : named;
  return { inside, outside: named.length - inside.length };
}

export const COVERAGE_MODEL =
  "Each working camera sees a sector (or a circle) of its range, in a straight line: buildings are not in the data, so what blocks a camera's view is not " +
  'known and the coverage is an upper bound. Faulty and removed cameras see nothing. A cell is covered when at least the threshold share of its area is in view.';
