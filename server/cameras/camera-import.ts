// The cameras importer behind `npm run import -- cameras` and POST /api/imports/cameras
// (server/import/run-import.ts delegates here): read, parse, clip to the study area, store all
// or nothing (decision 028).
import { CAMERA_STATUSES, CAMERA_TYPES, viewOf, type CameraStatus, type CameraType } from '../../geo/cameras';
import { createAreaTest } from '../../geo/study-area';
import { getStudyArea } from '../areas/area-queries';
import type { Db } from '../db/open-database';
import { readInput, refused, type FileProblem, type InputSource } from '../import/read-input';
import type { RejectedRow } from '../store/import-types';
import { checkCamerasHead, parseCamerasCsv, type CameraLayout, type CameraRow } from './camera-csv';
import { replaceCameras } from './camera-queries';

/** The source an import batch records: TfL's list by name, any other cameras file as the partnership's own. */
const SOURCE_OF_LAYOUT: Record<CameraLayout, string> = { cameras: 'cameras', 'tfl-jamcams': 'TfL JamCams' };
const REPORTED_LIMIT = 100;

export interface CamerasImportContext {
  db: Db;
  importedBy: string;
  now: Date;
  maxRawBytes?: number;
  onBytes?: (bytesRead: number) => void;
}

export interface CamerasImportFile {
  input: InputSource;
  fileName: string;
}

/** How many stored cameras got each assumed value (the type's default view: geo/cameras.ts). */
export interface AssumedCounts {
  /** No type in the file (TfL JamCams: ptz). */
  type: number;
  /** No status: taken as working. */
  status: number;
  bearing: number;
  fieldOfView: number;
  rangeMeters: number;
}

export interface CameraImportSummary {
  kind: 'cameras';
  /** The import batch the file is recorded as; null when it was refused. */
  batchId: number | null;
  fileName: string;
  fileSha256: string;
  /** `tfl-jamcams`: the header was recognised as TfL's traffic camera list. */
  layout: CameraLayout;
  rowsRead: number;
  /** Cameras written (new + replaced); 0 when the file was refused. */
  stored: number;
  added: number;
  /** Ids stored before: their rows were replaced by the file's. */
  replaced: number;
  /** Cameras outside the study area: counted, not stored. */
  outsideArea: number;
  outsideAreaRows: RejectedRow[];
  studyArea: string | null;
  /** Of the cameras stored (or that would have been, for a refused file). */
  byType: Record<CameraType, number>;
  byStatus: Record<CameraStatus, number>;
  assumed: AssumedCounts;
  locationFrom: { lngLat: number; eastingNorthing: number };
  rejected: number;
  rejections: RejectedRow[];
  notes: string[];
}

export type CamerasOutcome = { ok: true; summary: CameraImportSummary } | { ok: false; problem: FileProblem; summary: CameraImportSummary | null };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function countsOf(rows: readonly CameraRow[]) {
  const byType = Object.fromEntries(CAMERA_TYPES.map((t) => [t, 0])) as Record<CameraType, number>;
  const byStatus = Object.fromEntries(CAMERA_STATUSES.map((s) => [s, 0])) as Record<CameraStatus, number>;
  const assumed: AssumedCounts = { type: 0, status: 0, bearing: 0, fieldOfView: 0, rangeMeters: 0 };
  for (const row of rows) {
    byType[row.type] += 1;
    byStatus[row.status] += 1;
    if (row.typeAssumed) assumed.type += 1;
    if (row.statusAssumed) assumed.status += 1;
    for (const value of viewOf(row).assumed) assumed[value] += 1;
  }
  return { byType, byStatus, assumed };
}

export async function importCameras(context: CamerasImportContext, file: CamerasImportFile): Promise<CamerasOutcome> {
  const read = await readInput(file.input, {
    checkHead: checkCamerasHead,
    ...(context.maxRawBytes !== undefined ? { maxRawBytes: context.maxRawBytes } : {}),
    ...(context.onBytes ? { onBytes: context.onBytes } : {}),
  });
  if (!read.ok) return { ok: false, problem: read.reason, summary: null };
  return importCamerasText(context, { text: read.value.text, sha256: read.value.sha256, fileName: file.fileName });
}

/** A cameras file already read (the demo's, or an upload's): parse, check, clip and store it whole or not at all. */
export function importCamerasText(
  context: Pick<CamerasImportContext, 'db' | 'importedBy' | 'now'>,
  file: { text: string; sha256: string; fileName: string },
): CamerasOutcome {
  const { text, sha256 } = file;
  const parsed = parseCamerasCsv(text);
  if (!parsed.ok) return { ok: false, problem: parsed.reason, summary: null };
  const { rows, rejected, rowsRead } = parsed.value;

  const studyArea = getStudyArea(context.db);
  const area = studyArea ? createAreaTest(studyArea.geometry) : null;
  const inside = area ? rows.filter((r) => area.contains(r.lng, r.lat)) : rows;
  const outside = area ? rows.filter((r) => !area.contains(r.lng, r.lat)) : [];
  const notes = [...parsed.value.notes];
  if (!studyArea) notes.push('No study area is stored, so every camera in the file was kept; import the study area first to keep only those inside it.');

  const summary: CameraImportSummary = {
    kind: 'cameras',
    batchId: null,
    fileName: file.fileName,
    fileSha256: sha256,
    layout: parsed.value.layout,
    rowsRead,
    stored: 0,
    added: 0,
    replaced: 0,
    outsideArea: outside.length,
    outsideAreaRows: outside.slice(0, REPORTED_LIMIT).map((r) => ({
      line: r.line,
      message: `camera "${r.id}"${r.name ? ` (${r.name})` : ''} at ${r.lng}, ${r.lat} is outside the study area`,
    })),
    studyArea: studyArea?.name ?? null,
    ...countsOf(inside),
    locationFrom: {
      lngLat: inside.filter((r) => r.locationFrom === 'lng-lat').length,
      eastingNorthing: inside.filter((r) => r.locationFrom === 'easting-northing').length,
    },
    rejected: rejected.length,
    rejections: rejected.slice(0, REPORTED_LIMIT),
    notes,
  };

  if (rejected.length > 0) {
    const first = rejected[0]!;
    return {
      ok: false,
      problem: refused(
        `${plural(rejected.length, 'row')} of ${plural(rowsRead, 'row')} ${rejected.length === 1 ? 'was' : 'were'} rejected (first: line ${first.line}: ${first.message}). ` +
          'Correct them and import the file again: a cameras file is stored whole or not at all. Nothing was imported.',
      ),
      summary,
    };
  }
  if (inside.length === 0) {
    const why =
      rowsRead === 0
        ? 'The file has a header but no cameras.'
        : `No camera in the file lies inside the study area (${studyArea?.name ?? 'none stored'}): ${outside.length === 1 ? 'its one camera is' : `all ${plural(outside.length, 'camera')} are`} outside.`;
    return { ok: false, problem: refused(`${why} Nothing was imported.`), summary };
  }

  const written = replaceCameras(
    context.db,
    inside,
    {
      source: SOURCE_OF_LAYOUT[parsed.value.layout],
      fileName: file.fileName,
      fileSha256: sha256,
      importedAt: context.now.toISOString(),
      importedBy: context.importedBy,
      rowsRead,
    },
    ({ batchId, added, replaced }) => {
      Object.assign(summary, { batchId, stored: inside.length, added, replaced });
      // The batch keeps the whole summary; its counts columns read imported and duplicates too.
      return { ...summary, imported: inside.length, duplicates: 0 };
    },
  );
  return { ok: true, summary: { ...summary, batchId: written.batchId, stored: inside.length, added: written.added, replaced: written.replaced } };
}
