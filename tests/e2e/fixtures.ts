// Fixtures for the end-to-end stories: a real server on a seeded temporary database,
// Debian's Chromium with software WebGL, and a few verbs a story reads well with
// (login, openMap, waitForMapState). Offline: nothing here touches the internet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../server/pdf/pdf-renderer';
import { expect } from 'vitest';
import { z } from 'zod';
import { createApiToken, DEMO_ACCOUNTS } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { loadDemoDataIfEmpty } from '../../server/demo/load-demo-data';
import type { Role } from '../../server/auth/roles';
import { seedDatabase, type SeededDatabase } from './seed-database';
import { REPO_ROOT, spawnServer } from '../spawn-server';

export const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface RunningApp {
  baseUrl: string;
  seeded: SeededDatabase;
  /** Server output so far, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

/** Seeds a temporary database and starts the real server (npx tsx server/main.ts) on it. */
export async function startApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'tasking-map-e2e-'));
  const dbPath = join(dir, 'e2e.db');
  const seeded = seedDatabase(dbPath);
  const server = await spawnServer(dbPath, {
    DEMO_DATA: 'off',
    WEB_DIST: resolve(REPO_ROOT, 'dist/web'),
    // The default local style, whatever the developer's shell says.
    MAP_STYLE_URL: undefined,
    // Chromium treats http://127.0.0.1 as a secure context, so the default Secure session
    // cookie works here and COOKIE_SECURE stays at its default (true).
    COOKIE_SECURE: undefined,
    // Slow requests and server errors only: a failing story prints this output, and a line per asset would bury them.
    LOG_LEVEL: 'warn',
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { baseUrl: server.baseUrl, seeded, log: server.log, stop };
}

export interface RunningDemoApp {
  baseUrl: string;
  /** Bearer token of an analyst, for asking the API what the page should show. */
  analystToken: string;
  /** The London date the demo data was generated for: its data ends the day before. */
  generatedOn: Date;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * The demo data exactly as the app loads it into an empty database (incidents, planted
 * patterns and taskings, the 12 demo schools and their own term dates), on a temporary file,
 * with the real server on it. The demo accounts sign in, as on any demo database.
 */
export async function startDemoApp(): Promise<RunningDemoApp> {
  const dir = mkdtempSync(join(tmpdir(), 'tasking-map-e2e-demo-'));
  const dbPath = join(dir, 'demo.db');
  const generatedOn = new Date();
  const db = openDatabase(dbPath);
  let analystToken: string;
  try {
    if (!loadDemoDataIfEmpty(db, generatedOn)) throw new Error('the demo data did not load into an empty database');
    analystToken = createApiToken(db, 'analyst', 'e2e', generatedOn);
  } finally {
    db.close();
  }
  const server = await spawnServer(dbPath, {
    DEMO_DATA: 'off',
    WEB_DIST: resolve(REPO_ROOT, 'dist/web'),
    MAP_STYLE_URL: undefined,
    COOKIE_SECURE: undefined,
    LOG_LEVEL: 'warn',
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { baseUrl: server.baseUrl, analystToken, generatedOn, log: server.log, stop };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** Console errors, page errors and failed requests seen so far on each page. */
const problemsOfPage = new WeakMap<Page, string[]>();

/** A page the size of a meeting-room screen (or the viewport given), collecting console errors and page errors. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number } = { width: 1600, height: 1000 },
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  problemsOfPage.set(page, problems);
  page.on('console', (message) => {
    // With the URL: Chromium logs every 4xx answer, and a story may expect one (a refused window).
    if (message.type() === 'error') problems.push(`console error: ${message.text()} ${message.location().url}`.trim());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Anything the Content-Security-Policy blocks (a worker, a style, a tile source) is a fault.
  await page.exposeFunction('__reportCspViolation', (what: string) => problems.push(`CSP violation: ${what}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (what: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // The page aborts a cells request when a newer choice replaces it: expected, not a fault.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${reason}`);
  });
  return { page, problems };
}

export async function login(page: Page, role: Role): Promise<void> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  await page.goto('/');
  await page.getByLabel('User name').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ state: 'visible', timeout: 15_000 });
}

/** Polls until `check` is true (the page renders asynchronously), failing with `what` after 15 s. */
export async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  await expect.poll(check, { timeout: 15_000, interval: 100, message: `waited 15 s for ${what}` }).toBe(true);
}

export const mapStateSchema = z.object({
  role: z.string(),
  group: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  resolution: z.number().nullable(),
  windowDays: z.number().nullable(),
  hours: z.string().nullable(),
  weekdays: z.string().nullable(),
  timeFilterNote: z.string().nullable(),
  cellsRendered: z.number(),
  partialOnlyCells: z.number(),
  totalCount: z.number().nullable(),
  totalPartialCount: z.number().nullable(),
  layersReady: z.boolean(),
  selectedCell: z.string().nullable(),
  demo: z.boolean(),
  view: z.enum(['counts', 'hotspots', 'emerging', 'forecast']).nullable(),
  legendTitle: z.string().nullable(),
  viewMessage: z.string().nullable(),
  selectedCellBin: z.number().nullable(),
  topCells: z.array(z.string()),
  taskingOutlines: z.array(z.number()),
  selectedTaskingId: z.number().nullable(),
  draftCells: z.number().nullable(),
  theme: z
    .object({
      id: z.string(),
      heading: z.string(),
      mode: z.string().nullable(),
      rows: z.array(z.string()),
      marked: z.array(z.string()),
      selected: z.string().nullable(),
      cells: z.number(),
      points: z.number(),
      rings: z.number(),
      classes: z.record(z.string(), z.number()),
    })
    .nullable(),
});
export type MapState = z.infer<typeof mapStateSchema>;

export async function readMapState(page: Page): Promise<MapState> {
  const text = await page.getByTestId('map-state').textContent();
  return mapStateSchema.parse(JSON.parse(text ?? 'null'));
}

/** Waits until the map has drawn a state that satisfies `accept`, and returns it. */
export async function waitForMapState(page: Page, accept: (state: MapState) => boolean, what: string): Promise<MapState> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await readMapState(page);
    if (state.layersReady && accept(state)) return state;
    if (Date.now() > deadline) {
      const problems = problemsOfPage.get(page) ?? [];
      throw new Error(
        `the map never showed ${what} within 30 s; last state: ${JSON.stringify(state)}; ` +
          `page problems: ${problems.length ? problems.join(' | ') : 'none'}`,
      );
    }
    await page.waitForTimeout(100);
  }
}

/** Waits for the map to finish drawing whatever it opens with. */
export async function openMap(page: Page): Promise<MapState> {
  await page.getByTestId('map-state').waitFor({ state: 'attached' });
  return waitForMapState(page, () => true, 'its first layers');
}

/** Viewport pixel of a cell's centre, from the page's own map projection. */
export async function pixelOfCell(page: Page, cell: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((id) => window.__taskingMap?.projectCell(id) ?? null, cell);
  if (!point) throw new Error(`cell ${cell} is not on the map`);
  return { x: point[0], y: point[1] };
}

export interface PixelCensus {
  /** Pixels in the orange-to-dark-red classes of the cell colour scale. */
  hotCells: number;
  /** Pixels of any of the seven cell colours, drawn at the cell opacity over the borough. */
  anyCell: number;
  /** Pixels of the borough's plain fill. */
  borough: number;
  total: number;
}

/**
 * Counts colours in a screenshot, decoded by the browser itself (no image library needed):
 * proof that the picture shows the borough and coloured cells, not just a DOM that says so.
 */
export async function censusOfScreenshot(page: Page, png: Buffer): Promise<PixelCensus> {
  return page.evaluate(async (base64) => {
    // Decoded without fetch: the page's Content-Security-Policy allows no data: connections.
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const blob = new Blob([bytes], { type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let hotCells = 0;
    let anyCell = 0;
    let borough = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r === 251 && g === 250 && b === 247) borough += 1;
      // YlOrRd: red channel high, blue channel well below it.
      if (r > 150 && b < 140 && r - b > 90) anyCell += 1;
      if (r > 150 && g < 150 && b < 90) hotCells += 1;
    }
    return { hotCells, anyCell, borough, total: data.length / 4 };
  }, png.toString('base64'));
}
