// Issue 9, "Must show": on the real police.uk files, the app knows which categories have data
// when, says so, and refuses statistics across months without data, in plain words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { openingWindow, resolveWindow } from '../../web/window-dates';
import { createApp } from '../../server/app';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase, type Db } from '../../server/db/open-database';
import { crimeFile, POLICE_UK_FILES, readRawFile } from './raw-police-uk';
import { SHARED_DATA } from './test-support';

const NOW = new Date('2026-11-20T09:00:00Z');

interface Coverage {
  category: string;
  runs: { from: string; to: string }[];
  text: string;
}

describe('data coverage on the real police.uk files', () => {
  let dir: string;
  let db: Db;
  let get: (path: string) => Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string; message: string } } }>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coverage-real-'));
    const dbPath = join(dir, 'real.db');
    const io: CliIo = { stdout: () => undefined, stderr: (t) => console.error(t), progress: false, env: {}, now: () => NOW };
    expect(await runImportCli(['study-area', '--db', dbPath, resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson')], io)).toBe(0);
    expect(await runImportCli(['police-uk', '--db', dbPath, ...POLICE_UK_FILES.map(crimeFile)], io)).toBe(0);
    db = openDatabase(dbPath);
    const token = createApiToken(db, 'analyst', 'coverage test', NOW);
    const app = createApp({ db, clock: () => NOW });
    get = async (path) => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
    };
  });

  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists per-category month coverage in /api/meta, as the raw files have it', async () => {
    const { body } = await get('/api/meta');
    const coverage = body['categoryCoverage'] as Coverage[];
    const of = (slug: string) => coverage.find((c) => c.category === slug);
    expect(of('violent-crime')?.runs).toEqual([
      { from: '2016-01', to: '2016-12' },
      { from: '2018-06', to: '2018-06' },
    ]);
    expect(of('violent-crime')?.text).toBe('Jan 2016 to Dec 2016 and Jun 2018');
    expect(of('anti-social-behaviour')?.text).toBe('Jan 2016 to Dec 2016 and Jun 2018');
    expect(of('burglary')?.runs).toEqual([{ from: '2010-12', to: '2019-12' }]);
    expect(of('robbery')?.runs).toEqual([
      { from: '2016-01', to: '2016-12' },
      { from: '2018-02', to: '2019-12' },
    ]);
    // Independently: the months in which each raw file holds violence.
    const violenceMonths = new Set(
      POLICE_UK_FILES.flatMap((name) =>
        readRawFile(name)
          .rows.filter((r) => r.category === 'violent-crime')
          .map((r) => r.month),
      ),
    );
    expect([...violenceMonths].sort()).toEqual([...Array.from({ length: 12 }, (_, m) => `2016-${String(m + 1).padStart(2, '0')}`), '2018-06']);
  });

  it('says the violence layer for December 2019 has no violence, and shows weapons only', async () => {
    const cells = await get('/api/cells?group=violence&from=2019-12-01&to=2020-01-01');
    expect(cells.status).toBe(200);
    const note = (cells.body['meta'] as { coverageNote: string }).coverageNote;
    expect(note).toContain('No data for Violence and sexual offences');
    expect(note).toContain('Jan 2016 to Dec 2016 and Jun 2018');
    expect(note).toContain('what is shown is Possession of weapons');
    // A hot spot map of violence alone for that month has nothing to work on: refused, with the reason.
    const hotspots = await get('/api/hotspots?categories=violent-crime&from=2019-12-01&to=2020-01-01');
    expect(hotspots.status).toBe(422);
    expect(hotspots.body.error).toMatchObject({
      code: 'no_data_in_window',
      message: expect.stringContaining('No data for Violence and sexual offences in this window'),
    });
  });

  it('refuses a forecast and an emerging analysis for months without data, in plain words', async () => {
    const forecast = await get('/api/forecast?categories=violent-crime&asOf=2020-01-01&horizon=month');
    expect(forecast.status).toBe(422);
    expect(forecast.body.error).toMatchObject({ code: 'no_recent_data', message: expect.stringContaining('nothing recent to forecast from') });
    const emerging = await get('/api/hotspots/emerging?categories=violent-crime&to=2020-01-01&window=month&windows=12');
    expect(emerging.status).toBe(422);
    expect(emerging.body.error?.code).toBe('no_data_in_window');
    // The violence layer across 2018: violence appears in June only, so only July to December,
    // weapons alone, are alike; the analysis runs on those six months and says so.
    const cut = await get('/api/hotspots/emerging?group=violence&to=2019-01-01&window=month&windows=12');
    expect(cut.status).toBe(200);
    expect((cut.body['windows'] as unknown[]).length).toBe(6);
    expect(cut.body['coverageNote']).toMatch(
      /^No data for Violence and sexual offences in these windows .*The emerging analysis uses only the last 6 of 12 windows: before them the data held other categories or none/,
    );
    // Too few alike windows left: refused, with the reason.
    const gap = await get('/api/hotspots/emerging?group=violence&to=2018-09-01&window=month&windows=12');
    expect(gap.status).toBe(422);
    expect(gap.body.error).toMatchObject({
      code: 'coverage_gap',
      message: expect.stringContaining('needs at least 3 windows with the same data, and only the last 2 have it'),
    });
    // Burglary has every month: the same analysis runs.
    expect((await get('/api/hotspots/emerging?categories=burglary&to=2020-01-01&window=month&windows=12')).status).toBe(200);
  });

  it('opens the map on the last full month with data, since all of it is known only to the month', async () => {
    const meta = (await get('/api/meta')).body as { sources: { precisions: string[] }[]; coverage: { lastDay: string } };
    const opening = openingWindow(meta.sources);
    expect(opening.choice).toEqual({ kind: 'last-month' });
    expect(opening.why).toContain('known only to the month');
    const window = resolveWindow(opening.choice, '2026-11-20', meta.coverage.lastDay);
    expect(window.ok && window.value).toMatchObject({
      from: '2019-12-01',
      to: '2020-01-01',
      dataEndNote: 'Data ends 31 Dec 2019: showing December 2019, the last full month.',
    });
  });
});
