// Must show (issue 11): no crime route counts a stop-and-search record. The real stop-and-search
// file goes into a database that already holds real police.uk crimes of the same months; every
// crime answer (counts, a cell's breakdown, Gi*, emerging, change, profile, forecast, meta's
// coverage) is the same before and after, asked of a new app so no kept answer can hide a change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellAt } from '../../geo/h3';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { createApp } from '../../server/app';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase, type Db } from '../../server/db/open-database';
import { SHARED_DATA } from './test-support';

const NOW = new Date('2026-11-20T09:00:00Z');
const crime = (name: string) => resolve(SHARED_DATA, 'crime', name);

async function cli(args: string[]) {
  const err: string[] = [];
  const io: CliIo = { stdout: () => undefined, stderr: (t) => err.push(t), progress: false, env: {}, now: () => NOW };
  const code = await runImportCli(args, io);
  if (code !== 0) throw new Error(`import ${args[0]} failed: ${err.join('\n')}`);
}

// Whitechapel, where both the drug crimes and the drug searches of 2016 and 2018 gather.
const CELL = cellAt(-0.0597, 51.5194, 9);
const CRIME_REQUESTS = [
  '/api/meta',
  '/api/cells?group=all&from=2018-06-01&to=2018-07-01&resolution=9',
  '/api/cells?categories=drugs&from=2016-01-01&to=2017-01-01&resolution=10',
  `/api/cells/${CELL}?categories=drugs,possession-of-weapons&from=2016-01-01&to=2017-01-01`,
  '/api/hotspots?categories=drugs&from=2016-01-01&to=2017-01-01&resolution=9',
  '/api/hotspots?group=all&from=2018-06-01&to=2018-07-01&resolution=8&method=harm',
  '/api/hotspots/emerging?categories=drugs&to=2017-01-01&windows=6&window=month&resolution=8',
  '/api/hotspots/change?categories=drugs&from=2016-12-01&to=2017-01-01&resolution=8',
  `/api/profile?cells=${CELL}&categories=drugs&from=2016-01-01&to=2017-01-01`,
  '/api/forecast?categories=drugs&asOf=2016-12-01&horizon=month&resolution=8',
];

async function answers(db: Db): Promise<Record<string, unknown>> {
  const app = createApp({ db, clock: () => NOW });
  const token = createApiToken(db, 'analyst', 'crime routes', NOW);
  const out: Record<string, unknown> = {};
  for (const path of CRIME_REQUESTS) {
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    out[path] = await res.json();
  }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stop-search-not-crimes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('searches are not crimes', () => {
  it('leaves every crime count, hot spot, forecast and coverage as it was when the real searches are imported', async () => {
    const dbPath = join(dir, 'tasking.db');
    await cli(['study-area', '--db', dbPath, resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson')]);
    await cli([
      'police-uk',
      '--db',
      dbPath,
      crime('tower_hamlets_policeuk_api_crime_points_all_types_2016-01_2016-12.csv.gz'),
      crime('tower_hamlets_policeuk_api_crime_points_all_types_2018-06.csv.gz'),
    ]);
    const db = openDatabase(dbPath);
    const before = await answers(db);
    const incidents = Number(db.prepare('SELECT count(*) FROM incidents').pluck().get());
    // The crime answers are not empty: there are drug crimes where the searches are.
    expect(
      (before['/api/cells?categories=drugs&from=2016-01-01&to=2017-01-01&resolution=10'] as { meta: { totalCount: number } }).meta.totalCount,
    ).toBeGreaterThan(1000);

    await cli(['stop-search', '--db', dbPath, crime('tower_hamlets_bbox_stop_and_search_2016-06_2019-02.csv.gz')]);
    const searches = Number(db.prepare('SELECT count(*) FROM stop_searches').pluck().get());
    expect(searches).toBeGreaterThan(17_000);
    expect(
      Number(db.prepare("SELECT count(*) FROM stop_searches WHERE object_class = 'drugs' AND month BETWEEN '2016-06' AND '2016-12'").pluck().get()),
    ).toBeGreaterThan(1000);
    expect(Number(db.prepare('SELECT count(*) FROM incidents').pluck().get())).toBe(incidents);

    const after = await answers(db);
    for (const path of CRIME_REQUESTS) expect({ path, answer: after[path] }).toEqual({ path, answer: before[path] });
    // The import is in the audit trail (GET /api/imports), not in meta's incident sources.
    expect(db.prepare('SELECT kind FROM import_batches ORDER BY id DESC LIMIT 1').pluck().get()).toBe('stop-search');
    db.close();
  });
});
