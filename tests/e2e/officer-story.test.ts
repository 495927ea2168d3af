// The officer's phone, end to end (issue 13, item 4; decision 038): the planner plans today's
// shift from two running demo taskings for the demo officer; the officer, on a 390x844 phone,
// signs in, opens the plan, taps Arrived and Leaving at the first stop online (with a reload in
// between that must not lose the Arrived tap), then at the second stop with the network cut,
// sees what waits, gets the network back, and the queue empties. The planner then reads both
// visits on their taskings, with the times of the taps and the officer's name.
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, eventually, launchChromium, login, openPage, startDemoApp, type RunningDemoApp } from './fixtures';

let app: RunningDemoApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const PHONE = { width: 390, height: 844 };

/** Today's London date. */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

interface Plan {
  id: number;
  taskingIds: number[];
  visits: { taskingId: number; area: string; arriveAt: string; leaveAt: string }[];
}
interface Visit {
  taskingId: number;
  startedAt: string;
  endedAt: string;
  officer: string;
  clientRef: string | null;
}

/** The planner, signed in through the API as the page would be (session cookie and our page header). */
async function plannerSession(baseUrl: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tasking-map': '1' },
    body: JSON.stringify({ username: 'planner', password: 'planner-demo-password' }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-tasking-map': '1', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}

describe('the officer on patrol', () => {
  it('logs two visits from the phone, one with the network cut, and the planner sees both with their original times', async () => {
    const planner = await plannerSession(app.baseUrl);
    const today = londonToday();
    // Two running demo taskings; those with daytime bands (or none) first, so a day shift visits both.
    const running = (await planner<{ taskings: { id: number; title: string }[] }>('GET', `/api/taskings?activeOn=${today}`)).body.taskings;
    const daytime = [...running].sort((a, b) => Number(/weapons/i.test(a.title)) - Number(/weapons/i.test(b.title))).slice(0, 2);
    expect(daytime).toHaveLength(2);
    const made = await planner<Plan>('POST', '/api/patrol-plans', {
      team: 'theo',
      date: today,
      shiftStart: '08:00',
      shiftEnd: '20:00',
      officers: ['officer'],
      start: [-0.0335, 51.5155],
      taskingIds: daytime.map((t) => t.id),
      breakMinutes: 30,
    });
    expect(made.status).toBe(201);
    const plan = made.body;
    expect(plan.visits.length).toBeGreaterThanOrEqual(2);

    const { page, problems } = await openPage(browser, app.baseUrl, PHONE);
    await login(page, 'officer');
    // The officer lands on their plans: this one, a link.
    const link = page.getByRole('link', { name: /08:00 to 20:00/ });
    await link.waitFor({ state: 'visible', timeout: 15_000 });
    await page.screenshot({ path: resolve(SCREENSHOTS, '40-officer-plans-390.png') });
    await link.click();
    await page.waitForURL(`**/patrol/${plan.id}`);

    await page.getByRole('heading', { name: plan.visits[0]!.area, level: 2 }).waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.locator('.patrol-map').getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
    expect(await page.getByText(`Next stop 1 of ${plan.visits.length}`).isVisible()).toBe(true);
    expect(await page.getByTestId('patrol-progress').textContent()).toContain(`Visits done: 0 of ${plan.visits.length}`);
    // Big targets: the buttons a thumb taps are at least 48 px tall, and the page is no wider than the phone.
    const arrived = page.getByRole('button', { name: 'Arrived' });
    for (const target of [arrived, page.getByRole('button', { name: 'Sign out' })]) {
      const box = (await target.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(48);
      expect(box.width).toBeGreaterThanOrEqual(48);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: resolve(SCREENSHOTS, '41-officer-next-stop-390.png') });

    // Stop 1, online. A reload between the taps keeps the Arrived time.
    const firstArrivedFrom = Date.now();
    await arrived.click();
    await page.getByText(/^You arrived at \d\d:\d\d\.$/).waitFor({ state: 'visible' });
    const firstArrivedTo = Date.now();
    await page.reload();
    await page.getByRole('button', { name: 'Leaving' }).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByText(/^You arrived at/).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.patrol-map').getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
    await page.screenshot({ path: resolve(SCREENSHOTS, '42-officer-arrived-390.png') });
    await page.waitForTimeout(1_000);
    await page.getByRole('button', { name: 'Leaving' }).click();
    await eventually(async () => (await page.getByTestId('patrol-queue').textContent()) === 'Every visit is sent.', 'the first visit sent');
    expect(await page.getByTestId('patrol-progress').textContent()).toContain(`Visits done: 1 of ${plan.visits.length}`);

    // Stop 2, with the network cut.
    await page.getByText(`Next stop 2 of ${plan.visits.length}`).waitFor({ state: 'visible' });
    await page.context().setOffline(true);
    const secondArrivedFrom = Date.now();
    await page.getByRole('button', { name: 'Arrived' }).click();
    await page.getByRole('button', { name: 'Leaving' }).waitFor({ state: 'visible' });
    const secondArrivedTo = Date.now();
    await page.waitForTimeout(1_500);
    await page.getByRole('button', { name: 'Leaving' }).click();
    await eventually(
      async () => (await page.getByTestId('patrol-queue').textContent()) === '1 visit waiting to send: they will go when the phone is back online.',
      'the waiting message',
    );
    expect(await page.getByTestId('patrol-progress').textContent()).toContain(`Visits done: 2 of ${plan.visits.length}`);
    await page.screenshot({ path: resolve(SCREENSHOTS, '43-officer-offline-waiting-390.png'), fullPage: true });
    // Nothing reached the server while the phone was offline.
    const secondTasking = plan.visits[1]!.taskingId;
    const before = (await planner<{ visits: Visit[] }>('GET', `/api/taskings/${secondTasking}/visits`)).body.visits;
    expect(before.filter((v) => v.officer === 'Demo THEO officer' && Date.parse(v.startedAt) >= secondArrivedFrom - 1_000)).toEqual([]);

    const backOnline = Date.now();
    await page.context().setOffline(false);
    await eventually(async () => (await page.getByTestId('patrol-queue').textContent()) === 'Every visit is sent.', 'the queue to empty once back online');
    await expect.poll(() => page.locator('.patrol-map').getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
    await page.screenshot({ path: resolve(SCREENSHOTS, '44-officer-back-online-390.png') });

    // The planner reads both visits on their taskings: the officer's name and the times of the taps.
    const ids = [...new Set([plan.visits[0]!.taskingId, secondTasking])];
    const visits = (await Promise.all(ids.map(async (id) => (await planner<{ visits: Visit[] }>('GET', `/api/taskings/${id}/visits`)).body.visits)))
      .flat()
      .filter((v) => v.officer === 'Demo THEO officer')
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(visits).toHaveLength(2);
    const [first, second] = visits as [Visit, Visit];
    expect(first.taskingId).toBe(plan.visits[0]!.taskingId);
    expect(second.taskingId).toBe(secondTasking);
    // Each start is the moment of its Arrived tap (to the second, the phone's clock); the offline one began before the network came back.
    expect(Date.parse(first.startedAt)).toBeGreaterThanOrEqual(firstArrivedFrom - 1_000);
    expect(Date.parse(first.startedAt)).toBeLessThanOrEqual(firstArrivedTo + 1_000);
    expect(Date.parse(second.startedAt)).toBeGreaterThanOrEqual(secondArrivedFrom - 1_000);
    expect(Date.parse(second.startedAt)).toBeLessThanOrEqual(secondArrivedTo + 1_000);
    expect(Date.parse(second.startedAt)).toBeLessThan(backOnline);
    expect(Date.parse(second.endedAt)).toBeLessThan(backOnline);
    expect(Date.parse(second.endedAt)).toBeGreaterThan(Date.parse(second.startedAt));
    expect(first.clientRef).not.toBe(second.clientRef);

    // The taskings' results count them as delivered dosage on today's date.
    for (const id of ids) {
      const results = (await planner<{ dosage: { byDay: { date: string; deliveredVisits: number }[] } }>('GET', `/api/taskings/${id}/results`)).body;
      const mine = visits.filter((v) => v.taskingId === id).length;
      expect(results.dosage.byDay.find((d) => d.date === today)?.deliveredVisits, `tasking ${id}`).toBeGreaterThanOrEqual(mine);
    }

    // The only problems on the page are the requests the cut network refused.
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });
});
