import type { Db } from '../db/open-database';
import { DEMO_SOURCE } from '../../geo/demo/generate-demo-data';
import { isoDateOfDay } from '../../geo/time';

export interface SourceCoverage {
  source: string;
  incidents: number;
  /** First and last local day covered, 'YYYY-MM-DD' (last is inclusive). */
  firstDay: string;
  lastDay: string;
  precisions: string[];
  demo: boolean;
}

export interface ImportBatchInfo {
  id: number;
  kind: string;
  source: string;
  fileName: string;
  importedAt: string;
  importedBy: string;
  rowsImported: number;
}

/** Coverage per source, from the batch records (never a scan of incidents). */
export function listSourceCoverage(db: Db): SourceCoverage[] {
  const rows = db
    .prepare(
      `SELECT source, sum(rows_imported) AS n, min(first_day) AS first, max(last_day) AS last,
         group_concat(precisions) AS precisions
       FROM import_batches WHERE rows_imported > 0 GROUP BY source ORDER BY source`,
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
  return db.prepare('SELECT EXISTS (SELECT 1 FROM import_batches WHERE source = ? AND rows_imported > 0)').pluck().get(DEMO_SOURCE) === 1;
}

export function latestImport(db: Db): ImportBatchInfo | null {
  const row = db.prepare(`SELECT id, kind, source, file_name, imported_at, imported_by, rows_imported FROM import_batches ORDER BY id DESC LIMIT 1`).get() as
    { id: number; kind: string; source: string; file_name: string; imported_at: string; imported_by: string; rows_imported: number } | undefined;
  return row
    ? {
        id: row.id,
        kind: row.kind,
        source: row.source,
        fileName: row.file_name,
        importedAt: row.imported_at,
        importedBy: row.imported_by,
        rowsImported: row.rows_imported,
      }
    : null;
}
