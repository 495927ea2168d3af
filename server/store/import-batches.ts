// The import audit trail (import_batches): one row per imported file, written by
// commit-import.ts inside the file's transaction, read here by everything else. The one
// owner of the table.
import { prepared } from '../db/statement-cache';
import { DEMO_SOURCE } from '../../geo/demo/generate-demo-data';
import { isoDateOfDay } from '../../geo/time';
import type { Db } from '../db/open-database';
import type { ImportKind } from './import-types';

/**
 * What a batch records. Stop-and-search files (server/stop-search/), camera files
 * (server/cameras/) and population files (server/populations/) are batches too, so GET /api/imports lists them, but they are not
 * incidents: coverage and the last import in /api/meta read the incident kinds only.
 */
export type BatchKind = ImportKind | 'stop-search' | 'cameras' | 'population';
const INCIDENT_KINDS = "kind IN ('police-uk', 'partner')";

/** The counts finishBatch records, and the summary kept whole as JSON. */
export interface BatchCounts {
  imported: number;
  duplicates: number;
  rejected: number;
  outsideArea: number;
}

export interface ImportBatchRow {
  id: number;
  kind: string;
  source: string;
  fileName: string;
  fileSha256: string;
  importedAt: string;
  importedBy: string;
  rowsRead: number;
  rowsImported: number;
  rowsDuplicate: number;
  rowsRejected: number;
  rowsOutsideArea: number;
}

export interface SourceCoverage {
  source: string;
  incidents: number;
  /** First and last local day covered, 'YYYY-MM-DD' (last is inclusive). */
  firstDay: string;
  lastDay: string;
  precisions: string[];
  demo: boolean;
}

const BATCH_COLUMNS = `id, kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported,
  rows_duplicate, rows_rejected, rows_outside_area`;

interface StoredBatch {
  id: number;
  kind: string;
  source: string;
  file_name: string;
  file_sha256: string;
  imported_at: string;
  imported_by: string;
  rows_read: number;
  rows_imported: number;
  rows_duplicate: number;
  rows_rejected: number;
  rows_outside_area: number;
}

function batchOf(r: StoredBatch): ImportBatchRow {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    rowsRead: r.rows_read,
    rowsImported: r.rows_imported,
    rowsDuplicate: r.rows_duplicate,
    rowsRejected: r.rows_rejected,
    rowsOutsideArea: r.rows_outside_area,
  };
}

/** Opens a batch record (counts still 0); call inside the import's transaction, then finishBatch. */
export function insertBatch(
  db: Db,
  batch: { kind: BatchKind; source: string; fileName: string; fileSha256: string; importedAt: string; importedBy: string; rowsRead: number },
): number {
  const insert = db.prepare(
    `INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by,
       rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '{}')`,
  );
  return Number(insert.run(batch.kind, batch.source, batch.fileName, batch.fileSha256, batch.importedAt, batch.importedBy, batch.rowsRead).lastInsertRowid);
}

/** Records what a batch stored: its counts, the days and time precisions it covers, and its summary. */
export function finishBatch(db: Db, batchId: number, summary: BatchCounts, stored: { firstDay: number; lastDay: number; precisions: string[] } | null): void {
  db.prepare(
    `UPDATE import_batches SET rows_imported = ?, rows_duplicate = ?, rows_rejected = ?,
       rows_outside_area = ?, first_day = ?, last_day = ?, precisions = ?, summary_json = ? WHERE id = ?`,
  ).run(
    summary.imported,
    summary.duplicates,
    summary.rejected,
    summary.outsideArea,
    stored?.firstDay ?? null,
    stored?.lastDay ?? null,
    stored ? [...stored.precisions].sort().join(',') : '',
    JSON.stringify(summary),
    batchId,
  );
}

/** Most recent batches first. */
export function listImportBatches(db: Db, limit: number): ImportBatchRow[] {
  return (db.prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches ORDER BY id DESC LIMIT ?`).all(limit) as StoredBatch[]).map(batchOf);
}

/** The most recent incident import (stop-and-search batches are not incidents). */
export function latestImport(db: Db): ImportBatchRow | null {
  const row = db.prepare(`SELECT ${BATCH_COLUMNS} FROM import_batches WHERE ${INCIDENT_KINDS} ORDER BY id DESC LIMIT 1`).get() as StoredBatch | undefined;
  return row ? batchOf(row) : null;
}

/** Coverage per incident source, from the batch records (never a scan of incidents). */
export function listSourceCoverage(db: Db): SourceCoverage[] {
  const rows = db
    .prepare(
      `SELECT source, sum(rows_imported) AS n, min(first_day) AS first, max(last_day) AS last,
         group_concat(precisions) AS precisions
       FROM import_batches WHERE rows_imported > 0 AND ${INCIDENT_KINDS} GROUP BY source ORDER BY source`,
    )
    .all() as { source: string; n: number; first: number; last: number; precisions: string }[];
  return rows.map((r) => ({
    source: r.source,
    incidents: r.n,
    firstDay: isoDateOfDay(r.first),
    lastDay: isoDateOfDay(r.last - 1),
    precisions: [...new Set(r.precisions.split(',').filter(Boolean))].sort(),
    demo: r.source === DEMO_SOURCE,
  }));
}

export function hasDemoData(db: Db): boolean {
  return prepared(db, 'SELECT EXISTS (SELECT 1 FROM import_batches WHERE source = ? AND rows_imported > 0)').pluck().get(DEMO_SOURCE) === 1;
}
