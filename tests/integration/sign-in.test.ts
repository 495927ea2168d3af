// Sign-in over real HTTP on a SQLite file (issue 10): throttling, a responsive server while
// passwords are checked, body limits, demo and disabled accounts, session and token lifetimes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateAppOptions } from '../../server/app';
import { createApiToken, seedDemoAccounts, seedTestAccounts, setDisabled } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { storeIncidents } from '../store-incidents';
import { startServer, type RunningServer } from './http-server';

const START = new Date('2026-11-30T09:00:00Z');
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A server on a fresh database; `setup` runs on the file before the server opens it. A clock the test moves. */
async function serve(setup: (db: ReturnType<typeof openDatabase>) => void, options: Partial<CreateAppOptions> = {}) {
  const path = join(mkdtempSync(join(tmpdir(), 'sign-in-')), 'tm.db');
  const db = openDatabase(path);
  setup(db);
  db.close();
  const clock = { now: START };
  server = await startServer(path, () => clock.now, options);
  return { url: server.url, clock, db: server.db };
}

function login(url: string, username: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tasking-map': '1', ...headers },
    body: JSON.stringify({ username, password }),
  });
}

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

const advance = (clock: { now: Date }, minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000));

describe('sign-in', () => {
  it('answers /api/health at once while 16 sign-ins from 16 addresses have their wrong passwords checked', async () => {
    // Behind a proxy, so each attempt can come from an address of its own: none is turned away early.
    const { url } = await serve((db) => seedTestAccounts(db, START), { trustProxy: true });
    const attempts = Array.from({ length: 16 }, (_, i) =>
      login(url, `nobody-${i}`, 'wrong password', { 'x-forwarded-for': `192.0.2.${i + 1}` }).then((res) => ({ status: res.status, at: performance.now() })),
    );
    // Let the requests reach the server and start hashing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await fetch(`${url}/api/health`);
    const healthAt = performance.now();
    expect(health.status).toBe(200);
    const results = await Promise.all(attempts);
    // Causal, not timed (a timed bound failed on a busy shared machine): every password was
    // checked, and health answered before most of them were; a blocking hash would hold it until
    // the one in progress ended, so the hashes would finish first.
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(401));
    expect(results.filter((r) => r.at > healthAt).length).toBeGreaterThan(8);
  });

  it('turns away parallel guesses from one address beyond the four it may have in flight', async () => {
    const { url } = await serve((db) => seedTestAccounts(db, START));
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => login(url, `nobody-${i}`, 'wrong password').then((res) => res.status)));
    expect(statuses.filter((s) => s === 401).length).toBe(4);
    expect(statuses.filter((s) => s === 429).length).toBe(4);
  });

  it('answers 429 with Retry-After after five wrong passwords, and lets the right one in once the wait is over', async () => {
    const { url, clock } = await serve((db) => seedTestAccounts(db, START));
    for (let i = 0; i < 5; i++) expect((await login(url, 'chair', 'wrong password')).status).toBe(401);
    const refused = await login(url, 'chair', 'chair-demo-password');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await errorOf(refused)).toMatchObject({ code: 'too_many_sign_ins', message: 'Too many wrong passwords: try again in 30 seconds.' });
    advance(clock, 0.5);
    expect((await login(url, 'chair', 'chair-demo-password')).status).toBe(200);
  });

  it('refuses a 1 MB sign-in body without reading it, and any JSON body over 256 KB', async () => {
    const { url } = await serve((db) => seedTestAccounts(db, START));
    const big = JSON.stringify({ username: 'chair', password: 'x'.repeat(1024 * 1024) });
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tasking-map': '1' }, body: big });
    expect(await errorOf(res)).toEqual({ status: 413, code: 'too_large', message: 'A sign-in is a user name and a password; this request is far larger.' });
    const token = createApiToken(server!.db, 'chair', 'test', START);
    const tasking = await fetch(`${url}/api/taskings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'x'.repeat(300 * 1024) }),
    });
    expect(await errorOf(tasking)).toMatchObject({ status: 413, code: 'too_large' });
  });

  it('refuses the published demo accounts on a database without the demo data, and lets them in where it is', async () => {
    const real = await serve((db) => {
      seedDemoAccounts(db, START);
      storeIncidents(db, [{ sourceRecordId: null, category: 'robbery', occurredAt: '2026-11-01', precision: 'day', lng: -0.05, lat: 51.52 }], 'met-cad');
    });
    expect(await errorOf(await login(real.url, 'analyst', 'analyst-demo-password'))).toEqual({
      status: 403,
      code: 'demo_account',
      message: 'Demo accounts sign in only on the demo database. Ask whoever runs Tasking Map for an account.',
    });
    // A wrong password says nothing about the account.
    expect((await errorOf(await login(real.url, 'analyst', 'wrong password'))).code).toBe('bad_credentials');
    await server!.close();
    server = null;
    const demo = await serve((db) => {
      seedDemoAccounts(db, START);
      storeIncidents(db, [{ sourceRecordId: null, category: 'robbery', occurredAt: '2026-11-01', precision: 'day', lng: -0.05, lat: 51.52 }], 'demo');
    });
    expect((await login(demo.url, 'analyst', 'analyst-demo-password')).status).toBe(200);
  });

  it('refuses a disabled account, and disabling ends its sessions', async () => {
    const { url, db } = await serve((db) => seedTestAccounts(db, START));
    const signedIn = await login(url, 'planner', 'planner-demo-password');
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const me = async () => ((await (await fetch(`${url}/api/auth/me`, { headers: { cookie } })).json()) as { user: unknown }).user;
    expect(await me()).toEqual({ name: 'Demo THEO planner', role: 'planner' });
    setDisabled(db, 'planner', true, START);
    expect(await me()).toBeNull();
    expect(await errorOf(await login(url, 'planner', 'planner-demo-password'))).toMatchObject({ status: 403, code: 'account_disabled' });
  });

  it('ends a session after two idle hours, keeps one in use, and ends every session twelve hours after sign-in', async () => {
    const { url, clock } = await serve((db) => seedTestAccounts(db, START));
    const cookieOf = async () => (await login(url, 'chair', 'chair-demo-password')).headers.get('set-cookie')!.split(';')[0]!;
    const signedIn = async (cookie: string) => ((await (await fetch(`${url}/api/auth/me`, { headers: { cookie } })).json()) as { user: unknown }).user !== null;
    const idle = await cookieOf();
    advance(clock, 121);
    expect(await signedIn(idle)).toBe(false);

    const used = await cookieOf();
    for (let hour = 0; hour < 11; hour++) {
      advance(clock, 60);
      expect(await signedIn(used)).toBe(true);
    }
    advance(clock, 61);
    expect(await signedIn(used)).toBe(false);
  });

  it('refuses an expired API token, saying how to get a new one', async () => {
    const { url, clock, db } = await serve(() => {});
    const token = createApiToken(db, 'analyst', 'nightly export', START, 1);
    const health = () => fetch(`${url}/api/imports`, { headers: { authorization: `Bearer ${token}` } });
    expect((await health()).status).toBe(200);
    advance(clock, 24 * 60 + 1);
    expect(await errorOf(await health())).toEqual({
      status: 401,
      code: 'unauthenticated',
      message: 'That API token is unknown, revoked or expired; create one with npm run token.',
    });
  });
});
