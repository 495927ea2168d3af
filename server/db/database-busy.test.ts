// Two writers on one file: a connection waits its turn (busy_timeout), and if the other writer
// holds on past that, an upload says so in plain words and stores nothing. The waiting itself is
// tested with real processes in tests/integration/concurrent-imports.test.ts.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createApiToken } from '../auth/auth-queries';
import { BUSY_TIMEOUT_MS, DATABASE_BUSY_MESSAGE, isDatabaseBusy, openDatabase } from './open-database';

const NOW = new Date('2026-11-20T09:00:00Z');
const CSV = 'Month,Longitude,Latitude,Crime type\n2019-01,-0.0597,51.5194,Robbery\n';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'database-busy-'));
  path = join(dir, 'tasking.db');
  openDatabase(path).close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Another process's long write, as SQLite sees it: a second connection holding the write lock. */
function holdWriteLock(): () => void {
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

const batches = () => {
  const db = openDatabase(path);
  try {
    return Number(db.prepare('SELECT count(*) FROM import_batches').pluck().get());
  } finally {
    db.close();
  }
};

describe('a busy database', () => {
  it('makes every connection wait up to BUSY_TIMEOUT_MS for another writer', () => {
    const db = openDatabase(path);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    db.close();
  });

  it('is told apart from other SQLite errors', () => {
    const release = holdWriteLock();
    const db = new Database(path, { timeout: 0 });
    try {
      let caught: unknown;
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        caught = error;
      }
      expect(isDatabaseBusy(caught)).toBe(true);
      expect(isDatabaseBusy(new Error('database is locked'))).toBe(false);
      expect(() => db.exec('SELECT * FROM no_such_table')).toThrow();
    } finally {
      db.close();
      release();
    }
  });

  it('gets an upload a 503 database_busy saying what to do, nothing stored', async () => {
    const db = openDatabase(path);
    // No waiting here: the test holds the lock on this same thread.
    db.pragma('busy_timeout = 0');
    const app = createApp({ db, clock: () => NOW, uploadTempDir: dir });
    const token = createApiToken(db, 'analyst', 'test', NOW);
    // Used just now, so signing in with it writes nothing: the write that meets the lock is the import's.
    db.prepare('UPDATE api_tokens SET last_used_at = ?').run(NOW.toISOString());
    const release = holdWriteLock();
    try {
      const res = await app.request('/api/imports/police-uk', {
        method: 'POST',
        body: CSV,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.json()).toEqual({ error: { code: 'database_busy', message: DATABASE_BUSY_MESSAGE } });
    } finally {
      release();
      db.close();
    }
    expect(batches()).toBe(0);
  });
});
