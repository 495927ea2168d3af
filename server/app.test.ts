import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { assertEveryRouteDeclaresRoles, createApp } from './app';
import type { AppEnv } from './app-env';
import { createApiToken, seedTestAccounts } from './auth/auth-queries';
import { allow, STAFF } from './auth/roles';
import { openDatabase } from './db/open-database';

const NOW = new Date('2026-11-20T09:00:00Z');

function setup() {
  const db = openDatabase(':memory:');
  seedTestAccounts(db, NOW);
  let now = NOW;
  const app = createApp({ db, clock: () => now, secureCookies: true });
  return { db, app, advance: (days: number) => (now = new Date(now.getTime() + days * 86_400_000)) };
}

async function login(app: ReturnType<typeof createApp>, username: string, password: string) {
  return app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tasking-map': '1' },
    body: JSON.stringify({ username, password }),
  });
}

const CELLS = '/api/cells?group=robbery&from=2026-10-01&to=2026-11-01';

describe('sign-in and roles', () => {
  it('signs a demo user in with a secure HTTP-only session cookie that the API accepts', async () => {
    const { app } = setup();
    const res = await login(app, 'planner', 'planner-demo-password');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { name: 'Demo THEO planner', role: 'planner' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/tm_session=[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Strict');
    const session = cookie.split(';')[0]!;
    const me = await app.request('/api/auth/me', { headers: { cookie: session } });
    expect(await me.json()).toEqual({ user: { name: 'Demo THEO planner', role: 'planner' } });
    expect((await app.request(CELLS, { headers: { cookie: session } })).status).toBe(200);

    await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: session, 'x-tasking-map': '1' } });
    expect((await app.request(CELLS, { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const { app } = setup();
    for (const [user, password] of [
      ['chair', 'wrong'],
      ['nobody', 'chair-demo-password'],
    ] as const) {
      const res = await login(app, user, password);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'bad_credentials', message: 'That user name and password do not match.' } });
    }
  });

  it('expires sessions after a week', async () => {
    const { app, advance } = setup();
    const session = ((await login(app, 'chair', 'chair-demo-password')).headers.get('set-cookie') ?? '').split(';')[0]!;
    advance(8);
    expect((await app.request(CELLS, { headers: { cookie: session } })).status).toBe(401);
  });

  it('accepts personal API tokens and rejects unknown ones', async () => {
    const { app, db } = setup();
    const token = createApiToken(db, 'analyst', 'script', NOW);
    expect((await app.request(CELLS, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const res = await app.request(CELLS, { headers: { authorization: 'Bearer tm_madeup' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('npm run token');
  });

  it('denies by default: an app with a route that declares no roles is refused at start', () => {
    const careless = new Hono<AppEnv>().route(
      '/api',
      new Hono<AppEnv>().get('/declared', allow(...STAFF), (c) => c.text('ok')).get('/forgotten', (c) => c.text('leak')),
    );
    expect(() => assertEveryRouteDeclaresRoles(careless)).toThrow('GET /api/forgotten');
  });
});

describe('parameter errors name the parameter', () => {
  it.each([
    ['resolution=12', 'resolution: expected 7..10'],
    ['resolution=abc', 'resolution: expected a whole number 7..10'],
    ['categories=robery', 'categories: unknown category "robery"'],
    ['group=knives', 'group: unknown group'],
  ])('%s', async (param, message) => {
    const { app, db } = setup();
    const token = createApiToken(db, 'chair', 'test', NOW);
    const res = await app.request(`/api/cells?from=2026-10-01&to=2026-11-01&${param}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
  });

  it('says a window must run forwards and dates must be real', async () => {
    const { app, db } = setup();
    const token = createApiToken(db, 'chair', 'test', NOW);
    const headers = { authorization: `Bearer ${token}` };
    const backwards = await app.request('/api/cells?from=2026-11-01&to=2026-10-01', { headers });
    expect(((await backwards.json()) as { error: { message: string } }).error.message).toBe('to: must be after from (the window is [from, to))');
    const unreal = await app.request('/api/cells?from=2026-02-30&to=2026-03-10', { headers });
    expect(((await unreal.json()) as { error: { message: string } }).error.message).toBe('from: "2026-02-30" is not a real calendar date');
  });
});
