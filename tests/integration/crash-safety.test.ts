// kill -9 in the middle of storing a large file, from the CLI and through an upload to the real
// server: SQLite's integrity check passes afterwards and the database holds exactly what it held
// before, every table row for row (no partial batch). Deterministic: the kill is sent once the
// import's transaction is writing pages to the WAL, and the WAL is then read to prove that the
// transaction had not committed. If the import finishes (or commits) first, the attempt is
// repeated with a file twice as large; if none of them is caught mid-transaction the test fails
// and says why, rather than passing on a kill that interrupted nothing.
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, seedTestAccounts } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { runImport } from '../../server/import/run-import';
import { killHard, startScript, startServerProcess, type Running } from './child-processes';
import { allRows, integrityCheck, walFrames, type DatabaseRows } from './database-rows';
import { DEFAULT_DISCLOSURE_RULES } from '../../geo/disclosure/rules';
import { recordRulesInForce } from '../../server/public/public-settings';

const NOW = new Date('2026-11-20T09:00:00Z');
/** Rows in the first attempt's file; each further attempt doubles it. */
const FIRST_ROWS = 300_000;
const ATTEMPTS = 3;
/**
 * WAL bytes that mean the import's transaction is writing: more than opening the database and a
 * small commit write, and less than the page cache (2 MB by default) it spills from.
 */
const WAL_WRITING_BYTES = 1024 * 1024;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crash-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CATEGORIES = ['robbery', 'drugs', 'burglary', 'violent-crime', 'anti-social-behaviour'];

/** A partner CSV of `rows` distinct incidents over 2025 in and around Tower Hamlets. */
function partnerCsv(rows: number, idPrefix: string): string {
  const lines = ['id,occurred_at,category,lng,lat'];
  for (let i = 0; i < rows; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    const hour = String((i * 13) % 24).padStart(2, '0');
    const lng = (-0.08 + ((i * 7919) % 10_007) / 100_070).toFixed(6);
    const lat = (51.49 + ((i * 104_729) % 10_009) / 200_180).toFixed(6);
    lines.push(`${idPrefix}-${i},2025-${month}-${day}T${hour}:00,${CATEGORIES[i % CATEGORIES.length]},${lng},${lat}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A database with accounts, a token and one imported partner file, closed (no WAL left). */
async function baselineDatabase(path: string): Promise<string> {
  mkdirSync(join(path, '..'), { recursive: true });
  const db = openDatabase(path);
  // Real time: the spawned server checks the token's expiry against the wall clock.
  seedTestAccounts(db, new Date());
  const token = createApiToken(db, 'analyst', 'crash test', new Date());
  // Used just now: the server records a token's use at most hourly, so the upload's own sign-in
  // writes nothing and the database before and after the kill can be compared row for row.
  db.prepare('UPDATE api_tokens SET last_used_at = ?').run(new Date().toISOString());
  // The server records the disclosure rules it starts with once (decision 036): recorded here, so it writes nothing new.
  recordRulesInForce(db, DEFAULT_DISCLOSURE_RULES, 'defaults', new Date());
  const small = join(path, '..', 'baseline.csv');
  writeFileSync(small, partnerCsv(500, 'B'));
  const outcome = await runImport(
    { db, importedBy: 'test', now: NOW },
    { kind: 'partner', source: 'baseline', columns: {}, allowRejected: false },
    { input: { path: small }, fileName: 'baseline.csv' },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problem));
  db.close();
  return token;
}

function openAndRead(path: string): { integrity: string[]; rows: DatabaseRows } {
  const db = openDatabase(path);
  try {
    return { integrity: integrityCheck(db), rows: allRows(db) };
  } finally {
    db.close();
  }
}

const walSize = (dbPath: string) => (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);

/**
 * Waits until the import's transaction is writing to the WAL, then kill -9. Resolves false if the
 * process ended, or `finished` resolved (the upload was answered), before that.
 */
async function killWhenWriting(running: Running, dbPath: string, finished: Promise<unknown> = running.exited): Promise<boolean> {
  let done = false;
  void finished.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    if (walSize(dbPath) > WAL_WRITING_BYTES) {
      await killHard(running);
      return true;
    }
    await sleep(1);
  }
  return false;
}

interface Attempt {
  rows: number;
  /** Why the attempt proved nothing, if it did not. */
  missed?: string;
}

/**
 * Runs `attempt` on files of FIRST_ROWS, then twice, four times as many rows, until one kill lands
 * inside the import's transaction; fails with what each attempt saw if none does.
 */
async function untilCaughtMidTransaction(name: string, attempt: (dbPath: string, csvPath: string, token: string) => Promise<Attempt>) {
  const seen: string[] = [];
  for (let n = 0, rows = FIRST_ROWS; n < ATTEMPTS; n++, rows *= 2) {
    const dbPath = join(dir, `${name}-${n}`, 'tasking.db');
    const token = await baselineDatabase(dbPath);
    const before = openAndRead(dbPath);
    expect(before.integrity).toEqual(['ok']);
    const csvPath = join(dir, `${name}-${n}`, 'large.csv');
    writeFileSync(csvPath, partnerCsv(rows, `L${n}`));

    const result = await attempt(dbPath, csvPath, token);
    if (result.missed) {
      seen.push(`${rows.toLocaleString('en-GB')} rows: ${result.missed}`);
      continue;
    }
    // Read before opening: opening the database may reset the WAL.
    const wal = walFrames(`${dbPath}-wal`);
    if (wal.uncommitted === 0) {
      seen.push(`${rows.toLocaleString('en-GB')} rows: killed after the transaction committed (${wal.frames} WAL frames, all committed)`);
      continue;
    }
    const after = openAndRead(dbPath);
    expect(after.integrity).toEqual(['ok']);
    expect(after.rows).toEqual(before.rows);
    return { dbPath, token, rows, uncommittedFrames: wal.uncommitted };
  }
  throw new Error(`No kill landed inside the import's transaction, so this test proved nothing:\n  ${seen.join('\n  ')}`);
}

describe('kill -9 mid-import', () => {
  it('from the CLI: the database passes its integrity check and holds exactly what it held before', async () => {
    const caught = await untilCaughtMidTransaction('cli', async (dbPath, csvPath) => {
      const run = startScript('scripts/import.ts', ['partner', '--source', 'crash-test', '--db', dbPath, csvPath]);
      if (await killWhenWriting(run, dbPath)) return { rows: 0 };
      const end = await run.exited;
      return { rows: 0, missed: `the import finished first (exit ${end.code}) ${end.stderr.trim()}` };
    });
    expect(caught.uncommittedFrames).toBeGreaterThan(0);
  }, 60_000);
});

/** POST /api/imports/partner with `body` as the file; `answered` settles with the status, or the connection's failure. */
function startUpload(url: string, token: string, length: number): { request: ClientRequest; answered: Promise<number> } {
  const upload = request(`${url}/api/imports/partner?source=crash-upload&fileName=large.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': length },
  });
  const answered = new Promise<number>((resolve, reject) => {
    upload.once('response', (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    upload.once('error', reject);
  });
  return { request: upload, answered };
}

describe('kill -9 of the server during an upload', () => {
  it('mid-upload (half the file sent): the database holds exactly what it held before', async () => {
    const dbPath = join(dir, 'upload-half', 'tasking.db');
    const token = await baselineDatabase(dbPath);
    const before = openAndRead(dbPath);
    const body = Buffer.from(partnerCsv(FIRST_ROWS, 'H'));
    const server = await startServerProcess(dbPath);
    const upload = startUpload(server.url, token, body.length);
    upload.answered.catch(() => undefined);
    // More than the sockets buffer between the two processes: 'drain' means the server is reading.
    if (!upload.request.write(body.subarray(0, body.length / 2))) await once(upload.request, 'drain');
    const end = await killHard(server);
    expect(end.signal).toBe('SIGKILL');
    await expect(upload.answered).rejects.toThrow();

    const after = openAndRead(dbPath);
    expect(after.integrity).toEqual(['ok']);
    expect(after.rows).toEqual(before.rows);
  }, 60_000);

  it('mid-store: the database holds exactly what it held before, and the server starts again on it', async () => {
    const caught = await untilCaughtMidTransaction('upload', async (dbPath, csvPath, token) => {
      const body = readFileSync(csvPath);
      const server = await startServerProcess(dbPath);
      const upload = startUpload(server.url, token, body.length);
      upload.request.end(body);
      if (await killWhenWriting(server, dbPath, upload.answered)) {
        await upload.answered.catch(() => undefined);
        return { rows: 0 };
      }
      const status = await upload.answered.catch((error: Error) => error.message);
      await killHard(server);
      return { rows: 0, missed: `the server answered the upload (${status}) before its transaction reached the WAL` };
    });
    expect(caught.uncommittedFrames).toBeGreaterThan(0);

    // The lock the killed server left is stale: a new server starts, and lists only the batch from before.
    const server = await startServerProcess(caught.dbPath);
    try {
      const res = await fetch(`${server.url}/api/imports`, { headers: { authorization: `Bearer ${caught.token}` } });
      expect(res.status).toBe(200);
      const { batches } = (await res.json()) as { batches: { source: string }[] };
      expect(batches.map((b) => b.source)).toEqual(['baseline']);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(existsSync(`${caught.dbPath}.lock`)).toBe(false);
  }, 60_000);
});
