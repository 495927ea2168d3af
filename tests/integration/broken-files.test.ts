// Must show (issue 2): a broken file yields a clear error and leaves the database exactly as
// it was, through the CLI and through the upload API alike.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { createApp } from '../../server/app';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase, type Db } from '../../server/db/open-database';
import { crimeFile } from './raw-police-uk';
import { SHARED_DATA } from './test-support';

const NOW = new Date('2026-11-20T09:00:00Z');
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const row = (month: string, lng: string, lat: string) =>
  `,${month},Metropolitan Police Service,Metropolitan Police Service,${lng},${lat},On or near Roman Road,E01004222,Tower Hamlets 001A,Burglary,,`;
const GOOD_ROWS = [row('2019-01', '-0.029459', '51.533135'), row('2019-01', '-0.028789', '51.542323'), row('2019-02', '-0.05', '51.52')];

let dir: string;
let dbPath: string;
let db: Db;
let app: ReturnType<typeof createApp>;
let token: string;

interface BrokenFile {
  name: string;
  /** Written once into the temp dir. */
  make: (path: string) => void;
  kind?: 'police-uk' | 'partner' | 'areas' | 'study-area';
  /** What the message must say. */
  message: RegExp;
  status: number;
}

const csv = (lines: string[]) => `${lines.join('\n')}\n`;
const ward = (name: string, code: string, ring: number[][]) => ({
  type: 'Feature',
  properties: { name, code },
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const writeText = (text: string | Buffer) => (path: string) => writeFileSync(path, text);

/** 200 MB without holding it in memory: one random megabyte written 200 times. */
function writeJunk(chunk: Buffer) {
  return (path: string) => {
    const fd = openSync(path, 'w');
    for (let i = 0; i < 200; i++) writeSync(fd, chunk);
    closeSync(fd);
  };
}

const burglaryText = () => gunzipSync(readFileSync(crimeFile('tower_hamlets_burglary_street_2010-12_2019-12.csv.gz'))).toString('utf8');

const BROKEN: BrokenFile[] = [
  {
    name: 'bad-header.csv',
    make: writeText(csv(['Type,Date,Latitude,Longitude,Gender', 'Person search,2019-01-01T10:00:00+00:00,51.52,-0.05,Male'])),
    message: /^The header lacks "Month" and "Crime type"\. .*this file's first line has "Type", "Date", "Latitude", "Longitude", "Gender"/,
    status: 422,
  },
  {
    name: 'text-in-latitude.csv',
    make: writeText(csv([HEADER, ...GOOD_ROWS, row('2019-02', '-0.05', 'abc')])),
    message: /line 5: Latitude "abc" is not a number/,
    status: 422,
  },
  {
    name: 'month-13.csv',
    make: writeText(csv([HEADER, row('2019-13', '-0.05', '51.52'), ...GOOD_ROWS])),
    message: /line 2: Month "2019-13" is not a month; expected YYYY-MM with month 01\.\.12/,
    status: 422,
  },
  {
    name: 'swapped.csv',
    make: writeText(csv([HEADER, ...GOOD_ROWS, row('2019-02', '51.52', '-0.05')])),
    message: /line 5: Longitude 51\.52 and Latitude -0\.05 look swapped \(Tower Hamlets is near longitude -0\.05, latitude 51\.5\)/,
    status: 422,
  },
  {
    name: 'truncated.csv.gz',
    make: (path) => {
      const gz = readFileSync(crimeFile('tower_hamlets_burglary_street_2010-12_2019-12.csv.gz'));
      writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
    },
    message: /^The gzip data is truncated/,
    status: 400,
  },
  { name: 'empty.csv', make: writeText(''), message: /^The file is empty \(0 bytes\)/, status: 400 },
  { name: 'header-only.csv', make: writeText(`${HEADER}\n`), message: /^The file has a header but no data rows/, status: 422 },
  {
    name: 'junk-binary.bin',
    // Random bytes, with a first byte that can be neither gzip's magic nor UTF-8.
    make: writeJunk(Buffer.concat([Buffer.from([0xff]), randomBytes(1024 * 1024 - 1)])),
    message: /^(This is not a text file|The file is not UTF-8 text)/,
    status: 400,
  },
  {
    name: 'junk-text.txt',
    make: writeJunk(Buffer.from('lorem ipsum, dolor sit amet; '.repeat(36_158).slice(0, 1024 * 1024))),
    message: /^No header line in the first 64 KB/,
    status: 422,
  },
  {
    name: 'junk-lines.txt',
    make: writeJunk(Buffer.from('garbage,garbage,garbage\n'.repeat(43_691).slice(0, 1024 * 1024))),
    message: /^The header lacks "Month", "Longitude", "Latitude" and "Crime type"/,
    status: 422,
  },
  {
    // 24,900 good rows of the real burglary file, then one bad row on line 24,902.
    name: 'last-row-bad.csv.gz',
    make: (path) => writeFileSync(path, gzipSync(`${burglaryText()}${row('2019-12', '-0.05', '5l.52')}\n`)),
    message: /^1 of 24901 rows were rejected \(first: line 24902: Latitude "5l\.52" is not a number/,
    status: 422,
  },
  {
    name: 'bad-areas.geojson',
    kind: 'areas',
    make: writeText(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'Fine' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [-0.07, 51.51],
                  [-0.05, 51.51],
                  [-0.05, 51.53],
                  [-0.07, 51.51],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            properties: { name: 'Grid' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [535000, 181000],
                  [536000, 181000],
                  [535000, 182000],
                  [535000, 181000],
                ],
              ],
            },
          },
        ],
      }),
    ),
    message: /feature 2 \("Grid"\) has coordinates such as 535000, 181000, which are not longitude\/latitude/,
    status: 422,
  },
  {
    // The header names Month twice (case and spaces aside): reading either would be a guess.
    name: 'duplicate-month.csv',
    make: writeText(csv([`${HEADER}, month `, ...GOOD_ROWS.map((r) => `${r},2019-03`)])),
    message:
      /^The header names "Month" more than once: "Month" \(column 2\) and "month" \(column 13\)\. .*remove or rename the extra column\. Nothing was imported\.$/,
    status: 422,
  },
  {
    // lat and Latitude are both names of the partner's lat field.
    name: 'duplicate-lat.csv',
    kind: 'partner',
    make: writeText(csv(['id,occurred_at,category,lat,lng,Latitude', 'A-1,2025-03-01T10:00,robbery,51.52,-0.05,51.53'])),
    message: /^The header has more than one column for lat: "lat" \(column 4\) and "Latitude" \(column 6\)\. .*e\.g\. lat="Latitude"\. Nothing was imported\.$/,
    status: 422,
  },
  {
    // 01:30 on 2025-03-30 never happened in London: the clocks went from 00:59 GMT to 02:00 BST.
    name: 'spring-forward.csv',
    kind: 'partner',
    make: writeText(
      csv([
        'id,occurred_at,category,lng,lat',
        'S-1,2025-03-30T00:45,robbery,-0.05,51.52',
        'S-2,2025-03-30T01:30,robbery,-0.05,51.52',
        'S-3,2025-03-30T02:15,robbery,-0.05,51.52',
      ]),
    ),
    message:
      /^1 of 3 rows were rejected \(first: line 3: occurred_at "2025-03-30T01:30" does not exist in London: the clocks went forward from 01:00 to 02:00 on 2025-03-30\. Correct it; .*\)\. Nothing was imported\./,
    status: 422,
  },
  {
    // Ward 2's outline is a bow-tie: its edges 1 and 3 cross at -0.045, 51.515.
    name: 'bow-tie-ward.geojson',
    kind: 'areas',
    make: writeText(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          ward('Fine', 'E05000001', [
            [-0.07, 51.51],
            [-0.06, 51.51],
            [-0.06, 51.52],
            [-0.07, 51.51],
          ]),
          ward('Bow Tie', 'E05000002', [
            [-0.05, 51.51],
            [-0.04, 51.52],
            [-0.04, 51.51],
            [-0.05, 51.52],
            [-0.05, 51.51],
          ]),
        ],
      }),
    ),
    message:
      /^The GeoJSON has a problem: feature 2 \("Bow Tie", code E05000002\) crosses itself near longitude -0\.045000, latitude 51\.515000: edge 1 of the outline crosses edge 3 of the outline\. .*ogr2ogr -makevalid\) and import it again\. Nothing was stored\.$/,
    status: 422,
  },
  {
    // A study area whose hole pokes out through its outline (at longitude 0.0, latitude 51.51 and 51.52).
    name: 'crossing-study-area.geojson',
    kind: 'study-area',
    make: writeText(
      JSON.stringify({
        type: 'Feature',
        properties: { name: 'Tower Hamlets', code: 'E09000030' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [-0.08, 51.48],
              [0.0, 51.48],
              [0.0, 51.55],
              [-0.08, 51.55],
              [-0.08, 51.48],
            ],
            [
              [-0.01, 51.51],
              [-0.01, 51.52],
              [0.01, 51.52],
              [0.01, 51.51],
              [-0.01, 51.51],
            ],
          ],
        },
      }),
    ),
    message:
      /^The GeoJSON has a problem: feature 1 \("Tower Hamlets", code E09000030\) crosses itself near longitude 0\.000000, latitude 51\.5[12]0000: edge 2 of the outline crosses edge \d of hole 1\. /,
    status: 422,
  },
  {
    name: 'not-json.geojson',
    kind: 'areas',
    make: writeText('{"type": "FeatureCollection", "features": [{'),
    message: /^The file is not valid JSON/,
    status: 400,
  },
];

/** Every row of the tables an import can touch, as counts and checksums. */
function dump(database: Db) {
  const table = (sql: string) => {
    const rows = database.prepare(sql).raw().all();
    return { count: rows.length, sha256: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
  };
  return {
    incidents: table('SELECT * FROM incidents ORDER BY id'),
    importBatches: table('SELECT * FROM import_batches ORDER BY id'),
    areas: table('SELECT * FROM areas ORDER BY id'),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broken-files-'));
  dbPath = join(dir, 'tasking-map.db');
  for (const file of BROKEN) file.make(join(dir, file.name));
  // A database with real content to keep intact: study area, wards and a month of crime.
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, progress: false, env: {}, now: () => NOW };
  expect(await runImportCli(['study-area', '--db', dbPath, resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson')], io)).toBe(0);
  expect(await runImportCli(['areas', '--kind', 'ward', '--db', dbPath, resolve(SHARED_DATA, 'boundaries/tower_hamlets_wards.geojson')], io)).toBe(0);
  expect(await runImportCli(['police-uk', '--db', dbPath, crimeFile('tower_hamlets_policeuk_api_crime_points_all_types_2018-06.csv.gz')], io)).toBe(0);
  db = openDatabase(dbPath);
  app = createApp({ db, clock: () => NOW });
  token = createApiToken(db, 'analyst', 'broken-files', NOW);
}, 120_000);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(BROKEN)('$name', (file) => {
  const path = () => join(dir, file.name);
  const args = () =>
    file.kind === 'areas'
      ? ['areas', '--kind', 'ward']
      : file.kind === 'study-area'
        ? ['study-area']
        : file.kind === 'partner'
          ? ['partner', '--source', 'broken-test']
          : ['police-uk'];

  it('fails on the CLI with a clear message, exit code 1, and changes nothing', async () => {
    const before = dump(db);
    const err: string[] = [];
    const out: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), progress: false, env: {}, now: () => NOW };
    const code = await runImportCli([...args(), '--db', dbPath, path()], io);
    expect(code).toBe(1);
    expect(out.join('\n')).toContain(`${file.name}: FAILED, nothing stored`);
    const message = err[0]!.slice(`${path()}: `.length);
    expect(err[0]!.startsWith(`${path()}: `)).toBe(true);
    expect(message).toMatch(file.message);
    expect(dump(db)).toEqual(before);
  });

  it('fails through the upload API with a clear message and changes nothing', async () => {
    const before = dump(db);
    const route = {
      'police-uk': '/api/imports/police-uk',
      partner: '/api/imports/partner?source=broken-test',
      areas: '/api/imports/areas?kind=ward',
      'study-area': '/api/imports/areas?kind=study-area',
    }[file.kind ?? 'police-uk'];
    // Streamed like a real upload; node:stream/web and the DOM type the same object differently.
    const body = Readable.toWeb(createReadStream(path())) as ReadableStream<Uint8Array>;
    const res = await app.request(route, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(file.status);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(file.status === 400 ? 'unreadable_file' : 'import_refused');
    expect(json.error.message).toMatch(file.message);
    expect(dump(db)).toEqual(before);
  });
});
