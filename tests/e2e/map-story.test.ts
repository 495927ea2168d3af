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
import { cellAt } from '../../geo/h3';
import { FEBRUARY_MONTH_ONLY_INCIDENTS, HOTSPOTS, ROBBERY_PEAK_CAPTION } from './seed-database';

const cellsAnswer = z.object({
  meta: z.object({
    totalCount: z.number(),
    totalPartialCount: z.number(),
    timeFilter: z
      .object({ hours: z.string().nullable(), weekdays: z.string().nullable(), withoutNeededTime: z.number(), note: z.string().nullable() })
      .nullable(),
  }),
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

const hotspotsAnswer = z.object({
  summary: z.object({ bins: z.record(z.string(), z.number()) }),
  cells: z.array(z.object({ cell: z.string(), bin: z.number() })),
});
const emergingAnswer = z.object({ cells: z.array(z.object({ cell: z.string(), side: z.string(), pattern: z.string() })) });
const forecastAnswer = z.object({ window: z.object({ from: z.string(), to: z.string() }), cells: z.array(z.object({ cell: z.string(), rank: z.number() })) });

/** GET an API path as an analyst with a token, expecting 200. */
async function getAsAnalyst(path: string, query: Record<string, string | number>): Promise<unknown> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const response = await fetch(`${app.baseUrl}${path}?${params}`, {
    headers: { authorization: `Bearer ${app.seeded.analystToken}` },
  });
  expect(response.status, `${path}?${params}`).toBe(200);
  return response.json();
}

/** What the API says for the same parameters the page used, asked as an analyst with a token. */
async function askApi(query: { group: string; from: string; to: string; resolution: number; hours?: string; weekdays?: string }) {
  return cellsAnswer.parse(await getAsAnalyst('/api/cells', query));
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
    await eventually(() => page.getByRole('heading', { name: 'Incidents per 28 days per cell' }).isVisible(), 'the legend');
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
    await page.screenshot({ path: resolve(SCREENSHOTS, '01-chair-violence-28-days.png') });
    // Counted over the map alone: the borough fills a good part of it.
    const violencePixels = await censusOfScreenshot(page, await page.getByRole('region', { name: 'Map of incident cells' }).screenshot());
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

  it('a chair narrows robbery to after school on weekdays, then looks at the last full month', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'chair');
    await openMap(page);
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Robbery' });
    await waitForMapState(page, (s) => s.group === 'robbery', 'robbery over the last 28 days');

    // After school on weekdays: the seeded robbery has times to the minute, so nothing is left unjudged.
    await page.getByRole('combobox', { name: 'Time of day' }).selectOption({ label: 'After school 15:00–18:00' });
    await page.getByRole('combobox', { name: 'Days' }).selectOption({ label: 'Weekdays' });
    const window = { group: 'robbery', from: '2025-02-15', to: '2025-03-15', resolution: 9 };
    const filtered = await waitForMapState(
      page,
      (s) => s.group === 'robbery' && s.hours === '15-18' && s.weekdays === 'mon-fri',
      'after-school weekday robbery',
    );
    expect(filtered).toMatchObject({ ...window, view: 'counts', timeFilterNote: null });
    const filteredApi = await askApi({ ...window, hours: '15-18', weekdays: 'mon-fri' });
    const allHoursApi = await askApi(window);
    expect(filteredApi.meta.timeFilter).toEqual({ hours: '15-18', weekdays: 'mon-fri', withoutNeededTime: 0, note: null });
    expect(filtered.totalCount).toBe(filteredApi.meta.totalCount);
    expect(filtered.cellsRendered).toBe(filteredApi.cells.filter((c) => c.count > 0).length);
    expect(filtered.totalCount).toBeGreaterThan(0);
    expect(filtered.totalCount).toBeLessThan(allHoursApi.meta.totalCount);
    expect(await page.getByTestId('time-filter-text').textContent()).toBe('Only: After school 15:00–18:00, weekdays (London time)');
    expect(await page.getByTestId('total-count').textContent()).toContain(`${filteredApi.meta.totalCount} incident`);

    // Violence holds February's month-only police.uk incidents: the filter cannot judge them, and the page says so.
    await page.getByRole('combobox', { name: 'Layer' }).selectOption('violence');
    const violence = await waitForMapState(page, (s) => s.group === 'violence' && s.hours === '15-18', 'after-school weekday violence');
    const violenceApi = await askApi({ ...window, group: 'violence', hours: '15-18', weekdays: 'mon-fri' });
    expect(violenceApi.meta.timeFilter?.withoutNeededTime).toBe(FEBRUARY_MONTH_ONLY_INCIDENTS);
    expect(violence.totalCount).toBe(violenceApi.meta.totalCount);
    expect(violence.timeFilterNote).toBe(violenceApi.meta.timeFilter?.note);
    expect(violence.timeFilterNote).toContain(`${FEBRUARY_MONTH_ONLY_INCIDENTS} incidents in the window have no time of day`);
    await eventually(async () => (await page.getByTestId('time-filter-note').textContent()) === violence.timeFilterNote, 'the time filter note');
    await page.mouse.move(5, 5);
    // The sidebar scrolls: bring the note into the picture.
    await page.getByTestId('time-filter-note').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(SCREENSHOTS, '08-chair-time-filter.png') });

    // Last full month: February, the last month wholly before the data ends on 14 March.
    await page.getByRole('radio', { name: 'Last full month' }).check();
    const month = await waitForMapState(page, (s) => s.from === '2025-02-01', 'the last full month');
    expect(month).toMatchObject({ from: '2025-02-01', to: '2025-03-01', windowDays: 28, hours: '15-18', weekdays: 'mon-fri' });
    const monthApi = await askApi({ group: 'violence', from: '2025-02-01', to: '2025-03-01', resolution: 9, hours: '15-18', weekdays: 'mon-fri' });
    expect(month.totalCount).toBe(monthApi.meta.totalCount);
    await eventually(() => page.getByText('Data ends 14 Mar 2025: showing February 2025, the last full month.').isVisible(), 'the month note');

    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a chair finds the hot spots, what is emerging and where to patrol next week', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'chair');
    await openMap(page);
    const show = page.getByRole('group', { name: 'Show' });

    // Violence includes February's month-only police.uk data: a 28-day window cannot hold it,
    // and the page says so in the server's words rather than drawing an empty map.
    await show.getByRole('radio', { name: /Hot spots/ }).check();
    const refused = await waitForMapState(page, (s) => s.view === 'hotspots' && s.viewMessage !== null, 'the hot spot refusal');
    expect(refused).toMatchObject({ group: 'violence', cellsRendered: 0, legendTitle: 'Hot spots (Gi*)' });
    expect(await page.getByTestId('view-message').textContent()).toContain('known only to the month');
    // The page adds the two choices that fix it.
    expect(await page.getByTestId('view-message').textContent()).toMatch(/Choose Last full month or Custom dates from the 1st of a month\.$/);
    expect(await page.getByRole('alert').filter({ hasText: 'Use whole calendar months' }).count()).toBe(1);
    await page.screenshot({ path: resolve(SCREENSHOTS, '07-chair-hotspots-refused.png') });

    // Robbery has times to the minute: the planted Whitechapel cluster is a 99% hot spot.
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Robbery' });
    const window = { group: 'robbery', from: '2025-02-15', to: '2025-03-15', resolution: 9 };
    const hot = await waitForMapState(page, (s) => s.view === 'hotspots' && s.group === 'robbery' && s.viewMessage === null, 'robbery hot spots');
    const api = hotspotsAnswer.parse(await getAsAnalyst('/api/hotspots', { ...window, method: 'gistar', k: 1, correction: 'fdr' }));
    const planted = cellAt(HOTSPOTS.robberyWhitechapel[0], HOTSPOTS.robberyWhitechapel[1], 9);
    expect(api.cells.find((c) => c.cell === planted)?.bin).toBe(3);
    expect(hot.cellsRendered).toBe(api.cells.filter((c) => c.bin !== 0).length);
    expect(hot.topCells).toContain(planted);
    expect(await page.getByTestId('legend-method').textContent()).toBe('Getis-Ord Gi*, FDR-corrected, k = 1');
    await eventually(() => page.getByText('Hot spot, 99% confidence').first().isVisible(), 'the 99% row of the legend');

    const { x, y } = await pixelOfCell(page, planted);
    await page.mouse.click(x, y);
    const panel = page.getByRole('complementary', { name: 'Cell details' });
    await eventually(async () => (await panel.getByTestId('cell-bin').textContent()) === 'Hot spot, 99% confidence', 'the bin in words');
    expect((await waitForMapState(page, (s) => s.selectedCell === planted, 'the planted cell selected')).selectedCellBin).toBe(3);
    expect(await panel.getByTestId('cell-z').textContent()).toMatch(/^\d+\.\d\d$/);
    expect(await panel.getByTestId('cell-p-adjusted').textContent()).toBe('below 0.001');
    // When: Friday nights are planted in the seed.
    const grid = panel.getByRole('table', { name: /Peak:/ });
    await eventually(() => grid.isVisible(), 'the When grid');
    expect(await grid.locator('caption').textContent()).toContain(ROBBERY_PEAK_CAPTION);
    expect(await grid.getByRole('row').count()).toBe(8); // hours header + Mon..Sun
    await page.mouse.move(5, 5);
    const hotShot = await page.screenshot({ path: resolve(SCREENSHOTS, '04-chair-hotspots.png') });
    expect((await censusOfScreenshot(page, hotShot)).hotCells).toBeGreaterThan(100);

    // Weighted by harm: the legend names the index, and says drugs and weapons stay counts.
    await show.getByRole('checkbox', { name: 'Weight by harm' }).check();
    await waitForMapState(page, (s) => s.legendTitle === 'Hot spots of harm (Gi*)', 'harm-weighted hot spots');
    await eventually(
      async () => ((await page.getByTestId('harm-index').textContent()) ?? '') === 'Weighted by harm: ONS Crime Severity Score weights',
      'the harm index name',
    );
    expect(await page.getByTestId('harm-weights').textContent()).toBe('Days of custody per offence: Robbery 800.');
    await eventually(() => page.getByText(/Drugs and weapons possession are found by police activity/).isVisible(), 'the proactive caveat');

    // Emerging: the Whitechapel cluster has been hot for the last windows running.
    await show.getByRole('radio', { name: /Emerging/ }).check();
    const emerging = await waitForMapState(page, (s) => s.view === 'emerging' && s.viewMessage === null, 'emerging hot spots');
    const emergingApi = emergingAnswer.parse(
      await getAsAnalyst('/api/hotspots/emerging', { group: 'robbery', to: '2025-03-15', windows: 12, windowDays: 28, resolution: 9 }),
    );
    expect(emerging.cellsRendered).toBe(emergingApi.cells.length);
    const plantedPattern = emergingApi.cells.find((c) => c.cell === planted);
    expect(plantedPattern?.side).toBe('hot');
    await eventually(async () => ((await panel.getByTestId('cell-pattern').textContent()) ?? '').endsWith('hot spot'), 'the pattern in the panel');
    await page.screenshot({ path: resolve(SCREENSHOTS, '06-chair-emerging.png') });

    // Forecast: the 28-day window is not whole months, so the next week; top 5% of the cells.
    await show.getByRole('radio', { name: /Forecast/ }).check();
    const forecast = await waitForMapState(page, (s) => s.view === 'forecast' && s.viewMessage === null, 'the forecast');
    const forecastApi = forecastAnswer.parse(await getAsAnalyst('/api/forecast', { group: 'robbery', asOf: '2025-03-15', horizon: 'week', resolution: 9 }));
    expect(forecastApi.window).toEqual({ from: '2025-03-15', to: '2025-03-22' });
    expect(forecast.cellsRendered).toBe(Math.ceil(forecastApi.cells.length * 0.05));
    expect(forecast.topCells[0]).toBe(forecastApi.cells.find((c) => c.rank === 1)?.cell);
    expect(await page.getByTestId('forecast-window').textContent()).toBe('Forecast for 15 Mar 2025 – 21 Mar 2025: top 5% of cells');
    await eventually(
      async () => /top 5% of cells caught \d+% of the next week's incidents/.test((await page.getByTestId('backtest-headline').textContent()) ?? ''),
      'the accuracy headline',
    );
    expect(await panel.getByTestId('cell-forecast-rank').textContent()).toMatch(/ of \d+, in the top 5%$/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '05-chair-forecast.png') });

    // The one 400 is the refused violence window, which the page showed as a message.
    const refusal = (p: string) => p.includes('status of 400') && p.includes('/api/hotspots?group=violence');
    expect(problems.filter(refusal)).toHaveLength(1);
    expect(problems.filter((p) => !refusal(p))).toEqual([]);
    await page.context().close();
  });

  it('a Safer Neighbourhood Board member signs in and sees the public page, not the staff map', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'public');
    await page.getByRole('heading', { name: 'Crime and safety in Tower Hamlets' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.public-map[data-drawn="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await page.getByRole('combobox', { name: 'Layer' }).count()).toBe(0);
    // The server, not just the page, keeps cell counts from this role.
    const cells = await page.request.get('/api/cells?group=robbery&from=2025-03-08&to=2025-03-15');
    expect(cells.status()).toBe(403);
    await page.screenshot({ path: resolve(SCREENSHOTS, '03-public-page-signed-in.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
