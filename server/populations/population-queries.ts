// The one owner of the `populations` table (migration 011, decision 035): the import's write
// (the years a file gives replaced whole, recorded as an import batch) and the reads the rest of
// the app goes through: the residents of each ward in the year nearest a given one, for rates per
// 1,000 residents (issue 15).
import type { Db } from '../db/open-database';
import { prepared } from '../db/statement-cache';
import { finishBatch, insertBatch, type BatchCounts } from '../store/import-batches';

/** Populations are stored per area kind; wards are the only kind so far. */
export const WARD_AREA_KIND = 'ward';

export interface WardPopulation {
  code: string;
  year: number;
  population: number;
  /** LSOAs summed into it; null when the file gave the ward's own figure. */
  lsoas: number | null;
}

export interface PopulationBatch {
  source: string;
  fileName: string;
  fileSha256: string;
  /** ISO 8601 UTC. */
  importedAt: string;
  importedBy: string;
  rowsRead: number;
}

export interface PopulationsWritten {
  batchId: number;
  /** Years that had stored rows before this write: their rows were replaced. */
  replacedYears: number[];
  stored: number;
}

/**
 * Replaces every ward population of the years given with the rows given, and records the file as
 * an import batch, in one transaction (a savepoint when the caller already holds one, as the
 * importer does while it checks the file against the stored wards). `finish` gets the counts and
 * returns the summary to keep on the batch.
 */
export function replaceWardPopulations(
  db: Db,
  years: readonly number[],
  rows: readonly WardPopulation[],
  batch: PopulationBatch,
  finish: (written: PopulationsWritten) => BatchCounts,
): PopulationsWritten {
  const run = db.transaction(() => {
    const stored = db.prepare('SELECT DISTINCT year FROM populations WHERE area_kind = ? ORDER BY year').pluck().all(WARD_AREA_KIND) as number[];
    const remove = db.prepare('DELETE FROM populations WHERE area_kind = ? AND year = ?');
    const insert = db.prepare('INSERT INTO populations (area_kind, area_code, year, population, lsoas, batch_id) VALUES (?, ?, ?, ?, ?, ?)');
    const batchId = insertBatch(db, { kind: 'population', ...batch });
    for (const year of years) remove.run(WARD_AREA_KIND, year);
    for (const r of rows) insert.run(WARD_AREA_KIND, r.code, r.year, r.population, r.lsoas, batchId);
    const written = { batchId, replacedYears: stored.filter((y) => years.includes(y)), stored: rows.length };
    finishBatch(db, batchId, finish(written), null);
    return written;
  });
  return run.immediate();
}

interface PopulationDbRow {
  area_code: string;
  year: number;
  population: number;
  lsoas: number | null;
}

const wardPopulationOf = (r: PopulationDbRow): WardPopulation => ({ code: r.area_code, year: r.year, population: r.population, lsoas: r.lsoas });

/** Every stored ward population, by ward code then year. */
export function listWardPopulations(db: Db): WardPopulation[] {
  const rows = prepared(db, 'SELECT area_code, year, population, lsoas FROM populations WHERE area_kind = ? ORDER BY area_code, year').all(
    WARD_AREA_KIND,
  ) as PopulationDbRow[];
  return rows.map(wardPopulationOf);
}

/** The years with any stored ward population, ascending. */
export function wardPopulationYears(db: Db): number[] {
  return prepared(db, 'SELECT DISTINCT year FROM populations WHERE area_kind = ? ORDER BY year').pluck().all(WARD_AREA_KIND) as number[];
}

/**
 * For each ward with any stored population, the stored year nearest to `year` (on a tie, the
 * earlier year: the estimate already published then) and its population. Keyed by ward code; a
 * ward with no population stored is absent, so a caller computing rates treats it as unknown.
 */
export function wardPopulations(db: Db, year: number): Map<string, { population: number; year: number }> {
  const rows = prepared(db, 'SELECT area_code, year, population, lsoas FROM populations WHERE area_kind = ? ORDER BY area_code, abs(year - ?), year').all(
    WARD_AREA_KIND,
    year,
  ) as PopulationDbRow[];
  const nearest = new Map<string, { population: number; year: number }>();
  for (const r of rows) if (!nearest.has(r.area_code)) nearest.set(r.area_code, { population: r.population, year: r.year });
  return nearest;
}

/** Changes whenever a population import writes (each is a new batch): part of a cached answer's key. */
export function populationsVersion(db: Db): string {
  return String(prepared(db, "SELECT count(*) || ':' || coalesce(max(batch_id), 0) FROM populations").pluck().get());
}
