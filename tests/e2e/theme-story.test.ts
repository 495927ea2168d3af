// The meeting's themes, end to end: a tasking meeting chair opens robbery near schools on the
// demo data (its 12 invented schools, its own term dates and the three planted after-school
// robbery clusters), picks a school in the table, then switches to drug markets; an analyst
// reads the same themes on a laptop. Real app, real server, Debian's Chromium.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../../geo/demo/generate-demo-data';
import { schoolHolidaysBetween } from '../../geo/demo/school-calendar';
import { isoDateOfDay, londonWallClock, parseIsoDate } from '../../geo/time';
import { SCREENSHOTS, eventually, launchChromium, login, openMap, openPage, waitForMapState, type RunningDemoApp, startDemoApp } from './fixtures';

const BIG_SCREEN = { width: 1920, height: 1080 };
const LAPTOP = { width: 1366, height: 768 };

let app: RunningDemoApp;
let browser: Browser;
/** The last four weeks of term before the demo data ends: [from, to), and `to` - 1 as the inclusive end. */
let term: { from: string; to: string; through: string };
/** The schools the demo plants after-school robbery near (names as stored). */
let planted: string[];

beforeAll(async () => {
  [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
  const today = parseIsoDate(londonWallClock(app.generatedOn).slice(0, 10));
  if (!today.ok) throw new Error(today.reason);
  // The demo data ends yesterday; walk back to 28 days with no school holiday in them.
  let to = today.value;
  while (schoolHolidaysBetween(to - 28, to).length > 0) to -= 1;
  term = { from: isoDateOfDay(to - 28), to: isoDateOfDay(to), through: isoDateOfDay(to - 1) };
  const data = generateDemoData({ endDay: today.value, seed: DEFAULT_DEMO_SEED });
  const urns = new Set(data.groundTruth.patterns.filter((p) => p.kind === 'robbery-near-school').map((p) => p.id.replace('robbery-school-', '')));
  planted = data.schools.filter((s) => urns.has(s.urn)).map((s) => s.name);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const schoolsAnswer = z.object({
  meta: z.object({ label: z.string(), mode: z.string() }),
  schools: z.array(z.object({ name: z.string(), count: z.number(), aboveBoroughRate: z.object({ standsOut: z.boolean() }).nullable() })),
});
const violenceAnswer = z.object({
  meta: z.object({ label: z.string(), definition: z.string() }),
  totals: z.object({ layer: z.number(), borough: z.number(), dwellingsLeftOut: z.number() }),
  hotspots: z.array(z.object({ id: z.number(), count: z.number() })),
});
const drugAnswer = z.object({
  summary: z.object({ persistent: z.number(), boroughPositiveOutcome: z.object({ positive: z.number(), of: z.number() }) }),
  hotspots: z.array(z.object({ id: z.number(), persistence: z.string().nullable() })),
});

/** What the API says for the same question, asked as an analyst with a token. */
async function askApi(path: string, query: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${app.baseUrl}${path}?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${app.analystToken}` } });
  expect(response.status, path).toBe(200);
  return response.json();
}

async function chooseCustomWindow(page: Page, from: string, through: string): Promise<void> {
  await page.getByRole('radio', { name: 'Custom dates' }).check();
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To (inclusive)', { exact: true }).fill(through);
}

/** The first cells of each body row of a table, as the reader sees them. */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole('table', { name })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
}

describe('the meeting themes on the map', () => {
  it('a chair opens robbery near schools, sees the three planted schools stand out, picks one, then looks at the drug markets', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, BIG_SCREEN);
    await login(page, 'chair');
    await openMap(page);

    // The meeting looks at the last four weeks of term.
    await chooseCustomWindow(page, term.from, term.through);
    await waitForMapState(page, (s) => s.from === term.from && s.to === term.to, 'the last four weeks of term');

    // The meeting's themes sit beside the layer groups.
    const layer = page.getByRole('combobox', { name: 'Layer' });
    const themes = await layer.locator('optgroup[label="Themes"] option').allTextContents();
    expect(themes).toEqual(['Theme: Robbery near schools after school', 'Theme: Drug markets', 'Theme: Serious violence']);
    await layer.selectOption({ label: 'Theme: Robbery near schools after school' });
    const schools = await waitForMapState(page, (s) => s.theme?.id === 'schools-robbery', 'robbery near schools');

    // The defaults come from the theme's settings: 400 metres, after school, school days, robbery.
    expect(await page.getByRole('combobox', { name: 'Distance from a school' }).inputValue()).not.toBe('');
    expect(await page.getByRole('combobox', { name: 'Distance from a school' }).locator('option:checked').textContent()).toBe('400 metres');
    expect(await page.getByRole('combobox', { name: 'Time of day' }).locator('option:checked').textContent()).toBe('After school, 15:00–18:00');
    expect(await page.getByRole('combobox', { name: 'School days' }).locator('option:checked').textContent()).toBe('School days only');
    expect(await page.getByRole('combobox', { name: 'What to count' }).locator('option:checked').textContent()).toBe('Robbery');
    // The generic time filters and cell sizes belong to the layer groups, not to a theme.
    expect(await page.getByRole('combobox', { name: 'Cell size' }).count()).toBe(0);

    const api = schoolsAnswer.parse(await askApi('/api/themes/schools-robbery', { from: term.from, to: term.to }));
    expect(schools.theme).toMatchObject({ heading: 'Robbery near schools, 15:00-18:00 on school days', mode: 'band', points: 12, rings: 12 });
    expect(await page.getByTestId('theme-heading').textContent()).toBe(api.meta.label);
    // The three planted schools lead the table and are the ones marked as standing out.
    expect(new Set(schools.theme!.rows.slice(0, 3))).toEqual(new Set(planted));
    expect(new Set(schools.theme!.marked)).toEqual(new Set(planted));
    expect(schools.theme!.cells).toBeGreaterThan(0);
    const rows = await tableRows(page, 'Schools ranked');
    expect(rows).toHaveLength(12);
    for (const row of rows.slice(0, 3)) {
      expect(planted.some((name) => row[1]!.startsWith(name))).toBe(true);
      expect(row.at(-1)).toMatch(/^Stands out: \d+(\.\d)? expected$/);
    }
    for (const row of rows.slice(3)) expect(row.at(-1)).toMatch(/^No: /);
    expect(rows.map((r) => r[2])).toEqual(api.schools.map((s) => String(s.count)));
    await eventually(
      async () => (await page.getByTestId('theme-headline').textContent()) === "3 schools stand out against the borough's average.",
      'the headline',
    );
    // The demo stores its own term dates for the years it covers; the caveats are on screen.
    expect(await page.getByTestId('theme-caveats').textContent()).toMatch(/known only to the month/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '20-chair-schools-robbery-1920.png') });

    // A click on a school in the table marks it on the map.
    const whitechapel = planted.find((name) => name.startsWith('Whitechapel Road Academy'))!;
    await page.getByRole('button', { name: whitechapel }).click();
    const picked = await waitForMapState(page, (s) => s.theme?.selected === whitechapel, 'the picked school');
    expect(picked.theme?.id).toBe('schools-robbery');
    expect(await page.getByRole('button', { name: whitechapel }).getAttribute('aria-pressed')).toBe('true');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '21-chair-schools-robbery-picked-1920.png') });

    // Without the after-school band the planted schools fade into the borough's average.
    await page.getByRole('combobox', { name: 'Time of day' }).selectOption({ label: 'Any time of day' });
    await page.getByRole('combobox', { name: 'School days' }).selectOption({ label: 'Any day' });
    await waitForMapState(page, (s) => s.theme?.heading === 'Robbery near schools', 'robbery near schools at any time');
    expect(await page.getByTestId('theme-table-key').textContent()).toMatch(/^Robberies: at any time of day\. /);

    // Drug markets: persistent markets on the map and in the table, with the police-activity caveat.
    await layer.selectOption({ label: 'Theme: Drug markets' });
    const drugs = await waitForMapState(page, (s) => s.theme?.id === 'drug-markets', 'the drug markets');
    const drugApi = drugAnswer.parse(await askApi('/api/themes/drug-markets', { from: term.from, to: term.to }));
    expect(drugs.theme!.classes['persistent']).toBe(drugApi.summary.persistent);
    expect(drugs.theme!.classes['persistent']).toBeGreaterThan(0);
    expect(drugs.theme!.marked).toEqual(drugApi.hotspots.filter((h) => h.persistence === 'persistent').map((h) => `Hotspot ${h.id}`));
    expect(drugs.theme!.marked.length).toBeGreaterThan(0);
    expect(await page.getByTestId('theme-police-activity').textContent()).toMatch(/measure police activity as much as drug markets/);
    const hotspotRows = await tableRows(page, 'Drug-market hotspots');
    expect(hotspotRows[0]![0]).toBe('Hotspot 1');
    expect(hotspotRows.some((row) => row[2] === 'Persistent')).toBe(true);
    // The demo's drug searches are stop-and-search records: the borough's positive outcome rate, in words and figures.
    const rate = drugApi.summary.boroughPositiveOutcome;
    expect(rate.of).toBeGreaterThan(0);
    expect(await page.getByTestId('theme-borough-rate').textContent()).toBe(
      `Borough-wide, ${Math.round((100 * rate.positive) / rate.of)}% of ${rate.of} drug searches with a known outcome had an outcome other than no further action (${rate.positive} of ${rate.of}).`,
    );
    await page.getByRole('button', { name: 'Hotspot 1', exact: true }).click();
    await waitForMapState(page, (s) => s.theme?.selected === 'Hotspot 1', 'hotspot 1 picked');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '22-chair-drug-markets-1920.png') });

    // Four months is longer than the layer takes: the server's reason is shown, without its parameter names.
    await chooseCustomWindow(page, isoDateOfDay(parseDay(term.to) - 120), term.through);
    await eventually(async () => /^The window may span at most 92 days/.test((await page.getByTestId('theme-failure').textContent()) ?? ''), 'the refusal');
    expect(await page.getByTestId('view-message').textContent()).toMatch(/^The window may span at most 92 days \(three months\)\.$/);
    await page.screenshot({ path: resolve(SCREENSHOTS, '23-chair-drug-markets-refused-1920.png') });

    const refusal = (p: string) => p.includes('status of 400') && p.includes('/api/themes/drug-markets');
    expect(problems.filter(refusal)).toHaveLength(1);
    expect(problems.filter((p) => !refusal(p))).toEqual([]);
    await page.context().close();
  });

  it('a chair opens serious violence: the definition shown, domestic abuse at home left out until the toggle, the evening hotspots in the east, the 9am peak of the young', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, BIG_SCREEN);
    await login(page, 'chair');
    await openMap(page);
    await chooseCustomWindow(page, term.from, term.through);
    await waitForMapState(page, (s) => s.from === term.from && s.to === term.to, 'the last four weeks of term');
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Theme: Serious violence' });
    const shown = await waitForMapState(page, (s) => s.theme?.id === 'serious-violence', 'serious violence');
    const api = violenceAnswer.parse(await askApi('/api/themes/serious-violence', { from: term.from, to: term.to }));

    // Which definition is shown, in the heading and the box under it.
    expect(shown.theme).toMatchObject({ heading: api.meta.label, mode: 'partner' });
    expect(await page.getByTestId('theme-definition').textContent()).toMatch(
      /^The partnership's definition\. Counted: Partner records with flags: .*any offence marked knife, firearm, corrosive, domestic, hate/,
    );
    // The tasking view by default: the toggle says so, and the panel gives both totals.
    const dwellings = page.getByRole('combobox', { name: 'Domestic abuse inside homes' });
    expect(await dwellings.locator('option:checked').textContent()).toBe('Left out (the tasking view)');
    expect(api.totals.dwellingsLeftOut).toBeGreaterThan(0);
    expect(await page.getByTestId('theme-dwellings').textContent()).toBe(
      `${api.totals.dwellingsLeftOut.toLocaleString('en-GB')} incidents inside a home (domestic abuse at home) are left out of the map, which shows ` +
        `${api.totals.layer.toLocaleString('en-GB')} incidents; the borough total of ${api.totals.borough.toLocaleString('en-GB')} counts them.`,
    );
    // The hotspots, named by ward, all in the east of the borough where the demo plants evening violence.
    const rows = await tableRows(page, 'Serious violence hotspots');
    expect(rows).toHaveLength(api.hotspots.length);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => Number(r[3]!.split(' ')[0]!.replace(/,/g, '')))).toEqual(api.hotspots.map((h) => h.count));
    // A hotspot spanning wards names the one holding most of its cells first.
    const east = ['Bow', 'Bromley-by-Bow', 'Mile End', 'Poplar', 'Isle of Dogs', 'Canary Wharf', 'Limehouse'];
    for (const row of rows) expect(east, row.join(' | ')).toContain(row[1]!.split(/, | and /)[0]);
    // When: the hotspots' violence is in the evening, the young victims' at 9am.
    const words = (await page.getByTestId('violence-hours-words').textContent()) ?? '';
    expect(words).toMatch(/In the hotspots \([\d,]+ incidents\): busiest (1[89]|2\d):00–/);
    expect(words).toMatch(/Victims under 25 \([\d,]+ incidents\): busiest \d\d:00–\d\d:00 \(\d+%\), peak hour 09:00/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '26-chair-serious-violence-1920.png') });
    await page.getByTestId('violence-week').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(SCREENSHOTS, '26-chair-serious-violence-when-1920.png') });

    // The toggle counts them: the map then holds the borough total.
    await dwellings.selectOption({ label: 'Counted' });
    await eventually(
      async () => /^Domestic abuse and other incidents inside homes are counted/.test((await page.getByTestId('theme-dwellings').textContent()) ?? ''),
      'homes counted',
    );
    expect(await page.getByTestId('theme-dwellings').textContent()).toContain(`${api.totals.borough.toLocaleString('en-GB')} incidents on the map`);
    await page.getByRole('button', { name: 'Hotspot 1', exact: true }).click();
    await waitForMapState(page, (s) => s.theme?.selected === 'Hotspot 1', 'hotspot 1 picked');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '27-chair-serious-violence-homes-counted-1920.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an analyst reads both themes on a laptop screen', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl, LAPTOP);
    await login(page, 'analyst');
    await openMap(page);
    await chooseCustomWindow(page, term.from, term.through);
    await waitForMapState(page, (s) => s.from === term.from, 'the last four weeks of term');
    const layer = page.getByRole('combobox', { name: 'Layer' });
    await layer.selectOption({ label: 'Theme: Robbery near schools after school' });
    await page.getByRole('combobox', { name: 'What to count' }).selectOption({ label: 'Robbery and theft from the person' });
    const both = await waitForMapState(page, (s) => s.theme?.heading.startsWith('Robbery and theft from the person') === true, 'robbery and theft');
    expect(both.theme!.rows).toHaveLength(10);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '24-analyst-schools-robbery-1366.png') });
    await layer.selectOption({ label: 'Theme: Drug markets' });
    await waitForMapState(page, (s) => s.theme?.id === 'drug-markets', 'the drug markets');
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '25-analyst-drug-markets-1366.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

function parseDay(iso: string): number {
  const day = parseIsoDate(iso);
  if (!day.ok) throw new Error(day.reason);
  return day.value;
}
