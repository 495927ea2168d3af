// Puts a backup in place of the database: only a whole Tasking Map database this build can
// open, never under a running server (the database lock, and SQLite's own locks for anything
// else that has the file open), keeping the database it replaces beside it (decision 016).
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fail, ok, type Result } from '../../geo/types';
import { acquireDatabaseLock } from '../db/database-lock';
import { openDatabase } from '../db/open-database';
import { storedIncidentCount } from '../store/chunk-store';
import { listTaskingRecords } from '../taskings/tasking-store';
import {
  checkDatabaseFile,
  isBusy,
  makeSelfContained,
  moveDatabase,
  removeDatabase,
  SIDECAR_SUFFIXES,
  syncFolderOf,
  syncToDisk,
  type FileProblem,
} from './database-file';

export interface RestoreOptions {
  backupPath: string;
  dbPath: string;
  now: Date;
}

export interface RestoreReport {
  dbPath: string;
  /** Where the database it replaced now is; null when there was none. */
  keptAs: string | null;
  bytes: number;
  schemaVersion: number;
  /** The backup's schema version when this build migrated it on the way in. */
  migratedFrom: number | null;
  incidents: number;
  taskings: number;
}

const ADVICE: Record<FileProblem['code'], string> = {
  unopenable: 'Check that the file is readable and the database folder writable.',
  not_sqlite: 'Name a file written by npm run backup.',
  not_tasking_map: 'Name a file written by npm run backup.',
  damaged: 'Use another backup.',
  newer_schema: 'Restore it with that version, or name a backup made before the upgrade.',
};

/** 2026-12-01T10:00:00.000Z → 20261201T100000Z: sorts by time and suits any file system. */
export function fileTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function restoreDatabase(options: RestoreOptions): Result<RestoreReport> {
  const { backupPath, dbPath, now } = options;
  if (resolve(backupPath) === resolve(dbPath)) return fail(`${backupPath} is the database itself; name a backup file.`);
  if (!existsSync(backupPath)) return fail(`There is no file at ${backupPath}. Name a file written by npm run backup.`);
  const wal = `${backupPath}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    return fail(
      `${wal} is beside the backup: ${backupPath} is a database in use, or was not closed cleanly, and a copy of it alone would miss what is in its -wal. Make a backup of it with npm run backup -- --db ${backupPath} <new file>, and restore that.`,
    );
  }
  const lock = acquireDatabaseLock(dbPath, 'restore', now);
  if (!lock.ok) return fail(`Nothing was restored: ${lock.reason}`);
  const incoming = `${dbPath}.restoring-${process.pid}`;
  try {
    removeDatabase(incoming);
    copyFileSync(backupPath, incoming);
    const prepared = prepareCopy(incoming, backupPath);
    if (!prepared.ok) return prepared;
    const kept = setAside(dbPath, now);
    if (!kept.ok) return kept;
    try {
      renameSync(incoming, dbPath);
    } catch (error) {
      // Put back what was there, so a failed restore leaves the database as it found it.
      if (kept.value) moveDatabase(kept.value, dbPath);
      throw error;
    }
    syncFolderOf(dbPath);
    return ok({ dbPath, keptAs: kept.value, bytes: statSync(dbPath).size, ...prepared.value });
  } finally {
    removeDatabase(incoming);
    lock.release();
  }
}

/** Checks the copy, opens it as the server will (migrating an older schema), leaves it one file. */
function prepareCopy(path: string, backupPath: string): Result<Omit<RestoreReport, 'dbPath' | 'keptAs' | 'bytes'>> {
  const checked = checkDatabaseFile(path, backupPath);
  if (!checked.ok) return fail(`Nothing was restored: ${checked.reason.message}. ${ADVICE[checked.reason.code]}`);
  let db;
  try {
    db = openDatabase(path);
  } catch (error) {
    return fail(`Nothing was restored: this version of Tasking Map cannot open ${backupPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const report = {
      schemaVersion,
      migratedFrom: checked.value.schemaVersion === schemaVersion ? null : checked.value.schemaVersion,
      incidents: storedIncidentCount(db),
      taskings: listTaskingRecords(db).length,
    };
    makeSelfContained(db);
    db.close();
    syncToDisk(path);
    return ok(report);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Moves the database being replaced (and anything SQLite keeps beside it) to
 * `<db>.before-restore-<UTC time>`, its WAL first written back so the kept file stands alone.
 * Refuses while any other connection has it open; a damaged one is kept as it is.
 */
function setAside(dbPath: string, now: Date): Result<string | null> {
  if (!existsSync(dbPath) && !SIDECAR_SUFFIXES.some((s) => existsSync(dbPath + s))) return ok(null);
  if (existsSync(dbPath)) {
    try {
      const old = new Database(dbPath, { fileMustExist: true, timeout: 1000 });
      try {
        makeSelfContained(old);
      } finally {
        old.close();
      }
    } catch (error) {
      if (isBusy(error)) {
        return fail(
          `Nothing was restored: another program has ${dbPath} open (an import, or a server started without its lock file). Stop it, then run the restore again.`,
        );
      }
      // A damaged database is what a restore is for: keep it, with its -wal and -shm, as it is.
    }
  }
  const base = `${dbPath}.before-restore-${fileTimestamp(now)}`;
  let keptAs = base;
  for (let n = 2; existsSync(keptAs) || SIDECAR_SUFFIXES.some((s) => existsSync(keptAs + s)); n++) keptAs = `${base}-${n}`;
  moveDatabase(dbPath, keptAs);
  return ok(keptAs);
}
