// Backups and restores as an operator runs them: `npm run backup` taken from a live server
// that is answering requests, restored into a fresh file and compared row for row; and every
// refusal of `npm run restore` (a running server, another open connection, files that are not
// whole Tasking Map databases this build can open), each leaving the database as it was.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../server/backup/backup-database';
import { restoreDatabase } from '../../server/backup/restore-database';
import { createApiToken, seedDemoAccounts, seedTestAccounts } from '../../server/auth/auth-queries';
import { latestSchemaVersion, migrate, openDatabase } from '../../server/db/open-database';
import { loadDemoDataIfEmpty } from '../../server/demo/load-demo-data';
import { runImport } from '../../server/import/run-import';
import { storedIncidentCount } from '../../server/store/chunk-store';
import { listTaskingRecords } from '../../server/taskings/tasking-store';
import { killHard, runScript, startScript, startServerProcess } from './child-processes';
import { allRows, integrityCheck } from './database-rows';
import { startServer } from './http-server';
import { crimeFile } from './raw-police-uk';

const NOW = new Date('2026-11-20T09:00:00Z');
const POLICE_UK_FILE = 'tower_hamlets_policeuk_api_crime_points_all_types_2018-06.csv.gz';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backup-restore-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newPath(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  return join(folder, 'tasking.db');
}

/** A small database holding the test accounts and one API token with this label, closed. */
function databaseWithToken(path: string, label: string): void {
  const db = openDatabase(path);
  // Real time: the server these files are served by checks expiry against the wall clock.
  seedTestAccounts(db, new Date());
  createApiToken(db, 'analyst', label, new Date());
  db.close();
}

function tokenLabels(path: string): unknown[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT label FROM api_tokens ORDER BY id').pluck().all();
  } finally {
    db.close();
  }
}

const count = (n: number) => n.toLocaleString('en-GB');
const readLock = (dbPath: string) => readFileSync(`${dbPath}.lock`, 'utf8');
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('npm run backup, then npm run restore', () => {
  it('a backup taken while the server answers concurrent reads restores into a fresh file row for row', async () => {
    // Real data through the real write paths: the demo (incidents, areas, taskings with their
    // events and visits), a real police.uk file, the accounts and a token.
    const source = newPath('live');
    const db = openDatabase(source);
    expect(loadDemoDataIfEmpty(db, NOW)?.taskings).toBeGreaterThan(0);
    const police = await runImport(
      { db, importedBy: 'test', now: NOW },
      { kind: 'police-uk', allowRejected: false },
      { input: { path: crimeFile(POLICE_UK_FILE) }, fileName: POLICE_UK_FILE },
    );
    expect(police.ok).toBe(true);
    seedDemoAccounts(db, NOW);
    const token = createApiToken(db, 'analyst', 'backup test', NOW);
    db.close();

    const server = await startServer(source, () => NOW);
    try {
      const paths = ['/api/cells?group=all&from=2026-10-23&to=2026-11-20&resolution=9', '/api/taskings?withResults=false', '/api/meta'];
      const get = async (path: string) => {
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        return { path, status: res.status, text: await res.text() };
      };
      const expected = new Map((await Promise.all(paths.map(get))).map((a) => [a.path, a]));
      expect([...expected.values()].map((a) => a.status)).toEqual([200, 200, 200]);

      // Four clients keep asking, in turn, for as long as the backup process lives.
      const target = join(dir, 'backups', 'tasking-map.db');
      const backup = startScript('scripts/backup.ts', ['--db', source, target]);
      let backupEnded = false;
      void backup.exited.then(() => (backupEnded = true));
      const answers: Awaited<ReturnType<typeof get>>[] = [];
      // A pause between requests, as a screen's does: the answer cache makes a tight loop tens of
      // thousands of requests, which only slows the backup and the comparison below.
      const client = async (first: number) => {
        for (let i = first; !backupEnded; i++) {
          answers.push(await get(paths[i % paths.length]!));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      const [end] = await Promise.all([backup.exited, client(0), client(1), client(2), client(3)]);

      expect(end).toMatchObject({ code: 0, stderr: '' });
      const incidents = storedIncidentCount(server.db);
      const taskings = listTaskingRecords(server.db).length;
      expect(end.stdout.trim()).toMatch(
        new RegExp(`^Backed up ${literally(source)} to ${literally(target)}: \\d+\\.\\d MB, ${count(incidents)} incidents, ${count(taskings)} taskings\\.$`),
      );
      expect(answers.length).toBeGreaterThan(paths.length);
      // Every answer during the backup was one of the answers before it (compared once per distinct answer).
      for (const answer of new Map(answers.map((a) => [JSON.stringify(a), a])).values()) expect(answer).toEqual(expected.get(answer.path));
      // One self-contained file, and nothing half-written beside it.
      expect(readdirSync(dirname(target))).toEqual(['tasking-map.db']);

      const fresh = newPath('restored');
      const restored = await runScript('scripts/restore.ts', ['--db', fresh, target]);
      expect(restored).toMatchObject({ code: 0, stderr: '' });
      expect(restored.stdout).toContain(`There was no database at ${fresh} before.`);
      const copy = openDatabase(fresh);
      try {
        expect(integrityCheck(copy)).toEqual(['ok']);
        const rows = allRows(copy);
        expect(rows).toEqual(allRows(server.db));
        expect(rows.incidents).toHaveLength(incidents);
      } finally {
        copy.close();
      }
    } finally {
      await server.close();
    }
    // Two row-by-row readings of ~145,000 incidents through the incidents view take most of it.
  }, 180_000);

  it('restore refuses while a server runs on the database, takes over the lock a killed one left, and keeps the database it replaces', async () => {
    const live = newPath('locked');
    databaseWithToken(live, 'before the restore');
    const other = newPath('other');
    databaseWithToken(other, 'from the backup');
    const backupFile = join(dir, 'other-backup.db');
    expect((await backupDatabase({ dbPath: other, targetPath: backupFile, force: false })).ok).toBe(true);

    const server = await startServerProcess(live);
    // A sign-in: a write the server has made to the WAL only.
    const signIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tasking-map': '1' },
      body: JSON.stringify({ username: 'analyst', password: 'analyst-demo-password' }),
    });
    expect(signIn.status).toBe(200);
    expect(statSync(`${live}-wal`).size).toBeGreaterThan(0);

    const refused = await runScript('scripts/restore.ts', ['--db', live, backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `Nothing was restored: ${live} is in use by a Tasking Map server (pid ${server.pid}, since ${JSON.parse(readLock(live)).since}). Stop that server first. If no such process is running, delete ${live}.lock.`,
    );
    await expect(startServerProcess(live)).rejects.toThrow(`Cannot start: ${live} is in use by a Tasking Map server (pid ${server.pid}`);

    expect((await killHard(server)).signal).toBe('SIGKILL');
    expect(JSON.parse(readLock(live)).pid).toBe(server.pid);
    const restored = await runScript('scripts/restore.ts', ['--db', live, backupFile]);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    const kept = /kept as (\S+);/.exec(restored.stdout)?.[1];
    expect(kept).toMatch(/\.before-restore-\d{8}T\d{6}Z$/);
    expect(dirname(kept!)).toBe(dirname(live));
    expect(readdirSync(dirname(live)).sort()).toEqual(['tasking.db', kept!.slice(dirname(live).length + 1)].sort());

    // The kept database stands alone, the sign-in from its WAL written back into it.
    const old = new Database(kept!, { readonly: true, fileMustExist: true });
    expect(old.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(1);
    old.close();
    expect(tokenLabels(kept!)).toEqual(['before the restore']);
    expect(tokenLabels(live)).toEqual(['from the backup']);
  }, 60_000);
});

describe('restore refuses what it cannot put in place safely, and leaves the database as it was', () => {
  let live: string;
  let before: ReturnType<typeof allRows>;
  beforeAll(() => {
    live = newPath('refusals');
    databaseWithToken(live, 'current');
    const db = openDatabase(live);
    before = allRows(db);
    db.close();
  });

  /** Restores `file` into the live database, expecting a refusal; returns its message after checking nothing moved. */
  function refusal(file: string): string {
    const outcome = restoreDatabase({ backupPath: file, dbPath: live, now: NOW });
    if (outcome.ok) throw new Error(`${file} was restored`);
    expect(readdirSync(dirname(live)).filter((f) => !f.startsWith('tasking.db-'))).toEqual(['tasking.db']);
    const db = openDatabase(live);
    expect(allRows(db)).toEqual(before);
    db.close();
    return outcome.reason;
  }

  async function backupOfLive(name: string): Promise<string> {
    const target = join(dir, 'refusal-backups', `${name}.db`);
    const made = await backupDatabase({ dbPath: live, targetPath: target, force: false });
    if (!made.ok) throw new Error(made.reason);
    return target;
  }

  it('a file that is not a SQLite database, or not a Tasking Map one', () => {
    const csv = join(dir, 'incidents.csv');
    writeFileSync(csv, 'id,occurred_at,category,lng,lat\nP-1,2025-01-02T10:00,robbery,-0.04,51.515\n'.repeat(200));
    expect(refusal(csv)).toBe(`Nothing was restored: ${csv} is not a SQLite database. Name a file written by npm run backup.`);
    const notes = join(dir, 'notes.db');
    new Database(notes).exec('CREATE TABLE notes (text TEXT)');
    expect(refusal(notes)).toBe(
      `Nothing was restored: ${notes} is a SQLite database but not a Tasking Map one (schema version 0, no import_batches, users, api_tokens table). Name a file written by npm run backup.`,
    );
    expect(refusal(join(dir, 'no-such-file.db'))).toBe(`There is no file at ${join(dir, 'no-such-file.db')}. Name a file written by npm run backup.`);
  });

  it('a database from a newer schema than this build knows', async () => {
    const newer = await backupOfLive('newer');
    const db = new Database(newer);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    expect(refusal(newer)).toBe(
      `Nothing was restored: ${newer} is at schema version ${latestSchemaVersion() + 1}, newer than this version of Tasking Map knows (${latestSchemaVersion()}): a newer Tasking Map wrote it. Restore it with that version, or name a backup made before the upgrade.`,
    );
  });

  it('a damaged backup', async () => {
    const damaged = await backupOfLive('damaged');
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, 4096);
    closeSync(fd);
    expect(refusal(damaged)).toMatch(new RegExp(`^Nothing was restored: ${literally(damaged)} is damaged.*\\. Use another backup\\.$`));
  });

  it('while another program has the database open', async () => {
    const backup = await backupOfLive('while-open');
    const importer = openDatabase(live);
    try {
      expect(refusal(backup)).toBe(
        `Nothing was restored: another program has ${live} open (an import, or a server started without its lock file). Stop it, then run the restore again.`,
      );
    } finally {
      importer.close();
    }
    expect(existsSync(`${live}.lock`)).toBe(false);
  });

  it('but takes an older backup, and upgrades it on the way in', () => {
    const older = join(dir, 'schema-3.db');
    const db = new Database(older);
    migrate(db, 3);
    db.close();
    const fresh = newPath('from-older');
    const outcome = restoreDatabase({ backupPath: older, dbPath: fresh, now: NOW });
    expect(outcome.ok && outcome.value).toMatchObject({ keptAs: null, migratedFrom: 3, schemaVersion: latestSchemaVersion(), incidents: 0, taskings: 0 });
  });
});

describe('npm run backup refuses', () => {
  it('to replace a file without --force, and says so', async () => {
    const live = newPath('backup-refusals');
    databaseWithToken(live, 'current');
    const target = join(dir, 'backup-refusals', 'existing.db');
    writeFileSync(target, 'something the operator keeps');
    const refused = await runScript('scripts/backup.ts', ['--db', live, target]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr.trim()).toBe(`${target} already exists. Name a new file, or add --force to replace it.`);
    expect(readFileSync(target, 'utf8')).toBe('something the operator keeps');
    const forced = await backupDatabase({ dbPath: live, targetPath: target, force: true });
    expect(forced.ok && forced.value).toMatchObject({ targetPath: target, incidents: 0, taskings: 0 });
    expect(tokenLabels(target)).toEqual(['current']);
    expect(await backupDatabase({ dbPath: join(dir, 'nowhere.db'), targetPath: join(dir, 'x.db'), force: false })).toEqual({
      ok: false,
      reason: `There is no database at ${join(dir, 'nowhere.db')}. Name it with --db <path> or DB_PATH.`,
    });
  });
});
