// The patrol briefing through the real app on the demo data (issue 13, decision 039): a planner
// plans an evening shift for the snt team's two running taskings, and the briefing gives each
// area's words and its last eight weeks of incidents by hour, checked against a count made here
// from the stored incidents (the incidents view and h3-js, not the incident index). The PDF
// route is checked without a browser: a missing Chromium is a 503 that says what to install, and
// the page's token works while the print runs and is refused after it.
import { beforeAll, describe, expect, it } from 'vitest';
import { cellAt } from '../../geo/h3';
import { dayOfIsoDate, isoDateOfDay, weekdayOfDay } from '../../geo/time';
import { ok } from '../../geo/types';
import { demoApp } from '../../tests/integration/test-support';
import { createApp } from '../app';
import { createApiToken } from '../auth/auth-queries';
import type { PdfPage, PdfRenderer } from '../pdf/pdf-renderer';

const NOW = new Date('2026-06-15T12:00:00Z');

interface Tasking {
  id: number;
  title: string;
  startDate: string;
  problem: string;
  objective: string;
  categories: string[];
  cells: string[];
  resolution: number;
}
interface Area {
  taskingId: number;
  title: string;
  problem: string;
  objective: string;
  tactics: { id: string; label: string }[];
  timeBandsText: string;
  dosageText: string;
  koper: string;
  visitNumbers: number[];
  shortfall: string | null;
  cells: string[];
  incidents: { from: string; to: string; weeks: number; hourByWeekday: number[][]; byHour: number[]; total: number; withoutTime: number; note: string | null };
}
interface Briefing {
  plan: { id: number; team: string; date: string; visits: { taskingId: number }[]; route: { coordinates: unknown[] } };
  base: { name: string } | null;
  areas: Area[];
}

describe('the patrol briefing', () => {
  let demo: ReturnType<typeof demoApp>;
  let planner: string;
  let snt: Tasking[];
  let planId: number;
  let friday: string;
  const call = (app: ReturnType<typeof createApp>, path: string, token: string | null, init: { method?: string; body?: unknown } = {}) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: { 'x-tasking-map': '1', 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  beforeAll(async () => {
    demo = demoApp(NOW);
    const app = createApp({ db: demo.db, clock: () => NOW });
    planner = createApiToken(demo.db, 'planner', 'planner', NOW);
    const listed = (await demo.get<{ taskings: { id: number }[] }>('/api/taskings?team=snt&activeOn=2026-06-12')).taskings;
    snt = await Promise.all(listed.map(async (t) => (await demo.get<{ tasking: Tasking }>(`/api/taskings/${t.id}`)).tasking));
    let day = Math.max(...snt.map((t) => dayOfIsoDate(t.startDate)), dayOfIsoDate('2026-06-01'));
    while (weekdayOfDay(day) !== 4) day += 1;
    friday = isoDateOfDay(day);
    const base = await call(app, '/api/bases', planner, { method: 'POST', body: { name: 'Council depot', point: [-0.035, 51.515] } });
    const made = await call(app, '/api/patrol-plans', planner, {
      method: 'POST',
      body: { team: 'snt', date: friday, shiftStart: '16:00', shiftEnd: '00:00', officers: ['theo.adams'], baseId: ((await base.json()) as { id: number }).id },
    });
    expect(made.status).toBe(201);
    planId = ((await made.json()) as { id: number }).id;
  }, 120_000);

  it('gives each tasked area its words, in the order the shift first visits them, numbered as the schedule', async () => {
    expect(snt).toHaveLength(2);
    const app = createApp({ db: demo.db, clock: () => NOW });
    const response = await call(app, `/api/patrol-plans/${planId}/briefing`, planner);
    expect(response.status).toBe(200);
    const briefing = (await response.json()) as Briefing;
    expect(briefing.plan.id).toBe(planId);
    expect(briefing.base?.name).toBe('Council depot');
    expect(briefing.areas.map((a) => a.taskingId).sort()).toEqual(snt.map((t) => t.id).sort());
    // Visit numbers are the schedule's rows, 1 first; every visit belongs to exactly one area.
    const numbers = briefing.areas.flatMap((a) => a.visitNumbers).sort((a, b) => a - b);
    expect(numbers).toEqual(briefing.plan.visits.map((_, k) => k + 1));
    for (const area of briefing.areas) for (const n of area.visitNumbers) expect(briefing.plan.visits[n - 1]!.taskingId).toBe(area.taskingId);
    expect(briefing.areas[0]!.taskingId).toBe(briefing.plan.visits[0]!.taskingId);

    const weapons = briefing.areas.find((a) => a.title === 'Bethnal Green weapons')!;
    const bikes = briefing.areas.find((a) => a.title === 'Canary Wharf bicycle theft')!;
    const stored = snt.find((t) => t.id === weapons.taskingId)!;
    expect(weapons.problem).toBe(stored.problem);
    expect(weapons.objective).toBe(stored.objective);
    expect(weapons.tactics.map((t) => t.label)).toEqual(['Weapons sweep', 'Stop and search', 'Youth outreach']);
    expect(weapons.timeBandsText).toBe('Fri,Sat 18:00-23:00');
    expect(weapons.dosageText).toBe('2 visits a day of 15 minutes.');
    expect(weapons.koper).toMatch(/10-16 minutes, repeated at least every two hours/);
    expect(bikes.timeBandsText).toBe('Any time: no time bands');
    expect(bikes.dosageText).toBe('3 visits a day of 12 minutes.');
  });

  it('counts each area’s incidents of the last eight weeks by weekday and hour, as the stored incidents say', async () => {
    const app = createApp({ db: demo.db, clock: () => NOW });
    const briefing = (await (await call(app, `/api/patrol-plans/${planId}/briefing`, planner)).json()) as Briefing;
    for (const area of briefing.areas) {
      const tasking = snt.find((t) => t.id === area.taskingId)!;
      const placeholders = tasking.categories.map(() => '?').join(', ');
      const rows = demo.db.prepare(`SELECT occurred_at, precision, lng, lat FROM incidents WHERE category IN (${placeholders})`).all(...tasking.categories) as {
        occurred_at: string;
        precision: string;
        lng: number;
        lat: number;
      }[];
      // The window ends at the plan's date, or the day after the last incident of these categories when the data ends sooner.
      const lastDate = rows
        .map((r) => r.occurred_at.slice(0, 10))
        .sort()
        .at(-1)!;
      const dataEnd = isoDateOfDay(dayOfIsoDate(lastDate) + 1);
      const to = dataEnd < friday ? dataEnd : friday;
      const from = isoDateOfDay(dayOfIsoDate(to) - 56);
      expect({ from: area.incidents.from, to: area.incidents.to, weeks: area.incidents.weeks }).toEqual({ from, to, weeks: 8 });

      const cells = new Set(tasking.cells);
      const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
      let total = 0;
      for (const row of rows) {
        const date = row.occurred_at.slice(0, 10);
        if (date < from || date >= to || !cells.has(cellAt(row.lng, row.lat, tasking.resolution))) continue;
        expect(row.precision).toBe('minute');
        total += 1;
        // Monday 0: 1970-01-01 was a Thursday.
        const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
        grid[weekday]![Number(row.occurred_at.slice(11, 13))]! += 1;
      }
      expect(total, `${area.title}: some incidents to count`).toBeGreaterThan(0);
      expect(area.incidents.total).toBe(total);
      expect(area.incidents.withoutTime).toBe(0);
      expect(area.incidents.hourByWeekday).toEqual(grid);
      expect(area.incidents.byHour).toEqual(Array.from({ length: 24 }, (_, h) => grid.reduce((sum, day) => sum + day[h]!, 0)));
    }
  });

  it('says there is no plan, and refuses the public role', async () => {
    const app = createApp({ db: demo.db, clock: () => NOW });
    expect((await call(app, '/api/patrol-plans/9999/briefing', planner)).status).toBe(404);
    expect((await call(app, '/api/patrol-plans/9999/briefing.pdf', planner)).status).toBe(404);
    const resident = createApiToken(demo.db, 'public', 'resident', NOW);
    expect((await call(app, `/api/patrol-plans/${planId}/briefing`, resident)).status).toBe(403);
    expect((await call(app, `/api/patrol-plans/${planId}/briefing.pdf`, resident)).status).toBe(403);
  });

  it('answers 503 naming what to install when there is no Chromium', async () => {
    const app = createApp({ db: demo.db, clock: () => NOW, chromiumPath: '/nonexistent/chromium' });
    const tokensBefore = demo.db.prepare('SELECT count(*) FROM api_tokens').pluck().get();
    const response = await call(app, `/api/patrol-plans/${planId}/briefing.pdf`, planner);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('chromium_missing');
    expect(body.error.message).toMatch(/no Chromium at \/nonexistent\/chromium \(CHROMIUM_PATH\)/);
    expect(body.error.message).toMatch(/install Debian's chromium package \(apt-get install chromium\) or set CHROMIUM_PATH/);
    // Nothing was made for a print that cannot happen.
    expect(demo.db.prepare('SELECT count(*) FROM api_tokens').pluck().get()).toBe(tokensBefore);
  });

  it('lets the printed page read the briefing with a token of the caller’s role, revoked when the print ends', async () => {
    const seen: { page: PdfPage; status: number; role: string | null }[] = [];
    const printer: PdfRenderer = {
      unavailable: () => null,
      render: async (page) => {
        // What the page's own requests would get while the print runs.
        const asPage = await call(app, `/api/patrol-plans/${planId}/briefing`, page.bearerToken);
        const me = (await (await call(app, '/api/auth/me', page.bearerToken)).json()) as { user: { role: string } | null };
        seen.push({ page, status: asPage.status, role: me.user?.role ?? null });
        return ok(Buffer.from('%PDF-1.7 test'));
      },
      close: async () => undefined,
    };
    const app = createApp({ db: demo.db, clock: () => NOW, pdf: printer, pageOrigin: 'http://127.0.0.1:3999' });
    const response = await call(app, `/api/patrol-plans/${planId}/briefing.pdf`, planner);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="patrol-briefing-snt-${friday}-1600-plan-${planId}.pdf"`);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 test');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.page.url).toBe(`http://127.0.0.1:3999/patrol-plans/${planId}/briefing`);
    expect({ status: seen[0]!.status, role: seen[0]!.role }).toEqual({ status: 200, role: 'planner' });
    // Revoked once printed.
    expect((await call(app, `/api/patrol-plans/${planId}/briefing`, seen[0]!.page.bearerToken)).status).toBe(401);
    const row = demo.db.prepare("SELECT created_at, expires_at, revoked_at FROM api_tokens WHERE label LIKE 'pdf: briefing of plan%'").get() as {
      created_at: string;
      expires_at: string;
      revoked_at: string | null;
    };
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(5 * 60_000);
    expect(row.revoked_at).not.toBeNull();
  });
});
