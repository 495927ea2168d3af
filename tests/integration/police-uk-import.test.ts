// Must show (issue 2): `npm run import -- police-uk` takes every police.uk street-crime file
// in ../shared/data/crime with a correct summary, stores per (month, category) exactly what
// an independent reading of the raw CSV says, and adds 0 rows when run again.
import { booleanPointInPolygon } from '@turf/turf';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { openDatabase, type Db } from '../../server/db/open-database';
import { countsByMonthAndCategory, crimeFile, expectedImport, POLICE_UK_FILES, readRawFile, type RawFile } from './raw-police-uk';
import { REPO_ROOT, SHARED_DATA } from './test-support';

const BOROUGH = resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson');

// Shared by every test, and never written to: the temporary directory each test makes its own
// database in, and the independent reading of the raw files.
let dir: string;
let raw: readonly RawFile[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'police-uk-import-'));
  raw = Object.freeze(POLICE_UK_FILES.map(readRawFile));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database path no other test uses. */
function freshDbPath(name: string): string {
  return join(mkdtempSync(join(dir, `${name}-`)), 'tasking.db');
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), progress: false, env: {}, now: () => new Date('2026-11-20T09:00:00Z') };
  const code = await runImportCli(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function storedCounts(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT occurred_at, category, count(*) AS n FROM incidents GROUP BY occurred_at, category').all() as {
    occurred_at: string;
    category: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [`${r.occurred_at}|${r.category}`, r.n]));
}

const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

type Batch = { file_name: string; rows_read: number; rows_imported: number; rows_duplicate: number; rows_rejected: number; rows_outside_area: number };
const batchesOf = (db: Db) =>
  db.prepare('SELECT file_name, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area FROM import_batches ORDER BY id').all() as Batch[];

/** `import police-uk` of every real file, in order, into the database at dbPath (no study area). */
const importEveryFile = (dbPath: string) => cli(['police-uk', '--db', dbPath, ...POLICE_UK_FILES.map(crimeFile)]);

describe('police.uk import of every real street-crime file', () => {
  it('stores per (month, category) exactly the independent count, with correct summaries', async () => {
    const dbPath = freshDbPath('first-import');
    const run = await importEveryFile(dbPath);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const expected = expectedImport(raw);
    const db = openDatabase(dbPath);
    expect(sorted(storedCounts(db))).toEqual(sorted(countsByMonthAndCategory(expected.stored, expected.sample)));
    // The overlap is real: the burglary street file and the 2018-02..2019-12 points file share
    // thousands of burglaries, and the 2016 and 2018-06 files overlap both.
    expect(expected.perFile.map((f) => f.duplicates)).toEqual([0, 5990, 2744, 1963]);

    expect(batchesOf(db)).toEqual(
      raw.map((file, i) => ({
        file_name: file.name,
        rows_read: file.dataRows,
        rows_imported: expected.perFile[i]!.imported,
        rows_duplicate: expected.perFile[i]!.duplicates,
        rows_rejected: 0,
        rows_outside_area: 0,
      })),
    );
    const total = raw.reduce((sum, f) => sum + f.dataRows, 0);
    const imported = expected.perFile.reduce((sum, f) => sum + f.imported, 0);
    expect(run.stdout).toContain(`total (imported files)`);
    expect(run.stdout).toMatch(new RegExp(`total \\(imported files\\)\\s+${total.toLocaleString('en-GB')}\\s+${imported.toLocaleString('en-GB')}\\s`));
    // Extra api_* columns are ignored with one note per file.
    expect(run.stdout).toContain(
      'note: Ignored 3 columns that police.uk street CSVs do not have: "api_category", "api_location_type", "api_outcome_status_date".',
    );
    db.close();
  });

  it('adds 0 rows when `npm run import -- police-uk` runs again, and reports every row as a duplicate', async () => {
    // Its own first import, so this test does not lean on the one above having run.
    const dbPath = freshDbPath('second-import');
    const first = await importEveryFile(dbPath);
    expect([first.code, first.stderr]).toEqual([0, '']);
    const before = openDatabase(dbPath);
    expect(batchesOf(before)).toHaveLength(raw.length);
    const incidentsBefore = Number(before.prepare('SELECT count(*) FROM incidents').pluck().get());
    before.close();
    // The real script, as `npm run import` runs it.
    const { stdout } = await promisify(execFile)(
      resolve(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['scripts/import.ts', 'police-uk', '--db', dbPath, ...POLICE_UK_FILES.map(crimeFile)],
      { cwd: REPO_ROOT, env: { ...process.env, DB_PATH: '' } },
    );
    const db = openDatabase(dbPath);
    expect(Number(db.prepare('SELECT count(*) FROM incidents').pluck().get())).toBe(incidentsBefore);
    expect(batchesOf(db).slice(raw.length)).toEqual(
      raw.map((file) => ({
        file_name: file.name,
        rows_read: file.dataRows,
        rows_imported: 0,
        rows_duplicate: file.dataRows,
        rows_rejected: 0,
        rows_outside_area: 0,
      })),
    );
    const total = raw.reduce((sum, f) => sum + f.dataRows, 0).toLocaleString('en-GB');
    expect(stdout).toMatch(new RegExp(`total \\(imported files\\)\\s+${total}\\s+0\\s+${total}\\s+0\\s+0`));
    db.close();
  });
});

describe('police.uk import with the real borough as study area', () => {
  it('counts and reports points outside the borough, and stores only the inside ones', async () => {
    const dbPath = freshDbPath('with-borough');
    expect((await cli(['study-area', '--db', dbPath, BOROUGH])).code).toBe(0);
    const run = await cli(['police-uk', '--db', dbPath, ...POLICE_UK_FILES.map(crimeFile)]);
    expect(run.code).toBe(0);

    // Independent point-in-polygon, straight from the GeoJSON file.
    const borough = JSON.parse(readFileSync(BOROUGH, 'utf8')).features[0].geometry;
    const insideOf = new Map<string, boolean>();
    const inside = (lng: number, lat: number) => {
      const key = `${lng},${lat}`;
      let value = insideOf.get(key);
      if (value === undefined) {
        value = booleanPointInPolygon([lng, lat], borough);
        insideOf.set(key, value);
      }
      return value;
    };
    const insideFiles = raw.map((file) => ({ rows: file.rows.filter((r) => inside(r.lng, r.lat)) }));
    const outside = raw.map((file, i) => file.rows.length - insideFiles[i]!.rows.length);
    const expected = expectedImport(insideFiles);

    const db = openDatabase(dbPath);
    expect(sorted(storedCounts(db))).toEqual(sorted(countsByMonthAndCategory(expected.stored, expected.sample)));
    expect(batchesOf(db)).toEqual(
      raw.map((file, i) => ({
        file_name: file.name,
        rows_read: file.dataRows,
        rows_imported: expected.perFile[i]!.imported,
        rows_duplicate: expected.perFile[i]!.duplicates,
        rows_rejected: 0,
        rows_outside_area: outside[i]!,
      })),
    );
    // The LSOA-selected burglary file reaches past the mean-high-water borough polygon
    // (St Katharine Docks, the Hackney edge); the point files were clipped to it already.
    expect(outside[0]).toBeGreaterThan(0);
    expect(outside.slice(1)).toEqual([0, 0, 0]);
    expect(run.stdout).toMatch(/outside the study area, e\.g\. line \d+/);
    db.close();
  });
});
