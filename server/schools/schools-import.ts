// The schools importer behind `npm run import -- schools` and POST /api/imports/schools
// (server/import/run-import.ts delegates here): read (UTF-8, or Windows-1252 as DfE
// publishes GIAS), parse, keep what lies near the study area, store all or nothing.
import { createNearAreaTest } from '../../geo/area-distance';
import { getStudyArea } from '../areas/area-queries';
import type { Db } from '../db/open-database';
import { readInput, refused, type FileProblem, type InputSource, type TextEncodingName } from '../import/read-input';
import type { RejectedRow } from '../store/import-types';
import { SCHOOL_PHASES, type SchoolPhase } from './school-phases';
import { replaceSchools } from './school-store';
import { checkSchoolsHead, parseSchoolsCsv } from './schools-csv';

/** Schools this far outside the study area are kept: a buffer drawn round one reaches into the area. */
export const SCHOOL_AREA_MARGIN_METERS = 1000;
const REPORTED_LIMIT = 100;

export interface SchoolsImportContext {
  db: Db;
  importedBy: string;
  now: Date;
  maxRawBytes?: number;
  onBytes?: (bytesRead: number) => void;
}

export interface SchoolsImportFile {
  input: InputSource;
  fileName: string;
}

export interface SchoolImportSummary {
  kind: 'schools';
  fileName: string;
  fileSha256: string;
  /** How the file was read: DfE's own GIAS extracts come in Windows-1252. */
  encoding: TextEncodingName;
  rowsRead: number;
  /** Schools written (new + replaced); 0 when the file was refused. */
  stored: number;
  added: number;
  replaced: number;
  /** Schools stored as open before that this file does not name: kept open, or marked closed with `complete`. */
  openNotInFile: number;
  markedClosed: number;
  /** Of those stored. */
  open: number;
  closed: number;
  byPhase: Record<SchoolPhase, number>;
  withLocation: number;
  /** Stored without coordinates: not on the map, listed so someone can add them. */
  withoutLocation: { count: number; schools: { line: number; urn: number; name: string }[] };
  /** Where the stored locations came from when a file has both pairs (decision 023). */
  locationFrom: { lngLat: number; eastingNorthing: number };
  /** Left out: further than `marginMeters` from the study area, or without coordinates in another authority. */
  leftOut: { farAway: number; otherAuthority: number; marginMeters: number; studyArea: string | null };
  rejected: number;
  rejections: RejectedRow[];
  notes: string[];
}

export type SchoolsOutcome = { ok: true; summary: SchoolImportSummary } | { ok: false; problem: FileProblem; summary: SchoolImportSummary | null };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export interface SchoolsImportOptions {
  allowRejected: boolean;
  /** The file lists every open school: stored schools it does not name are marked closed. */
  complete: boolean;
}

export async function importSchools(context: SchoolsImportContext, file: SchoolsImportFile, options: SchoolsImportOptions): Promise<SchoolsOutcome> {
  const { allowRejected } = options;
  const read = await readInput(file.input, {
    checkHead: checkSchoolsHead,
    acceptWindows1252: true,
    ...(context.maxRawBytes !== undefined ? { maxRawBytes: context.maxRawBytes } : {}),
    ...(context.onBytes ? { onBytes: context.onBytes } : {}),
  });
  if (!read.ok) return { ok: false, problem: read.reason, summary: null };
  const { text, sha256, encoding } = read.value;

  const studyArea = getStudyArea(context.db);
  const near = studyArea ? createNearAreaTest(studyArea.geometry, SCHOOL_AREA_MARGIN_METERS) : () => true;
  const authority = studyArea?.name.trim().toLowerCase() ?? null;
  const parsed = parseSchoolsCsv(text, {
    near,
    // Without coordinates there is no distance: the file's local authority column decides, when it has one.
    withoutLocation: (localAuthority) => authority === null || localAuthority === null || localAuthority.toLowerCase() === authority,
  });
  if (!parsed.ok) return { ok: false, problem: parsed.reason, summary: null };
  const { rows, rejected } = parsed.value;

  const notes = [...parsed.value.notes];
  if (encoding === 'windows-1252') {
    const accented = rows.find((r) => /[^\x20-\x7e]/.test(r.name));
    notes.push(
      `The file is not UTF-8: it was read as Windows-1252, the encoding DfE publishes its extracts in${accented ? ` (e.g. "${accented.name}")` : ''}.`,
    );
  }
  if (!studyArea) notes.push('No study area is stored, so every school in the file was kept; import the study area first to keep only those near it.');
  else if (!parsed.value.hasLocalAuthority) notes.push('The file has no local authority column, so schools without coordinates were kept wherever they are.');

  const stored = rejected.length > 0 && !allowRejected ? [] : rows;
  const byPhase = Object.fromEntries(SCHOOL_PHASES.map((p) => [p, 0])) as Record<SchoolPhase, number>;
  for (const row of stored) byPhase[row.phase] += 1;
  const withoutLocation = stored.filter((r) => r.location === null);
  const summary: SchoolImportSummary = {
    kind: 'schools',
    fileName: file.fileName,
    fileSha256: sha256,
    encoding,
    rowsRead: parsed.value.rowsRead,
    stored: 0,
    added: 0,
    replaced: 0,
    openNotInFile: 0,
    markedClosed: 0,
    open: stored.filter((r) => r.open).length,
    closed: stored.filter((r) => !r.open).length,
    byPhase,
    withLocation: stored.length - withoutLocation.length,
    withoutLocation: {
      count: withoutLocation.length,
      schools: withoutLocation.slice(0, REPORTED_LIMIT).map((r) => ({ line: r.line, urn: r.urn, name: r.name })),
    },
    locationFrom: {
      lngLat: stored.filter((r) => r.location?.from === 'lng-lat').length,
      eastingNorthing: stored.filter((r) => r.location?.from === 'easting-northing').length,
    },
    leftOut: {
      farAway: parsed.value.farAway,
      otherAuthority: parsed.value.otherAuthority,
      marginMeters: SCHOOL_AREA_MARGIN_METERS,
      studyArea: studyArea?.name ?? null,
    },
    rejected: rejected.length,
    rejections: rejected.slice(0, REPORTED_LIMIT),
    notes,
  };

  if (rejected.length > 0 && !allowRejected) {
    const first = rejected[0]!;
    return {
      ok: false,
      problem: refused(
        `${plural(rejected.length, 'row')} of ${plural(parsed.value.rowsRead, 'row')} ${rejected.length === 1 ? 'was' : 'were'} rejected (first: line ${first.line}: ${first.message}). ` +
          'Correct them and import the file again (or import the rest with --allow-rejected, API allowRejected=true). Nothing was imported.',
      ),
      summary,
    };
  }
  if (stored.length === 0) {
    const why =
      parsed.value.rowsRead === 0
        ? 'The file has a header but no schools.'
        : `No school in the file lies within ${SCHOOL_AREA_MARGIN_METERS.toLocaleString('en-GB')} m of the study area (${studyArea?.name ?? 'none stored'}): ` +
          `${plural(parsed.value.farAway, 'school')} further away, ${plural(parsed.value.otherAuthority, 'school')} without coordinates in another local authority.`;
    return { ok: false, problem: refused(`${why} Nothing was imported.`), summary };
  }
  const written = replaceSchools(
    context.db,
    stored,
    { fileName: file.fileName, fileSha256: sha256, importedAt: context.now.toISOString(), importedBy: context.importedBy },
    options.complete,
  );
  const others = written.openNotInFile;
  if (others.count > 0) {
    const examples = `${others.names.slice(0, 5).join(', ')}${others.count > 5 ? ', ...' : ''}`;
    notes.push(
      options.complete
        ? `${plural(others.count, 'stored open school')} not in this file (${examples}) ${others.count === 1 ? 'was' : 'were'} marked closed, as this file lists every open school.`
        : `${plural(others.count, 'stored open school')} not in this file (${examples}) ${others.count === 1 ? 'was' : 'were'} kept open. If the file lists every open school ` +
            '(a GIAS extract of open establishments), import it with --complete (API complete=true) to mark them closed.',
    );
  }
  return {
    ok: true,
    summary: {
      ...summary,
      stored: stored.length,
      added: written.added,
      replaced: written.replaced,
      openNotInFile: others.count,
      markedClosed: written.markedClosed,
    },
  };
}
