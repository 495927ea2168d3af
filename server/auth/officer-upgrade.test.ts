// Migration 014 on a database at version 13 that holds accounts, sessions and tokens: the users
// and api_tokens tables are rebuilt to take the officer role, and nothing else changes: every
// row and id stays, and nobody is signed out.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/open-database';
import { createApiToken, createUser, DEFAULT_SESSION_POLICY, listApiTokens, listUsers, principalOfSession } from './auth-queries';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('upgrading to the officer role (migration 014)', () => {
  it('keeps every account, session and token of a version-13 database, and then takes officers', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'accounts-014-')), 'old.db');
    const old = new Database(path);
    // As the server opens it: foreign keys on, so dropping users would cascade into sessions.
    old.pragma('foreign_keys = ON');
    migrate(old, 13);
    expect(old.pragma('user_version', { simple: true })).toBe(13);
    const user = old.prepare(
      'INSERT INTO users (id, username, display_name, role, password_hash, created_at, disabled_at, demo, last_sign_in_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    user.run(7, 'jo', 'Jo Smith', 'chair', 'scrypt$x', '2026-01-01T00:00:00.000Z', null, 0, '2026-06-15T11:00:00.000Z');
    user.run(9, 'sam', 'Sam Patel', 'planner', 'scrypt$y', '2026-01-02T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 0, null);
    user.run(12, 'planner', 'Demo THEO planner', 'planner', 'scrypt$z', '2026-01-03T00:00:00.000Z', null, 1, null);
    // A live session of Jo's (the cookie value's hash is what is stored).
    old
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)')
      .run(
        'b3a8e0e1f9ab1b5a1a5e6c8d7f2b4a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a',
        7,
        '2026-06-15T11:00:00.000Z',
        '2026-06-15T23:00:00.000Z',
        '2026-06-15T11:30:00.000Z',
      );
    old
      .prepare(
        "INSERT INTO api_tokens (id, token_hash, label, role, created_at, revoked_at, expires_at, last_used_at) VALUES (4, 'h4', 'nightly', 'analyst', ?, NULL, ?, ?)",
      )
      .run('2026-01-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z', '2026-06-14T00:00:00.000Z');
    const before = {
      users: old.prepare('SELECT * FROM users ORDER BY id').all(),
      sessions: old.prepare('SELECT * FROM sessions').all(),
      tokens: old.prepare('SELECT * FROM api_tokens').all(),
    };
    // Version 13 refuses an officer.
    expect(() => user.run(13, 'theo', 'Theo Adams', 'officer', 'scrypt$w', '2026-01-01T00:00:00.000Z', null, 0, null)).toThrow(/CHECK constraint/);
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    expect(db.prepare('SELECT * FROM users ORDER BY id').all()).toEqual(before.users);
    expect(db.prepare('SELECT * FROM sessions').all()).toEqual(before.sessions);
    expect(db.prepare('SELECT * FROM api_tokens').all()).toEqual(before.tokens);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The temporary copy is gone, and the names are the old ones.
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '%014%'").all();
    expect(tables).toEqual([]);

    // Officers can be created and given tokens now; the old constraints still hold.
    expect(createUser(db, { username: 'theo.adams', displayName: 'Theo Adams', role: 'officer', password: 'a long enough password' }, NOW)).toBe(true);
    expect(listUsers(db).find((u) => u.username === 'theo.adams')?.role).toBe('officer');
    createApiToken(db, 'officer', 'phone test', NOW);
    expect(listApiTokens(db).map((t) => t.role)).toEqual(['analyst', 'officer']);
    expect(() => db.prepare("UPDATE users SET role = 'admin' WHERE username = 'jo'").run()).toThrow(/CHECK constraint/);
    expect(() =>
      db.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('jo', 'x', 'chair', 'h', 'now')").run(),
    ).toThrow(/UNIQUE/);
    // Sessions still belong to their accounts: deleting an account ends its sessions.
    db.prepare('DELETE FROM users WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    expect(principalOfSession(db, 'anything', NOW, DEFAULT_SESSION_POLICY)).toBeNull();
    db.close();
  });
});
