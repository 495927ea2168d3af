// A tasking's results on the real police.uk burglary file (month-precision data): the
// periods are whole months, and the counts in the response area, buffer and control equal an
// independent count of the raw file (its own reader, Turf for the borough, h3-js directly).
import { booleanPointInPolygon } from '@turf/turf';
import { gridDisk, latLngToCell } from 'h3-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { createApp } from '../../server/app';
import { createApiToken, seedDemoAccounts } from '../../server/auth/auth-queries';
import { openDatabase, type Db } from '../../server/db/open-database';
import { crimeFile, readRawFile } from './raw-police-uk';
import { SHARED_DATA } from './test-support';

const NOW = new Date('2026-11-20T09:00:00Z');
const BURGLARY = 'tower_hamlets_burglary_street_2010-12_2019-12.csv.gz';
const BOROUGH_FILE = resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson');

interface Results {
  periods: { unit: string; before: { from: string; to: string }; during: { from: string; to: string }; compared: string } | null;
  counts: { response: { before: number; during: number }; buffer: { before: number; during: number }; control: { before: number; during: number } } | null;
  verdict: { code: string };
  timeBands: { applied: boolean };
}

describe('tasking results on the real police.uk burglary file', () => {
  let dir: string;
  let db: Db;
  let request: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tasking-real-'));
    const dbPath = join(dir, 'real.db');
    const io: CliIo = { stdout: () => undefined, stderr: (t) => console.error(t), progress: false, env: {}, now: () => NOW };
    expect(await runImportCli(['study-area', '--db', dbPath, BOROUGH_FILE], io)).toBe(0);
    expect(await runImportCli(['police-uk', '--db', dbPath, crimeFile(BURGLARY)], io)).toBe(0);
    db = openDatabase(dbPath);
    seedDemoAccounts(db, NOW);
    const token = createApiToken(db, 'analyst', 'real data test', NOW);
    const app = createApp({ db, clock: () => NOW });
    request = async (method, path, body) => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: await res.json() };
    };
  });

  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares whole months and counts what the raw file holds', async () => {
    // The busiest burglary hot spot of the first half of 2019, with its touching hot cells.
    const hotspots = (await request('GET', '/api/hotspots?categories=burglary&from=2019-01-01&to=2019-07-01&resolution=9')).body as {
      cells: { cell: string; bin: number; count: number; rank: number }[];
    };
    const top = hotspots.cells.find((c) => c.rank === 1)!;
    expect(top.bin).toBe(3);
    const ring = new Set(gridDisk(top.cell, 1));
    const cells = hotspots.cells.filter((c) => ring.has(c.cell) && (c.cell === top.cell || (c.bin >= 2 && c.count > 0))).map((c) => c.cell);

    const created = await request('POST', '/api/taskings', {
      title: 'Burglary hot spot (real data)',
      categories: ['burglary'],
      problem: 'Gi* 99% burglary hot spot, January to June 2019',
      cells,
      startDate: '2019-06-10',
      reviewDate: '2019-07-10',
      objective: 'Fewer burglaries',
      tactics: ['high-visibility-patrol'],
      team: 'snt',
      owner: 'analyst',
      status: 'active',
      timeBands: [{ hours: '18-23' }],
    });
    expect(created.status).toBe(201);
    const tasking = (created.body as { tasking: { id: number; evidence: { window: { from: string; to: string }; note: string | null; total: number } } })
      .tasking;
    // No window named: the last whole month of data before the start.
    expect(tasking.evidence.window).toMatchObject({ from: '2019-05-01', to: '2019-06-01' });

    const results = (await request('GET', `/api/taskings/${tasking.id}/results`)).body as Results;
    // The data ends with December 2019; June, when the tasking started, is in neither period.
    expect(results.periods).toMatchObject({
      unit: 'months',
      before: { from: '2018-12-01', to: '2019-06-01' },
      during: { from: '2019-07-01', to: '2020-01-01' },
    });
    // Monthly data cannot meet an hour band: every hour is counted, and the response says so.
    expect(results.timeBands.applied).toBe(false);

    const borough = JSON.parse(readFileSync(BOROUGH_FILE, 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
    const response = new Set(cells);
    const buffer = new Set(cells.flatMap((c) => gridDisk(c, 1)).filter((c) => !response.has(c)));
    const expected = { response: { before: 0, during: 0 }, buffer: { before: 0, during: 0 }, control: { before: 0, during: 0 } };
    for (const row of readRawFile(BURGLARY).rows) {
      const period = row.month >= '2018-12' && row.month <= '2019-05' ? 'before' : row.month >= '2019-07' && row.month <= '2019-12' ? 'during' : null;
      if (!period || !booleanPointInPolygon([row.lng, row.lat], borough.features[0]!)) continue;
      const cell = latLngToCell(row.lat, row.lng, 9);
      expected[response.has(cell) ? 'response' : buffer.has(cell) ? 'buffer' : 'control'][period] += 1;
    }
    expect(expected.response.before).toBeGreaterThanOrEqual(10);
    expect(results.counts).toEqual(expected);
    expect(results.verdict.code).not.toBe('too-few');
  });
});
