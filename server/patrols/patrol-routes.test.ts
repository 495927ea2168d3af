// Patrol plans and bases through the real app on the demo data (issue 13): a planner plans an
// evening shift for the snt team from its two running taskings, reorders it by hand, and is
// told when someone else changed it first; other staff read plans; nobody else may.
import { beforeAll, describe, expect, it } from 'vitest';
import { weekHoursOfBands } from '../../geo/taskings/time-bands';
import { dayOfIsoDate, isoDateOfDay, weekdayOfDay } from '../../geo/time';
import { demoApp } from '../../tests/integration/test-support';
import { createApp } from '../app';
import { createApiToken } from '../auth/auth-queries';

const NOW = new Date('2026-06-15T12:00:00Z');

interface Visit {
  taskingId: number;
  area: string;
  arriveAt: string;
  leaveAt: string;
  walkMinutes: number;
}
interface Plan {
  id: number;
  version: number;
  team: string;
  taskingIds: number[];
  visits: Visit[];
  route: { type: string; coordinates: [number, number][] };
  shortfalls: { taskingId: number; message: string }[];
  totals: { patrolMinutes: number; walkMinutes: number; kilometres: number };
}
interface Tasking {
  id: number;
  title: string;
  startDate: string;
  timeBands: { weekdays: string | null; hours: string | null }[];
}

describe('patrol plans and bases', () => {
  let demo: ReturnType<typeof demoApp>;
  let app: ReturnType<typeof createApp>;
  let planner: string;
  let chair: string;
  let snt: Tasking[];
  let friday: string;
  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'x-tasking-map': '1', 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    demo = demoApp(NOW);
    app = createApp({ db: demo.db, clock: () => NOW });
    planner = createApiToken(demo.db, 'planner', 'planner', NOW);
    chair = createApiToken(demo.db, 'chair', 'chair', NOW);
    const listed = (await demo.get<{ taskings: { id: number }[] }>('/api/taskings?team=snt&activeOn=2026-06-12')).taskings;
    snt = await Promise.all(listed.map(async (t) => (await demo.get<{ tasking: Tasking }>(`/api/taskings/${t.id}`)).tasking));
    // The first Friday on or after both started (the weapons tasking's band is Friday and Saturday evenings).
    let day = Math.max(...snt.map((t) => dayOfIsoDate(t.startDate)), dayOfIsoDate('2026-06-01'));
    while (weekdayOfDay(day) !== 4) day += 1;
    friday = isoDateOfDay(day);
  }, 120_000);

  it('keeps named bases inside the study area, one per name', async () => {
    const made = await call('POST', '/api/bases', planner, { name: 'Council depot', point: [-0.035, 51.515] });
    expect(made.status).toBe(201);
    expect(((await made.json()) as { id: number }).id).toBeGreaterThan(0);
    const again = await call('POST', '/api/bases', planner, { name: 'council depot', point: [-0.04, 51.52] });
    expect(again.status).toBe(409);
    const outside = await call('POST', '/api/bases', planner, { name: 'Croydon', point: [-0.1, 51.37] });
    expect(outside.status).toBe(422);
    expect(JSON.stringify(await outside.json())).toMatch(/outside .*a base must be inside the study area/);
    expect((await call('POST', '/api/bases', chair, { name: 'Chair base', point: [-0.035, 51.515] })).status).toBe(403);
    const list = (await (await call('GET', '/api/bases', chair)).json()) as { bases: { name: string }[] };
    expect(list.bases.map((b) => b.name)).toEqual(['Council depot']);
  });

  it('plans an evening shift from the team running taskings: visits inside their bands, the route from the base and back', async () => {
    expect(snt.length).toBe(2);
    const base = ((await (await call('GET', '/api/bases', planner)).json()) as { bases: { id: number; point: [number, number] }[] }).bases[0]!;
    const response = await call('POST', '/api/patrol-plans', planner, {
      team: 'snt',
      date: friday,
      shiftStart: '16:00',
      shiftEnd: '00:00',
      officers: ['theo.adams', 'theo.bello'],
      baseId: base.id,
    });
    expect(response.status).toBe(201);
    const plan = (await response.json()) as Plan;
    expect([...plan.taskingIds].sort()).toEqual(snt.map((t) => t.id).sort());
    expect(plan.visits.length).toBeGreaterThanOrEqual(3);
    for (const visit of plan.visits) {
      const tasking = snt.find((t) => t.id === visit.taskingId)!;
      const mask = weekHoursOfBands(tasking.timeBands as never);
      // Every minute of the visit is inside the tasking's bands (Friday = weekday 4).
      for (let t = new Date(`${visit.arriveAt}:00Z`).getTime(); t < new Date(`${visit.leaveAt}:00Z`).getTime(); t += 60_000) {
        const at = new Date(t);
        const weekday = (at.getUTCDay() + 6) % 7;
        expect(mask[weekday * 24 + at.getUTCHours()], `${tasking.title} ${visit.arriveAt}`).toBe(1);
      }
      const minutes = (new Date(`${visit.leaveAt}:00Z`).getTime() - new Date(`${visit.arriveAt}:00Z`).getTime()) / 60_000;
      expect(minutes).toBeGreaterThanOrEqual(10);
      expect(minutes).toBeLessThanOrEqual(16);
    }
    expect(plan.route.type).toBe('LineString');
    expect(plan.route.coordinates[0]).toEqual(base.point);
    expect(plan.route.coordinates.at(-1)).toEqual(base.point);
    expect(plan.totals.kilometres).toBeGreaterThan(0);

    // Listed for the date and team, and read back the same.
    const listed = (await (await call('GET', `/api/patrol-plans?date=${friday}&team=snt`, chair)).json()) as { plans: Plan[] };
    expect(listed.plans.map((p) => p.id)).toEqual([plan.id]);
    expect(await (await call('GET', `/api/patrol-plans/${plan.id}`, chair)).json()).toEqual(plan);
  });

  it('recomputes the times when the planner reorders or drops visits, and refuses a stale version', async () => {
    const plan = ((await (await call('GET', `/api/patrol-plans?date=${friday}&team=snt`, planner)).json()) as { plans: Plan[] }).plans[0]!;
    const weapons = snt.find((t) => t.timeBands.length > 0)!;
    // Only the weapons area, once: the other area is dropped and said to be short.
    const changed = await call('PATCH', `/api/patrol-plans/${plan.id}`, planner, { version: plan.version, order: [weapons.id] });
    expect(changed.status).toBe(200);
    const after = (await changed.json()) as Plan;
    expect(after.version).toBe(plan.version + 1);
    expect(after.visits.map((v) => v.taskingId)).toEqual([weapons.id]);
    const dropped = snt.find((t) => t.id !== weapons.id)!;
    expect(after.shortfalls.find((s) => s.taskingId === dropped.id)?.message).toMatch(new RegExp(`^${dropped.title} needs \\d+ visits? of \\d+ min`));
    // Someone still holding the old version is told, with the plan as it is now.
    const stale = await call('PATCH', `/api/patrol-plans/${plan.id}`, planner, { version: plan.version, order: null });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { message: string }; current: Plan };
    expect(body.error.message).toMatch(/was changed since you read it/);
    expect(body.current.version).toBe(after.version);
    // Chairs read plans but do not change them.
    expect((await call('PATCH', `/api/patrol-plans/${plan.id}`, chair, { version: after.version, order: null })).status).toBe(403);
  });

  it("says what this week's plans schedule for each tasking against its planned dosage", async () => {
    const plan = ((await (await call('GET', `/api/patrol-plans?date=${friday}&team=snt`, planner)).json()) as { plans: Plan[] }).plans[0]!;
    const response = await call('GET', `/api/patrol-plans/${plan.id}/week`, chair);
    expect(response.status).toBe(200);
    const week = (await response.json()) as { taskings: { taskingId: number; plannedVisits: number | null; scheduledVisits: number; message: string }[] };
    // Every plan of the week (Monday to Sunday round the Friday), counted here from the list route.
    const monday = dayOfIsoDate(friday) - 4;
    const all = (await Promise.all(
      Array.from({ length: 7 }, (_, k) => (async () => (await call('GET', `/api/patrol-plans?date=${isoDateOfDay(monday + k)}`, chair)).json())()),
    )) as { plans: Plan[] }[];
    const visits = all.flatMap((a) => a.plans.flatMap((p) => p.visits));
    for (const row of week.taskings) expect(row.scheduledVisits, row.message).toBe(visits.filter((v) => v.taskingId === row.taskingId).length);
    const weapons = snt.find((t) => t.timeBands.length > 0)!;
    // 2 a day on Friday and Saturday.
    expect(week.taskings.find((t) => t.taskingId === weapons.id)!.plannedVisits).toBe(4);
    expect(week.taskings.find((t) => t.taskingId === weapons.id)!.message).toMatch(
      /^Bethnal Green weapons: this week's 1 plan schedules \d+ of the 4 planned visits \(2 a day, Fri, Sat\)/,
    );
    expect((await call('GET', '/api/patrol-plans/9999/week', chair)).status).toBe(404);
  });

  it('refuses what cannot be planned, in words', async () => {
    const base = { team: 'snt', date: friday, shiftStart: '16:00', shiftEnd: '00:00', officers: ['theo.adams'] };
    const both = await call('POST', '/api/patrol-plans', planner, { ...base, start: [-0.03, 51.52], baseId: 1 });
    expect(both.status).toBe(400);
    expect(JSON.stringify(await both.json())).toMatch(/either start/);
    const unknown = await call('POST', '/api/patrol-plans', planner, { ...base, start: [-0.03, 51.52], taskingIds: [9999] });
    expect(unknown.status).toBe(404);
    const noTeam = await call('POST', '/api/patrol-plans', planner, { ...base, team: 'nobody', start: [-0.03, 51.52] });
    expect(noTeam.status).toBe(422);
    expect(JSON.stringify(await noTeam.json())).toMatch(/The nobody team has no taskings running on/);
    const morning = await call('POST', '/api/patrol-plans', planner, {
      ...base,
      team: 'snt',
      shiftStart: '06:00',
      shiftEnd: '07:00',
      start: [-0.03, 51.52],
      breakMinutes: 0,
    });
    // The bicycle-theft tasking has no bands (all day), so a morning hour still plans it; the weapons one is left out.
    expect(morning.status).toBe(201);
    expect(((await morning.json()) as Plan).taskingIds).toHaveLength(1);
    const badTime = await call('POST', '/api/patrol-plans', planner, { ...base, shiftStart: '25:00', start: [-0.03, 51.52] });
    expect(badTime.status).toBe(400);
    expect(JSON.stringify(await badTime.json())).toMatch(/HH:MM/);
  });
});
