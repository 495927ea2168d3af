// A backup of a live database: SQLite's online backup API copies one consistent snapshot
// while the server keeps serving and writing (WAL mode lets a reader and the writer run at
// once), into a temporary file beside the target that is renamed into place only once the
// copy passes its checks. A half-written backup never has the target's name (decision 016).
import Database from 'better-sqlite3';
import { existsSync, linkSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fail, ok, type Result } from '../../geo/types';
import { checkDatabaseFile, makeSelfContained, removeDatabase, syncFolderOf, syncToDisk, type DatabaseContents, type FileProblem } from './database-file';

export interface BackupOptions {
  dbPath: string;
  targetPath: string;
  /** Replace an existing file at targetPath. */
  force: boolean;
}

export interface BackupReport extends DatabaseContents {
  targetPath: string;
  bytes: number;
}

/** Pages per step of the backup: all of them, so one step copies one snapshot (a read transaction, which never blocks the writer). */
const ALL_PAGES = 0x7fffffff;

const ADVICE: Record<FileProblem['code'], string> = {
  unopenable: 'Check that the folder is writable and has space.',
  not_sqlite: 'Check that --db (or DB_PATH) names the Tasking Map database.',
  not_tasking_map: 'Check that --db (or DB_PATH) names the Tasking Map database.',
  damaged:
    'The database itself may be damaged: take the backup again, and if it fails the same way, stop the server and restore the last good backup (npm run restore).',
  newer_schema: 'Run npm run backup from the newer Tasking Map that wrote it.',
};

export async function backupDatabase(options: BackupOptions): Promise<Result<BackupReport>> {
  const { dbPath, targetPath, force } = options;
  if (resolve(dbPath) === resolve(targetPath)) return fail(`The backup would overwrite the database itself (${dbPath}); name another file.`);
  if (!existsSync(dbPath)) return fail(`There is no database at ${dbPath}. Name it with --db <path> or DB_PATH.`);
  if (existsSync(targetPath) && !force) return fail(`${targetPath} already exists. Name a new file, or add --force to replace it.`);
  mkdirSync(dirname(targetPath), { recursive: true });

  const partial = `${targetPath}.partial-${process.pid}`;
  removeDatabase(partial);
  try {
    const copied = await copySnapshot(dbPath, partial);
    if (!copied.ok) return copied;
    const checked = checkDatabaseFile(partial, `the copy of ${dbPath}`);
    if (!checked.ok) return fail(`Nothing was written: ${checked.reason.message}. ${ADVICE[checked.reason.code]}`);
    // One file that needs nothing beside it: copy it anywhere, restore it as it is.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      makeSelfContained(copy);
    } finally {
      copy.close();
    }
    syncToDisk(partial);
    const placed = place(partial, targetPath, force);
    if (!placed.ok) return placed;
    syncFolderOf(targetPath);
    return ok({ targetPath, bytes: statSync(targetPath).size, ...checked.value });
  } finally {
    removeDatabase(partial);
  }
}

async function copySnapshot(dbPath: string, to: string): Promise<Result<void>> {
  // Not openDatabase: a backup reads the file as it is and never migrates a running server's database.
  const source = new Database(dbPath, { fileMustExist: true, timeout: 5000 });
  try {
    await source.backup(to, { progress: () => ALL_PAGES });
    return ok(undefined);
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_NOTADB') {
      return fail(`${dbPath} is not a SQLite database. Check that --db (or DB_PATH) names the Tasking Map database.`);
    }
    throw error;
  } finally {
    source.close();
  }
}

/** Gives the finished copy its name; without force, never over a file that appeared meanwhile. */
function place(partial: string, targetPath: string, force: boolean): Result<void> {
  if (force) {
    renameSync(partial, targetPath);
    return ok(undefined);
  }
  try {
    // link fails if the name exists, in one step (a check and a rename could race another writer).
    linkSync(partial, targetPath);
    unlinkSync(partial);
    return ok(undefined);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return fail(`${targetPath} already exists. Name a new file, or add --force to replace it.`);
    // A file system without hard links: check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    if (existsSync(targetPath)) return fail(`${targetPath} already exists. Name a new file, or add --force to replace it.`);
    renameSync(partial, targetPath);
    return ok(undefined);
  }
}
