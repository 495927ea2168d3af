// The printed patrol briefing as a PDF, end to end (issue 13 item 3, decision 039): the real
// server on the demo data, a planner plans an evening shift from the snt team's two demo
// taskings and downloads GET /api/patrol-plans/:id/briefing.pdf, which the server prints from
// its own page in Debian's Chromium. Poppler reads the PDF back (page count, size, text) and
// pdftoppm turns the pages into PNGs to look at. Then the same database under a server whose
// CHROMIUM_PATH names a missing file: a 503 that says what to install.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOfIsoDate, isoDateOfDay, londonToday, weekdayOfDay } from '../../geo/time';
import { createApiToken, DEMO_ACCOUNTS } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { loadDemoDataIfEmpty } from '../../server/demo/load-demo-data';
import { REPO_ROOT, spawnServer, type SpawnedServer } from '../spawn-server';
import { SCREENSHOTS } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'tasking-map-e2e-briefing-'));
const dbPath = join(dir, 'demo.db');
let server: SpawnedServer | null = null;
let analyst: string;
let cookie: string;
let planId: number;
let titles: string[];

const SERVER_ENV = { DEMO_DATA: 'off', WEB_DIST: resolve(REPO_ROOT, 'dist/web'), MAP_STYLE_URL: undefined, COOKIE_SECURE: undefined, LOG_LEVEL: 'warn' };

function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} is missing: install Debian's poppler-utils (npm run setup:test does).`, { cause: error });
    throw error;
  }
}

beforeAll(async () => {
  const now = new Date();
  const db = openDatabase(dbPath);
  try {
    if (!loadDemoDataIfEmpty(db, now)) throw new Error('the demo data did not load into an empty database');
    analyst = createApiToken(db, 'analyst', 'e2e', now);
  } finally {
    db.close();
  }
  server = await spawnServer(dbPath, SERVER_ENV);
  const planner = DEMO_ACCOUNTS.find((a) => a.role === 'planner')!;
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tasking-map': '1' },
    body: JSON.stringify({ username: planner.username, password: planner.password }),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  // The snt team's two demo taskings, on the first Friday both run (the weapons one is Friday and Saturday evenings).
  const get = async <T>(path: string) => (await (await fetch(`${server!.baseUrl}${path}`, { headers: { authorization: `Bearer ${analyst}` } })).json()) as T;
  // As the patrol routes' own test does: a Friday in the fortnight before the demo data's date, once both taskings run.
  const floor = londonToday(now) - 14;
  const listed = (await get<{ taskings: { id: number; title: string; startDate: string }[] }>(`/api/taskings?team=snt&activeOn=${isoDateOfDay(floor + 11)}`))
    .taskings;
  expect(listed).toHaveLength(2);
  titles = listed.map((t) => t.title);
  let day = Math.max(...listed.map((t) => dayOfIsoDate(t.startDate)), floor);
  while (weekdayOfDay(day) !== 4) day += 1;
  const made = await fetch(`${server.baseUrl}/api/patrol-plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tasking-map': '1', cookie },
    body: JSON.stringify({
      team: 'snt',
      date: isoDateOfDay(day),
      shiftStart: '16:00',
      shiftEnd: '00:00',
      officers: ['PC Doyle', 'PCSO Islam'],
      start: [-0.035, 51.515],
      taskingIds: listed.map((t) => t.id),
    }),
  });
  expect(made.status, await made.clone().text()).toBe(201);
  planId = ((await made.json()) as { id: number }).id;
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the printed patrol briefing', () => {
  it('downloads as an A4 PDF with the schedule, every tasked area and its when-grid, printed by the server in Chromium', async () => {
    const started = performance.now();
    const response = await fetch(`${server!.baseUrl}/api/patrol-plans/${planId}/briefing.pdf`, { headers: { cookie } });
    const seconds = (performance.now() - started) / 1000;
    expect(response.status, server!.log()).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="patrol-briefing-snt-\\d{4}-\\d{2}-\\d{2}-1600-plan-${planId}\\.pdf"$`),
    );
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'briefing.pdf');
    writeFileSync(file, pdf);
    console.log(`briefing PDF: ${pdf.length} bytes in ${seconds.toFixed(1)} s`);
    // Pictures of the pages, to look at: the map drawn, nothing cut at the edges.
    poppler('pdftoppm', ['-png', '-r', '60', file, join(SCREENSHOTS, 'briefing-pdf-page')]);

    const info = poppler('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    // A4 portrait is 595 x 842 points.
    expect(info).toMatch(/^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)$/m);
    // Page 1: header, map, schedule, shortfalls; then the stops, none split across pages.
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    const pageText = (n: number) => poppler('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-']);
    const first = pageText(1);
    expect(first).toMatch(/Patrol briefing/);
    expect(first).toMatch(/SNT \(Safer Neighbourhood Team\)/);
    expect(first).toMatch(/PC Doyle, PCSO Islam/);
    expect(first).toMatch(/Route/);
    expect(first).toMatch(/Schedule/);
    expect(first).toMatch(/What this shift cannot deliver/);
    const all = poppler('pdftotext', ['-layout', file, '-']);
    for (const title of titles) {
      expect(all, title).toContain(title);
      // Each area's block is whole on one page: its heading, what to look for and its when-grid's peak.
      const stopPage = Array.from({ length: pages }, (_, k) => k + 1).find((n) => new RegExp(`Stops? [\\d, ]+: ${title}`).test(pageText(n)));
      expect(stopPage, `${title}'s block`).toBeDefined();
      const block = pageText(stopPage!).split(new RegExp(`Stops? [\\d, ]+: ${title}`))[1]!;
      expect(block).toMatch(/What to look for[\s\S]*When: \d+ incidents? in the 8 weeks[\s\S]*Peak: |What to look for[\s\S]*No incidents with a time of day/);
    }
    expect(all).toMatch(/When: \d+ incidents? in the 8 weeks/);
    expect(all).toMatch(/Koper curve: visits of 10-16 minutes/);
  });

  it('answers 503 naming what to install when CHROMIUM_PATH names a missing file', async () => {
    await server?.stop();
    server = await spawnServer(dbPath, { ...SERVER_ENV, CHROMIUM_PATH: '/nonexistent/chromium' });
    const response = await fetch(`${server.baseUrl}/api/patrol-plans/${planId}/briefing.pdf`, { headers: { cookie } });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('chromium_missing');
    expect(body.error.message).toContain('/nonexistent/chromium (CHROMIUM_PATH)');
    expect(body.error.message).toContain("install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH");
  });
});
