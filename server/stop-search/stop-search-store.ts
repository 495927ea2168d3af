// The one owner of stop_searches: the import's write (one file = one immediate transaction,
// all or nothing) and the reads every other module goes through. Searches are not incidents:
// nothing here touches the incident chunks or their coverage, so no crime layer can count them.
import type { AreaTest } from '../../geo/study-area';
import { cellAt, MAX_QUERY_RESOLUTION, MIN_QUERY_RESOLUTION } from '../../geo/h3';
import type { ObjectClassId, OutcomeClassId } from '../../geo/search-outcomes';
import { isoDateOfDay } from '../../geo/time';
import type { Db } from '../db/open-database';
import { prepared } from '../db/statement-cache';
import { finishBatch, insertBatch } from '../store/import-batches';
import type { RejectedRow } from '../store/import-types';
import type { ParsedStopSearchFile, StopSearchRow } from './stop-search-csv';

export const STOP_SEARCH_SOURCE = 'police.uk stop and search';
const REPORTED_ROWS_LIMIT = 50;

export interface StopSearchImportSummary {
  batchId: number | null;
  kind: 'stop-search';
  source: string;
  fileName: string;
  rowsRead: number;
  /** Searches stored by this file. */
  imported: number;
  /** Searches inside the study area already stored by an earlier import (same identity). */
  duplicates: number;
  rejected: number;
  /** Located searches outside the study area: counted, not stored. */
  outsideArea: number;
  /** Searches with both coordinates empty: counted, not stored. */
  withoutLocation: number;
  /** The same, per London month. */
  withoutLocationMonths: Record<string, number>;
  rejections: RejectedRow[];
  outsideAreaRows: RejectedRow[];
  notes: string[];
  /** Months (YYYY-MM, London) of the searches this file stored, with counts. */
  months: Record<string, number>;
  /** Outcome classes of the file's searches inside the study area (stored now or before). */
  outcomes: Partial<Record<OutcomeClassId, number>>;
  /** Object-of-search classes of the same searches. */
  objects: Partial<Record<ObjectClassId, number>>;
}

export interface CommitStopSearchInput {
  fileName: string;
  fileSha256: string;
  importedBy: string;
  /** ISO 8601 UTC, from the caller's clock. */
  importedAt: string;
  parsed: ParsedStopSearchFile;
  /** Null: no study area is stored, and every located search is kept. */
  area: AreaTest | null;
  allowRejected: boolean;
}

export type CommitStopSearchResult = { ok: true; summary: StopSearchImportSummary } | { ok: false; reason: string; summary: StopSearchImportSummary };

function refusalOf(parsed: ParsedStopSearchFile, allowRejected: boolean): string | null {
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

const bit = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
const RESOLUTIONS = [7, 8, 9, 10] as const;

/** Stores one parsed file in one immediate transaction; a refused file stores nothing, not even its batch. */
export function commitStopSearchImport(db: Db, input: CommitStopSearchInput): CommitStopSearchResult {
  const { parsed } = input;
  const withoutLocation = Object.values(parsed.withoutLocation).reduce((a, b) => a + b, 0);
  const summary: StopSearchImportSummary = {
    batchId: null,
    kind: 'stop-search',
    source: STOP_SEARCH_SOURCE,
    fileName: input.fileName,
    rowsRead: parsed.rowsRead,
    imported: 0,
    duplicates: 0,
    rejected: parsed.rejected.length,
    outsideArea: 0,
    withoutLocation,
    withoutLocationMonths: parsed.withoutLocation,
    rejections: parsed.rejected.slice(0, REPORTED_ROWS_LIMIT),
    outsideAreaRows: [],
    notes: [...parsed.notes],
    months: {},
    outcomes: {},
    objects: {},
  };
  const refusal = refusalOf(parsed, input.allowRejected);
  if (refusal) return { ok: false, reason: refusal, summary };

  const inside: StopSearchRow[] = [];
  for (const row of parsed.rows) {
    if (input.area && !input.area.contains(row.lng, row.lat)) {
      summary.outsideArea += 1;
      if (summary.outsideAreaRows.length < REPORTED_ROWS_LIMIT) {
        summary.outsideAreaRows.push({ line: row.line, message: `point ${row.lng}, ${row.lat} is outside the study area` });
      }
      continue;
    }
    inside.push(row);
    summary.outcomes[row.outcomeClass] = (summary.outcomes[row.outcomeClass] ?? 0) + 1;
    summary.objects[row.objectClass] = (summary.objects[row.objectClass] ?? 0) + 1;
  }
  if (!input.area)
    summary.notes.push('No study area is stored, so every located search was kept; import the borough first (npm run import -- study-area ...).');

  // Immediate, like commitImport: the transaction reads (identities) before it writes.
  const run = db.transaction(() => {
    const stored = db.prepare('SELECT count(*) FROM stop_searches WHERE identity = ?').pluck();
    // Per identity, only the copies beyond those already stored (the per-key maximum, decision 003).
    const inFile = new Map<string, number>();
    const keep: StopSearchRow[] = [];
    for (const row of inside) {
      const seen = (inFile.get(row.identity) ?? 0) + 1;
      inFile.set(row.identity, seen);
      if (seen > Number(stored.get(row.identity))) keep.push(row);
    }
    summary.duplicates = inside.length - keep.length;
    summary.imported = keep.length;
    const batchId = insertBatch(db, {
      kind: 'stop-search',
      source: STOP_SEARCH_SOURCE,
      fileName: input.fileName,
      fileSha256: input.fileSha256,
      importedAt: input.importedAt,
      importedBy: input.importedBy,
      rowsRead: parsed.rowsRead,
    });
    summary.batchId = batchId;
    const insert = db.prepare(
      `INSERT INTO stop_searches (batch_id, identity, occurred_at, day, minute_of_day, month, search_type, part_of_operation,
         operation_name, lng, lat, h3_r7, h3_r8, h3_r9, h3_r10, gender, age_range, self_defined_ethnicity, self_defined_group,
         officer_defined_ethnicity, legislation, object_of_search, object_class, outcome, outcome_class, outcome_linked,
         removal_of_outer_clothing)
       VALUES (${Array.from({ length: 27 }, () => '?').join(', ')})`,
    );
    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (const r of keep) {
      const [r7, r8, r9, r10] = RESOLUTIONS.map((resolution) => cellAt(r.lng, r.lat, resolution));
      insert.run(
        batchId,
        r.identity,
        r.occurredAt,
        r.day,
        r.minuteOfDay,
        r.month,
        r.searchType,
        bit(r.partOfOperation),
        r.operationName,
        r.lng,
        r.lat,
        r7,
        r8,
        r9,
        r10,
        r.gender,
        r.ageRange,
        r.selfDefinedEthnicity,
        r.selfDefinedGroup,
        r.officerDefinedEthnicity,
        r.legislation,
        r.objectOfSearch,
        r.objectClass,
        r.outcome,
        r.outcomeClass,
        bit(r.outcomeLinked),
        bit(r.removalOfOuterClothing),
      );
      summary.months[r.month] = (summary.months[r.month] ?? 0) + 1;
      if (r.day < firstDay) firstDay = r.day;
      if (r.day + 1 > lastDay) lastDay = r.day + 1;
    }
    summary.months = Object.fromEntries(Object.entries(summary.months).sort(([a], [b]) => (a < b ? -1 : 1)));
    finishBatch(db, batchId, summary, keep.length > 0 ? { firstDay, lastDay, precisions: ['minute'] } : null);
  });
  run.immediate();
  return { ok: true, summary };
}

// ---- Reads -----------------------------------------------------------------------------------

export interface SearchWindow {
  /** London day numbers, [fromDay, toDay). */
  fromDay: number;
  toDay: number;
  /** Only searches for this object class; all when absent. */
  object?: ObjectClassId | undefined;
}

/** The searches of a window counted by a class column, month, outcome class and link value. */
export interface SearchGroupRow {
  month: string;
  key: string;
  outcomeClass: OutcomeClassId;
  linked: boolean | null;
  searches: number;
}

/** The class columns the aggregate breakdowns may group by; never a place. */
export const BREAKDOWN_COLUMNS = {
  object: 'object_class',
  officerDefinedEthnicity: 'officer_defined_ethnicity',
  selfDefinedGroup: 'self_defined_group',
  ageRange: 'age_range',
} as const;
export type Breakdown = keyof typeof BREAKDOWN_COLUMNS;

interface StoredGroup {
  month: string;
  key: string;
  outcome_class: OutcomeClassId;
  linked: number | null;
  n: number;
}

const linkedOf = (value: number | null) => (value === null ? null : value === 1);
const objectFilter = (window: SearchWindow) => (window.object ? ' AND object_class = ?' : '');
const windowArgs = (window: SearchWindow) => [window.fromDay, window.toDay, ...(window.object ? [window.object] : [])];

/** Searches in a window by London month, one class column, outcome class and link: aggregate only. */
export function searchGroupsBy(db: Db, window: SearchWindow, breakdown: Breakdown): SearchGroupRow[] {
  const column = BREAKDOWN_COLUMNS[breakdown];
  const rows = prepared(
    db,
    `SELECT month, ${column} AS key, outcome_class, outcome_linked AS linked, count(*) AS n FROM stop_searches
     WHERE day >= ? AND day < ?${objectFilter(window)} GROUP BY month, ${column}, outcome_class, outcome_linked`,
  ).all(...windowArgs(window)) as StoredGroup[];
  return rows.map((r) => ({ month: r.month, key: r.key, outcomeClass: r.outcome_class, linked: linkedOf(r.linked), searches: r.n }));
}

/** The searches of a window by H3 cell (computed from each point at that resolution), outcome class and link. */
export interface SearchCellRow {
  cell: string;
  outcomeClass: OutcomeClassId;
  linked: boolean | null;
  searches: number;
}

export function searchCellGroups(db: Db, window: SearchWindow, h3Resolution: number): SearchCellRow[] {
  if (!Number.isInteger(h3Resolution) || h3Resolution < MIN_QUERY_RESOLUTION || h3Resolution > MAX_QUERY_RESOLUTION) {
    throw new Error(`internal: searches are stored at H3 resolutions ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}, not ${h3Resolution}`);
  }
  const column = `h3_r${h3Resolution}`;
  const rows = prepared(
    db,
    `SELECT ${column} AS cell, outcome_class, outcome_linked AS linked, count(*) AS n FROM stop_searches
     WHERE day >= ? AND day < ?${objectFilter(window)} GROUP BY ${column}, outcome_class, outcome_linked`,
  ).all(...windowArgs(window)) as { cell: string; outcome_class: OutcomeClassId; linked: number | null; n: number }[];
  return rows.map((r) => ({ cell: r.cell, outcomeClass: r.outcome_class, linked: linkedOf(r.linked), searches: r.n }));
}

/** First and last London month with a stored search, and how many are stored; null when none is. */
export function storedSearchMonths(db: Db): { firstMonth: string; lastMonth: string; searches: number } | null {
  // min and max of an indexed column are one b-tree step each.
  const row = prepared(db, 'SELECT min(day) AS first, max(day) AS last, count(*) AS n FROM stop_searches').get() as {
    first: number | null;
    last: number | null;
    n: number;
  };
  if (row.first === null || row.last === null) return null;
  return { firstMonth: isoDateOfDay(row.first).slice(0, 7), lastMonth: isoDateOfDay(row.last).slice(0, 7), searches: row.n };
}

/** Changes whenever searches are stored (rows are only ever added): part of a cached answer's key. */
export function stopSearchVersion(db: Db): number {
  return prepared(db, 'SELECT coalesce(max(id), 0) FROM stop_searches').pluck().get() as number;
}
