// What backup and restore need to know about a database file: is it a whole Tasking Map
// database this build can open, what is in it, and how to move it about safely (its -wal,
// -shm and -journal travel with it; a rename is durable only once its folder is synced).
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fail, ok, type Result } from '../../geo/types';
import { latestSchemaVersion, type Db } from '../db/open-database';
import { storedIncidentCount } from '../store/chunk-store';
import { listTaskingRecords } from '../taskings/tasking-store';

/** SQLite's files beside a database: a copy or a move without them loses or mixes writes. */
export const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** Tables every Tasking Map database has had since migration 001 (and no other SQLite file does). */
const MARKER_TABLES = ['import_batches', 'users', 'api_tokens'];

export interface DatabaseContents {
  schemaVersion: number;
  /** Counted when the schema is this build's own (an older one is migrated when the server opens it). */
  incidents: number | null;
  taskings: number | null;
}

function sqliteCode(error: unknown): string {
  return error instanceof Database.SqliteError ? error.code : '';
}

export function isBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(error));
}

/** What is wrong with a file, in words that name it; the caller adds what to do. */
export interface FileProblem {
  code: 'unopenable' | 'not_sqlite' | 'damaged' | 'not_tasking_map' | 'newer_schema';
  message: string;
}

/**
 * Checks a database file as backup and restore must: SQLite's integrity check passes, it is a
 * Tasking Map database, and its schema is not newer than this build's migrations know. `name`
 * is how messages refer to it. Opens the file read-write (a WAL-mode file cannot always be
 * read otherwise): call it on a copy.
 */
export function checkDatabaseFile(path: string, name: string): Result<DatabaseContents, FileProblem> {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    return fail({ code: 'unopenable', message: `${name} cannot be opened: ${error instanceof Error ? error.message : String(error)}` });
  }
  try {
    return inspect(db, name);
  } catch (error) {
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB') return fail({ code: 'not_sqlite', message: `${name} is not a SQLite database` });
    if (code.startsWith('SQLITE_CORRUPT')) return fail({ code: 'damaged', message: `${name} is damaged (${(error as Error).message})` });
    throw error;
  } finally {
    db.close();
  }
}

function inspect(db: Db, name: string): Result<DatabaseContents, FileProblem> {
  const problems = db.pragma('integrity_check') as { integrity_check: string }[];
  if (problems.length !== 1 || problems[0]!.integrity_check !== 'ok') {
    const shown = problems
      .slice(0, 3)
      .map((p) => p.integrity_check)
      .join('; ');
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    return fail({ code: 'damaged', message: `${name} is damaged: SQLite's integrity check says ${shown}${more}` });
  }
  const schemaVersion = Number(db.pragma('user_version', { simple: true }));
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all());
  const missing = MARKER_TABLES.filter((t) => !tables.has(t));
  if (schemaVersion < 1 || missing.length > 0) {
    const why = `schema version ${schemaVersion}${missing.length > 0 ? `, no ${missing.join(', ')} table` : ''}`;
    return fail({ code: 'not_tasking_map', message: `${name} is a SQLite database but not a Tasking Map one (${why})` });
  }
  const latest = latestSchemaVersion();
  if (schemaVersion > latest) {
    return fail({
      code: 'newer_schema',
      message: `${name} is at schema version ${schemaVersion}, newer than this version of Tasking Map knows (${latest}): a newer Tasking Map wrote it`,
    });
  }
  const current = schemaVersion === latest;
  return ok({
    schemaVersion,
    incidents: current ? storedIncidentCount(db) : null,
    taskings: current ? listTaskingRecords(db).length : null,
  });
}

/**
 * Leaves the file on its own: its WAL written back and removed (journal mode DELETE), so it can
 * be renamed or copied alone. Throws SQLITE_BUSY (see isBusy) while another connection has it open.
 */
export function makeSelfContained(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const mode = db.pragma('journal_mode = DELETE', { simple: true });
  if (mode !== 'delete') throw new Error(`could not leave WAL mode (journal mode is still ${String(mode)})`);
}

/** Renames a database and whichever of its -wal, -shm and -journal exist. */
export function moveDatabase(from: string, to: string): void {
  if (existsSync(from)) renameSync(from, to);
  for (const suffix of SIDECAR_SUFFIXES) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
}

export function removeDatabase(path: string): void {
  for (const file of [path, ...SIDECAR_SUFFIXES.map((s) => path + s)]) rmSync(file, { force: true });
}

/** Flushes a file, or a folder's entries (so a rename in it survives a power cut), to disk. */
export function syncToDisk(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncFolderOf(path: string): void {
  syncToDisk(dirname(path));
}

const MB = 1024 * 1024;

/** "12.3 MB, 109,907 incidents, 4 taskings" in plain words. */
export function describeContents(bytes: number, contents: DatabaseContents): string {
  const size = bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  if (contents.incidents === null || contents.taskings === null) {
    return `${size}, schema version ${contents.schemaVersion} (older than this build's; the server migrates it when it opens it)`;
  }
  return `${size}, ${n(contents.incidents, 'incident', 'incidents')}, ${n(contents.taskings, 'tasking', 'taskings')}`;
}
