// The public page, end to end (issue 15): a resident opens /public without signing in on a big
// screen and on a phone, reads the ward map, table and trends (the figures the public API
// publishes, nothing else), chooses a ward, downloads the ward table; the chair edits the
// partnership's priorities in place and a resident sees the new text. Real app, real server,
// Debian's Chromium; screenshots at 1920x1080 and 390x844.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SCREENSHOTS, censusOfScreenshot, eventually, launchChromium, login, openPage, type RunningDemoApp, startDemoApp } from './fixtures';

let app: RunningDemoApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const figure = z.object({ kind: z.enum(['zero', 'rounded', 'fewer-than', 'withheld']), value: z.number().nullable(), text: z.string() });
const wardsAnswer = z.object({
  borough: figure.extend({ ratePer1000: z.number().nullable() }),
  wards: z.array(figure.extend({ code: z.string(), name: z.string(), ratePer1000: z.number().nullable() })),
});
const themesAnswer = z.object({ themes: z.array(z.object({ id: z.string(), label: z.string(), months: z.array(z.string()) })), demo: z.boolean() });

const shown = (f: z.infer<typeof figure>) => (f.kind === 'rounded' ? f.value!.toLocaleString('en-GB') : f.text);

async function mapDrawn(page: Page): Promise<void> {
  await page.locator('.public-map[data-drawn="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

describe('the public page', () => {
  it('shows a resident the ward map, table and trends of the latest month on a big screen, with no sign-in', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, { width: 1920, height: 1080 });
    await page.goto('/public');
    await mapDrawn(page);
    const themes = themesAnswer.parse(await (await page.request.get('/api/public/themes')).json());
    expect(themes.demo).toBe(true);
    await expect.poll(() => page.getByText('DEMO DATA — synthetic, not real incidents').isVisible()).toBe(true);
    const violence = themes.themes.find((t) => t.id === 'violence')!;
    const month = violence.months.at(-1)!;
    // The page's address says what it shows, so a link shows the same.
    await expect.poll(() => new URL(page.url()).searchParams.get('month')).toBe(month);
    const wards = wardsAnswer.parse(await (await page.request.get(`/api/public/wards?theme=violence&month=${month}`)).json());
    const table = page.locator('.ward-table');
    for (const ward of wards.wards) {
      const row = table.locator('tbody tr', { has: page.getByRole('button', { name: ward.name, exact: true }) });
      expect(await row.locator('td').first().textContent(), ward.name).toBe(shown(ward));
      expect(await row.locator('td').nth(1).textContent(), ward.name).toBe(ward.ratePer1000 === null ? '–' : ward.ratePer1000.toFixed(1));
    }
    expect(await table.locator('tfoot td').first().textContent()).toBe(shown(wards.borough));
    await expect.poll(() => page.locator('.public-headline').textContent()).toContain(`about ${shown(wards.borough)} incidents across the borough`);
    // The map and its key are on the screen together; the wards are shaded.
    const key = await page.getByRole('list', { name: 'Map key' }).boundingBox();
    expect(key && key.y + key.height).toBeLessThanOrEqual(1080);
    const census = await censusOfScreenshot(page, await page.locator('.public-map').screenshot());
    expect(census.anyCell).toBeGreaterThan(census.total * 0.1);
    // The borough's 12-month trend is drawn and readable as figures.
    const boroughTrend = page.getByRole('img', { name: /^Borough: violence and weapons/ });
    await boroughTrend.waitFor({ state: 'visible' });
    expect(await page.locator('.trend-canvas canvas').count()).toBeGreaterThan(0);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'public-1920x1080.png') });

    // Choosing a ward in the table draws its trend: the figures the public API publishes for it.
    const chosen = wards.wards[1]!;
    await page.getByRole('button', { name: chosen.name, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ward')).toBe(chosen.code);
    const trend = z
      .object({
        months: z.array(z.object({ month: z.string(), data: z.boolean(), kind: z.string().nullable(), value: z.number().nullable(), text: z.string() })),
      })
      .parse(await (await page.request.get(`/api/public/trends?theme=violence&ward=${chosen.code}&months=12&to=${month}`)).json());
    const wardTrend = page.getByRole('img', { name: new RegExp(`^${chosen.name}: violence and weapons`) });
    await wardTrend.waitFor({ state: 'visible' });
    const described = (await wardTrend.getAttribute('aria-label')) ?? '';
    for (const m of trend.months.filter((t) => t.data)) expect(described).toContain(m.kind === 'rounded' ? m.value!.toLocaleString('en-GB') : m.text);

    // The download is exactly the public CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download the ward table/ }).click()]);
    const saved = readFileSync((await download.path())!, 'utf8');
    const from = violence.months[Math.max(0, violence.months.length - 12)]!;
    expect(saved).toBe(await (await page.request.get(`/api/public/wards.csv?theme=violence&from=${from}&to=${month}`)).text());
    expect(saved.split('\n')[0]).toBe('ward_code,ward,theme,month,incidents,residents,rate_per_1000_residents');

    // Another theme: the headline and the table follow.
    await page.getByLabel('What').selectOption('robbery');
    await expect.poll(() => page.locator('.public-headline').textContent()).toMatch(/^Robbery in /);
    await mapDrawn(page);
    // The page reached nothing but the public API.
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('fits a phone: one column, no sideways scrolling, the map drawn', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, { width: 390, height: 844 });
    await page.goto('/public?theme=burglary');
    await mapDrawn(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const map = await page.locator('.public-map').boundingBox();
    expect(map!.width).toBeGreaterThan(330);
    for (const name of ['What', 'Month', 'Ward for the trend']) {
      const box = await page.getByLabel(name, { exact: true }).boundingBox();
      // Large enough to tap.
      expect(box!.height, name).toBeGreaterThanOrEqual(40);
    }
    await page.screenshot({ path: resolve(SCREENSHOTS, 'public-390x844.png') });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'public-390x844-full.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('lets the chair edit the priorities in place, and a resident reads the new text', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, { width: 1920, height: 1080 });
    await login(page, 'chair');
    await page.goto('/public');
    await page.getByRole('button', { name: 'Edit this text' }).click();
    const text = '## Our priorities this year\n\n- **Knife crime** near schools\n- Drug dealing on estates';
    await page.getByLabel(/Text shown to the public/).fill(text);
    await page.getByRole('button', { name: 'Save for the public page' }).click();
    await page.getByRole('heading', { name: 'Our priorities this year' }).waitFor({ state: 'visible' });
    await page.context().close();

    const resident = await openPage(browser, app.baseUrl, { width: 1920, height: 1080 });
    await resident.page.goto('/public');
    await resident.page.getByRole('heading', { name: 'Our priorities this year' }).waitFor({ state: 'visible' });
    expect(await resident.page.getByRole('button', { name: 'Edit this text' }).count()).toBe(0);
    await eventually(() => resident.page.getByRole('listitem').filter({ hasText: 'Knife crime near schools' }).isVisible(), 'the new priorities');
    expect([...problems, ...resident.problems]).toEqual([]);
    await resident.page.context().close();
  });
});
