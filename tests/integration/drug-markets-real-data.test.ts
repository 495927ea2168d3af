// The drug-market layer on the real files (issue 11): police.uk drug offences (street points,
// 2018-02..2019-12) and the real stop-and-search file, the borough as study area. Its figures
// are checked against an independent reading of the raw files (csv-parse, Turf's
// point-in-polygon, h3-js directly, UTC+1 in summer 2018 written out), sharing no code with
// the importers or the layer.
import { booleanPointInPolygon } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { latLngToCell } from 'h3-js';
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

const SEARCHES = resolve(SHARED_DATA, 'crime/tower_hamlets_bbox_stop_and_search_2016-06_2019-02.csv.gz');
const STREET = resolve(SHARED_DATA, 'crime/tower_hamlets_street_points_2018-02_2019-12_excl_violence_asb.csv.gz');
const BOROUGH = resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson');
const NOW = new Date('2026-11-20T09:00:00Z');
// October 2018, a whole month: police.uk dates are months. British Summer Time ended on 28 October 2018 at 01:00 UTC.
const FROM = '2018-10-01';
const TO = '2018-11-01';
const BST_END_MS = Date.UTC(2018, 9, 28, 1);
const BST_START_MS = Date.UTC(2018, 2, 25, 1);

const rowsOf = (file: string) => parse(gunzipSync(readFileSync(file)).toString('utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

interface Body {
  meta: { windows: { from: string; to: string }[]; positiveOutcomeMeasure: string; notes: string[] };
  summary: { boroughSearches: number; boroughPositiveOutcome: { positive: number; of: number; rate: number | null }; hotCells: number };
  hotspots: { id: number; cells: string[]; searches: number; positiveOutcome: { positive: number; of: number; rate: number | null } }[];
  cells: { cell: string; bin: number; components: Record<string, number> }[];
}

let dir: string;
let body: Body;
/** Drug searches in October 2018 (London time) inside the borough: their resolution-9 cell and whether they found anything. */
let searches: { cell: string; positive: boolean }[];
let drugOffences: number;

async function cli(args: string[]) {
  const err: string[] = [];
  const io: CliIo = { stdout: () => undefined, stderr: (t) => err.push(t), progress: false, env: {}, now: () => NOW };
  const code = await runImportCli(args, io);
  if (code !== 0) throw new Error(`import ${args[0]} failed: ${err.join('\n')}`);
}

beforeAll(async () => {
  const borough = JSON.parse(readFileSync(BOROUGH, 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  const inside = (lng: number, lat: number) => borough.features.some((f) => booleanPointInPolygon([lng, lat], f));
  searches = rowsOf(SEARCHES).flatMap((r) => {
    const utc = Date.parse(r['Date']!);
    const summer = utc >= BST_START_MS && utc < BST_END_MS;
    const london = new Date(utc + (summer ? 3_600_000 : 0)).toISOString().slice(0, 10);
    const lng = Number(r['Longitude']);
    const lat = Number(r['Latitude']);
    if (r['Object of search'] !== 'Controlled drugs' || london < FROM || london >= TO || !inside(lng, lat)) return [];
    const outcome = r['Outcome']!;
    return [{ cell: latLngToCell(lat, lng, 9), positive: !/no further action/i.test(outcome) }];
  });
  drugOffences = rowsOf(STREET).filter((r) => r['Crime type'] === 'Drugs' && r['Month'] === '2018-10').length;

  dir = mkdtempSync(join(tmpdir(), 'drug-markets-real-'));
  const dbPath = join(dir, 'real.db');
  await cli(['study-area', '--db', dbPath, BOROUGH]);
  await cli(['police-uk', '--db', dbPath, STREET]);
  await cli(['stop-search', '--db', dbPath, SEARCHES]);
  const db = openDatabase(dbPath);
  const app = createApp({ db, clock: () => NOW });
  const token = createApiToken(db, 'analyst', 'test', NOW);
  const response = await app.request(`/api/themes/drug-markets?from=${FROM}&to=${TO}&resolution=9`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  body = (await response.json()) as Body;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the drug-market layer on the real files', () => {
  it("counts the month's drug searches and drug offences as an independent reading of the raw files does", () => {
    expect(searches.length).toBeGreaterThan(100);
    expect(body.summary.boroughSearches).toBe(searches.length);
    const positive = searches.filter((s) => s.positive).length;
    expect(body.summary.boroughPositiveOutcome).toMatchObject({ positive, of: searches.length });
    expect(body.meta.positiveOutcomeMeasure).toBe('outcome-other-than-no-further-action');
    expect(drugOffences).toBeGreaterThan(50);
    expect(body.cells.reduce((sum, c) => sum + (c.components['drug-offences'] ?? 0), 0)).toBe(drugOffences);
    expect(body.cells.reduce((sum, c) => sum + (c.components['drug-searches-found'] ?? 0), 0)).toBe(positive);
  });

  it('uses six monthly windows ending with October 2018', () => {
    expect(body.meta.windows.map((w) => w.from)).toEqual(['2018-05-01', '2018-06-01', '2018-07-01', '2018-08-01', '2018-09-01', '2018-10-01']);
  });

  it('gives each hotspot the positive outcome rate of the drug searches in its cells', () => {
    expect(body.hotspots.length).toBeGreaterThan(0);
    for (const hotspot of body.hotspots) {
      const cells = new Set(hotspot.cells);
      const mine = searches.filter((s) => cells.has(s.cell));
      expect(hotspot.searches).toBe(mine.length);
      expect(hotspot.positiveOutcome).toMatchObject({ positive: mine.filter((s) => s.positive).length, of: mine.length });
    }
    // Every hot cell is in exactly one hotspot.
    const hot = body.cells
      .filter((c) => c.bin >= 2)
      .map((c) => c.cell)
      .sort();
    expect(body.hotspots.flatMap((h) => h.cells).sort()).toEqual(hot);
  });
});
