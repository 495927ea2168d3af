// The officer role on patrol plans (issue 13, decision 038), through the real app on the demo
// data: an officer signed in with their own account reads only the plans that name them (another
// officer's plan is "not found", like one that does not exist), logs visits to those plans' stops
// once however often the phone sends them, and reaches nothing else of the app.
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOfIsoDate, isoDateOfDay, weekdayOfDay } from '../../geo/time';
import { apiRoutesOf, routeKey, samplePath } from '../../tests/api-routes';
import { demoApp } from '../../tests/integration/test-support';
import { createApp } from '../app';
import { createApiToken, createSession, createUser, DEFAULT_SESSION_POLICY, seedDemoAccounts } from '../auth/auth-queries';
import { ANYONE } from '../auth/roles';
import { SESSION_COOKIE } from '../routes/auth-routes';

const NOW = new Date('2026-06-15T12:00:00Z');

interface Plan {
  id: number;
  date: string;
  officers: string[];
  taskingIds: number[];
  visits: { taskingId: number; arriveInstant: string; leaveInstant: string }[];
  taskings: { id: number; title: string; problem: string; tactics: string[] }[];
}
interface Visit {
  id: number;
  taskingId: number;
  startedAt: string;
  endedAt: string;
  officer: string;
  clientRef: string;
  loggedBy: string;
}

describe('officers on patrol plans', () => {
  let demo: ReturnType<typeof demoApp>;
  let app: ReturnType<typeof createApp>;
  let planner: string;
  let chair: string;
  let officer: Record<string, string>;
  let mine: Plan;
  let theirs: Plan;
  let other: number;

  const headers = (who: string | Record<string, string>): Record<string, string> =>
    typeof who === 'string' ? { authorization: `Bearer ${who}` } : { ...who, 'x-tasking-map': '1' };
  const call = (method: string, path: string, who: string | Record<string, string>, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers(who) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const sessionOf = (username: string) => {
    const id = demo.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
    return { cookie: `${SESSION_COOKIE}=${createSession(demo.db, id, NOW, DEFAULT_SESSION_POLICY).token}` };
  };

  beforeAll(async () => {
    demo = demoApp(NOW);
    seedDemoAccounts(demo.db, NOW);
    createUser(demo.db, { username: 'theo.bello', displayName: 'Theo Bello', role: 'officer', password: 'another long password' }, NOW);
    app = createApp({ db: demo.db, clock: () => NOW });
    planner = createApiToken(demo.db, 'planner', 'planner', NOW);
    chair = createApiToken(demo.db, 'chair', 'chair', NOW);
    officer = sessionOf('officer');
    // The snt team's two running taskings, planned for the last Friday on or after both started (the weapons band is Friday evening).
    const snt = (await demo.get<{ taskings: { id: number }[] }>('/api/taskings?team=snt&activeOn=2026-06-12')).taskings;
    const starts = await Promise.all(snt.map(async (t) => (await demo.get<{ tasking: { startDate: string } }>(`/api/taskings/${t.id}`)).tasking.startDate));
    let day = Math.max(...starts.map(dayOfIsoDate), dayOfIsoDate('2026-06-01'));
    while (weekdayOfDay(day) !== 4) day += 1;
    const request = { team: 'snt', date: isoDateOfDay(day), shiftStart: '16:00', shiftEnd: '00:00', start: [-0.035, 51.515], taskingIds: snt.map((t) => t.id) };
    mine = (await (await call('POST', '/api/patrol-plans', planner, { ...request, officers: ['officer'] })).json()) as Plan;
    theirs = (await (await call('POST', '/api/patrol-plans', planner, { ...request, officers: ['theo.bello'] })).json()) as Plan;
    // A running tasking of another team: never part of these plans.
    const all = (await demo.get<{ taskings: { id: number; team: string; status: string }[] }>('/api/taskings?activeOn=2026-06-12')).taskings;
    other = all.find((t) => t.team !== 'snt')!.id;
  }, 120_000);

  it('lists the planners the officer accounts, and nobody else', async () => {
    const listed = await call('GET', '/api/officers', planner);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { officers: unknown[] }).officers).toEqual([
      { username: 'officer', name: 'Demo THEO officer' },
      { username: 'theo.bello', name: 'Theo Bello' },
    ]);
    expect((await call('GET', '/api/officers', officer)).status).toBe(403);
  });

  it('shows an officer only the plans that name them, with what to know at each stop', async () => {
    expect(mine.taskingIds).toHaveLength(2);
    const listed = (await (await call('GET', '/api/patrol-plans', officer)).json()) as { plans: Plan[] };
    expect(listed.plans.map((p) => p.id)).toEqual([mine.id]);
    const everyone = (await (await call('GET', '/api/patrol-plans', chair)).json()) as { plans: Plan[] };
    expect(everyone.plans.map((p) => p.id).sort()).toEqual([mine.id, theirs.id].sort());
    // from= keeps plans on or after a date.
    const later = (await (await call('GET', `/api/patrol-plans?from=${isoDateOfDay(dayOfIsoDate(mine.date) + 1)}`, officer)).json()) as { plans: Plan[] };
    expect(later.plans).toEqual([]);

    const one = await call('GET', `/api/patrol-plans/${mine.id}`, officer);
    expect(one.status).toBe(200);
    const plan = (await one.json()) as Plan;
    expect(plan.taskings.map((t) => t.id).sort()).toEqual([...mine.taskingIds].sort());
    for (const t of plan.taskings) {
      expect(t.problem.length).toBeGreaterThan(0);
      // Tactics in words (the tactic list's labels), not option ids.
      for (const tactic of t.tactics) expect(tactic).toMatch(/^[A-Z]/);
    }
    // Another officer's plan answers exactly as a plan that does not exist.
    const hidden = await call('GET', `/api/patrol-plans/${theirs.id}`, officer);
    const missing = await call('GET', '/api/patrol-plans/99999', officer);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(JSON.stringify(await hidden.json()).replace(String(theirs.id), 'N')).toBe(JSON.stringify(await missing.json()).replace('99999', 'N'));
    // An officer-role token names no officer: it sees no plans.
    const token = createApiToken(demo.db, 'officer', 'a phone', NOW);
    expect(((await (await call('GET', '/api/patrol-plans', token)).json()) as { plans: Plan[] }).plans).toEqual([]);
    expect((await call('GET', `/api/patrol-plans/${mine.id}`, token)).status).toBe(404);
  });

  it('logs a visit once per clientRef, as the signed-in officer, with the times the phone sent', async () => {
    const stop = mine.visits[0]!;
    const body = { taskingId: stop.taskingId, startedAt: stop.arriveInstant, endedAt: stop.leaveInstant, clientRef: 'phone-visit-0001' };
    const first = await call('POST', `/api/patrol-plans/${mine.id}/visits`, officer, body);
    expect(first.status).toBe(201);
    const visit = ((await first.json()) as { visit: Visit }).visit;
    expect(visit).toMatchObject({
      taskingId: stop.taskingId,
      officer: 'Demo THEO officer',
      clientRef: 'phone-visit-0001',
      loggedBy: 'user:officer',
    });
    expect(Date.parse(visit.startedAt)).toBe(Date.parse(stop.arriveInstant));
    expect(Date.parse(visit.endedAt)).toBe(Date.parse(stop.leaveInstant));
    // The phone sends it again (it never heard the answer): the stored one comes back, nothing new is stored.
    const again = await call('POST', `/api/patrol-plans/${mine.id}/visits`, officer, { ...body, endedAt: new Date(NOW.getTime() - 60_000).toISOString() });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { visit: Visit }).visit).toEqual(visit);
    const stored = (await (await call('GET', `/api/taskings/${stop.taskingId}/visits`, planner)).json()) as { visits: Visit[] };
    expect(stored.visits.filter((v) => v.clientRef === 'phone-visit-0001')).toHaveLength(1);
  });

  it('refuses visits outside the officer own plans, in words', async () => {
    const stop = mine.visits[0]!;
    const body = { taskingId: stop.taskingId, startedAt: stop.arriveInstant, endedAt: stop.leaveInstant, clientRef: 'phone-visit-0002' };
    const notMine = await call('POST', `/api/patrol-plans/${theirs.id}/visits`, officer, body);
    expect(notMine.status).toBe(404);
    const notInPlan = await call('POST', `/api/patrol-plans/${mine.id}/visits`, officer, { ...body, taskingId: other });
    expect(notInPlan.status).toBe(422);
    expect(JSON.stringify(await notInPlan.json())).toMatch(/is not part of patrol plan/);
    const backwards = await call('POST', `/api/patrol-plans/${mine.id}/visits`, officer, { ...body, endedAt: stop.arriveInstant });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(await backwards.json())).toMatch(/endedAt: must be after the start of the visit/);
    const noRef = await call('POST', `/api/patrol-plans/${mine.id}/visits`, officer, { ...body, clientRef: undefined });
    expect(noRef.status).toBe(400);
    // Officers log visits through their plans only, not on the tasking itself.
    expect((await call('POST', `/api/taskings/${stop.taskingId}/visits`, officer, { ...body, officer: 'x' })).status).toBe(403);
    // A planner may log on any plan; the chair may not log through plans.
    expect((await call('POST', `/api/patrol-plans/${theirs.id}/visits`, planner, { ...body, clientRef: 'planner-visit-1' })).status).toBe(201);
    expect((await call('POST', `/api/patrol-plans/${theirs.id}/visits`, chair, { ...body, clientRef: 'chair-visit-1' })).status).toBe(403);
  });

  it('what an officer can reach: their plans, their visits, signing in and out, and the public routes; every other route is 403', async () => {
    const routes = apiRoutesOf(app.routes);
    const forOfficers = routes.filter((r) => r.roles.includes('officer')).map(routeKey);
    expect(forOfficers.sort()).toEqual(['GET /api/patrol-plans', 'GET /api/patrol-plans/:id', 'POST /api/patrol-plans/:id/visits']);
    const open = routes.filter((r) => r.roles.includes(ANYONE)).map(routeKey);
    expect(open).toEqual(expect.arrayContaining(['GET /api/auth/me', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/health']));
    let refused = 0;
    for (const route of routes) {
      const key = routeKey(route);
      if (forOfficers.includes(key) || open.includes(key)) continue;
      // A fresh session each time: the logout route is not among these, but keep every call independent.
      const response = await call(route.method, samplePath(route.pattern), sessionOf('officer'), route.method === 'GET' ? undefined : {});
      expect(response.status, `${key} as an officer`).toBe(403);
      refused += 1;
    }
    // Most of the app is refused: far more routes than the few an officer has.
    expect(refused).toBeGreaterThan(40);
  }, 120_000);
});
