// What the real server does about accounts when it starts (issue 10): the published demo
// accounts exist only on a database holding the demo data, and a database without accounts
// says how to make the first one.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { storeIncidents } from '../store-incidents';
import { spawnServer, type SpawnedServer } from '../spawn-server';

let server: SpawnedServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'start-accounts-')), 'tm.db');
const login = (url: string, username: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tasking-map': '1' },
    body: JSON.stringify({ username, password }),
  });

describe('accounts at start-up', () => {
  it('creates no demo accounts on a fresh database with DEMO_DATA=off, and says how to create the first account', async () => {
    const path = dbPath();
    server = await spawnServer(path, { DEMO_DATA: 'off', COOKIE_SECURE: 'false', WEB_DIST: '/nonexistent' });
    expect(server.log()).toContain('No accounts yet. Create the first one with: npm run users -- add <user name> --role chair');
    const res = await login(server.baseUrl, 'analyst', 'analyst-demo-password');
    expect(res.status).toBe(401);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses demo accounts seeded into a real database by an earlier version, and says so', async () => {
    const path = dbPath();
    const db = openDatabase(path);
    seedDemoAccounts(db, new Date('2026-01-01T00:00:00Z'));
    storeIncidents(
      db,
      [{ sourceRecordId: 'CAD-1', category: 'robbery', occurredAt: '2026-11-01T20:00', precision: 'minute', lng: -0.05, lat: 51.52 }],
      'met-cad',
    );
    db.close();
    server = await spawnServer(path, { DEMO_DATA: 'auto', COOKIE_SECURE: 'false', WEB_DIST: '/nonexistent' });
    expect(server.log()).toContain('This database holds no demo data, so its demo accounts (analyst, chair, officer, planner, public) are refused at sign-in.');
    const res = await login(server.baseUrl, 'chair', 'chair-demo-password');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('demo_account');
  });

  it('seeds the demo accounts with the demo data on an empty database, and they sign in', async () => {
    server = await spawnServer(dbPath(), { DEMO_DATA: 'auto', COOKIE_SECURE: 'false', WEB_DIST: '/nonexistent' });
    expect(server.log()).toContain('This database holds the demo data, so the demo accounts sign in (seeded now)');
    expect((await login(server.baseUrl, 'planner', 'planner-demo-password')).status).toBe(200);
  });
});
