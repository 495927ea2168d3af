// Every /api/tasking* route in the app's own route table refuses the public role (403) and
// anonymous callers (401), so a route added later cannot slip through.
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createApiToken, seedDemoAccounts } from '../auth/auth-queries';
import { openDatabase } from '../db/open-database';

const NOW = new Date('2026-11-20T09:00:00Z');

function taskingRoutesOf(app: ReturnType<typeof createApp>) {
  const seen = new Set<string>();
  for (const route of app.routes) {
    if (!route.path.startsWith('/api/tasking') || route.method === 'ALL') continue;
    // A concrete path for each pattern: numeric ids for :id{[0-9]+}.
    seen.add(`${route.method} ${route.path.replace(/:[a-z]+(\{[^}]*\})?/gi, '1')}`);
  }
  return [...seen].sort().map((key) => key.split(' ') as [string, string]);
}

describe('tasking routes and who may call them', () => {
  const db = openDatabase(':memory:');
  seedDemoAccounts(db, NOW);
  const app = createApp({ db, clock: () => NOW });
  const publicToken = createApiToken(db, 'public', 'board member', NOW);
  const routes = taskingRoutesOf(app);

  it('finds the routes the issue names in the route table', () => {
    expect(routes.map(([method, path]) => `${method} ${path}`)).toEqual([
      'GET /api/tasking-options',
      'GET /api/taskings',
      'GET /api/taskings.geojson',
      'GET /api/taskings/1',
      'GET /api/taskings/1/history',
      'GET /api/taskings/1/results',
      'GET /api/taskings/1/visits',
      'PATCH /api/taskings/1',
      'POST /api/taskings',
      'POST /api/taskings/1/decisions',
      'POST /api/taskings/1/visits',
      'PUT /api/tasking-options',
    ]);
  });

  it.each(routes)('%s %s refuses the public role and anonymous callers', async (method, path) => {
    const body = method === 'GET' ? undefined : JSON.stringify({ version: 1 });
    const headers = { 'content-type': 'application/json', 'x-tasking-map': '1' };
    const anonymous = await app.request(path, { method, headers, ...(body ? { body } : {}) });
    expect(anonymous.status).toBe(401);
    const asPublic = await app.request(path, { method, headers: { ...headers, authorization: `Bearer ${publicToken}` }, ...(body ? { body } : {}) });
    expect(asPublic.status).toBe(403);
    expect(((await asPublic.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('lets the planner read and log visits but not create, decide or change the lists', async () => {
    const planner = createApiToken(db, 'planner', 'planner', NOW);
    const call = (method: string, path: string, body: unknown) =>
      app.request(path, { method, headers: { authorization: `Bearer ${planner}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await call('POST', '/api/taskings', {})).status).toBe(403);
    expect((await call('POST', '/api/taskings/1/decisions', { version: 1, decision: 'close', note: 'x' })).status).toBe(403);
    expect((await call('PUT', '/api/tasking-options', { tactics: [], teams: [] })).status).toBe(403);
    expect((await app.request('/api/taskings', { headers: { authorization: `Bearer ${planner}` } })).status).toBe(200);
    // Reaches the tasking lookup (404: none stored), so the role was let through.
    expect((await call('POST', '/api/taskings/1/visits', { startedAt: '2026-11-20T08:00', endedAt: '2026-11-20T08:15', officer: 'PC Patel' })).status).toBe(
      404,
    );
  });

  it('lets a chair change the tactic and team lists; a bad list is refused and the old one kept', async () => {
    const chair = createApiToken(db, 'chair', 'chair', NOW);
    const send = (method: string, body?: unknown) =>
      app.request('/api/tasking-options', {
        method,
        headers: { authorization: `Bearer ${chair}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const defaults = (await (await send('GET')).json()) as {
      tactics: { id: string }[];
      teams: { id: string }[];
      owners: { username: string }[];
      koper: { minMinutes: number };
    };
    expect(defaults.teams.map((t) => t.id)).toEqual(['ptf', 'theo', 'snt', 'exploitation-team', 'asb-investigations', 'cctv', 'other']);
    expect(defaults.tactics).toHaveLength(11);
    expect(defaults.owners.map((o) => o.username).sort()).toEqual(['analyst', 'chair', 'planner']);
    expect(defaults.koper.minMinutes).toBe(10);
    const lists = {
      tactics: [{ id: 'high-visibility-patrol', label: 'High-visibility patrol' }],
      teams: [{ id: 'night-time-economy', label: 'Night-time economy team' }],
    };
    expect((await send('PUT', lists)).status).toBe(200);
    expect(((await (await send('GET')).json()) as { teams: unknown[] }).teams).toEqual(lists.teams);
    const repeated = await send('PUT', { ...lists, teams: [lists.teams[0], lists.teams[0]] });
    expect(repeated.status).toBe(400);
    expect(((await repeated.json()) as { error: { message: string } }).error.message).toBe('teams: ids must differ');
    expect(((await (await send('GET')).json()) as { teams: unknown[] }).teams).toEqual(lists.teams);
  });
});
