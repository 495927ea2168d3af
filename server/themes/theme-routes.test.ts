// GET /api/themes serves the one table of themes (geo/themes.ts), and a tasking may name any
// of them as its theme. Who may call the route is checked with every other in the route matrix.
import { describe, expect, it } from 'vitest';
import { cellAt, cellsWithinDistance } from '../../geo/h3';
import { categoryBySlug } from '../../geo/categories';
import { THEMES } from '../../geo/themes';
import { readBoroughGeometry } from '../../tests/integration/test-support';
import { createApp } from '../app';
import { replaceAreas } from '../areas/area-queries';
import { createApiToken, seedDemoAccounts } from '../auth/auth-queries';
import { openDatabase } from '../db/open-database';

const NOW = new Date('2026-11-20T09:00:00Z');

function setUp() {
  const db = openDatabase(':memory:');
  seedDemoAccounts(db, NOW);
  replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: readBoroughGeometry() }], 'test', NOW);
  const app = createApp({ db, clock: () => NOW });
  const as = (role: 'chair' | 'planner' | 'analyst' | 'public') => ({ authorization: `Bearer ${createApiToken(db, role, role, NOW)}` });
  return { app, as };
}

interface ThemesBody {
  themes: { id: string; label: string; route: string; categories: string[]; settings: { parameter: string; default: string | number }[] }[];
}

describe('GET /api/themes', () => {
  it('gives every staff role the three themes with their routes, categories and defaults', async () => {
    const { app, as } = setUp();
    for (const role of ['chair', 'planner', 'analyst'] as const) {
      const response = await app.request('/api/themes', { headers: as(role) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as ThemesBody;
      expect(body.themes.map((t) => t.id)).toEqual(['schools-robbery', 'drug-markets', 'serious-violence']);
      const schools = body.themes[0]!;
      expect(schools.route).toBe('/api/themes/schools-robbery');
      expect(schools.categories).toEqual(['robbery']);
      expect(Object.fromEntries(schools.settings.map((s) => [s.parameter, s.default]))).toEqual({ bufferMeters: 400, hours: '15-18', schoolDays: 'only' });
    }
    expect((await app.request('/api/themes', { headers: as('public') })).status).toBe(403);
  });

  it("refuses the public role every theme layer and the stop-and-search routes (public layers are another issue's)", async () => {
    const { app, as } = setUp();
    const window = 'from=2018-06-01&to=2018-07-01';
    const gets = [
      `/api/themes/schools-robbery?${window}`,
      `/api/themes/drug-markets?${window}`,
      `/api/themes/serious-violence?${window}`,
      `/api/stop-search/summary?${window}`,
      '/api/schools',
      '/api/school-calendar',
    ];
    for (const path of gets) {
      const response = await app.request(path, { headers: as('public') });
      expect(response.status, path).toBe(403);
      expect(JSON.stringify(await response.json()), path).not.toMatch(/"count"|"cells"|"schools"/);
    }
    for (const kind of ['stop-search', 'schools', 'school-calendar']) {
      const response = await app.request(`/api/imports/${kind}`, {
        method: 'POST',
        headers: { ...as('public'), 'content-type': 'text/csv' },
        body: 'a,b\n1,2\n',
      });
      expect(response.status, kind).toBe(403);
    }
  });

  it('names only categories that exist', () => {
    for (const theme of THEMES) {
      for (const slug of [...theme.categories, ...theme.selectableCategories, ...(theme.index?.components.flatMap((c) => c.categories ?? []) ?? [])]) {
        expect(categoryBySlug(slug), `${theme.id}: ${slug}`).toBeDefined();
      }
      expect(theme.selectableCategories).toEqual(expect.arrayContaining([...theme.categories]));
    }
  });
});

describe('a tasking on a theme', () => {
  it("may name a theme: it takes the theme's categories and label, and an unknown theme is refused naming the themes", async () => {
    const { app, as } = setUp();
    const cell = cellAt(-0.0597, 51.5194, 9);
    const body = {
      title: 'Robbery outside the secondary school',
      theme: 'schools-robbery',
      problem: 'After-school robberies near the school gates',
      cells: cellsWithinDistance(cell, 1).sort(),
      timeBands: [{ weekdays: 'mon-fri', hours: '15-18' }],
      startDate: '2026-11-20',
      reviewDate: '2026-12-18',
      objective: 'No robbery at the gates after school',
      tactics: ['high-visibility-patrol'],
      team: 'theo',
      owner: 'chair',
      plannedDosage: { visitsPerDay: 2, minutesPerVisit: 15 },
      status: 'active',
    };
    const post = (b: unknown) =>
      app.request('/api/taskings', { method: 'POST', headers: { ...as('chair'), 'content-type': 'application/json' }, body: JSON.stringify(b) });
    const created = await post(body);
    expect(created.status).toBe(201);
    const { tasking } = (await created.json()) as { tasking: { theme: string; categories: string[]; themeLabel: string } };
    expect(tasking.theme).toBe('schools-robbery');
    expect(tasking.categories).toEqual(['robbery']);
    expect(tasking.themeLabel).toBe('Robbery near schools after school');

    const refused = await post({ ...body, theme: 'school-robbery' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/unknown theme; expected one of .*schools-robbery, drug-markets, serious-violence/);
  });
});

describe('GET /api/themes/schools-robbery refusals', () => {
  it('names the parameter and what to send for a bad buffer, category, phase or hours', async () => {
    const { app, as } = setUp();
    const ask = async (query: string) => {
      const response = await app.request(`/api/themes/schools-robbery?from=2026-10-01&to=2026-11-01${query}`, { headers: as('analyst') });
      return { status: response.status, text: response.status === 200 ? '' : ((await response.json()) as { error: { message: string } }).error.message };
    };
    expect(await ask('&bufferMeters=50')).toMatchObject({ status: 400, text: expect.stringMatching(/bufferMeters.*100\.\.1000 metres/) });
    expect(await ask('&categories=burglary')).toMatchObject({
      status: 400,
      text: expect.stringMatching(/"burglary" cannot be chosen here; expected robbery and\/or theft-from-the-person/),
    });
    expect(await ask('&phases=college')).toMatchObject({ status: 400, text: expect.stringMatching(/unknown phase "college"/) });
    expect(await ask('&hours=3pm')).toMatchObject({ status: 400, text: expect.stringMatching(/not an hour range.*or any/) });
    expect((await ask('')).status).toBe(200);
  });
});
