import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/open-database';
import { runImportCli, type CliIo } from './import-cli';

const SHARED_DATA = join(import.meta.dirname, '../../shared/data');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function captureIo(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    progress: false,
    env,
    now: () => new Date('2026-11-20T09:00:00Z'),
  };
  return { io, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}

function writeFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const GOOD = 'Month,Longitude,Latitude,Crime type\n2019-01,-0.05,51.52,Burglary\n2019-01,-0.05,51.52,Burglary\n';
const BAD = 'Month,Longitude,Latitude,Crime type\n2019-01,-0.05,51.52,Burglary\n2019-13,-0.05,51.52,Burglary\n';

describe('npm run import', () => {
  it('prints usage with examples for --help', async () => {
    const cli = captureIo();
    expect(await runImportCli(['--help'], cli.io)).toBe(0);
    expect(cli.stdout()).toMatch(/^Usage: npm run import -- <kind> \[options\] <files\.\.\.>/);
    expect(cli.stdout()).toContain('npm run import -- study-area ../shared/data/boundaries/tower_hamlets_borough.geojson');
  });

  it('says which importer or option is wrong, with exit code 2', async () => {
    const unknown = captureIo();
    expect(await runImportCli(['crimes', 'a.csv'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toMatch(
      /^"crimes" is not an importer; expected one of police-uk, partner, stop-search, study-area, areas, schools, school-calendar, cameras, population\./,
    );
    const noSource = captureIo();
    expect(await runImportCli(['partner', 'a.csv'], noSource.io)).toBe(2);
    expect(noSource.stderr()).toMatch(/^--source: a source name is required, e.g. council-asb/);
    const noFiles = captureIo();
    expect(await runImportCli(['police-uk', '--db', join(dir, 'x.db')], noFiles.io)).toBe(2);
    expect(noFiles.stderr()).toMatch(/^Name at least one file to import/);
    const badFlag = captureIo();
    expect(await runImportCli(['police-uk', '--frobnicate'], badFlag.io)).toBe(2);
    expect(badFlag.stderr()).toMatch(/Unknown option '--frobnicate'/);
  });

  it('imports each file in its own transaction; a failing file stores nothing and exits 1', async () => {
    const dbPath = join(dir, 'nested', 'tasking-map.db');
    const cli = captureIo({ DB_PATH: dbPath });
    const code = await runImportCli(['police-uk', writeFile('good.csv', GOOD), writeFile('bad.csv', BAD)], cli.io);
    expect(code).toBe(1);
    expect(cli.stdout()).toContain('good.csv: imported');
    expect(cli.stdout()).toContain('bad.csv: FAILED, nothing stored');
    expect(cli.stdout()).toContain('line 3: Month "2019-13" is not a month; expected YYYY-MM with month 01..12');
    expect(cli.stdout()).toMatch(/Totals \(files imported: 1 of 2\)/);
    expect(cli.stderr()).toMatch(/bad\.csv: 1 of 2 rows were rejected \(first: line 3: Month "2019-13"/);
    expect(cli.stderr()).toMatch(/1 of 2 files failed and stored nothing; the other files were imported:\n {2}.*bad\.csv/);
    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT file_name, rows_imported FROM import_batches').all()).toEqual([{ file_name: 'good.csv', rows_imported: 2 }]);
    db.close();
  });

  it('imports the valid rows with --allow-rejected and prints the small table', async () => {
    const cli = captureIo();
    const code = await runImportCli(['police-uk', '--allow-rejected', '--db', join(dir, 'a.db'), writeFile('bad.csv', BAD)], cli.io);
    expect(code).toBe(0);
    expect(cli.stdout()).toContain(
      ['        read  imported  duplicates  rejected  outside area', '  rows     2         1           0         1             0'].join('\n'),
    );
  });

  it('with --allow-rejected, imports the rows around a London time the clocks skipped and reports it by line', async () => {
    const dbPath = join(dir, 'a.db');
    const csv =
      'id,occurred_at,category,lng,lat\nS-1,2025-03-30T00:45,robbery,-0.05,51.52\nS-2,2025-03-30T01:30,robbery,-0.05,51.52\nS-3,2025-03-30T02:15,robbery,-0.05,51.52\n';
    const cli = captureIo();
    const code = await runImportCli(['partner', '--source', 'council-asb', '--allow-rejected', '--db', dbPath, writeFile('asb.csv', csv)], cli.io);
    expect(code).toBe(0);
    expect(cli.stdout()).toContain(
      'line 3: occurred_at "2025-03-30T01:30" does not exist in London: the clocks went forward from 01:00 to 02:00 on 2025-03-30.',
    );
    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT source_record_id, occurred_at FROM incidents ORDER BY id').raw().all()).toEqual([
      ['S-1', '2025-03-30T00:45'],
      ['S-3', '2025-03-30T02:15'],
    ]);
    db.close();
  });

  it('imports areas and says how many it stored', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { NAME: 'Box', CODE: 'B1' },
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
      ],
    });
    const cli = captureIo();
    expect(await runImportCli(['areas', '--kind', 'ward', '--db', join(dir, 'a.db'), writeFile('w.geojson', geojson)], cli.io)).toBe(0);
    expect(cli.stdout()).toContain('stored 1 ward area: Box');
  });

  it('imports the real GIAS 2024 schools file and a school calendar, and refuses a bad calendar with exit code 1', async () => {
    const dbPath = join(dir, 'schools.db');
    const schools = captureIo();
    const file = join(SHARED_DATA, 'schools/tower_hamlets_schools_gias_open_2024-06-17.csv');
    expect(await runImportCli(['schools', '--db', dbPath, file], schools.io)).toBe(0);
    expect(schools.stdout()).toContain('  rows read 116; schools stored 116 (new 116, replaced 0)');
    expect(schools.stdout()).toContain('  open 116, closed 0; phases: primary 66, secondary 16, all-through 1, nursery 4, 16-plus 3, other 26');
    expect(schools.stdout()).toMatch(/without 22 \(stored, not on the map\)\n {2}without a location: Childrens House Nursery School \(100882\), /);

    const calendar = captureIo();
    const terms = writeFile('terms.csv', 'date_from,date_to,kind\n2026-09-03,2026-12-18,term\n2027-01-04,2027-03-25,term\n2027-04-12,2027-07-21,term\n');
    expect(await runImportCli(['school-calendar', '--db', dbPath, terms], calendar.io)).toBe(0);
    expect(calendar.stdout()).toMatch(/school year 2026-27: 3 terms, 0 holidays, 0 inset days, 207 school days \(replaces the assumed default\)/);

    const bad = captureIo();
    expect(await runImportCli(['school-calendar', '--db', dbPath, writeFile('bad.csv', 'date_from,date_to,kind\n2026-09-03,2026-09-01,term\n')], bad.io)).toBe(
      1,
    );
    expect(bad.stdout()).toContain('line 2: date_to 2026-09-01 is before date_from 2026-09-03');
    expect(bad.stderr()).toMatch(/bad\.csv: 1 of 1 rows was rejected/);
  });

  it('imports the real TfL camera file into the borough, and refuses a file with a bad camera with exit code 1', async () => {
    const dbPath = join(dir, 'cameras.db');
    expect(await runImportCli(['study-area', '--db', dbPath, join(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson')], captureIo().io)).toBe(0);
    const cli = captureIo();
    const file = join(SHARED_DATA, 'context/tfl_jamcams_traffic_cameras_tower_hamlets_bbox_2015-06-01.csv');
    expect(await runImportCli(['cameras', '--db', dbPath, file], cli.io)).toBe(0);
    expect(cli.stdout()).toContain(
      [
        '  rows read 78; cameras stored 41 (new 41, replaced 0); outside the study area 37 (Tower Hamlets), counted, not stored',
        '  stored: types ptz 41; status working 37, faulty 4',
        "  assumed (the type's default, docs/decisions/028-cameras.md): type 41, status 0, bearing 0, field of view 41, range 41",
      ].join('\n'),
    );
    expect(cli.stdout()).toMatch(/note: Read as TfL's JamCams traffic camera list/);

    const bad = captureIo();
    const csv = writeFile('cams.csv', 'id,type,lng,lat,bearing\nC1,ptz,-0.05,51.52,\nC2,fixed,-0.05,51.52,400\n');
    expect(await runImportCli(['cameras', '--db', dbPath, csv], bad.io)).toBe(1);
    expect(bad.stdout()).toContain('cams.csv: FAILED, nothing stored');
    expect(bad.stdout()).toContain('    line 3: bearing 400 is out of range; expected degrees clockwise from north, 0 to 360');
    expect(bad.stderr()).toMatch(/cams\.csv: 1 row of 2 rows was rejected \(first: line 3: bearing 400/);
    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT count(*) FROM cameras').pluck().get()).toBe(41);
    db.close();
  });

  it('imports the real ONS LSOA estimates into the real wards with --lookup and prints the residents per year; without wards, exit code 1', async () => {
    const dbPath = join(dir, 'population.db');
    const estimates = join(SHARED_DATA, 'context/tower_hamlets_lsoa2021_population_density_mid2011_mid2022.csv');
    const lookup = join(SHARED_DATA, 'context/tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup.csv');
    const early = captureIo();
    expect(await runImportCli(['population', '--db', dbPath, '--lookup', lookup, estimates], early.io)).toBe(1);
    expect(early.stderr()).toMatch(/No wards are stored, so there is nothing to give populations to\. Import the ward boundaries first/);

    expect(await runImportCli(['areas', '--kind', 'ward', '--db', dbPath, join(SHARED_DATA, 'boundaries/tower_hamlets_wards.geojson')], captureIo().io)).toBe(
      0,
    );
    const cli = captureIo();
    expect(await runImportCli(['population', '--db', dbPath, '--lookup', lookup, estimates], cli.io)).toBe(0);
    expect(cli.stdout()).toContain(
      '  rows read 169 (a column per year): 169 LSOAs added up to wards by tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup.csv; ward-years stored 240',
    );
    expect(cli.stdout()).toContain('    2022    323,854 in 20 wards');
    const bad = captureIo();
    expect(await runImportCli(['population', '--db', dbPath, estimates], bad.io)).toBe(1);
    expect(bad.stderr()).toMatch(/gives populations by LSOA/);
    const db = openDatabase(dbPath);
    expect(db.prepare('SELECT sum(population) FROM populations WHERE year = 2022').pluck().get()).toBe(323_854);
    db.close();
  });
});
