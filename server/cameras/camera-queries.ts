// The one owner of the `cameras` table (migration 010): the import's write (one file = one
// immediate transaction, recorded as an import batch) and the reads every other module goes through.
import { CAMERA_STATUSES, CAMERA_TYPES, type Camera, type CameraStatus, type CameraType } from '../../geo/cameras';
import type { Db } from '../db/open-database';
import { prepared } from '../db/statement-cache';
import { finishBatch, insertBatch, type BatchCounts } from '../store/import-batches';
import type { CameraRow, LocationFrom } from './camera-csv';

/** A stored camera: the file's values (null where it gave none) and where they came from. */
export interface StoredCamera extends Camera {
  name: string | null;
  typeAssumed: boolean;
  statusAssumed: boolean;
  locationFrom: LocationFrom;
  sourceFile: string;
  importedAt: string;
}

export interface CameraBatch {
  source: string;
  fileName: string;
  fileSha256: string;
  /** ISO 8601 UTC. */
  importedAt: string;
  importedBy: string;
  rowsRead: number;
}

export interface CamerasWritten {
  batchId: number;
  added: number;
  replaced: number;
}

/**
 * Writes the rows in one immediate transaction, each replacing any stored camera with its id, and
 * records the file as an import batch; cameras the file does not name keep their rows. `finish`
 * gets the counts and returns the summary to keep on the batch.
 */
export function replaceCameras(db: Db, rows: readonly CameraRow[], batch: CameraBatch, finish: (written: CamerasWritten) => BatchCounts): CamerasWritten {
  const run = db.transaction(() => {
    const exists = db.prepare('SELECT 1 FROM cameras WHERE id = ?').pluck();
    const upsert = db.prepare(
      `INSERT OR REPLACE INTO cameras (id, type, type_assumed, name, lng, lat, location_from, bearing, field_of_view, range_meters,
         status, status_assumed, installed_on, source_file, line, batch_id, imported_at)
       VALUES (${Array.from({ length: 17 }, () => '?').join(', ')})`,
    );
    const batchId = insertBatch(db, { kind: 'cameras', ...batch });
    let added = 0;
    for (const r of rows) {
      if (exists.get(r.id) === undefined) added += 1;
      upsert.run(
        r.id,
        r.type,
        r.typeAssumed ? 1 : 0,
        r.name,
        r.lng,
        r.lat,
        r.locationFrom,
        r.bearing,
        r.fieldOfView,
        r.rangeMeters,
        r.status,
        r.statusAssumed ? 1 : 0,
        r.installedOn,
        batch.fileName,
        r.line,
        batchId,
        batch.importedAt,
      );
    }
    const written = { batchId, added, replaced: rows.length - added };
    finishBatch(db, batchId, finish(written), null);
    return written;
  });
  return run.immediate();
}

interface CameraDbRow {
  id: string;
  type: string;
  type_assumed: number;
  name: string | null;
  lng: number;
  lat: number;
  location_from: string;
  bearing: number | null;
  field_of_view: number | null;
  range_meters: number | null;
  status: string;
  status_assumed: number;
  installed_on: string | null;
  source_file: string;
  imported_at: string;
}

function known<T extends string>(values: readonly T[], text: string, what: string): T {
  const found = values.find((v) => v === text);
  if (found === undefined) throw new Error(`internal: stored camera ${what} "${text}"`);
  return found;
}

function cameraOf(r: CameraDbRow): StoredCamera {
  return {
    id: r.id,
    type: known<CameraType>(CAMERA_TYPES, r.type, 'type'),
    lng: r.lng,
    lat: r.lat,
    bearing: r.bearing,
    fieldOfView: r.field_of_view,
    rangeMeters: r.range_meters,
    status: known<CameraStatus>(CAMERA_STATUSES, r.status, 'status'),
    installedOn: r.installed_on,
    name: r.name,
    typeAssumed: r.type_assumed === 1,
    statusAssumed: r.status_assumed === 1,
    locationFrom: known<LocationFrom>(['lng-lat', 'easting-northing'], r.location_from, 'location source'),
    sourceFile: r.source_file,
    importedAt: r.imported_at,
  };
}

/** Stored cameras by id; only those of the given statuses when any are given. */
export function listCameras(db: Db, statuses: readonly CameraStatus[] = []): StoredCamera[] {
  const rows = prepared(
    db,
    `SELECT id, type, type_assumed, name, lng, lat, location_from, bearing, field_of_view, range_meters, status, status_assumed,
       installed_on, source_file, imported_at FROM cameras ORDER BY id`,
  ).all() as CameraDbRow[];
  return rows.map(cameraOf).filter((c) => statuses.length === 0 || statuses.includes(c.status));
}

/** Changes whenever a cameras import writes (each is a new batch): part of a cached answer's key. */
export function camerasVersion(db: Db): string {
  return String(prepared(db, "SELECT count(*) || ':' || coalesce(max(batch_id), 0) FROM cameras").pluck().get());
}
