// Who may do what with taskings, as the README and decision 012 say: planners read, log visits
// and change team, owner and dosage; chairs and analysts also create, decide and change the
// lists. That every route refuses whoever its allow(...) does not name (the public role,
// anonymous callers) is checked for all routes at once in server/route-matrix.test.ts.
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createApiToken, seedDemoAccounts } from '../auth/auth-queries';
import { openDatabase } from '../db/open-database';

const NOW = new Date('2026-11-20T09:00:00Z');

describe('tasking routes and who may call them', () => {
  const db = openDatabase(':memory:');
  seedDemoAccounts(db, NOW);
  const app = createApp({ db, clock: () => NOW });
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
