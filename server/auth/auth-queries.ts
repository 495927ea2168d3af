// The owner of the auth tables: users, sessions and api_tokens. Secrets are stored only as
// hashes (scrypt for passwords, SHA-256 for session cookies and tokens).
import { prepared } from '../db/statement-cache';
import { sinceLastChange } from '../db/change-stamp';
import type { Db } from '../db/open-database';
import type { Principal } from '../app-env';
import { ROLES, type Role } from './roles';
import { hashPassword, newSecret, sha256Hex } from './passwords';

/** Prefix makes leaked tokens easy to spot in logs and secret scanners. */
export const TOKEN_PREFIX = 'tm_';
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;

/** How long a session lives: it ends after `idleMinutes` without a request, and `maxHours` after sign-in whatever happens. */
export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}
/** A meeting can sit on one view for an hour; a session never outlives a working day. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 120, maxHours: 12 };
/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

function toRole(value: unknown): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new Error(`stored role ${String(value)} is not one of ${ROLES.join(', ')}`);
  return role;
}

// ---------------------------------------------------------------------------------------
// Users

export interface AccountInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/** Creates an account (names and passwords checked by the caller: account-rules.ts); false when the name is taken. */
export function createUser(db: Db, user: AccountInput, now: Date): boolean {
  const result = db
    .prepare('INSERT OR IGNORE INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(user.username, user.displayName, user.role, hashPassword(user.password), now.toISOString());
  return result.changes === 1;
}

export function countUsers(db: Db): number {
  return Number(db.prepare('SELECT count(*) FROM users').pluck().get());
}

/** Accounts that can sign in on this database: enabled, and not demo accounts unless it holds the demo data. */
export function countUsableAccounts(db: Db, demoData: boolean): number {
  return Number(
    db
      .prepare('SELECT count(*) FROM users WHERE disabled_at IS NULL AND (demo = 0 OR ?)')
      .pluck()
      .get(demoData ? 1 : 0),
  );
}

export interface UserSummary {
  username: string;
  name: string;
  role: Role;
}

/** Partnership staff (chair, planner, analyst; enabled accounts), e.g. the people who may own a tasking. */
export function listStaffUsers(db: Db): UserSummary[] {
  const rows = db
    .prepare("SELECT username, display_name, role FROM users WHERE role IN ('chair', 'planner', 'analyst') AND disabled_at IS NULL ORDER BY display_name")
    .all() as {
    username: string;
    display_name: string;
    role: string;
  }[];
  return rows.map((r) => ({ username: r.username, name: r.display_name, role: toRole(r.role) }));
}

/** Enabled officer accounts (decision 038), the people a planner names on a patrol plan. */
export function listOfficers(db: Db): { username: string; name: string }[] {
  const rows = db.prepare("SELECT username, display_name FROM users WHERE role = 'officer' AND disabled_at IS NULL ORDER BY display_name, username").all() as {
    username: string;
    display_name: string;
  }[];
  return rows.map((r) => ({ username: r.username, name: r.display_name }));
}

export interface UserRecord extends UserSummary {
  demo: boolean;
  disabledAt: string | null;
  createdAt: string;
  lastSignInAt: string | null;
}

export function listUsers(db: Db): UserRecord[] {
  const rows = db.prepare('SELECT username, display_name, role, demo, disabled_at, created_at, last_sign_in_at FROM users ORDER BY username').all() as {
    username: string;
    display_name: string;
    role: string;
    demo: number;
    disabled_at: string | null;
    created_at: string;
    last_sign_in_at: string | null;
  }[];
  return rows.map((r) => ({
    username: r.username,
    name: r.display_name,
    role: toRole(r.role),
    demo: r.demo === 1,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
  }));
}

export interface SignInAccount {
  id: number;
  username: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  demo: boolean;
}

export function accountForSignIn(db: Db, username: string): SignInAccount | null {
  const row = db.prepare('SELECT id, username, display_name, role, password_hash, disabled_at, demo FROM users WHERE username = ?').get(username) as
    { id: number; username: string; display_name: string; role: string; password_hash: string; disabled_at: string | null; demo: number } | undefined;
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    name: row.display_name,
    role: toRole(row.role),
    passwordHash: row.password_hash,
    disabled: row.disabled_at !== null,
    demo: row.demo === 1,
  };
}

export function recordSignIn(db: Db, userId: number, now: Date): void {
  db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(now.toISOString(), userId);
}

/** Sets a new password and ends the account's sessions; false when there is no such account. */
export function setPassword(db: Db, username: string, password: string): boolean {
  const hash = hashPassword(password);
  return db
    .transaction(() => {
      const changed = db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(hash, username).changes === 1;
      if (changed) db.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)').run(username);
      return changed;
    })
    .immediate();
}

/** Disables (ending its sessions) or re-enables an account; false when there is no such account. */
export function setDisabled(db: Db, username: string, disabled: boolean, now: Date): boolean {
  return db
    .transaction(() => {
      const changed = db.prepare('UPDATE users SET disabled_at = ? WHERE username = ?').run(disabled ? now.toISOString() : null, username).changes === 1;
      if (changed && disabled) db.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)').run(username);
      return changed;
    })
    .immediate();
}

/** Demo accounts, one per role, documented in the README. Seeded only into a database that holds the demo data. */
export const DEMO_ACCOUNTS: readonly AccountInput[] = [
  { username: 'chair', displayName: 'Demo tasking chair', role: 'chair', password: 'chair-demo-password' },
  { username: 'planner', displayName: 'Demo THEO planner', role: 'planner', password: 'planner-demo-password' },
  { username: 'analyst', displayName: 'Demo analyst', role: 'analyst', password: 'analyst-demo-password' },
  { username: 'public', displayName: 'Demo Safer Neighbourhood Board member', role: 'public', password: 'public-demo-password' },
  { username: 'officer', displayName: 'Demo THEO officer', role: 'officer', password: 'officer-demo-password' },
];

// scrypt is slow on purpose; a process that seeds many databases (the test suite) hashes
// each password once.
const hashes = new Map<string, string>();
function cachedHash(password: string): string {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

/** Adds the demo accounts whose names are free (marked demo); returns how many it added. */
export function seedDemoAccounts(db: Db, now: Date): number {
  return insertAccounts(db, DEMO_ACCOUNTS, now, true);
}

/**
 * Ordinary (not demo) accounts with the demo accounts' names and passwords, for tests that
 * sign in on a database without the demo data.
 */
export function seedTestAccounts(db: Db, now: Date): number {
  return insertAccounts(db, DEMO_ACCOUNTS, now, false);
}

function insertAccounts(db: Db, accounts: readonly AccountInput[], now: Date, demo: boolean): number {
  const insert = db.prepare('INSERT OR IGNORE INTO users (username, display_name, role, password_hash, created_at, demo) VALUES (?, ?, ?, ?, ?, ?)');
  let added = 0;
  for (const a of accounts) added += insert.run(a.username, a.displayName, a.role, cachedHash(a.password), now.toISOString(), demo ? 1 : 0).changes;
  return added;
}

/** Enabled demo accounts' names. */
export function enabledDemoAccounts(db: Db): string[] {
  return db.prepare('SELECT username FROM users WHERE demo = 1 AND disabled_at IS NULL ORDER BY username').pluck().all() as string[];
}

// ---------------------------------------------------------------------------------------
// Sessions

export function createSession(db: Db, userId: number, now: Date, policy: SessionPolicy): { token: string; expiresAt: Date } {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + policy.maxHours * 3_600_000);
  db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(
    sha256Hex(token),
    userId,
    now.toISOString(),
    expiresAt.toISOString(),
    now.toISOString(),
  );
  return { token, expiresAt };
}

/** The signed-in person behind a session cookie, or null when it is unknown, idle too long, past its lifetime, or the account is disabled. */
export function principalOfSession(db: Db, token: string, now: Date, policy: SessionPolicy): Principal | null {
  const idleSince = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  const hash = sha256Hex(token);
  const row = prepared(
    db,
    `SELECT u.username, u.display_name, u.role, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? AND u.disabled_at IS NULL`,
  ).get(hash, now.toISOString(), idleSince) as { username: string; display_name: string; role: string; last_seen_at: string } | undefined;
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
    prepared(db, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), hash);
  }
  return { id: `user:${row.username}`, name: row.display_name, role: toRole(row.role) };
}

export function deleteSession(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(sha256Hex(token));
}

/** Deletes sessions past their lifetime or idle too long, and those of demo accounts when `demoData` is false; returns how many. */
export function purgeSessions(db: Db, now: Date, policy: SessionPolicy, demoData: boolean): number {
  const idleSince = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  return db
    .prepare(
      `DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?
         OR (? = 0 AND user_id IN (SELECT id FROM users WHERE demo = 1))`,
    )
    .run(now.toISOString(), idleSince, demoData ? 1 : 0).changes;
}

// ---------------------------------------------------------------------------------------
// API tokens

export function createApiToken(db: Db, role: Role, label: string, now: Date, days = DEFAULT_TOKEN_DAYS): string {
  const token = TOKEN_PREFIX + newSecret();
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  db.prepare('INSERT INTO api_tokens (token_hash, label, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
    sha256Hex(token),
    label,
    role,
    now.toISOString(),
    expiresAt,
  );
  return token;
}

export function principalOfApiToken(db: Db, token: string, now: Date): Principal | null {
  const hash = sha256Hex(token);
  // Kept until the database changes (a revocation by the CLI or a page moves it); expiry is checked here on every call.
  const row = sinceLastChange(
    db,
    `api-token:${hash}`,
    () =>
      (prepared(db, 'SELECT id, label, role, last_used_at, expires_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL').get(hash) as
        { id: number; label: string; role: string; last_used_at: string | null; expires_at: string | null } | undefined) ?? null,
  );
  if (!row || row.expires_at === null || !(row.expires_at > now.toISOString())) return null;
  // When a token was last used, to the hour: enough to find unused ones, without a write per request.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= 3_600_000) {
    prepared(db, 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.id);
  }
  return { id: `token:${row.label}`, name: row.label, role: toRole(row.role) };
}

export interface ApiTokenRecord {
  id: number;
  label: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function listApiTokens(db: Db): ApiTokenRecord[] {
  const rows = db.prepare('SELECT id, label, role, created_at, expires_at, last_used_at, revoked_at FROM api_tokens ORDER BY id').all() as {
    id: number;
    label: string;
    role: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    role: toRole(r.role),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes a token by its secret (the server's own short-lived tokens, e.g. for printing a page to PDF); false when unknown or already revoked. */
export function revokeApiTokenBySecret(db: Db, token: string, now: Date): boolean {
  return db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now.toISOString(), sha256Hex(token)).changes === 1;
}

export function revokeApiToken(db: Db, id: number, now: Date): 'revoked' | 'already-revoked' | 'unknown' {
  const row = db.prepare('SELECT revoked_at FROM api_tokens WHERE id = ?').get(id) as { revoked_at: string | null } | undefined;
  if (!row) return 'unknown';
  if (row.revoked_at) return 'already-revoked';
  db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(now.toISOString(), id);
  return 'revoked';
}
