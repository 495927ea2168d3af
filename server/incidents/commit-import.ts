// The one write path for incidents: every importer (CLI, upload API, demo data) parses a
// file into a ParsedFile and hands it here. One file = one transaction: it lands whole
// or not at all.
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import type { AreaTest } from '../../geo/study-area';
import { spanOfOccurredAt } from '../../geo/time';
import type { Db } from '../db/open-database';
import type { ImportKind, ImportSummary, LocatedDraft, ParsedFile, RejectedRow } from './import-types';

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
  /** Study area test; null means no study area is configured and every point is kept. */
  area: AreaTest | null;
  /**
   * By default a file with any rejected row is refused whole, so a half-broken file never
   * lands half. With this set, the valid rows are imported and the rest reported.
   */
  allowRejected: boolean;
}

export type CommitImportResult =
  | { ok: true; summary: ImportSummary }
  | { ok: false; reason: string; summary: ImportSummary };

/**
 * The identity under which a row is imported idempotently. police.uk rows are keyed by
 * content (month, category, snap point) because the same crime appears with and without a
 * Crime ID in different extracts; partner rows by their reference when they have one.
 * See docs/decisions/003-idempotent-import.md.
 */
export function dedupeKeyOf(kind: ImportKind, draft: LocatedDraft): string {
  if (kind === 'partner' && draft.sourceRecordId) return `id:${draft.sourceRecordId}`;
  return `${draft.occurredAt}|${draft.category}|${draft.lng.toFixed(6)}|${draft.lat.toFixed(6)}`;
}

export function commitImport(db: Db, input: CommitImportInput): CommitImportResult {
  const { parsed, kind, source } = input;
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
  if (parsed.rejected.length > 0 && !input.allowRejected) {
    const first = parsed.rejected[0]!;
    return {
      ok: false,
      reason:
        `${parsed.rejected.length} of ${parsed.rowsRead} rows were rejected (first: line ${first.line}: ${first.message}). ` +
        'Nothing was imported. Fix the rows, or import the valid rows only with --allow-rejected (API: allowRejected=true).',
      summary,
    };
  }
  if (parsed.rowsRead === 0) {
    return { ok: false, reason: 'The file has a header but no data rows. Nothing was imported.', summary };
  }

  // Locate every draft once: H3 cell (cached per exact point: police.uk snap points repeat
  // thousands of times) and the study-area test.
  const cellOfPoint = new Map<string, string>();
  const located: { draft: LocatedDraft; cell: string; key: string }[] = [];
  const outside: RejectedRow[] = [];
  for (const draft of parsed.drafts) {
    const pointKey = `${draft.lng},${draft.lat}`;
    let cell = cellOfPoint.get(pointKey);
    if (cell === undefined) {
      cell = cellAt(draft.lng, draft.lat, STORED_H3_RESOLUTION);
      cellOfPoint.set(pointKey, cell);
    }
    if (input.area && !input.area.contains(draft.lng, draft.lat, cell)) {
      outside.push({ line: draft.line, message: `point ${draft.lng}, ${draft.lat} is outside the study area` });
      continue;
    }
    located.push({ draft, cell, key: dedupeKeyOf(kind, draft) });
  }
  summary.outsideArea = outside.length;
  summary.outsideAreaRows = outside.slice(0, REPORTED_ROWS_LIMIT);

  const insertBatch = db.prepare(
    `INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by,
       rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '{}')`,
  );
  const finishBatch = db.prepare(
    `UPDATE import_batches SET rows_imported = ?, rows_duplicate = ?, rows_rejected = ?,
       rows_outside_area = ?, first_day = ?, last_day = ?, precisions = ?, summary_json = ? WHERE id = ?`,
  );
  const insertIncident = db.prepare(
    `INSERT INTO incidents (source, source_record_id, dedupe_key, category, occurred_at, precision,
       start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sourceDayRange = db.prepare(
    'SELECT min(start_day) AS first, max(end_day) AS last FROM incidents WHERE source = ?',
  );
  const countStored = db.prepare('SELECT count(*) AS n FROM incidents WHERE source = ? AND dedupe_key = ?').pluck();

  const run = db.transaction(() => {
    const batchId = Number(
      insertBatch.run(kind, source, input.fileName, input.fileSha256, input.importedAt, input.importedBy, parsed.rowsRead)
        .lastInsertRowid,
    );
    // Rows sharing a key are a multiset: import only the copies beyond those already stored.
    // Lookups are skipped entirely when the source has nothing stored in the file's days.
    const range = sourceDayRange.get(source) as { first: number | null; last: number | null };
    const remaining = new Map<string, number>();
    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    const precisions = new Set<string>();
    for (const { draft, cell, key } of located) {
      const span = spanOfOccurredAt(draft.occurredAt, draft.precision);
      const mayOverlap = range.first !== null && range.last !== null && span.startDay < range.last && span.endDay > range.first;
      if (mayOverlap) {
        let stored = remaining.get(key);
        if (stored === undefined) stored = Number(countStored.get(source, key));
        if (stored > 0) {
          remaining.set(key, stored - 1);
          summary.duplicates += 1;
          continue;
        }
        remaining.set(key, 0);
      }
      insertIncident.run(
        source,
        draft.sourceRecordId,
        key,
        draft.category,
        draft.occurredAt,
        draft.precision,
        span.startDay,
        span.endDay,
        span.minuteOfDay,
        draft.lng,
        draft.lat,
        cell,
        batchId,
      );
      summary.imported += 1;
      if (span.startDay < firstDay) firstDay = span.startDay;
      if (span.endDay > lastDay) lastDay = span.endDay;
      precisions.add(draft.precision);
      const month = draft.occurredAt.slice(0, 7);
      summary.months[month] = (summary.months[month] ?? 0) + 1;
    }
    summary.batchId = batchId;
    finishBatch.run(
      summary.imported,
      summary.duplicates,
      summary.rejected,
      summary.outsideArea,
      summary.imported > 0 ? firstDay : null,
      summary.imported > 0 ? lastDay : null,
      [...precisions].sort().join(','),
      JSON.stringify(summary),
      batchId,
    );
  });
  run();
  return { ok: true, summary };
}
