import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkChunkFormats, labelUnlabelledChunks } from '../store/chunk-store';
import { backfillCoverage } from '../store/coverage-store';
import { registerIncidentsView } from '../store/incidents-view';
import { convertLegacyIncidents } from '../store/legacy-incidents';

export type Db = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATION_FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;

/**
 * How long a connection waits for another process's write to finish before giving up with
 * SQLITE_BUSY. Two writers (an import from the CLI and an upload to the server, say) queue
 * rather than fail: a large file's commit takes a few seconds (decision 020). Every write
 * transaction begins immediate, so the wait happens at BEGIN, where SQLite can wait, rather
 * than halfway through, where it cannot.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * True for SQLite's "database is locked" (SQLITE_BUSY and its extended codes): another process
 * held the write lock for longer than BUSY_TIMEOUT_MS. The caller says so in plain words.
 */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/** What to tell whoever hit a busy database. */
export const DATABASE_BUSY_MESSAGE = `The database stayed busy with another write (an import?) for ${BUSY_TIMEOUT_MS / 1000} s; nothing was changed. Try again when it has finished.`;

/** Opens (creating if needed) a SQLite database in WAL mode and applies pending migrations. */
export function openDatabase(path: string): Db {
  // The constructor's timeout is SQLite's busy_timeout, set before the first statement.
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    labelUnlabelledChunks(db);
    checkChunkFormats(db);
    convertLegacyIncidents(db);
    backfillCoverage(db);
    registerIncidentsView(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
}

/** The schema version (SQLite `user_version`) the migrations of this build lead to. */
export function latestSchemaVersion(): number {
  return Math.max(0, ...migrationFiles().map((f) => Number(f.slice(0, 3))));
}

/**
 * Applies numbered SQL migrations in order (up to `upTo`, for upgrade tests), each in its own
 * immediate transaction that reads the version again: two processes opening a new file at once
 * apply each migration once.
 */
export function migrate(db: Db, upTo = Number.POSITIVE_INFINITY): number[] {
  const current = Number(db.pragma('user_version', { simple: true }));
  const files = migrationFiles();
  const latest = latestSchemaVersion();
  if (current > latest) {
    // An older build writing into a newer schema could store rows the newer one misreads.
    throw new Error(
      `The database is at schema version ${current}, newer than this version of Tasking Map knows (${latest}): it was written by a newer Tasking Map. Run that version, or restore a backup made before the upgrade.`,
    );
  }
  const applied: number[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (version <= current || version > upTo) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    const done = db
      .transaction(() => {
        if (Number(db.pragma('user_version', { simple: true })) >= version) return false;
        db.exec(sql);
        db.pragma(`user_version = ${version}`);
        return true;
      })
      .immediate();
    if (done) applied.push(version);
  }
  return applied;
}
