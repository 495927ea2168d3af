// CCTV coverage, end to end (issue 12): a tasking meeting chair opens CCTV coverage for violence
// over the last 92 days of the demo data, reads the figures (the API's own), finds the planted
// blind hot spot on the Isle of Dogs in the blind list, marks it, asks where five redeployable
// cameras should go; an analyst reads the same on a laptop, zoomed in to street level where the
// cameras' views are drawn. Real app, real server, Debian's Chromium.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../../geo/demo/generate-demo-data';
import { cellCentre } from '../../geo/h3';
import { isoDateOfDay, londonWallClock, parseIsoDate } from '../../geo/time';
import { SCREENSHOTS, eventually, launchChromium, login, openMap, openPage, waitForMapState, type RunningDemoApp, startDemoApp } from './fixtures';

const BIG_SCREEN = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };

let app: RunningDemoApp;
let browser: Browser;
/** The last 92 days of the demo data: [from, to), and `to` - 1 as the inclusive end. */
let span: { from: string; to: string; through: string };
/** The planted blind violence hot spot's centre [lng, lat]. */
let plantedCentre: [number, number];

beforeAll(async () => {
  [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
  const today = parseIsoDate(londonWallClock(app.generatedOn).slice(0, 10));
  if (!today.ok) throw new Error(today.reason);
  // The demo data ends yesterday.
  span = { from: isoDateOfDay(today.value - 92), to: isoDateOfDay(today.value), through: isoDateOfDay(today.value - 1) };
  const data = generateDemoData({ endDay: today.value, seed: DEFAULT_DEMO_SEED });
  const planted = data.groundTruth.cctv.blindHotspots.find((b) => b.patternId === 'violence-evening-isle-of-dogs');
  if (!planted) throw new Error('the demo plants no blind violence hot spot');
  plantedCentre = [planted.centre[0], planted.centre[1]];
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const coverageAnswer = z.object({
  meta: z.object({ threshold: z.number(), cameras: z.object({ stored: z.number(), working: z.number(), faulty: z.number(), removed: z.number() }) }),
  cells: z.array(z.object({ cell: z.string(), coveredFraction: z.number(), bin: z.number() })),
  summary: z.object({
    incidents: z.number(),
    incidentsCovered: z.number().nullable(),
    hotCells: z.number(),
    hotCellsCovered: z.number(),
    blindHotCells: z.number(),
  }),
  blindHotspots: z.array(z.object({ cell: z.string(), count: z.number(), harmWeightedCount: z.number() })),
});
const sitingAnswer = z.object({
  sites: z.array(z.object({ id: z.string(), marginalGain: z.number() })),
  total: z.number(),
  meta: z.object({ guarantee: z.string() }),
});
const cctvState = z.object({
  layersReady: z.boolean(),
  cctv: z
    .object({
      group: z.string(),
      from: z.string(),
      to: z.string(),
      cells: z.number(),
      hotCells: z.number(),
      blindCells: z.array(z.string()),
      cameras: z.number(),
      views: z.number(),
      closeUp: z.boolean(),
      sites: z.array(z.string()),
      siteIds: z.array(z.string()),
      selectedBlind: z.number().nullable(),
    })
    .nullable()
    .optional(),
});
type CctvState = NonNullable<z.infer<typeof cctvState>['cctv']>;

async function readCctv(page: Page): Promise<CctvState | null> {
  return cctvState.parse(JSON.parse((await page.getByTestId('map-state').textContent()) ?? 'null')).cctv ?? null;
}

/** Waits until the map has drawn a CCTV state that satisfies `accept`, and returns it. */
async function waitForCctv(page: Page, accept: (s: CctvState) => boolean, what: string): Promise<CctvState> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = cctvState.parse(JSON.parse((await page.getByTestId('map-state').textContent()) ?? 'null'));
    if (state.layersReady && state.cctv && accept(state.cctv)) return state.cctv;
    if (Date.now() > deadline) throw new Error(`the map never showed ${what} within 60 s; last state: ${JSON.stringify(state)}`);
    await page.waitForTimeout(100);
  }
}

async function askApi(path: string, query: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${app.baseUrl}${path}?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${app.analystToken}` } });
  expect(response.status, path).toBe(200);
  return response.json();
}

async function postApi(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.analystToken}`, 'content-type': 'application/json', 'x-tasking-map': '1' },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
  return response.json();
}

async function openCctv(page: Page): Promise<CctvState> {
  await openMap(page);
  await page.getByRole('radio', { name: 'Custom dates' }).check();
  await page.getByLabel('From', { exact: true }).fill(span.from);
  await page.getByLabel('To (inclusive)', { exact: true }).fill(span.through);
  await waitForMapState(page, (s) => s.from === span.from && s.to === span.to, 'the last 92 days');
  await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'CCTV coverage' });
  return waitForCctv(page, (s) => s.from === span.from && s.to === span.to, 'CCTV coverage');
}

/** The cells of each body row of a table, as the reader sees them. */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole('table', { name })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
}

/** Metres between two [lng, lat] points (haversine), worked out here. */
function metresBetween([lng1, lat1]: readonly number[], [lng2, lat2]: readonly number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lng2! - lng1!) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

const numberIn = (text: string) => Number(text.split(' ')[0]!.replace(/,/g, ''));

describe('CCTV coverage on the map', () => {
  it('a chair sees what the cameras watch, finds the planted blind hot spot and asks where five redeployable cameras should go', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, BIG_SCREEN);
    await login(page, 'chair');
    const shown = await openCctv(page);

    // Violence by default, the figures the API gives for the same question.
    expect(shown.group).toBe('violence');
    expect(await page.getByRole('combobox', { name: 'Incidents' }).locator('option:checked').textContent()).toMatch(/^Violence/);
    const api = coverageAnswer.parse(await askApi('/api/cctv/coverage', { group: 'violence', from: span.from, to: span.to }));
    expect(api.summary.incidents).toBeGreaterThan(0);
    const headline = (await page.getByTestId('cctv-headline').textContent()) ?? '';
    expect(headline).toContain(`${Math.round(api.summary.incidentsCovered! * 100)}% of ${api.summary.incidents.toLocaleString('en-GB')} incidents`);
    expect(headline).toContain(`${api.summary.hotCellsCovered} of ${api.summary.hotCells} hot cells`);
    expect(headline).toContain('(25% of the cell or more in view)');
    const { stored, working, faulty, removed } = api.meta.cameras;
    expect(await page.getByTestId('cctv-cameras').textContent()).toMatch(
      new RegExp(`^${stored} cameras: ${working} working, ${faulty} faulty, ${removed} removed\\. Only working cameras count\\. By type: `),
    );
    expect(await page.getByTestId('cctv-caveat').textContent()).toMatch(/^An upper bound\. .*buildings are not in the data/);
    expect(shown.cells).toBe(api.cells.length);
    expect(shown.hotCells).toBe(api.cells.filter((c) => c.bin >= 2).length);
    expect(shown.cameras).toBe(stored);
    // Views only close up: the map opens on the whole borough.
    expect(shown.closeUp).toBe(false);
    expect(shown.views).toBe(0);

    // The blind hot spots, worst first, as the API ranks them; the planted one among them.
    expect(api.blindHotspots.length).toBeGreaterThan(0);
    const rows = await tableRows(page, 'Blind hot spots');
    expect(rows).toHaveLength(api.blindHotspots.length);
    expect(rows.map((r) => numberIn(r[2]!))).toEqual(api.blindHotspots.map((b) => b.count));
    for (const row of rows) {
      expect(row[2]).toMatch(/^[\d,]+ incidents?$/);
      expect(row[4]).toMatch(/^(\d+%|under 1%)$/);
      expect(row[5]).toMatch(/^[\d,]+ m \(.+\)$/);
    }
    expect(shown.blindCells).toEqual(api.blindHotspots.map((b) => b.cell));
    const plantedRank = shown.blindCells.findIndex((cell) => metresBetween(cellCentre(cell), plantedCentre) < 500) + 1;
    expect(plantedRank, 'a blind cell within 500 m of the planted Isle of Dogs hot spot').toBeGreaterThan(0);
    expect(rows[plantedRank - 1]![1]).toMatch(/Isle of Dogs|Canary Wharf|Blackwall|Cubitt Town|Millwall/);

    // A click on its row marks it on the map.
    await page
      .getByRole('table', { name: 'Blind hot spots' })
      .getByRole('button', { name: String(plantedRank), exact: true })
      .click();
    await waitForCctv(page, (s) => s.selectedBlind === plantedRank, 'the planted blind hot spot marked');
    // The column from its top: the figures first, as the meeting reads them.
    await page.getByTestId('cctv-heading').scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '30-chair-cctv-coverage-1920.png') });

    // Five redeployable cameras: the sites and their gains are the API's.
    expect(await page.getByLabel('Suggest sites for').inputValue()).toBe('5');
    await page.getByRole('button', { name: 'Suggest sites' }).click();
    const sited = await waitForCctv(page, (s) => s.sites.length > 0, 'the proposed sites');
    const siting = sitingAnswer.parse(await postApi('/api/cctv/siting', { k: 5, group: 'violence', from: span.from, to: span.to, resolution: 9 }));
    expect(siting.sites).toHaveLength(5);
    expect(sited.sites).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(sited.siteIds).toEqual(siting.sites.map((s) => s.id));
    const siteRows = await tableRows(page, 'Proposed sites');
    expect(siteRows).toHaveLength(5);
    let running = 0;
    siteRows.forEach((row, k) => {
      const gain = siting.sites[k]!.marginalGain;
      running += gain;
      expect(row[0]).toBe(`S${k + 1}`);
      expect(Math.abs(numberIn(row[2]!) - gain)).toBeLessThanOrEqual(gain < 100 ? 0.05 : 0.5);
      expect(Math.abs(numberIn(row[3]!) - running)).toBeLessThanOrEqual(running < 100 ? 0.05 : 0.5);
    });
    const total = (await page.getByTestId('cctv-siting-total').textContent()) ?? '';
    expect(total).toMatch(/^The 5 sites newly cover a harm score of [\d,.]+, \d+% of the [\d,.]+ not yet in view \(each camera a circle of 80 m\)\.$/);
    expect(Math.abs(numberIn(total.split('harm score of ')[1]!) - siting.total)).toBeLessThanOrEqual(0.5);
    expect(await page.getByTestId('cctv-guarantee').textContent()).toBe(siting.meta.guarantee);
    expect(siting.meta.guarantee).toMatch(/1 − 1\/e/);
    await page.getByTestId('cctv-guarantee').scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '31-chair-cctv-siting-1920.png') });

    // No API parameter name on screen.
    const column = (await page.getByRole('complementary', { name: 'CCTV coverage' }).textContent()) ?? '';
    expect(column).not.toMatch(/coveredFraction|harmWeightedCount|rangeMeters|\bk=|group=|resolution=/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an analyst reads CCTV coverage on a laptop, zoomed in to street level where the views are drawn', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, LAPTOP);
    await login(page, 'analyst');
    await openCctv(page);
    // Zoom in on Whitechapel's high street, where the cameras are densest: a double click zooms in
    // one level about the point, until the map reaches street level (zoom 15), and no further.
    for (let k = 0; k < 8 && !(await readCctv(page))?.closeUp; k++) {
      const point = await page.evaluate(() => window.__taskingMap?.projectPoint([-0.0605, 51.5175]) ?? null);
      expect(point).not.toBeNull();
      await page.mouse.dblclick(point![0], point![1]);
      // The zoom animates (slowly in software WebGL): give it time to end before the next step.
      for (let wait = 0; wait < 25 && !(await readCctv(page))?.closeUp; wait++) await page.waitForTimeout(100);
    }
    const close = await waitForCctv(page, (s) => s.closeUp, 'the cameras close up');
    expect(close.views).toBeGreaterThan(0);
    await eventually(async () => (await page.getByRole('table', { name: 'Blind hot spots' }).count()) === 1, 'the blind table');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '32-analyst-cctv-1366.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
