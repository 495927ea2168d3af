// Two imports into one SQLite file at once, from two processes (two `npm run import` CLIs started
// together): both must succeed, one after the other, and the database must then hold every row of
// both files, exactly, counted from the stored chunks against the ids in the files' text. Before
// write transactions began immediate (decision 020), the import's transaction read (deduplication)
// before it wrote, and the second process to write died with "SqliteError: database is locked"
// (SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT) and a stack trace: in 7 or 8 of 8 pairs (and 10 of 10) with
// rows stored beforehand, in 2-7 of 10 without, on a busy 2-core machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open-database';
import { runImport } from '../../server/import/run-import';
import { readChunks } from '../../server/store/chunk-store';
import { startScript, type Finished } from './child-processes';

const PAIRS = 8;
/** Rows per file: enough that one import's transaction lasts long enough for the other to run into it. */
const ROWS = 5_000;
/**
 * Rows of the same source stored before the pairs run. Each import's transaction reads them to
 * deduplicate before it writes, which widens the window in which the other process can write
 * in between: without them the old failure shows in fewer pairs on a busy machine.
 */
const STORED_ROWS = 100_000;
const SOURCE = 'concurrent-test';
const CATEGORIES = ['robbery', 'drugs', 'burglary', 'violent-crime', 'anti-social-behaviour'];

let dir: string;
let dbPath: string;
let storedIds: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concurrent-imports-'));
  dbPath = join(dir, 'tasking.db');
  const text = partnerCsv(STORED_ROWS, 'stored');
  storedIds = idsInFile(text);
  writeFileSync(join(dir, 'stored.csv'), text);
  const db = openDatabase(dbPath);
  try {
    const outcome = await runImport(
      { db, importedBy: 'test', now: new Date('2026-11-20T09:00:00Z') },
      { kind: 'partner', source: SOURCE, columns: {}, allowRejected: false },
      { input: { path: join(dir, 'stored.csv') }, fileName: 'stored.csv' },
    );
    if (!outcome.ok) throw new Error(outcome.problem.message);
  } finally {
    db.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A partner CSV of `rows` distinct incidents in Tower Hamlets, each with its own id `<prefix>-<i>`. */
function partnerCsv(rows: number, prefix: string): string {
  const lines = ['id,occurred_at,category,lng,lat'];
  for (let i = 0; i < rows; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    const hour = String((i * 13) % 24).padStart(2, '0');
    const lng = (-0.07 + ((i * 7919) % 10_007) / 200_000).toFixed(6);
    const lat = (51.5 + ((i * 104_729) % 10_009) / 400_000).toFixed(6);
    lines.push(`${prefix}-${i},2025-${month}-${day}T${hour}:00,${CATEGORIES[i % CATEGORIES.length]},${lng},${lat}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The ids a CSV holds, read back from its text: the first field of every line but the header. */
function idsInFile(text: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.slice(0, line.indexOf(',')));
}

describe('two imports into one database at once', () => {
  it(`both succeed in turn, ${PAIRS} pairs of CLI imports, and the database holds both files' rows exactly`, async () => {
    const files: { name: string; ids: string[] }[] = [{ name: 'stored', ids: storedIds }];
    const failures: string[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const names = [`p${pair}a`, `p${pair}b`];
      const paths = names.map((name) => {
        const text = partnerCsv(ROWS, name);
        const path = join(dir, `${name}.csv`);
        writeFileSync(path, text);
        files.push({ name, ids: idsInFile(text) });
        return path;
      });
      const runs = paths.map((path) => startScript('scripts/import.ts', ['partner', '--source', SOURCE, '--db', dbPath, path]));
      const ended: Finished[] = await Promise.all(runs.map((run) => run.exited));
      ended.forEach((end, i) => {
        if (end.code === 0) return;
        const error = end.stderr.split('\n').find((line) => /error|busy|locked/i.test(line)) ?? end.stderr.trim();
        failures.push(`pair ${pair}, ${names[i]}: exit ${end.code}: ${error.trim()}`);
      });
    }
    expect(failures, `${failures.length} of ${PAIRS * 2} imports failed`).toEqual([]);

    const db = openDatabase(dbPath);
    try {
      // Straight from the stored chunks: the incidents view decodes row by row, far slower.
      const stored: string[] = [];
      for (const chunk of readChunks(db)) {
        expect(chunk.source).toBe(SOURCE);
        for (let j = 0; j < chunk.length; j++) stored.push(String(chunk.sourceRecordId.at(j)));
      }
      expect(stored.length).toBe(files.reduce((n, f) => n + f.ids.length, 0));
      const byFile = new Map<string, string[]>();
      for (const id of stored) {
        const name = id.slice(0, id.indexOf('-'));
        const ids = byFile.get(name);
        if (ids) ids.push(id);
        else byFile.set(name, [id]);
      }
      for (const file of files) expect(byFile.get(file.name)?.sort(), file.name).toEqual([...file.ids].sort());
      const batches = db.prepare('SELECT file_name, rows_imported FROM import_batches ORDER BY file_name').all();
      expect(batches).toEqual(
        files.map((f) => ({ file_name: `${f.name}.csv`, rows_imported: f.ids.length })).sort((a, b) => a.file_name.localeCompare(b.file_name)),
      );
    } finally {
      db.close();
    }
  }, 180_000);
});
