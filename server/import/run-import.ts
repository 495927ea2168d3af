// The one import path behind both the CLI (scripts/import.ts) and the upload API
// (server/routes/import-routes.ts): options → read → parse → store → summary.
import { createAreaTest } from '../../geo/study-area';
import { fail, ok, type Result } from '../../geo/types';
import { z } from 'zod';
import { getStudyArea, replaceAreas, STUDY_AREA_KIND } from '../areas/area-queries';
import type { Db } from '../db/open-database';
import { commitImport } from '../store/commit-import';
import type { ImportSummary, ParsedFile } from '../store/import-types';
import { estimatedRows } from '../store/incident-columns';
import { LOCATE_CHUNK_ROWS, LocatePipeline, locateRowsHere, WORKER_THRESHOLD_ROWS } from './locate-rows';
import { areaKindSchema, checkGeoJsonHead, parseAreasGeoJson, parseStudyAreaGeoJson, type ParsedAreas } from './area-geojson';
import { parseColumnMapping, parsePartnerCsv, partnerHeadCheck, partnerSourceSchema, type ColumnMapping } from './partner-csv';
import { checkPoliceUkHead, parsePoliceUkCsv, POLICE_UK_SOURCE } from './police-uk-csv';
import { readInput, refused, type FileProblem, type HeadCheck, type InputSource } from './read-input';
import { checkStopSearchHead } from '../stop-search/stop-search-csv';
import { importStopSearchText } from '../stop-search/stop-search-import';
import type { StopSearchImportSummary } from '../stop-search/stop-search-store';
import { importSchoolCalendar, type CalendarImportSummary } from '../schools/school-calendar-import';
import { importSchools, type SchoolImportSummary } from '../schools/schools-import';
import { importCameras, type CameraImportSummary } from '../cameras/camera-import';
import { importPopulation, type PopulationImportSummary } from '../populations/population-import';
import { basename } from 'node:path';

export const IMPORT_KINDS = ['police-uk', 'partner', 'stop-search', 'study-area', 'areas', 'schools', 'school-calendar', 'cameras', 'population'] as const;

export type ImportRequest =
  | { kind: 'police-uk'; allowRejected: boolean }
  | { kind: 'partner'; source: string; columns: ColumnMapping; allowRejected: boolean }
  | { kind: 'stop-search'; allowRejected: boolean }
  | { kind: 'study-area'; nameProperty?: string | undefined; codeProperty?: string | undefined }
  | { kind: 'areas'; areaKind: string; nameProperty?: string | undefined; codeProperty?: string | undefined }
  | { kind: 'schools'; allowRejected: boolean; complete: boolean }
  | { kind: 'school-calendar' }
  | { kind: 'cameras' }
  // The LSOA → ward lookup read with an LSOA-level population file (decision 035).
  | { kind: 'population'; lookup: ImportFile | null };

// The union's own message: zod's default for a union is a bare "Invalid input".
const flag = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: 'expected true or false' })
  .optional()
  .transform((v) => v ?? false);
const propertyName = z.string().trim().min(1, 'expected a property name').optional();
/** A path on this machine (the CLI's --lookup); the upload API hands the lookup over as a file instead. */
const lookupPath = z
  .string()
  .trim()
  .min(1, 'expected the path of a best-fit LSOA to ward lookup CSV')
  .optional()
  .transform((path): ImportFile | null => (path === undefined ? null : { input: { path }, fileName: basename(path) }));
const columnMapping = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const mapping = parseColumnMapping(text ?? '');
    if (!mapping.ok) {
      ctx.addIssue({ code: 'custom', message: mapping.reason });
      return z.NEVER;
    }
    return mapping.value;
  });

/** The option schemas, for callers that name their options differently (HTTP query parameters). */
export const importOptionSchemas = {
  allowRejected: flag,
  /** schools: the file lists every open school. */
  complete: flag,
  source: partnerSourceSchema,
  columns: columnMapping,
  areaKind: areaKindSchema,
  property: propertyName,
} as const;

/**
 * Import options as the CLI and the API receive them (strings and flags), checked once
 * here so both say the same thing about a bad option.
 */
export const importRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('police-uk'), allowRejected: flag }),
  z.object({ kind: z.literal('partner'), source: partnerSourceSchema, columns: columnMapping, allowRejected: flag }),
  z.object({ kind: z.literal('stop-search'), allowRejected: flag }),
  z.object({ kind: z.literal('study-area'), nameProperty: propertyName, codeProperty: propertyName }),
  z.object({ kind: z.literal('areas'), areaKind: areaKindSchema, nameProperty: propertyName, codeProperty: propertyName }),
  z.object({ kind: z.literal('schools'), allowRejected: flag, complete: flag }),
  z.object({ kind: z.literal('school-calendar') }),
  z.object({ kind: z.literal('cameras') }),
  z.object({ kind: z.literal('population'), lookup: lookupPath }),
]);

export interface ImportFile {
  input: InputSource;
  /** Shown in summaries and stored on the batch; the base name, not a path. */
  fileName: string;
}

export interface ImportProgress {
  phase: 'reading' | 'parsing' | 'storing';
  done: number;
  /** Null when the size is not known (streamed uploads, storing). */
  total: number | null;
}

export interface ImportContext {
  db: Db;
  /** Principal id ('user:...', 'token:...') or 'cli'. */
  importedBy: string;
  now: Date;
  maxRawBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Makes the pipeline that locates a large partner file on worker threads; tests pass one they can watch. */
  createLocatePipeline?: () => LocatePipeline;
}

export interface AreaImportSummary {
  kind: string;
  fileName: string;
  fileSha256: string;
  /** Areas stored; they replace every earlier area of the same kind. */
  areas: number;
  replaced: number;
  names: string[];
  notes: string[];
}

export type ImportOutcome =
  | { ok: true; type: 'incidents'; summary: ImportSummary }
  | { ok: true; type: 'areas'; summary: AreaImportSummary }
  | { ok: true; type: 'stop-search'; summary: StopSearchImportSummary }
  | { ok: false; problem: FileProblem; summary: ImportSummary | StopSearchImportSummary | null }
  // Schools and the school calendar (server/schools/) say which they are, refused or not.
  | { ok: true; type: 'schools'; summary: SchoolImportSummary }
  | { ok: false; type: 'schools'; problem: FileProblem; summary: SchoolImportSummary | null }
  | { ok: true; type: 'school-calendar'; summary: CalendarImportSummary }
  | { ok: false; type: 'school-calendar'; problem: FileProblem; summary: CalendarImportSummary | null }
  // Cameras (server/cameras/) too.
  | { ok: true; type: 'cameras'; summary: CameraImportSummary }
  | { ok: false; type: 'cameras'; problem: FileProblem; summary: CameraImportSummary | null }
  // Populations (server/populations/) too.
  | { ok: true; type: 'population'; summary: PopulationImportSummary }
  | { ok: false; type: 'population'; problem: FileProblem; summary: PopulationImportSummary | null };

const REPORTED_NAMES_LIMIT = 50;

function headCheckFor(request: ImportRequest): HeadCheck {
  switch (request.kind) {
    case 'police-uk':
      return checkPoliceUkHead;
    case 'partner':
      return partnerHeadCheck(request.columns);
    case 'stop-search':
      return checkStopSearchHead;
    default:
      return checkGeoJsonHead;
  }
}

/** Reads, parses and stores one file; each file is its own transaction. */
export async function runImport(context: ImportContext, request: ImportRequest, file: ImportFile): Promise<ImportOutcome> {
  const { onProgress } = context;
  if (request.kind === 'schools' || request.kind === 'school-calendar' || request.kind === 'cameras' || request.kind === 'population') {
    const ownContext = {
      db: context.db,
      importedBy: context.importedBy,
      now: context.now,
      ...(context.maxRawBytes !== undefined ? { maxRawBytes: context.maxRawBytes } : {}),
      ...(onProgress ? { onBytes: (done: number) => onProgress({ phase: 'reading', done, total: null }) } : {}),
    };
    if (request.kind === 'cameras') return { type: 'cameras', ...(await importCameras(ownContext, file)) };
    if (request.kind === 'population') return { type: 'population', ...(await importPopulation(ownContext, file, request.lookup)) };
    return request.kind === 'schools'
      ? { type: 'schools', ...(await importSchools(ownContext, file, { allowRejected: request.allowRejected, complete: request.complete })) }
      : { type: 'school-calendar', ...(await importSchoolCalendar(ownContext, file)) };
  }
  const read = await readInput(file.input, {
    checkHead: headCheckFor(request),
    ...(context.maxRawBytes !== undefined ? { maxRawBytes: context.maxRawBytes } : {}),
    ...(onProgress ? { onBytes: (done: number) => onProgress({ phase: 'reading', done, total: null }) } : {}),
  });
  if (!read.ok) return { ok: false, problem: read.reason, summary: null };
  const { text, sha256 } = read.value;
  const walkOptions = onProgress ? { onProgress: (done: number, total: number) => onProgress({ phase: 'parsing', done, total }) } : {};

  if (request.kind === 'stop-search') {
    // Searches are not incidents: their own parser and table (server/stop-search/, decision 024).
    const imported = importStopSearchText(context.db, {
      text,
      sha256,
      fileName: file.fileName,
      importedBy: context.importedBy,
      now: context.now,
      allowRejected: request.allowRejected,
      walkOptions,
    });
    if (!imported.ok) return { ok: false, ...imported.reason };
    return { ok: true, type: 'stop-search', summary: imported.value };
  }

  if (request.kind === 'police-uk' || request.kind === 'partner') {
    // Large partner files are located on worker threads chunk by chunk while parsing goes on.
    const pipeline =
      request.kind === 'partner' && estimatedRows(text) >= WORKER_THRESHOLD_ROWS ? (context.createLocatePipeline?.() ?? new LocatePipeline()) : null;
    const parsed: Result<ParsedFile, FileProblem> =
      request.kind === 'police-uk'
        ? parsePoliceUkCsv(text, walkOptions)
        : parsePartnerCsv(text, {
            ...walkOptions,
            columns: request.columns,
            ...(pipeline ? { chunk: { rows: LOCATE_CHUNK_ROWS, onChunk: (rows, from, to) => pipeline.feed(rows, from, to) } } : {}),
          });
    if (!parsed.ok) {
      await pipeline?.stop();
      return { ok: false, problem: parsed.reason, summary: null };
    }
    const rows = parsed.value.rows;
    onProgress?.({ phase: 'storing', done: 0, total: rows.length });
    // Small files are located only if the store does not refuse them first.
    const located = pipeline ? await pipeline.finish(rows.length) : () => locateRowsHere(rows);
    const studyArea = getStudyArea(context.db);
    const committed = commitImport(context.db, {
      kind: request.kind,
      source: request.kind === 'police-uk' ? POLICE_UK_SOURCE : request.source,
      fileName: file.fileName,
      fileSha256: sha256,
      importedBy: context.importedBy,
      importedAt: context.now.toISOString(),
      parsed: parsed.value,
      located,
      area: studyArea ? createAreaTest(studyArea.geometry) : null,
      allowRejected: request.allowRejected,
    });
    onProgress?.({ phase: 'storing', done: rows.length, total: rows.length });
    if (!committed.ok) return { ok: false, problem: refused(committed.reason), summary: committed.summary };
    return { ok: true, type: 'incidents', summary: committed.summary };
  }

  const studyArea = request.kind === 'study-area' || request.areaKind === STUDY_AREA_KIND;
  const areaKind = request.kind === 'areas' && !studyArea ? request.areaKind : STUDY_AREA_KIND;
  const properties = {
    ...(request.nameProperty !== undefined ? { nameProperty: request.nameProperty } : {}),
    ...(request.codeProperty !== undefined ? { codeProperty: request.codeProperty } : {}),
  };
  const parsed: Result<ParsedAreas, FileProblem> = studyArea
    ? parseStudyAreaGeoJson(text, properties)
    : parseAreasGeoJson(text, { kind: areaKind, ...properties });
  if (!parsed.ok) return { ok: false, problem: parsed.reason, summary: null };
  const replaced = replaceAreas(context.db, areaKind, parsed.value.areas, file.fileName, context.now);
  return {
    ok: true,
    type: 'areas',
    summary: {
      kind: areaKind,
      fileName: file.fileName,
      fileSha256: sha256,
      areas: parsed.value.areas.length,
      replaced,
      names: parsed.value.areas.slice(0, REPORTED_NAMES_LIMIT).map((a) => a.name),
      notes: parsed.value.notes,
    },
  };
}

/** Turns schema issues into one sentence naming each option, e.g. "source: expected ...". */
export function describeRequestIssues(error: z.ZodError, nameOf: (path: string) => string = (p) => p): string {
  return error.issues.map((issue) => `${nameOf(issue.path.join('.') || 'options')}: ${issue.message}`).join('; ');
}

/** Validates raw options into an ImportRequest. */
export function parseImportRequest(raw: unknown, nameOf?: (path: string) => string): Result<ImportRequest, string> {
  const parsed = importRequestSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : fail(describeRequestIssues(parsed.error, nameOf));
}
