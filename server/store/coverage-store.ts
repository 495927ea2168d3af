// The one owner of coverage_months: which categories each batch holds, month by month. It is
// written in the batch's own transaction, and filled once from the stored chunks for a
// database made before the table existed.
import { prepared } from '../db/statement-cache';
import { CATEGORIES } from '../../geo/categories';
import { coverageOf, monthOfDay, type BatchCategoryMonths, type Coverage } from '../../geo/coverage';
import type { Db } from '../db/open-database';
import { readChunks, storedIncidentCount } from './chunk-store';

/** Incidents per category and month of the first n rows of columns (category codes index CATEGORIES). */
export function countCategoryMonths(columns: { category: ArrayLike<number>; startDay: ArrayLike<number> }, n: number): Map<string, number> {
  // One pass over typed arrays, per day first (few thousand days), then days to months.
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const d = columns.startDay[j]!;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const counts = new Map<string, number>();
  if (n === 0) return counts;
  const width = CATEGORIES.length;
  const perDay = new Uint32Array((maxDay - minDay + 1) * width);
  for (let j = 0; j < n; j++) perDay[(columns.startDay[j]! - minDay) * width + columns.category[j]!]! += 1;
  for (let d = 0; d <= maxDay - minDay; d++) {
    let month: string | null = null;
    for (let c = 0; c < width; c++) {
      const k = perDay[d * width + c]!;
      if (k === 0) continue;
      month ??= monthOfDay(minDay + d);
      const key = `${CATEGORIES[c]!.slug}|${month}`;
      counts.set(key, (counts.get(key) ?? 0) + k);
    }
  }
  return counts;
}

/** Stores a batch's category months; call inside the batch's transaction. */
export function writeCoverage(db: Db, batchId: number, counts: ReadonlyMap<string, number>): void {
  const insert = db.prepare('INSERT INTO coverage_months (batch_id, category, month, incidents) VALUES (?, ?, ?, ?)');
  for (const [key, incidents] of counts) {
    const [category, month] = key.split('|') as [string, string];
    insert.run(batchId, category, month, incidents);
  }
}

/** Fills coverage_months from the chunks when incidents are stored but none of their coverage is (databases made before migration 004). */
export function backfillCoverage(db: Db): number {
  const needed = () => db.prepare('SELECT EXISTS (SELECT 1 FROM coverage_months)').pluck().get() !== 1 && storedIncidentCount(db) > 0;
  if (!needed()) return 0;
  // Immediate, and checked again inside: another process opening the file at once may have filled it.
  return db
    .transaction(() => {
      if (!needed()) return 0;
      const perBatch = new Map<number, Map<string, number>>();
      for (const chunk of readChunks(db)) {
        const counts = countCategoryMonths(chunk, chunk.length);
        let batch = perBatch.get(chunk.batchId);
        if (!batch) perBatch.set(chunk.batchId, (batch = new Map()));
        for (const [key, n] of counts) batch.set(key, (batch.get(key) ?? 0) + n);
      }
      for (const [batchId, counts] of perBatch) writeCoverage(db, batchId, counts);
      return perBatch.size;
    })
    .immediate();
}

/** Every batch's category months, as stored. */
export function listBatchCategoryMonths(db: Db): BatchCategoryMonths[] {
  const rows = db.prepare('SELECT batch_id, category, month, incidents FROM coverage_months ORDER BY batch_id, category, month').all() as {
    batch_id: number;
    category: string;
    month: string;
    incidents: number;
  }[];
  const byKey = new Map<string, BatchCategoryMonths & { months: Map<string, number> }>();
  for (const r of rows) {
    const key = `${r.batch_id}|${r.category}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { batchId: r.batch_id, category: r.category, months: new Map() }));
    entry.months.set(r.month, r.incidents);
  }
  return [...byKey.values()];
}

/** Changes whenever an import adds covered months. */
export function coverageVersion(db: Db): string {
  // Rows are only ever added (an import, the start-up backfill), each with a new rowid: the
  // largest rowid changes with every one, and reading it is a single b-tree step where count(*)
  // walked the table on every request.
  return String(prepared(db, 'SELECT coalesce(max(rowid), 0) FROM coverage_months').pluck().get());
}

/** Covered months per category, cached until the next import lands. */
export function createCoverageCache(db: Db): () => Coverage {
  let version = '';
  let cached: Coverage = new Map();
  return () => {
    const now = coverageVersion(db);
    if (now !== version) {
      cached = coverageOf(listBatchCategoryMonths(db));
      version = now;
    }
    return cached;
  };
}
