// The THEO planner's day, end to end (issue 13): the planner opens Patrols, adds the council base
// by clicking the map, plans the snt team's Friday evening shift from its two running demo
// taskings, reads the visits, the route and what the shift cannot deliver, drops a visit by hand
// (the times recompute at once), saves, and the server holds the new order. Real app, real
// server, Debian's Chromium; screenshots at 1920x1080.
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dayOfIsoDate, isoDateOfDay, londonWallClock, weekdayOfDay } from '../../geo/time';
import { SCREENSHOTS, censusOfScreenshot, launchChromium, login, openPage, type RunningDemoApp, startDemoApp } from './fixtures';

let app: RunningDemoApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const planAnswer = z.object({
  plans: z.array(
    z.object({
      id: z.number(),
      version: z.number(),
      visitOrder: z.array(z.number()).nullable(),
      visits: z.array(z.object({ taskingId: z.number(), area: z.string(), arriveAt: z.string(), leaveAt: z.string() })),
      shortfalls: z.array(z.object({ taskingId: z.number(), message: z.string() })),
    }),
  ),
});

describe("the planner's Patrols page", () => {
  it('plans a Friday evening shift from two demo taskings, drops a visit by hand and saves the new order', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, { width: 1920, height: 1080 });
    await login(page, 'planner');
    await page.goto('/patrols');
    await page.locator('#patrol-team option').first().waitFor({ state: 'attached' });
    await page.locator('#patrol-team').selectOption('snt');

    // The council base, placed by clicking the map near the middle of the borough.
    const map = (await page.locator('.map-area').boundingBox())!;
    await page.waitForTimeout(1000);
    await page.mouse.click(map.x + map.width * 0.6, map.y + map.height * 0.55);
    await page.getByText('Add a base').click();
    await page.getByLabel('Name', { exact: true }).fill('Council depot');
    await page.getByRole('button', { name: 'Add the base' }).click();
    await expect.poll(() => page.locator('#patrol-base option:checked').textContent()).toBe('Council depot');

    // The most recent Friday on or before the demo data's last day: both snt taskings run then.
    let day = dayOfIsoDate(londonWallClock(app.generatedOn).slice(0, 10)) - 1;
    while (weekdayOfDay(day) !== 4) day -= 1;
    const friday = isoDateOfDay(day);
    await page.locator('#patrol-date').fill(friday);
    await page.locator('#patrol-start').fill('16:00');
    await page.locator('#patrol-end').fill('23:00');
    await page.locator('#patrol-officers').fill('theo.adams, theo.bello');
    await page.getByRole('button', { name: 'Plan the shift' }).click();
    await page.locator('.visit-list li').first().waitFor({ state: 'visible', timeout: 20_000 });

    const stored = planAnswer.parse(await (await page.request.get(`/api/patrol-plans?date=${friday}&team=snt`)).json()).plans[0]!;
    const rows = page.locator('.visit-list li');
    expect(await rows.count()).toBe(stored.visits.length);
    expect(new Set(stored.visits.map((v) => v.area))).toEqual(new Set(['Canary Wharf bicycle theft', 'Bethnal Green weapons']));
    for (const [k, visit] of stored.visits.entries()) {
      const text = (await rows.nth(k).textContent()) ?? '';
      expect(text).toContain(visit.area);
      expect(text).toContain(`${visit.arriveAt.slice(11, 16)}–${visit.leaveAt.slice(11, 16)}`);
    }
    // What the shift cannot deliver is said in words on the page, as the server said it.
    for (const shortfall of stored.shortfalls) expect(await page.getByText(shortfall.message).count()).toBe(1);
    // The route is drawn: the map shows the plan's blue.
    await page.mouse.move(5, 5);
    const shot = await page.locator('.map-area').screenshot();
    const census = await censusOfScreenshot(page, shot);
    expect(census.total).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'patrols-1-planned.png') });

    // Drop the last visit: the list and times recompute at once, then the order is saved.
    const last = stored.visits.length;
    await page.getByRole('button', { name: `Drop visit ${last}` }).click();
    await expect.poll(() => rows.count()).toBe(last - 1);
    await page.getByRole('button', { name: 'Save this order' }).click();
    await expect.poll(async () => planAnswer.parse(await (await page.request.get(`/api/patrol-plans?date=${friday}&team=snt`)).json()).plans[0]!.version).toBe(stored.version + 1);
    const saved = planAnswer.parse(await (await page.request.get(`/api/patrol-plans?date=${friday}&team=snt`)).json()).plans[0]!;
    expect(saved.visitOrder).toEqual(stored.visits.slice(0, -1).map((v) => v.taskingId));
    expect(saved.visits).toHaveLength(last - 1);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'patrols-2-dropped.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
