// The one write path for incidents: every importer (CLI, upload API, demo data) parses a
// file into a ParsedFile and hands it here. One file = one transaction: it lands whole
// or not at all.
import type { AreaTest } from '../../geo/study-area';
import { isoDateOfDay } from '../../geo/time';
import type { Db } from '../db/open-database';
import type { ImportKind, ImportSummary, ParsedFile, RejectedRow } from './import-types';
import { endDayOf, PRECISIONS, type LocatedRows } from './incident-columns';
import { dropStoredCopies } from './identity';
import { countCategoryMonths, writeCoverage } from './coverage-store';
import type { ChunkColumns } from './chunk-codec';
import { writeChunks } from './chunk-store';
import { insertBatch, finishBatch } from './import-batches';

const REPORTED_ROWS_LIMIT = 50;

export interface CommitImportInput {
  kind: ImportKind;
  source: string;
  fileName: string;
  fileSha256: string;
  importedBy: string;
  /** ISO 8601 UTC, from the caller's clock. */
  importedAt: string;
  parsed: ParsedFile;
  /**
   * WGS84 points and H3 cells of parsed.rows, from the import's locate step
   * (server/import/locate-rows), or a function that locates them, called only once the file
   * is known not to be refused.
   */
  located: LocatedRows | (() => LocatedRows);
  /** Study area test; null means no study area is configured and every point is kept. */
  area: AreaTest | null;
  /**
   * By default a file with any rejected row is refused whole, so a half-broken file never
   * lands half. With this set, the valid rows are imported and the rest reported.
   */
  allowRejected: boolean;
}

export type CommitImportResult = { ok: true; summary: ImportSummary } | { ok: false; reason: string; summary: ImportSummary };

/** Every row, as the columns to store: views of the parsed and located arrays, no copies. */
function allColumns(rows: ParsedFile['rows'], located: LocatedRows): ChunkColumns {
  const n = rows.length;
  return {
    length: n,
    sourceRecordId: rows.sourceRecordId,
    category: rows.category.subarray(0, n),
    precision: rows.precision.subarray(0, n),
    startDay: rows.startDay.subarray(0, n),
    minuteOfDay: rows.minuteOfDay.subarray(0, n),
    lng: located.lng.subarray(0, n),
    lat: located.lat.subarray(0, n),
    cellHi: located.cellHi.subarray(0, n),
    cellLo: located.cellLo.subarray(0, n),
    flags: rows.flags ? rows.flags.subarray(0, n) : new Uint16Array(n),
  };
}

/** The `n` rows marked in `keep`, copied into columns of their own. */
function keptColumns(rows: ParsedFile['rows'], located: LocatedRows, keep: Uint8Array, n: number): ChunkColumns {
  const keptRow = new Uint32Array(n);
  const columns: ChunkColumns = {
    length: n,
    sourceRecordId: {
      at: (k) => rows.sourceRecordId.at(keptRow[k]!) ?? null,
      asciiJoined: (from, to) => rows.sourceRecordId.asciiJoined?.(from, to, keptRow),
    },
    category: new Uint8Array(n),
    precision: new Uint8Array(n),
    startDay: new Int32Array(n),
    minuteOfDay: new Int16Array(n),
    lng: new Float64Array(n),
    lat: new Float64Array(n),
    cellHi: new Uint32Array(n),
    cellLo: new Uint32Array(n),
    flags: new Uint16Array(n),
  };
  const flags = rows.flags;
  let j = 0;
  for (let i = 0; i < rows.length; i++) {
    if (keep[i] === 0) continue;
    keptRow[j] = i;
    columns.category[j] = rows.category[i]!;
    columns.precision[j] = rows.precision[i]!;
    columns.startDay[j] = rows.startDay[i]!;
    columns.minuteOfDay[j] = rows.minuteOfDay[i]!;
    columns.lng[j] = located.lng[i]!;
    columns.lat[j] = located.lat[i]!;
    columns.cellHi[j] = located.cellHi[i]!;
    columns.cellLo[j] = located.cellLo[i]!;
    if (flags) columns.flags[j] = flags[i]!;
    j += 1;
  }
  return columns;
}

/**
 * Why a parsed file is refused whole before anything is located or stored (rows rejected and
 * not allowed, no data rows); null when it may go on.
 */
function refusalOf(parsed: ParsedFile, allowRejected: boolean): string | null {
  if (parsed.rejected.length > 0 && !allowRejected) {
    const first = parsed.rejected[0]!;
    return (
      `${parsed.rejected.length} of ${parsed.rowsRead} rows were rejected (first: line ${first.line}: ${first.message}). ` +
      'Nothing was imported. Fix the rows, or import the valid rows only with --allow-rejected (API: allowRejected=true).'
    );
  }
  if (parsed.rowsRead === 0) return 'The file has a header but no data rows. Nothing was imported.';
  return null;
}

export function commitImport(db: Db, input: CommitImportInput): CommitImportResult {
  const { parsed, kind, source } = input;
  const rows = parsed.rows;
  const summary: ImportSummary = {
    batchId: null,
    kind,
    source,
    fileName: input.fileName,
    rowsRead: parsed.rowsRead,
    imported: 0,
    duplicates: 0,
    rejected: parsed.rejected.length,
    outsideArea: 0,
    rejections: parsed.rejected.slice(0, REPORTED_ROWS_LIMIT),
    outsideAreaRows: [],
    notes: [...parsed.notes],
    months: {},
  };
  const refusal = refusalOf(parsed, input.allowRejected);
  if (refusal) return { ok: false, reason: refusal, summary };

  const located = typeof input.located === 'function' ? input.located() : input.located;
  if (located.lng.length !== rows.length) throw new Error(`located ${located.lng.length} rows of ${rows.length}`);

  // Study-area test; `keep` marks the rows still in the running.
  const keep = new Uint8Array(rows.length);
  const outside: RejectedRow[] = [];
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  const excluded = parsed.excludedRows;
  for (let i = 0; i < rows.length; i++) {
    if (excluded && excluded[i] === 1) continue;
    const lng = located.lng[i]!;
    const lat = located.lat[i]!;
    if (input.area && !input.area.contains(lng, lat)) {
      summary.outsideArea += 1;
      if (outside.length < REPORTED_ROWS_LIMIT) outside.push({ line: rows.line[i]!, message: `point ${lng}, ${lat} is outside the study area` });
      continue;
    }
    keep[i] = 1;
    const start = rows.startDay[i]!;
    if (start < firstDay) firstDay = start;
    const end = endDayOf(rows.precision[i]!, start);
    if (end > lastDay) lastDay = end;
  }
  summary.outsideAreaRows = outside;

  // Immediate: the transaction reads (deduplication) before it writes, and a deferred one would
  // fail with SQLITE_BUSY(_SNAPSHOT) when another process wrote in between. This way it waits
  // its turn at BEGIN (busy_timeout, open-database.ts) and reads what the other committed.
  const run = db.transaction(() => {
    summary.duplicates = dropStoredCopies(db, { kind, source, rows, located, keep, firstDay, lastDay });

    let n = 0;
    for (let i = 0; i < rows.length; i++) n += keep[i]!;
    const columns = n === rows.length ? allColumns(rows, located) : keptColumns(rows, located, keep, n);
    const perDay = new Map<number, number>();
    const precisions = new Set<string>();
    let importedFirst = Number.POSITIVE_INFINITY;
    let importedLast = Number.NEGATIVE_INFINITY;
    let lastStart = Number.NaN;
    let lastStartCount = 0;
    for (let j = 0; j < n; j++) {
      const start = columns.startDay[j]!;
      // Files are mostly in time order: count runs of one day before touching the map.
      if (start === lastStart) {
        lastStartCount += 1;
      } else {
        if (lastStartCount > 0) perDay.set(lastStart, (perDay.get(lastStart) ?? 0) + lastStartCount);
        lastStart = start;
        lastStartCount = 1;
        if (start < importedFirst) importedFirst = start;
      }
      const end = endDayOf(columns.precision[j]!, start);
      if (end > importedLast) importedLast = end;
    }
    if (lastStartCount > 0) perDay.set(lastStart, (perDay.get(lastStart) ?? 0) + lastStartCount);
    const seenPrecision = new Uint8Array(PRECISIONS.length);
    for (let j = 0; j < n; j++) seenPrecision[columns.precision[j]!] = 1;
    seenPrecision.forEach((seen, code) => seen && precisions.add(PRECISIONS[code]!));
    summary.imported = n;
    for (const [day, count] of [...perDay].sort((a, b) => a[0] - b[0])) {
      const month = isoDateOfDay(day).slice(0, 7);
      summary.months[month] = (summary.months[month] ?? 0) + count;
    }

    const batchId = insertBatch(db, {
      kind,
      source,
      fileName: input.fileName,
      fileSha256: input.fileSha256,
      importedAt: input.importedAt,
      importedBy: input.importedBy,
      rowsRead: parsed.rowsRead,
    });
    summary.batchId = batchId;
    writeChunks(db, batchId, source, columns);
    writeCoverage(db, batchId, countCategoryMonths(columns, n));
    finishBatch(db, batchId, summary, n > 0 ? { firstDay: importedFirst, lastDay: importedLast, precisions: [...precisions] } : null);
  });
  run.immediate();
  return { ok: true, summary };
}
