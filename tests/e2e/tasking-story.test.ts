// Taskings, end to end (issue 8): a chair opens a hot spot and tasks it, and sees its outline
// on the map; a planner logs two visits; the chair opens the results and records a decision.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { readFileSync } from 'node:fs';
import { cellAt, cellCentre } from '../../geo/h3';
import { SCREENSHOTS, eventually, launchChromium, login, openMap, openPage, pixelOfCell, startApp, waitForMapState, type RunningApp } from './fixtures';
import { DATA_END_DAY, HOTSPOTS } from './seed-database';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Yesterday's London date from the real clock: visits may not be in the future. */
function yesterday(): string {
  const day = new Date(Date.now() - 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(day);
}

async function openTasking(page: Page, title: string) {
  const column = page.getByRole('complementary', { name: 'Taskings' });
  await column.getByRole('button', { name: `Open tasking: ${title}` }).click();
  await eventually(() => page.getByTestId('tasking-detail').isVisible(), 'the tasking panel');
  return column;
}

describe('taskings on the map', () => {
  // The title names the ward the hot spot is in, from the real ward boundaries.
  let title = '';
  let taskingId = 0;

  it('a chair opens a hot spot, tasks it, and sees its outline on the map', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'chair');
    await openMap(page);
    await page.getByRole('combobox', { name: 'Layer' }).selectOption({ label: 'Robbery' });
    await page
      .getByRole('group', { name: 'Show' })
      .getByRole('radio', { name: /Hot spots/ })
      .check();
    await waitForMapState(page, (s) => s.view === 'hotspots' && s.group === 'robbery' && s.cellsRendered > 0, 'robbery hot spots');

    const planted = cellAt(HOTSPOTS.robberyWhitechapel[0], HOTSPOTS.robberyWhitechapel[1], 9);
    const { x, y } = await pixelOfCell(page, planted);
    await page.mouse.click(x, y);
    const cellPanel = page.getByRole('complementary', { name: 'Cell details' });
    await cellPanel.getByRole('button', { name: 'Task this hot spot' }).click();

    // The form opens with the hot spot's cells, a title naming the ward and the evidence from the view.
    const form = page.getByRole('form', { name: 'New tasking' });
    await eventually(() => form.isVisible(), 'the tasking form');
    title = await form.getByLabel('Title').inputValue();
    // The ward holding the hot spot cell's centre, found with Turf in the real ward file.
    const wards = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../shared/data/boundaries/tower_hamlets_wards.geojson'), 'utf8'),
    ) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
    const ward = wards.features.find((f) => booleanPointInPolygon(cellCentre(planted), f));
    expect(title).toBe(`Robbery hot spot, ${String(ward?.properties?.['NAME_CURRENT'])}`);
    expect(await form.getByLabel('Problem (the evidence)').inputValue()).toMatch(/^Gi\* 99% hot spot \(\d+ cells?\): \d+ robbery incidents/);
    const drafted = await waitForMapState(page, (s) => (s.draftCells ?? 0) > 0, 'the drafted cells');
    expect(drafted.draftCells).toBeGreaterThanOrEqual(1);
    await form.getByLabel('Objective').fill('Fewer street robberies around the station; no displacement into the market');
    // Within the seeded data, so the results can be computed; review already due.
    await form.getByLabel('Start').fill('2025-02-14');
    await form.getByLabel('Review').fill(DATA_END_DAY);
    await form.getByRole('checkbox', { name: 'High-visibility patrol' }).check();
    await form.getByLabel('Visits a day').fill('2');
    await form.getByLabel('Minutes a visit').fill('15');
    await page.screenshot({ path: resolve(SCREENSHOTS, '09-chair-task-hotspot-form.png') });
    await form.getByRole('button', { name: 'Create tasking' }).click();

    await eventually(() => page.getByTestId('tasking-detail').isVisible(), 'the new tasking');
    const state = await waitForMapState(page, (s) => s.taskingOutlines.length === 1 && s.selectedTaskingId !== null, 'the tasking outline');
    taskingId = state.selectedTaskingId!;
    expect(await page.getByRole('heading', { name: title }).isVisible()).toBe(true);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '10-chair-tasking-outline.png') });

    // Clicking the outline's label opens it again from the list view.
    await page.getByRole('button', { name: '‹ All taskings' }).click();
    await eventually(() => page.getByRole('button', { name: `Open tasking: ${title}` }).isVisible(), 'the list');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a planner logs two visits', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'planner');
    await openMap(page);
    const column = await openTasking(page, title);
    const form = column.getByRole('form', { name: 'Log a visit' });
    const day = yesterday();
    for (const [start, end] of [
      ['15:05', '15:20'],
      ['16:40', '16:47'],
    ] as const) {
      await form.getByLabel('Day').fill(day);
      await form.getByLabel('Arrived').fill(start);
      await form.getByLabel('Left').fill(end);
      await form.getByRole('button', { name: 'Log visit' }).click();
      await eventually(async () => ((await form.getByRole('status').textContent()) ?? '').startsWith('Visit logged'), `the visit at ${start}`);
    }
    await eventually(async () => (await column.getByTestId('tasking-visits').getByRole('row').count()) === 3, 'two visits in the table');
    expect(await column.getByTestId('tasking-dosage').textContent()).toContain('Delivered 2 visits, 22 minutes');
    // A planner may not decide.
    expect(await column.getByRole('group', { name: 'Decision' }).count()).toBe(0);
    await page.screenshot({ path: resolve(SCREENSHOTS, '11-planner-visits.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the chair opens the results and records a continue decision', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'chair');
    await openMap(page);
    const column = await openTasking(page, title);
    const results = column.getByTestId('tasking-results');
    await eventually(() => results.isVisible(), 'the results');
    expect(await results.getByRole('table', { name: 'Incidents before and during' }).getByRole('row').count()).toBe(4);
    // The page shows what the engine computed: the same one-line result and displacement reading as the API.
    const api = (await (
      await fetch(`${app.baseUrl}/api/taskings/${taskingId}/results`, { headers: { authorization: `Bearer ${app.seeded.analystToken}` } })
    ).json()) as {
      summary: string;
      wdqReading: { text: string };
      counts: { response: { before: number; during: number } };
    };
    expect(api.counts.response.before).toBeGreaterThanOrEqual(10);
    expect(await column.getByTestId('tasking-verdict').textContent()).toBe(api.summary);
    expect(await column.getByTestId('tasking-wdq').textContent()).toContain(api.wdqReading.text);
    await column.getByRole('group', { name: 'Decision' }).getByRole('button', { name: 'Continue' }).click();
    await column.getByLabel('Note for the record').fill('Keep going through the half term; review with the CCTV team.');
    await column.getByRole('button', { name: 'Record continue' }).click();
    await eventually(
      async () => ((await column.getByTestId('tasking-history').textContent()) ?? '').includes('decided continue'),
      'the decision in the history',
    );
    await column.getByTestId('tasking-history').locator('summary').click();
    await page.mouse.move(5, 5);
    await column.screenshot({ path: resolve(SCREENSHOTS, '12-chair-results-decision.png') });

    // The API holds the same record: version 2, a continue decision by the chair, two visits.
    const history = (await (
      await fetch(`${app.baseUrl}/api/taskings/${taskingId}/history`, { headers: { authorization: `Bearer ${app.seeded.analystToken}` } })
    ).json()) as {
      events: { action: string; user: { id: string }; changes: Record<string, { after: unknown }> }[];
    };
    expect(history.events.map((e) => [e.action, e.user.id])).toEqual([
      ['create', 'user:chair'],
      ['visit', 'user:planner'],
      ['visit', 'user:planner'],
      ['decision', 'user:chair'],
    ]);
    expect(history.events[3]!.changes['decision']!.after).toBe('continue');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('an analyst picks cells, then draws a shape, and proposes a tasking for the meeting', async () => {
    const { page, problems } = await openPage(browser, app.baseUrl);
    await login(page, 'analyst');
    await openMap(page);
    const column = page.getByRole('complementary', { name: 'Taskings' });
    await column.getByRole('button', { name: 'New tasking' }).click();
    const form = page.getByRole('form', { name: 'New tasking' });

    // Picking: a click adds a cell, a second click on it removes it.
    await form.getByRole('button', { name: 'Pick cells on the map' }).click();
    const [lng, lat] = HOTSPOTS.violenceMileEnd;
    const at = async (point: [number, number]) => {
      const pixel = await page.evaluate((p) => window.__taskingMap?.projectPoint(p) ?? null, point);
      if (!pixel) throw new Error(`${point.join(',')} is not on the map`);
      await page.mouse.click(pixel[0], pixel[1]);
    };
    await at([lng, lat]);
    await at([lng + 0.004, lat]);
    await waitForMapState(page, (s) => s.draftCells === 2, 'two picked cells');
    await at([lng + 0.004, lat]);
    await waitForMapState(page, (s) => s.draftCells === 1, 'one picked cell after a second click');

    // Drawing: four corners around Mile End, then Finish shape.
    await form.getByRole('button', { name: 'Draw a shape' }).click();
    for (const corner of [
      [-0.006, -0.003],
      [0.006, -0.003],
      [0.006, 0.003],
      [-0.006, 0.003],
    ] as const)
      await at([lng + corner[0], lat + corner[1]]);
    await form.getByRole('button', { name: 'Finish shape' }).click();
    await waitForMapState(page, (s) => (s.draftCells ?? 0) >= 3, 'the drawn shape’s cells');
    expect(await form.getByTestId('draft-area').textContent()).toMatch(/^a drawn shape: about \d+ cells at H3 9/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: resolve(SCREENSHOTS, '13-analyst-draws-area.png') });

    await form.getByLabel('Title').fill('Mile End evening violence');
    await form.getByLabel('Problem (the evidence)').fill('Persistent evening violence around the station (emerging analysis)');
    await form.getByLabel('Objective').fill('Fewer evening assaults on the high street');
    await form.getByRole('checkbox', { name: 'Weapons sweep' }).check();
    await form.getByLabel('Status').selectOption('proposed');
    await form.getByRole('button', { name: 'Create tasking' }).click();
    await eventually(() => page.getByTestId('tasking-detail').isVisible(), 'the proposed tasking');
    const detail = page.getByTestId('tasking-detail');
    expect(await detail.getByText('Proposed', { exact: true }).first().isVisible()).toBe(true);
    expect(await detail.getByText(/cells \(H3 9\), from a drawn shape/).isVisible()).toBe(true);
    // Proposed: no visits until the meeting agrees it.
    expect(await detail.getByRole('form', { name: 'Log a visit' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
