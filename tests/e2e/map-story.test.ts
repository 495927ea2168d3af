// The map, end to end: a tasking meeting chair and a Safer Neighbourhood Board member open
// the real app (built web, real server, seeded SQLite) in Debian's Chromium.
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  SCREENSHOTS,
  censusOfScreenshot,
  eventually,
  launchChromium,
  login,
  openMap,
  openPage,
  pixelOfCell,
  startApp,
  waitForMapState,
  type RunningApp,
} from './fixtures';
import { FEBRUARY_MONTH_ONLY_INCIDENTS } from './seed-database';

const cellsAnswer = z.object({
  meta: z.object({ totalCount: z.number(), totalPartialCount: z.number() }),
  cells: z.array(z.object({ cell: z.string(), count: z.number(), partialCount: z.number() })),
});

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What the API says for the same parameters the page used, asked as an analyst with a token. */
async function askApi(query: { group: string; from: string; to: string; resolution: number }) {
  const params = new URLSearchParams({ ...query, resolution: String(query.resolution) });
  const response = await fetch(`${app.baseUrl}/api/cells?${params}`, {
    headers: { authorization: `Bearer ${app.seeded.analystToken}` },
  });
  expect(response.status).toBe(200);
  return cellsAnswer.parse(await response.json());
}

describe('the tasking map', () => {
  it('a chair opens the map, switches to robbery and the last 7 days, and inspects a hotspot', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'chair');

    // The meeting opens on violence over the last 28 days, anchored at the end of the data.
    const opening = await openMap(page);
    expect(opening).toMatchObject({ role: 'chair', group: 'violence', from: '2025-02-15', to: '2025-03-15', resolution: 9, demo: true });
    await eventually(() => page.getByText('DEMO DATA — synthetic, not real incidents').isVisible(), 'the demo banner');
    await eventually(() => page.getByText('Data ends 14 Mar 2025: showing the 28 days to then.').isVisible(), 'the data-end note');
    await eventually(() => page.getByText('Incidents per 28 days per cell').isVisible(), 'the legend');
    const violence = await askApi({ group: 'violence', from: '2025-02-15', to: '2025-03-15', resolution: 9 });
    expect(opening.cellsRendered).toBe(violence.cells.filter((c) => c.count > 0).length);
    expect(opening.cellsRendered).toBeGreaterThan(10);
    expect(opening.totalCount).toBe(violence.meta.totalCount);
    // February's month-only police.uk incidents straddle the window: reported, never counted.
    expect(opening.totalPartialCount).toBe(FEBRUARY_MONTH_ONLY_INCIDENTS);
    expect(await page.getByTestId('partial-note').textContent()).toContain(
      `${FEBRUARY_MONTH_ONLY_INCIDENTS} month-only incidents overlap these dates but are not counted`,
    );
    expect(await page.getByTestId('total-count').textContent()).toContain(`${violence.meta.totalCount} incidents counted`);
    const violenceShot = await page.screenshot({ path: resolve(SCREENSHOTS, '01-chair-violence-28-days.png') });
    const violencePixels = await censusOfScreenshot(page, violenceShot);
    expect(violencePixels.borough).toBeGreaterThan(violencePixels.total * 0.1);
    expect(violencePixels.anyCell).toBeGreaterThan(500);

    // Robbery, last 7 days.
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Robbery' });
    await page.getByRole('radio', { name: 'Last 7 days' }).check();
    const robbery = await waitForMapState(page, (s) => s.group === 'robbery' && s.from === '2025-03-08', 'robbery over the last 7 days');
    expect(robbery).toMatchObject({ to: '2025-03-15', windowDays: 7, resolution: 9 });
    const robberyApi = await askApi({ group: 'robbery', from: '2025-03-08', to: '2025-03-15', resolution: 9 });
    expect(robbery.totalCount).toBe(robberyApi.meta.totalCount);
    expect(robbery.cellsRendered).toBe(robberyApi.cells.filter((c) => c.count > 0).length);
    expect(robbery.totalPartialCount).toBe(0);
    expect(await page.getByTestId('partial-note').count()).toBe(0);

    // The hottest robbery cell is the planted Whitechapel cluster; click it on the map.
    const hottest = [...robberyApi.cells].sort((a, b) => b.count - a.count)[0]!;
    expect(hottest.count).toBeGreaterThanOrEqual(10);
    const { x, y } = await pixelOfCell(page, hottest.cell);
    await page.mouse.move(x, y);
    await eventually(
      async () => (await page.evaluate(() => document.querySelector('.map-canvas canvas')?.getAttribute('style') ?? '')).includes('cursor: pointer'),
      'a pointer cursor over the cell',
    );
    await page.mouse.click(x, y);
    const panel = page.getByRole('complementary', { name: 'Cell details' });
    await eventually(async () => (await panel.getByTestId('cell-count').textContent()) === String(hottest.count), 'the cell count in the panel');
    expect(await panel.textContent()).toContain(hottest.cell);
    expect(await panel.getByRole('row', { name: /Robbery/ }).textContent()).toContain(String(hottest.count));
    await waitForMapState(page, (s) => s.selectedCell === hottest.cell, 'the clicked cell selected');
    await page.mouse.move(5, 5); // no hover highlight in the picture
    const robberyShot = await page.screenshot({ path: resolve(SCREENSHOTS, '02-chair-robbery-7-days-cell.png') });
    expect((await censusOfScreenshot(page, robberyShot)).hotCells).toBeGreaterThan(100);

    await panel.getByRole('button', { name: 'Close' }).click();
    expect(await panel.count()).toBe(0);

    // The same cell from the keyboard: the busiest-cells list, then Escape to close.
    await page.getByRole('button', { name: `Show cell ${hottest.cell}: ${hottest.count} incidents` }).press('Enter');
    await eventually(() => panel.isVisible(), 'the panel opened from the busiest-cells list');
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);

    // A custom fortnight in January at a coarser cell size.
    await page.getByRole('radio', { name: 'Custom dates' }).check();
    await page.getByLabel('From').fill('2025-01-20');
    await page.getByLabel('To (inclusive)').fill('2025-02-02');
    await page.getByRole('combobox', { name: 'Cell size' }).selectOption('8');
    const custom = await waitForMapState(
      page,
      (s) => s.from === '2025-01-20' && s.to === '2025-02-03' && s.resolution === 8,
      'a custom fortnight at resolution 8',
    );
    const customApi = await askApi({ group: 'robbery', from: '2025-01-20', to: '2025-02-03', resolution: 8 });
    expect(custom).toMatchObject({ windowDays: 14, totalCount: customApi.meta.totalCount });
    expect(custom.totalCount).toBeGreaterThan(0);

    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a Safer Neighbourhood Board member sees the boundaries and a note that no public layers are published yet', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'public');
    const state = await openMap(page);
    expect(state).toMatchObject({ role: 'public', cellsRendered: 0, totalCount: null });
    await eventually(() => page.getByRole('heading', { name: 'No public layers are published yet' }).isVisible(), 'the public note');
    expect(await page.getByRole('combobox', { name: 'Layer' }).count()).toBe(0);
    // The server, not just the page, keeps cell counts from this role.
    const cells = await page.request.get('/api/cells?group=robbery&from=2025-03-08&to=2025-03-15');
    expect(cells.status()).toBe(403);
    const shot = await page.screenshot({ path: resolve(SCREENSHOTS, '03-public-boundaries-only.png') });
    const pixels = await censusOfScreenshot(page, shot);
    expect(pixels.borough).toBeGreaterThan(pixels.total * 0.1);
    expect(pixels.hotCells).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
