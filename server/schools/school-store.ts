// The one owner of the `schools` table (migration 007): a re-import replaces the row of each
// URN it gives, in one immediate transaction, and leaves every other school as it was.
import type { Db } from '../db/open-database';
import { prepared } from '../db/statement-cache';
import { SCHOOL_PHASES, type SchoolPhase } from './school-phases';
import type { SchoolRow } from './schools-csv';

export interface StoredSchool {
  urn: number;
  name: string;
  phase: SchoolPhase;
  phaseInFile: string;
  typeInFile: string | null;
  open: boolean;
  /** [lng, lat]; null when the file gave no coordinates. */
  location: [number, number] | null;
}

export interface SchoolsStoreMeta {
  fileName: string;
  fileSha256: string;
  importedAt: string;
  importedBy: string;
}

interface SchoolDbRow {
  urn: number;
  name: string;
  phase: string;
  phase_in_file: string;
  type_in_file: string | null;
  open: number;
  lng: number | null;
  lat: number | null;
}

function phaseOf(text: string): SchoolPhase {
  const phase = SCHOOL_PHASES.find((p) => p === text);
  if (!phase) throw new Error(`internal: stored school phase "${text}"`);
  return phase;
}

export interface SchoolsWritten {
  added: number;
  replaced: number;
  /** Schools stored as open before that the file does not name. */
  openNotInFile: { count: number; names: string[] };
  /** Of those, marked closed (`closeOthers`). */
  markedClosed: number;
}

/**
 * Writes the rows, each replacing any stored school with its URN. A school the file does not
 * name keeps its row, unless `closeOthers` (the file lists every open school), which marks it
 * closed: it stays stored, so a layer over past years can still name it.
 */
export function replaceSchools(db: Db, rows: readonly SchoolRow[], meta: SchoolsStoreMeta, closeOthers: boolean): SchoolsWritten {
  const exists = db.prepare('SELECT 1 FROM schools WHERE urn = ?').pluck();
  const openUrns = db.prepare('SELECT urn, name FROM schools WHERE open = 1 ORDER BY name');
  const close = db.prepare('UPDATE schools SET open = 0 WHERE urn = ?');
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO schools (urn, name, phase, phase_in_file, type_in_file, status_in_file, open, lng, lat, location_from,
       source_file, file_sha256, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db
    .transaction(() => {
      const inFile = new Set(rows.map((r) => r.urn));
      const others = (openUrns.all() as { urn: number; name: string }[]).filter((r) => !inFile.has(r.urn));
      let added = 0;
      let replaced = 0;
      for (const row of rows) {
        if (exists.get(row.urn) === undefined) added += 1;
        else replaced += 1;
        upsert.run(
          row.urn,
          row.name,
          row.phase,
          row.phaseInFile,
          row.typeInFile,
          row.statusInFile,
          row.open ? 1 : 0,
          row.location?.lng ?? null,
          row.location?.lat ?? null,
          row.location?.from ?? null,
          meta.fileName,
          meta.fileSha256,
          meta.importedAt,
          meta.importedBy,
        );
      }
      if (closeOthers) for (const other of others) close.run(other.urn);
      return {
        added,
        replaced,
        openNotInFile: { count: others.length, names: others.slice(0, 50).map((o) => o.name) },
        markedClosed: closeOthers ? others.length : 0,
      };
    })
    .immediate();
}

export interface SchoolQuery {
  /** Only these phases; every phase when empty. */
  phases: readonly SchoolPhase[];
  includeClosed: boolean;
}

/** Stored schools by URN, open ones only unless asked. */
export function listSchools(db: Db, query: SchoolQuery): StoredSchool[] {
  const rows = prepared(db, 'SELECT urn, name, phase, phase_in_file, type_in_file, open, lng, lat FROM schools ORDER BY urn').all() as SchoolDbRow[];
  return rows
    .filter((r) => (query.includeClosed || r.open === 1) && (query.phases.length === 0 || query.phases.includes(phaseOf(r.phase))))
    .map((r) => ({
      urn: r.urn,
      name: r.name,
      phase: phaseOf(r.phase),
      phaseInFile: r.phase_in_file,
      typeInFile: r.type_in_file,
      open: r.open === 1,
      location: r.lng !== null && r.lat !== null ? [r.lng, r.lat] : null,
    }));
}

/** The file the newest stored school came from, and when; null when none is stored. */
export function latestSchoolsImport(db: Db): { fileName: string; importedAt: string } | null {
  const row = prepared(db, 'SELECT source_file, imported_at FROM schools ORDER BY imported_at DESC, urn LIMIT 1').get() as
    { source_file: string; imported_at: string } | undefined;
  return row ? { fileName: row.source_file, importedAt: row.imported_at } : null;
}

/** Changes whenever a schools import writes (each sets its own time and file): part of a cached answer's key. */
export function schoolsVersion(db: Db): string {
  return String(
    prepared(
      db,
      "SELECT count(*) || ':' || coalesce(sum(open), 0) || ':' || coalesce(max(imported_at), '') || ':' || coalesce(max(file_sha256), '') FROM schools",
    )
      .pluck()
      .get(),
  );
}
