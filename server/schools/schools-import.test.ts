// The schools importer through the one import path (runImport), on the two real files in
// ../shared/data/schools checked against an independent reading of the raw CSV (csv-parse
// and Turf, not our parser), and on made-up files for what the real ones do not have: a DfE
// extract in Windows-1252, a national file, rejected rows, re-imports.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pointToPolygonDistance } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { areaGeometrySchema, replaceAreas } from '../areas/area-queries';
import { openDatabase, type Db } from '../db/open-database';
import { runImport, type ImportOutcome } from '../import/run-import';
import { listSchools } from './school-store';
import type { SchoolImportSummary } from './schools-import';

const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');
const ATLAS_2016 = resolve(SHARED_DATA, 'schools/tower_hamlets_schools_2016.csv');
const GIAS_2024 = resolve(SHARED_DATA, 'schools/tower_hamlets_schools_gias_open_2024-06-17.csv');
const NOW = new Date('2026-12-02T09:00:00Z');

const borough = z
  .object({ features: z.array(z.object({ geometry: areaGeometrySchema })) })
  .parse(JSON.parse(readFileSync(resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson'), 'utf8'))).features[0]!.geometry;

function database(withBorough: boolean): Db {
  const db = openDatabase(':memory:');
  if (withBorough) replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: borough }], 'test', NOW);
  return db;
}

async function importFile(db: Db, input: { path: string } | { bytes: Uint8Array }, options: { allowRejected?: boolean; complete?: boolean } = {}) {
  return runImport(
    { db, importedBy: 'test', now: NOW },
    { kind: 'schools', allowRejected: options.allowRejected ?? false, complete: options.complete ?? false },
    { input, fileName: 'path' in input ? input.path.split('/').at(-1)! : 'upload.csv' },
  );
}

function schoolsSummary(outcome: ImportOutcome): SchoolImportSummary {
  if (!('type' in outcome) || outcome.type !== 'schools' || !outcome.summary) throw new Error(`not a schools summary: ${JSON.stringify(outcome)}`);
  return outcome.summary;
}

const rawRows = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
const stored = (db: Db) => Number(db.prepare('SELECT count(*) FROM schools').pluck().get());

describe('the real schools files', () => {
  it('imports the GLA atlas 2016: every school, phases from PHASE and TYPE, the damaged ages noted once', async () => {
    const raw = rawRows(ATLAS_2016);
    const db = database(true);
    const summary = schoolsSummary(await importFile(db, { path: ATLAS_2016 }));
    const notApplicable = raw.filter((r) => r.PHASE === 'Not applicable');
    // Turf, not our distance, says how many lie more than 1 km outside the borough.
    const far = raw.filter((r) => pointToPolygonDistance([Number(r.longitude), Number(r.latitude)], borough, { units: 'meters' }) > 1000);
    expect(far).toHaveLength(0);
    expect(summary).toMatchObject({
      rowsRead: raw.length,
      stored: raw.length,
      added: raw.length,
      replaced: 0,
      open: raw.filter((r) => r.STATUS!.startsWith('Open')).length,
      closed: 0,
      withLocation: raw.filter((r) => r.longitude !== '' && r.latitude !== '').length,
      withoutLocation: { count: 0, schools: [] },
      locationFrom: { lngLat: raw.length, eastingNorthing: 0 },
      leftOut: { farAway: 0, otherAuthority: 0, marginMeters: 1000, studyArea: 'Tower Hamlets' },
      rejected: 0,
      encoding: 'utf-8',
    });
    expect(summary.byPhase).toEqual({
      primary: raw.filter((r) => r.PHASE === 'Primary').length,
      secondary: raw.filter((r) => r.PHASE === 'Secondary').length,
      'all-through': raw.filter((r) => r.PHASE === 'All Through').length,
      special: notApplicable.filter((r) => /special/i.test(r.TYPE!)).length,
      nursery: 0,
      '16-plus': 0,
      independent: notApplicable.filter((r) => /independent/i.test(r.TYPE!) && !/special/i.test(r.TYPE!)).length,
      other: notApplicable.filter((r) => !/independent|special/i.test(r.TYPE!)).length,
    });
    // SOURCES.md: 70 primary, 16 secondary, 1 all-through, 23 "Not applicable".
    expect([summary.byPhase.primary, summary.byPhase.secondary, notApplicable.length]).toEqual([70, 16, 23]);
    const damaged = raw.filter((r) => /^\d{1,2}-[A-Z][a-z]{2}$/.test(r.AGE!)).length;
    expect(damaged).toBeGreaterThan(100);
    expect(summary.notes.filter((n) => n.includes('AGE'))).toEqual([
      `${damaged} AGE values were turned into dates by a spreadsheet (e.g. "16-Mar" for an age range such as 3-16); ages are not used, so they were ignored.`,
    ]);
    expect(stored(db)).toBe(raw.length);
  });

  it('imports the GIAS 2024 snapshot: the schools without coordinates stored and named, not rejected', async () => {
    const raw = rawRows(GIAS_2024);
    const withoutCoordinates = raw.filter((r) => r.longitude === '' && r.easting === '');
    expect(withoutCoordinates).toHaveLength(22);
    const db = database(true);
    const summary = schoolsSummary(await importFile(db, { path: GIAS_2024 }));
    const count = (phase: string) => raw.filter((r) => r.PhaseOfEducation === phase).length;
    expect(summary).toMatchObject({
      rowsRead: raw.length,
      stored: raw.length,
      open: raw.filter((r) => r.EstablishmentStatus === 'Open').length,
      withLocation: raw.length - withoutCoordinates.length,
      rejected: 0,
      leftOut: { farAway: 0, otherAuthority: 0 },
    });
    expect(summary.withoutLocation.count).toBe(22);
    expect(summary.withoutLocation.schools.map((s) => s.urn).sort()).toEqual(withoutCoordinates.map((r) => Number(r.URN)).sort());
    // Without a type column, "Not applicable" cannot be told apart: 'other' (decision 023).
    expect(summary.byPhase).toEqual({
      primary: count('Primary'),
      secondary: count('Secondary'),
      'all-through': count('All-through'),
      nursery: count('Nursery'),
      '16-plus': count('16 plus'),
      special: 0,
      independent: 0,
      other: count('Not applicable'),
    });
    expect(listSchools(db, { phases: [], includeClosed: true }).filter((s) => s.location === null)).toHaveLength(22);
  });

  it('re-imports by URN: the 2024 snapshot after the 2016 atlas replaces the schools in both, and --complete closes the rest', async () => {
    const urns2016 = new Set(rawRows(ATLAS_2016).map((r) => Number(r.URN)));
    const urns2024 = rawRows(GIAS_2024).map((r) => Number(r.URN));
    const inBoth = urns2024.filter((u) => urns2016.has(u)).length;
    const db = database(true);
    await importFile(db, { path: ATLAS_2016 });
    const again = schoolsSummary(await importFile(db, { path: ATLAS_2016 }));
    expect(again).toMatchObject({ added: 0, replaced: urns2016.size, openNotInFile: 0 });

    const plain = database(true);
    await importFile(plain, { path: ATLAS_2016 });
    const kept = schoolsSummary(await importFile(plain, { path: GIAS_2024 }));
    expect(kept).toMatchObject({ added: urns2024.length - inBoth, replaced: inBoth, openNotInFile: urns2016.size - inBoth, markedClosed: 0 });
    expect(stored(plain)).toBe(urns2016.size + urns2024.length - inBoth);
    expect(listSchools(plain, { phases: [], includeClosed: false })).toHaveLength(urns2016.size + urns2024.length - inBoth);

    const complete = schoolsSummary(await importFile(db, { path: GIAS_2024 }, { complete: true }));
    // SOURCES.md: 22 of the 110 atlas schools were closed in GIAS by 2024.
    expect(complete).toMatchObject({ replaced: inBoth, openNotInFile: 22, markedClosed: 22 });
    expect(
      listSchools(db, { phases: [], includeClosed: false })
        .map((s) => s.urn)
        .sort(),
    ).toEqual([...urns2024].sort());
    expect(listSchools(db, { phases: [], includeClosed: true })).toHaveLength(urns2016.size + urns2024.length - inBoth);
  });
});

/** Windows-1252 bytes, as DfE publishes GIAS: 'é' is 0xE9 and the curly apostrophe 0x92. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => (ch === '\u2019' ? 0x92 : ch.charCodeAt(0))));
}

const GIAS_HEADER =
  'URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (code),PhaseOfEducation (name),Easting,Northing';

describe('a DfE GIAS extract', () => {
  it('in Windows-1252 is read as such: names keep their accents, and the summary says how it was read', async () => {
    const db = database(true);
    const text = `${GIAS_HEADER}\r\n900001,211,Tower Hamlets,2001,École Française de Bow,Other independent school,Open,0,Not applicable,537000,183000\r\n900002,211,Tower Hamlets,2002,St Mary’s Primary,Voluntary aided school,Open,2,Primary,535500,181500\r\n`;
    const summary = schoolsSummary(await importFile(db, { bytes: windows1252(text) }));
    expect(summary).toMatchObject({
      encoding: 'windows-1252',
      stored: 2,
      byPhase: { independent: 1, primary: 1 },
      locationFrom: { eastingNorthing: 2, lngLat: 0 },
    });
    expect(summary.notes).toContain(
      'The file is not UTF-8: it was read as Windows-1252, the encoding DfE publishes its extracts in (e.g. "École Française de Bow").',
    );
    expect(listSchools(db, { phases: [], includeClosed: false }).map((s) => s.name)).toEqual(['École Française de Bow', 'St Mary’s Primary']);
  });

  it('from all of England keeps the schools within 1 km of the study area and counts the rest', async () => {
    const db = database(true);
    const rows = [
      '900001,211,Tower Hamlets,1,Inside,Community school,Open,2,Primary,535500,181500',
      // Just over the borough line in Hackney (E 535300, N 184000 is ~200 m north of it): kept.
      '900002,204,Hackney,2,Over The Line,Community school,Open,2,Primary,535300,184100',
      '900003,352,Manchester,3,Far,Community school,Closed,2,Primary,383000,398000',
      '900004,383,Leeds,4,Nowhere,Community school,Closed,2,Primary,,',
      '900005,211,Tower Hamlets,5,Here Somewhere,Community school,Open,2,Primary,,',
      // Far away and broken: not ours to judge.
      '900006,352,Manchester,6,,Community school,Open,9,Middle,383100,398100',
    ];
    const summary = schoolsSummary(await importFile(db, { bytes: Buffer.from(`${GIAS_HEADER}\n${rows.join('\n')}\n`) }));
    expect(summary).toMatchObject({ rowsRead: 6, stored: 3, rejected: 0, leftOut: { farAway: 2, otherAuthority: 1, marginMeters: 1000 } });
    expect(listSchools(db, { phases: [], includeClosed: true }).map((s) => s.urn)).toEqual([900001, 900002, 900005]);
    // Without a study area every school is kept, and the summary says so.
    const noArea = database(false);
    const all = schoolsSummary(await importFile(noArea, { bytes: Buffer.from(`${GIAS_HEADER}\n${rows.slice(0, 5).join('\n')}\n`) }));
    expect(all).toMatchObject({ stored: 5, leftOut: { farAway: 0, otherAuthority: 0, studyArea: null } });
    expect(all.notes).toContain('No study area is stored, so every school in the file was kept; import the study area first to keep only those near it.');
  });
});

describe('bad schools files', () => {
  const HEADER = 'URN,EstablishmentName,PhaseOfEducation,Easting,Northing';

  it('store nothing when any row is rejected, and say which lines', async () => {
    const db = database(true);
    await importFile(db, { path: ATLAS_2016 });
    const before = db.prepare('SELECT * FROM schools ORDER BY urn').all();
    const outcome = await importFile(db, {
      bytes: Buffer.from(`${HEADER}\n100890,Renamed School,Primary,536179,182059\n999,Bad,Primary,east,182059\n1000,Bad Phase,Infant,536179,182059\n`),
    });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem).toEqual({
      code: 'import_refused',
      message: expect.stringMatching(/^2 rows of 3 rows were rejected \(first: line 3: Easting "east" is not a number; .*Nothing was imported\.$/),
    });
    const summary = schoolsSummary(outcome);
    expect(summary.stored).toBe(0);
    expect(summary.rejections.map((r) => r.line)).toEqual([3, 4]);
    expect(db.prepare('SELECT * FROM schools ORDER BY urn').all()).toEqual(before);
    // With allowRejected the good row is stored and the bad ones reported.
    const partial = schoolsSummary(
      await importFile(
        db,
        { bytes: Buffer.from(`${HEADER}\n100890,Renamed School,Primary,536179,182059\n999,Bad,Primary,east,182059\n`) },
        { allowRejected: true },
      ),
    );
    expect(partial).toMatchObject({ stored: 1, replaced: 1, rejected: 1 });
    expect(listSchools(db, { phases: [], includeClosed: false }).find((s) => s.urn === 100890)?.name).toBe('Renamed School');
  });

  it('refuse a file without the columns, and one with no school near the study area', async () => {
    const db = database(true);
    const noColumns = await importFile(db, { bytes: Buffer.from('Type,Date,Latitude,Longitude\nPerson search,2019-01-01,51.5,-0.05\n') });
    expect(!noColumns.ok && noColumns.problem.message).toMatch(/^The header lacks URN, the school name \(EstablishmentName or SCHOOL_NAM\) and the phase/);
    const far = await importFile(db, { bytes: Buffer.from(`${HEADER}\n1,Far,Primary,383000,398000\n`) });
    expect(!far.ok && far.problem.message).toBe(
      'No school in the file lies within 1,000 m of the study area (Tower Hamlets): 1 school further away, 0 schools without coordinates in another local authority. Nothing was imported.',
    );
    expect(stored(db)).toBe(0);
  });
});
