import type { Db } from '../db/open-database';
import type { Principal } from '../app-env';
import { ROLES, type Role } from './roles';
import { hashPassword, newSecret, sha256Hex, verifyPassword } from './passwords';

const SESSION_DAYS = 7;
/** Prefix makes leaked tokens easy to spot in logs and secret scanners. */
export const TOKEN_PREFIX = 'tm_';

function toRole(value: unknown): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new Error(`stored role ${String(value)} is not one of ${ROLES.join(', ')}`);
  return role;
}

export function createUser(db: Db, user: { username: string; displayName: string; role: Role; password: string }, now: Date): void {
  db.prepare('INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
    user.username,
    user.displayName,
    user.role,
    hashPassword(user.password),
    now.toISOString(),
  );
}

export function countUsers(db: Db): number {
  return Number(db.prepare('SELECT count(*) FROM users').pluck().get());
}

export interface UserSummary {
  username: string;
  name: string;
  role: Role;
}

/** Signed-in staff (every role but public), e.g. the people who may own a tasking. */
export function listStaffUsers(db: Db): UserSummary[] {
  const rows = db.prepare("SELECT username, display_name, role FROM users WHERE role != 'public' ORDER BY display_name").all() as {
    username: string;
    display_name: string;
    role: string;
  }[];
  return rows.map((r) => ({ username: r.username, name: r.display_name, role: toRole(r.role) }));
}

export function checkPassword(db: Db, username: string, password: string): Principal | null {
  const row = db.prepare('SELECT username, display_name, role, password_hash FROM users WHERE username = ?').get(username) as
    { username: string; display_name: string; role: string; password_hash: string } | undefined;
  // Verify against a dummy hash when the user is unknown so timing does not reveal names.
  const ok = verifyPassword(password, row?.password_hash ?? dummyHash());
  if (!row || !ok) return null;
  return { id: `user:${row.username}`, name: row.display_name, role: toRole(row.role) };
}
let dummy: string | null = null;
function dummyHash(): string {
  dummy ??= hashPassword('not a real password');
  return dummy;
}

export function createSession(db: Db, username: string, now: Date): { token: string; expiresAt: Date } {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) SELECT ?, id, ?, ? FROM users WHERE username = ?').run(
    sha256Hex(token),
    now.toISOString(),
    expiresAt.toISOString(),
    username,
  );
  return { token, expiresAt };
}

export function principalOfSession(db: Db, token: string, now: Date): Principal | null {
  const row = db
    .prepare(
      `SELECT u.username, u.display_name, u.role FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
    )
    .get(sha256Hex(token), now.toISOString()) as { username: string; display_name: string; role: string } | undefined;
  return row ? { id: `user:${row.username}`, name: row.display_name, role: toRole(row.role) } : null;
}

export function deleteSession(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(sha256Hex(token));
}

export function createApiToken(db: Db, role: Role, label: string, now: Date): string {
  const token = TOKEN_PREFIX + newSecret();
  db.prepare('INSERT INTO api_tokens (token_hash, label, role, created_at) VALUES (?, ?, ?, ?)').run(sha256Hex(token), label, role, now.toISOString());
  return token;
}

export function principalOfApiToken(db: Db, token: string): Principal | null {
  const row = db.prepare('SELECT label, role FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL').get(sha256Hex(token)) as
    { label: string; role: string } | undefined;
  return row ? { id: `token:${row.label}`, name: row.label, role: toRole(row.role) } : null;
}

/** Demo accounts, one per role, documented in the README. Only seeded into an empty users table. */
export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role; password: string }[] = [
  { username: 'chair', displayName: 'Demo tasking chair', role: 'chair', password: 'chair-demo-password' },
  { username: 'planner', displayName: 'Demo THEO planner', role: 'planner', password: 'planner-demo-password' },
  { username: 'analyst', displayName: 'Demo analyst', role: 'analyst', password: 'analyst-demo-password' },
  { username: 'public', displayName: 'Demo Safer Neighbourhood Board member', role: 'public', password: 'public-demo-password' },
];

// scrypt is slow on purpose; a process that seeds many databases (the test suite) hashes
// each demo password once.
const demoHashes = new Map<string, string>();

export function seedDemoAccounts(db: Db, now: Date): number {
  if (countUsers(db) > 0) return 0;
  const insert = db.prepare('INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const account of DEMO_ACCOUNTS) {
    let hash = demoHashes.get(account.username);
    if (!hash) {
      hash = hashPassword(account.password);
      demoHashes.set(account.username, hash);
    }
    insert.run(account.username, account.displayName, account.role, hash, now.toISOString());
  }
  return DEMO_ACCOUNTS.length;
}
