// The public API (issue 15) on the demo data: open to anonymous callers and the public role, and
// nothing else is (every /api route of the app's own route table, so later routes are covered);
// every figure as the disclosure rules publish it; and an attacker holding every figure the
// routes give for a month (wards, borough, both hexagon resolutions) and the public geography
// cannot pin a hidden count, checked by the exact audit of geo/disclosure/.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPublication, type PublishedTable } from '../../geo/disclosure/audit';
import { BOROUGH_KEY, buildAreaTable, hexagonKey, wardKey } from '../../geo/disclosure/public-table';
import type { PublishedCount } from '../../geo/disclosure/publish';
import { parentCell } from '../../geo/h3';
import { apiRoutesOf, routeKey, samplePath } from '../../tests/api-routes';
import { demoApp } from '../../tests/integration/test-support';
import { createApp } from '../app';
import { listAreas } from '../areas/area-queries';
import { createApiToken } from '../auth/auth-queries';
import { listWardPopulations } from '../populations/population-queries';
import { wardLookup } from './public-pieces';
import { DEFAULT_DISCLOSURE_RULES as PUBLIC_RULES } from '../../geo/disclosure/rules';

const NOW = new Date('2026-06-15T12:00:00Z');
const MONTH = '2026-04';

interface Figure {
  kind: PublishedCount['kind'];
  value: number | null;
  text: string;
}

function expectPublishable(f: Figure, where: string): void {
  if (f.kind === 'rounded') {
    expect(f.value! % PUBLIC_RULES.roundingBase, where).toBe(0);
    expect(f.value!, where).toBeGreaterThanOrEqual(PUBLIC_RULES.smallCountThreshold);
    expect(f.text).toBe(String(f.value));
  } else if (f.kind === 'zero') expect(f.value).toBe(0);
  else if (f.kind === 'fewer-than') expect([f.value, f.text]).toEqual([null, 'fewer than 10']);
  else expect([f.kind, f.value, f.text]).toEqual(['withheld', null, 'withheld']);
}

const asPublished = (f: Figure): PublishedCount =>
  f.kind === 'rounded'
    ? { kind: 'rounded', value: f.value! }
    : f.kind === 'zero'
      ? { kind: 'zero', value: 0 }
      : f.kind === 'fewer-than'
        ? { kind: 'fewer-than', value: null, threshold: PUBLIC_RULES.smallCountThreshold }
        : { kind: 'withheld', value: null };

describe('the public API on the demo data', () => {
  let app: ReturnType<typeof createApp>;
  let demo: ReturnType<typeof demoApp>;
  let publicToken: string;
  beforeAll(() => {
    demo = demoApp(NOW);
    app = createApp({ db: demo.db, clock: () => NOW });
    publicToken = createApiToken(demo.db, 'public', 'board member', NOW);
  }, 120_000);
  const ask = (path: string, token: string | null) => app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('answers anonymous callers and the public role alike, with caching headers, and only whole past months', async () => {
    for (const token of [null, publicToken]) {
      const themes = await ask('/api/public/themes', token);
      expect(themes.status).toBe(200);
      expect(themes.headers.get('cache-control')).toBe('public, max-age=3600');
      const body = (await themes.json()) as { themes: { id: string; months: string[] }[]; wards: unknown[] };
      expect(body.themes.map((t) => t.id)).toEqual(['violence', 'robbery', 'drugs', 'asb', 'burglary', 'theft']);
      // The demo data runs to 14 June: June is not over, so May is the last month published.
      for (const t of body.themes) expect(t.months.at(-1)).toBe('2026-05');
      expect(body.wards).toHaveLength(12);
      const wards = await ask(`/api/public/wards?theme=violence&month=${MONTH}`, token);
      expect(wards.status).toBe(200);
      expect(wards.headers.get('cache-control')).toBe('public, max-age=3600');
    }
    const june = await ask('/api/public/wards?theme=violence&month=2026-06', null);
    expect(june.status).toBe(422);
    expect(JSON.stringify(await june.json())).toMatch(/no violence and weapons figures for 2026-06/);
  });

  it('refuses what the rules do not publish, in words', async () => {
    for (const [query, pattern] of [
      ['theme=violence&month=2026-4', /month/],
      ['theme=violence&month=2026-04-01', /month/],
      ['theme=searches&month=2026-04', /expected one of violence, robbery/],
    ] as const) {
      const response = await ask(`/api/public/wards?${query}`, null);
      expect(response.status, query).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(pattern);
    }
    const fine = await ask(`/api/public/cells?theme=robbery&month=${MONTH}&resolution=9`, null);
    expect(fine.status).toBe(400);
    expect(JSON.stringify(await fine.json())).toMatch(/finer hexagons are not published/);
  });

  it('publishes every figure as the rules say, the same every time it is asked', async () => {
    for (const theme of ['violence', 'robbery', 'drugs', 'asb', 'burglary', 'theft']) {
      const wards = (await (await ask(`/api/public/wards?theme=${theme}&month=${MONTH}`, null)).json()) as { borough: Figure; wards: Figure[] };
      for (const w of [wards.borough, ...wards.wards]) expectPublishable(w, theme);
      for (const resolution of [7, 8]) {
        const cells = (await (await ask(`/api/public/cells?theme=${theme}&month=${MONTH}&resolution=${resolution}`, null)).json()) as { cells: Figure[] };
        expect(cells.cells.length).toBeGreaterThan(0);
        for (const c of cells.cells) expectPublishable(c, `${theme} r${resolution}`);
      }
      const again = (await (await ask(`/api/public/wards?theme=${theme}&month=${MONTH}`, publicToken)).json()) as { borough: Figure; wards: Figure[] };
      expect(again.wards).toEqual(wards.wards);
    }
    const csv = await ask(`/api/public/wards?theme=robbery&month=${MONTH}&format=csv`, null);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('ward_code,ward,theme,month,incidents,residents,rate_per_1000_residents');
    expect(lines).toHaveLength(14);
    const json = (await (await ask(`/api/public/wards?theme=robbery&month=${MONTH}`, null)).json()) as { wards: (Figure & { code: string })[] };
    for (const w of json.wards) expect(lines.find((l) => l.startsWith(`${w.code},`))!.split(',')[4]).toBe(w.text);
  });

  it('downloads the ward-month table for several months, exactly the figures of each month', async () => {
    const csv = await ask('/api/public/wards.csv?theme=violence&from=2026-03&to=2026-05', null);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="tower-hamlets-violence-2026-03-to-2026-05-wards.csv"');
    const lines = (await csv.text()).trim().split('\n');
    // A header, then 12 wards and the borough for each of three months.
    expect(lines).toHaveLength(1 + 3 * 13);
    for (const month of ['2026-03', '2026-04', '2026-05']) {
      const json = (await (await ask(`/api/public/wards?theme=violence&month=${month}`, null)).json()) as {
        borough: Figure;
        wards: (Figure & { code: string })[];
      };
      for (const w of json.wards)
        expect(lines.find((l) => l.startsWith(`${w.code},`) && l.includes(`,${month},`))!.split(',')[4], `${w.code} ${month}`).toBe(w.text);
      expect(lines.find((l) => l.startsWith(',Borough,') && l.includes(`,${month},`))!.split(',')[4]).toBe(json.borough.text);
    }
    // Without months: the last twelve published.
    const year = (await (await ask('/api/public/wards.csv?theme=robbery', null)).text()).trim().split('\n');
    expect(new Set(year.slice(1).map((l) => l.split(',')[3]))).toEqual(
      new Set(['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']),
    );
    const backwards = await ask('/api/public/wards.csv?theme=robbery&from=2026-05&to=2026-03', null);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(await backwards.json())).toMatch(/first month must not be after the last/);
    const none = await ask('/api/public/wards.csv?theme=robbery&from=2001-01&to=2001-12', null);
    expect(none.status).toBe(422);
    expect(JSON.stringify(await none.json())).toMatch(/figures are published for 20\d\d-\d\d to 2026-05/);
  }, 120_000);

  it('gives rates per 1,000 residents from the published count and the nearest mid-year population, never for a hidden count', async () => {
    const populations = listWardPopulations(demo.db).filter((p) => p.year === 2026 || p.year === Math.max(...listWardPopulations(demo.db).map((q) => q.year)));
    const year = Math.max(...populations.map((p) => p.year));
    const residentsOf = new Map(populations.filter((p) => p.year === year).map((p) => [p.code, p.population]));
    expect(residentsOf.size).toBe(12);
    const json = (await (await ask(`/api/public/wards?theme=robbery&month=${MONTH}`, null)).json()) as {
      borough: Figure & { residents: number; ratePer1000: number | null };
      wards: (Figure & { code: string; residents: number; residentsYear: number; ratePer1000: number | null; rateNote: string | null })[];
    };
    let hidden = 0;
    for (const w of json.wards) {
      expect([w.residents, w.residentsYear], w.code).toEqual([residentsOf.get(w.code), year]);
      if (w.kind === 'rounded' || w.kind === 'zero') expect(w.ratePer1000, w.code).toBe(Math.round((w.value! / w.residents) * 10_000) / 10);
      else {
        hidden += 1;
        expect([w.ratePer1000, w.rateNote]).toEqual([null, 'The count is hidden, so no rate is given.']);
      }
    }
    expect(json.borough.residents).toBe([...residentsOf.values()].reduce((a, b) => a + b, 0));
    expect(json.borough.ratePer1000).toBe(Math.round((json.borough.value! / json.borough.residents) * 10_000) / 10);
    // The CSV carries the same residents and rates.
    const csv = (await (await ask(`/api/public/wards.csv?theme=robbery&from=${MONTH}&to=${MONTH}`, null)).text()).trim().split('\n');
    for (const w of json.wards)
      expect(
        csv
          .find((l) => l.startsWith(`${w.code},`))!
          .split(',')
          .slice(5),
      ).toEqual([String(w.residents), w.ratePer1000 === null ? '' : w.ratePer1000.toFixed(1)]);
    expect(hidden).toBeLessThan(json.wards.length);
  });

  it('shows the priorities text to anyone; the chair or an analyst edits it, planners and the public may not', async () => {
    const first = (await (await ask('/api/public/priorities', null)).json()) as { markdown: string; savedAt: string | null };
    expect(first.markdown).toMatch(/Making\nTower Hamlets Safer/);
    expect(first.savedAt).toBeNull();
    const chair = createApiToken(demo.db, 'chair', 'chair', NOW);
    const planner = createApiToken(demo.db, 'planner', 'planner', NOW);
    const put = (token: string | null, body: unknown) =>
      app.request('/api/public-page/priorities', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-tasking-map': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await put(null, { markdown: 'x', version: 0 })).status).toBe(401);
    expect((await put(publicToken, { markdown: 'x', version: 0 })).status).toBe(403);
    expect((await put(planner, { markdown: 'x', version: 0 })).status).toBe(403);
    const empty = await put(chair, { markdown: '   ', version: 0 });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toMatch(/expected some text/);
    const saved = await put(chair, { markdown: '## Knife crime first', version: 0 });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { version: number }).version).toBe(1);
    const stale = await put(chair, { markdown: '## Something else', version: 0 });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(await stale.json())).toMatch(/Someone saved the priorities since you opened them/);
    expect(((await (await ask('/api/public/priorities', null)).json()) as { markdown: string }).markdown).toBe('## Knife crime first');
    const page = await ask('/api/public-page', planner);
    expect(page.status).toBe(200);
    const body = (await page.json()) as { rules: { smallCountThreshold: number }; priorities: { version: number } };
    expect([body.rules.smallCountThreshold, body.priorities.version]).toEqual([10, 1]);
    expect((await ask('/api/public-page', publicToken)).status).toBe(403);
  });

  it('gives an attacker holding every figure of a month and the public geography no hidden count', async () => {
    for (const theme of ['robbery', 'violence', 'drugs']) {
      const wards = (await (await ask(`/api/public/wards?theme=${theme}&month=${MONTH}`, null)).json()) as {
        borough: Figure;
        wards: (Figure & { code: string })[];
      };
      const published: Record<string, PublishedCount> = { [BOROUGH_KEY]: asPublished(wards.borough) };
      for (const w of wards.wards) published[wardKey(w.code)] = asPublished(w);
      for (const resolution of [7, 8]) {
        const cells = (await (await ask(`/api/public/cells?theme=${theme}&month=${MONTH}&resolution=${resolution}`, null)).json()) as {
          cells: (Figure & { cell: string })[];
        };
        for (const c of cells.cells) published[hexagonKey(c.cell)] = asPublished(c);
      }
      // The relations from the geography alone: which hexagons each ward's area touches.
      const lookup = wardLookup(listAreas(demo.db, 'ward').map((a) => ({ code: a.code, name: a.name, geometry: a.geometry })));
      const pieces = lookup.pairs
        .filter((p) => published[hexagonKey(p.h3Cell)] !== undefined)
        .map((p) => ({ wardCode: p.wardCode, h3Cell: p.h3Cell, parentH3Cell: parentCell(p.h3Cell, 7), count: 0 }));
      const { relations, unpublished } = buildAreaTable(pieces);
      const known = new Set([...Object.keys(published), ...unpublished]);
      const usable = relations.filter((r) => known.has(r.parent) && r.children.every((c) => known.has(c)));
      expect(usable.length).toBeGreaterThan(20);
      const hidden = Object.values(published).filter((v) => v.kind === 'fewer-than' || v.kind === 'withheld').length;
      expect(hidden, theme).toBeGreaterThan(0);
      const audit = auditPublication(published as PublishedTable, usable, PUBLIC_RULES, 'linear');
      expect(
        audit.findings.filter((f) => f.problem !== 'inconsistent'),
        theme,
      ).toEqual([]);
    }
  }, 120_000);
});

describe('what the public can reach', () => {
  it('only the public routes, health and the sign-in routes answer anonymous callers or the public role', async () => {
    const demo = demoApp(NOW);
    const app = createApp({ db: demo.db, clock: () => NOW });
    const token = createApiToken(demo.db, 'public', 'board member', NOW);
    const routes = apiRoutesOf(app.routes);
    const open = (key: string) => /^GET \/api\/public\//.test(key) || key === 'GET /api/health' || /^(GET|POST) \/api\/auth\//.test(key);
    expect(
      routes
        .filter((r) => open(routeKey(r)))
        .map(routeKey)
        .sort(),
    ).toEqual(
      expect.arrayContaining([
        'GET /api/public/cells',
        'GET /api/public/priorities',
        'GET /api/public/themes',
        'GET /api/public/trends',
        'GET /api/public/wards',
        'GET /api/public/wards.csv',
      ]),
    );
    for (const route of routes) {
      const key = routeKey(route);
      for (const caller of [null, token]) {
        const response = await app.request(`${samplePath(route.pattern)}${route.method === 'GET' ? '?theme=violence&month=2026-04' : ''}`, {
          method: route.method,
          headers: { 'x-tasking-map': '1', 'content-type': 'application/json', ...(caller ? { authorization: `Bearer ${caller}` } : {}) },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
        if (open(key)) expect([401, 403], `${key} as ${caller ? 'public' : 'anonymous'}`).not.toContain(response.status);
        else expect(response.status, `${key} as ${caller ? 'public' : 'anonymous'}`).toBe(caller ? 403 : 401);
      }
    }
  }, 120_000);
});
