// Migration 006 on a database written before accounts could be disabled or tokens expire.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/open-database';
import { listApiTokens, listUsers } from './auth-queries';

describe('upgrading accounts (migration 006)', () => {
  it('marks the demo accounts seeded before as demo, keeps other accounts, and gives live tokens 90 days', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'accounts-006-')), 'old.db');
    const old = new Database(path);
    migrate(old, 5);
    const user = old.prepare(
      "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, 'scrypt$x', '2026-01-01T00:00:00.000Z')",
    );
    user.run('chair', 'Demo tasking chair', 'chair');
    user.run('analyst', 'Demo analyst', 'analyst');
    // A real account that happens to be called "planner" is not a demo account.
    user.run('planner', 'Sam Patel', 'planner');
    const token = old.prepare(
      "INSERT INTO api_tokens (token_hash, label, role, created_at, revoked_at) VALUES (?, ?, 'analyst', '2026-01-01T00:00:00.000Z', ?)",
    );
    token.run('h1', 'nightly', null);
    token.run('h2', 'old', '2026-02-01T00:00:00.000Z');
    old.close();

    const before = Date.now();
    const db = openDatabase(path);
    expect(listUsers(db).map((u) => [u.username, u.demo, u.disabledAt])).toEqual([
      ['analyst', true, null],
      ['chair', true, null],
      ['planner', false, null],
    ]);
    const [live, revoked] = listApiTokens(db);
    const days = (Date.parse(live!.expiresAt!) - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);
    expect(revoked!.expiresAt).toBeNull();
    db.close();
  });
});
