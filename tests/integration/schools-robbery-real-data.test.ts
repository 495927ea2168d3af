// Robbery near schools on the real files (issue 11): the 2016 schools atlas and police.uk
// street points (robbery, monthly). The data is monthly, so the layer must turn into "robbery
// near schools, any time (monthly data)" and say so, never pretending to meet 15:00-18:00 on
// school days; each school's count is bounded by an independent count of the raw points by
// distance (Turf): at least every robbery within the buffer, at most those within the buffer
// plus one resolution-10 cell across.
import distance from '@turf/distance';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { createApp } from '../../server/app';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { SHARED_DATA } from './test-support';

const STREET = resolve(SHARED_DATA, 'crime/tower_hamlets_street_points_2018-02_2019-12_excl_violence_asb.csv.gz');
const SCHOOLS = resolve(SHARED_DATA, 'schools/tower_hamlets_schools_2016.csv');
const BOROUGH = resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson');
const NOW = new Date('2026-11-20T09:00:00Z');
/** A resolution-10 H3 cell is at most ~150 m across. */
const CELL_ACROSS_METRES = 160;

interface Body {
  meta: { mode: string; label: string; notes: string[]; hours: string; schoolDays: string };
  schools: { urn: string; name: string; count: number; countNonSchoolDays: number | null; countOtherHours: number | null; position: [number, number] }[];
}

let dir: string;
let body: Body;
let robberies: [number, number][];

async function cli(args: string[]) {
  const err: string[] = [];
  const io: CliIo = { stdout: () => undefined, stderr: (t) => err.push(t), progress: false, env: {}, now: () => NOW };
  if ((await runImportCli(args, io)) !== 0) throw new Error(`import ${args[0]} failed: ${err.join('\n')}`);
}

beforeAll(async () => {
  const rows = parse(gunzipSync(readFileSync(STREET)).toString('utf8'), { columns: true }) as Record<string, string>[];
  robberies = rows.filter((r) => r['Crime type'] === 'Robbery' && r['Month'] === '2018-10').map((r) => [Number(r['Longitude']), Number(r['Latitude'])]);
  dir = mkdtempSync(join(tmpdir(), 'schools-robbery-real-'));
  const dbPath = join(dir, 'real.db');
  await cli(['study-area', '--db', dbPath, BOROUGH]);
  await cli(['police-uk', '--db', dbPath, STREET]);
  await cli(['schools', '--db', dbPath, SCHOOLS]);
  const db = openDatabase(dbPath);
  const app = createApp({ db, clock: () => NOW });
  const token = createApiToken(db, 'analyst', 'test', NOW);
  const response = await app.request('/api/themes/schools-robbery?from=2018-10-01&to=2018-11-01', { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  body = (await response.json()) as Body;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('robbery near schools on the real monthly files', () => {
  it('says it shows robbery at any time, because monthly data cannot meet the after-school band', () => {
    expect(body.meta.mode).toBe('any-time-monthly');
    expect(body.meta.label).toBe('Robbery near schools, any time (monthly data)');
    expect(body.meta.notes.join(' ')).toMatch(/known only to the month/);
    expect(body.schools.every((s) => s.countNonSchoolDays === null && s.countOtherHours === null)).toBe(true);
  });

  it('counts, for every school, the robberies an independent distance count puts within reach', () => {
    expect(robberies.length).toBeGreaterThan(50);
    expect(body.schools).toHaveLength(110);
    for (const school of body.schools) {
      const within = (metres: number) => robberies.filter((p) => distance(p, school.position, { units: 'meters' }) <= metres).length;
      expect(school.count, school.name).toBeGreaterThanOrEqual(within(400));
      expect(school.count, school.name).toBeLessThanOrEqual(within(400 + CELL_ACROSS_METRES));
    }
    expect(body.schools.some((s) => s.count > 0)).toBe(true);
  });
});
