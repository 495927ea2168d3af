// Reading the import audit trail (import_batches): one row per imported file.
import type { Db } from '../db/open-database';

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

/** Most recent batches first. */
export function listImportBatches(db: Db, limit: number): ImportBatchRow[] {
  const rows = db
    .prepare(
      `SELECT id, kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported,
         rows_duplicate, rows_rejected, rows_outside_area
       FROM import_batches ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as {
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
  }[];
  return rows.map((r) => ({
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
  }));
}
