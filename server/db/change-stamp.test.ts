// The per-request memo on a real database file with two connections: the server's and one
// standing for a CLI run (a revocation, an import) in another process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, listApiTokens, principalOfApiToken, revokeApiToken } from '../auth/auth-queries';
import { changeStamp, keptAnswerCount, sinceLastChange } from './change-stamp';
import { openDatabase, type Db } from './open-database';

let dir: string;
let server: Db;
let cli: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'change-stamp-'));
  server = openDatabase(join(dir, 'app.db'));
  cli = openDatabase(join(dir, 'app.db'));
});

afterEach(() => {
  server.close();
  cli.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Requests that arrive in one turn of the event loop share one look at other connections' commits. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const countTokens = (db: Db) => db.prepare('SELECT count(*) FROM api_tokens').pluck().get() as number;

describe('sinceLastChange', () => {
  it('keeps an answer while nothing is written, and drops it when another connection commits', async () => {
    let computed = 0;
    const ask = () => sinceLastChange(server, 'tokens', () => (computed++, countTokens(server)));
    expect(ask()).toBe(0);
    expect(ask()).toBe(0);
    expect(computed).toBe(1);
    createApiToken(cli, 'analyst', 'from the CLI', new Date());
    await nextTurn();
    expect(ask()).toBe(1);
    expect(computed).toBe(2);
  });

  it('drops it when this connection writes', () => {
    const ask = () => sinceLastChange(server, 'tokens', () => countTokens(server));
    expect(ask()).toBe(0);
    createApiToken(server, 'analyst', 'from a page', new Date());
    expect(ask()).toBe(1);
  });

  it('moves the stamp on a commit elsewhere (seen from the next turn) but not on a read', async () => {
    const before = changeStamp(server);
    countTokens(cli);
    await nextTurn();
    expect(changeStamp(server)).toBe(before);
    createApiToken(cli, 'planner', 'x', new Date());
    await nextTurn();
    expect(changeStamp(server)).not.toBe(before);
  });
});

describe('API tokens through the memo', () => {
  it('a token revoked by another process is refused on the next request', async () => {
    const now = new Date();
    const token = createApiToken(server, 'analyst', 'meeting screen', now);
    expect(principalOfApiToken(server, token, now)?.role).toBe('analyst');
    const [record] = listApiTokens(cli);
    expect(revokeApiToken(cli, record!.id, now)).toBe('revoked');
    await nextTurn();
    expect(principalOfApiToken(server, token, now)).toBeNull();
  });

  it('a token past its expiry is refused without any write in between', () => {
    const now = new Date('2026-12-02T09:00:00Z');
    const token = createApiToken(server, 'analyst', 'two days', now, 2);
    expect(principalOfApiToken(server, token, new Date('2026-12-04T08:59:00Z'))?.role).toBe('analyst');
    expect(principalOfApiToken(server, token, new Date('2026-12-04T09:01:00Z'))).toBeNull();
  });

  it('an unknown token is refused, and a stream of them does not grow the memo past its bound', () => {
    const now = new Date();
    for (let i = 0; i < 3000; i++) expect(principalOfApiToken(server, `made-up-${i}`, now)).toBeNull();
    expect(keptAnswerCount(server)).toBeGreaterThan(0);
    expect(keptAnswerCount(server)).toBeLessThanOrEqual(1024);
    const token = createApiToken(server, 'chair', 'real', now);
    expect(principalOfApiToken(server, token, now)?.role).toBe('chair');
  });
});
