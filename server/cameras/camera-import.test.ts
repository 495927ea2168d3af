// The cameras importer through the one import path (runImport): the real TfL JamCams file in
// ../shared/data/context checked against an independent reading of the raw CSV (csv-parse and
// Turf's booleanPointInPolygon against the borough file, not our parser or area test), and
// made-up files for row errors, refusals that store nothing, re-imports and the CSV contract.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, distance, pointToPolygonDistance } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { camerasToCsv, type NamedCamera } from '../../geo/cameras';
import { areaGeometrySchema, replaceAreas } from '../areas/area-queries';
import { openDatabase, type Db } from '../db/open-database';
import { runImport, type ImportOutcome } from '../import/run-import';
import type { CameraImportSummary } from './camera-import';
import { listCameras } from './camera-queries';

const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');
const TFL = resolve(SHARED_DATA, 'context/tfl_jamcams_traffic_cameras_tower_hamlets_bbox_2015-06-01.csv');
const NOW = new Date('2026-12-02T09:00:00Z');

const borough = z
  .object({ features: z.array(z.object({ geometry: areaGeometrySchema })) })
  .parse(JSON.parse(readFileSync(resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson'), 'utf8'))).features[0]!.geometry;

function database(withBorough = true): Db {
  const db = openDatabase(':memory:');
  if (withBorough) replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: borough }], 'test', NOW);
  return db;
}

async function importCsv(db: Db, input: { path: string } | { text: string }, fileName = 'cameras.csv') {
  return runImport(
    { db, importedBy: 'test', now: NOW },
    { kind: 'cameras' },
    { input: 'path' in input ? input : { bytes: new TextEncoder().encode(input.text) }, fileName: 'path' in input ? input.path.split('/').at(-1)! : fileName },
  );
}

function camerasSummary(outcome: ImportOutcome): CameraImportSummary {
  if (!('type' in outcome) || outcome.type !== 'cameras' || !outcome.summary) throw new Error(`not a cameras summary: ${JSON.stringify(outcome)}`);
  return outcome.summary;
}

/** Everything stored, row by row, and the batches: what "nothing stored" is checked against. */
const snapshot = (db: Db) => ({
  cameras: db.prepare('SELECT * FROM cameras ORDER BY id').all(),
  batches: db.prepare('SELECT count(*) FROM import_batches').pluck().get(),
});

describe('the real TfL JamCams file', () => {
  const raw = parse(readFileSync(TFL, 'utf8'), { columns: true }) as Record<string, string>[];
  // Independent of the importer: Turf's point in polygon on the file's own longitude/latitude.
  const isInside = (r: Record<string, string>) => booleanPointInPolygon([Number(r.longitude), Number(r.latitude)], borough);
  const inside = raw.filter(isInside);

  it('imports through its recognised header: the cameras inside the borough stored, the rest counted outside', async () => {
    expect(raw).toHaveLength(78);
    expect(inside).toHaveLength(41);
    const db = database();
    const outcome = await importCsv(db, { path: TFL });
    expect(outcome.ok).toBe(true);
    const summary = camerasSummary(outcome);
    const faultyInside = inside.filter((r) => r.available === 'false').length;
    expect(faultyInside).toBe(4);
    expect(summary).toMatchObject({
      kind: 'cameras',
      layout: 'tfl-jamcams',
      rowsRead: raw.length,
      stored: inside.length,
      added: inside.length,
      replaced: 0,
      outsideArea: raw.length - inside.length,
      studyArea: 'Tower Hamlets',
      byType: { fixed: 0, ptz: inside.length, redeployable: 0, anpr: 0 },
      byStatus: { working: inside.length - faultyInside, faulty: faultyInside, removed: 0 },
      // TfL gives no type, bearing, angle or range: every stored camera is a ptz circle of the default range.
      assumed: { type: inside.length, status: 0, bearing: 0, fieldOfView: inside.length, rangeMeters: inside.length },
      locationFrom: { lngLat: inside.length, eastingNorthing: 0 },
      rejected: 0,
    });
    expect(summary.outsideAreaRows.map((r) => r.line).sort((a, b) => a - b)).toEqual(raw.flatMap((r, i) => (isInside(r) ? [] : [i + 2])).sort((a, b) => a - b));
    expect(summary.notes.join(' ')).toMatch(/Read as TfL's JamCams traffic camera list: camera_id is the id, location the name, available=false is faulty/);
    expect(summary.notes.join(' ')).toMatch(/Not used: 1 column \("in_tower_hamlets"\); the stored study area decides/);

    const stored = listCameras(db);
    expect(stored.map((c) => c.id)).toEqual(inside.map((r) => r.camera_id).sort());
    const first = stored.find((c) => c.id === inside[0]!.camera_id)!;
    expect(first).toMatchObject({
      name: inside[0]!.location,
      type: 'ptz',
      typeAssumed: true,
      lng: Number(inside[0]!.longitude),
      lat: Number(inside[0]!.latitude),
    });
    expect(db.prepare("SELECT kind, source, rows_read, rows_imported, rows_outside_area FROM import_batches WHERE kind = 'cameras'").get()).toEqual({
      kind: 'cameras',
      source: 'TfL JamCams',
      rows_read: 78,
      rows_imported: 41,
      rows_outside_area: 37,
    });
  });

  it("differs from the file's in_tower_hamlets column only for two cameras a few metres over the line on Mansell Street", () => {
    const disagree = raw.filter((r) => isInside(r) !== (r.in_tower_hamlets === 'yes'));
    expect(raw.filter((r) => r.in_tower_hamlets === 'yes')).toHaveLength(43);
    expect(disagree.map((r) => [r.camera_id, r.in_tower_hamlets])).toEqual([
      ['00001.02001', 'yes'],
      ['00001.02100', 'yes'],
    ]);
    for (const r of disagree) {
      expect(r.location).toMatch(/Mansell St/);
      expect(pointToPolygonDistance([Number(r.longitude), Number(r.latitude)], borough, { units: 'meters' })).toBeLessThan(10);
    }
  });

  it('places cameras given only as British National Grid easting/northing where TfL says they are', async () => {
    const sample = inside.slice(0, 10);
    const text = ['id,type,easting,northing', ...sample.map((r) => `${r.camera_id},fixed,${r.easting},${r.northing}`)].join('\n');
    const db = database(false);
    const summary = camerasSummary(await importCsv(db, { text }));
    expect(summary).toMatchObject({ stored: 10, locationFrom: { lngLat: 0, eastingNorthing: 10 } });
    for (const camera of listCameras(db)) {
      const r = sample.find((s) => s.camera_id === camera.id)!;
      // TfL's own longitude/latitude against our conversion of its easting/northing.
      expect(distance([camera.lng, camera.lat], [Number(r.longitude), Number(r.latitude)], { units: 'meters' })).toBeLessThan(3);
    }
  });
});

const HEADER = 'id,type,lng,lat,bearing,fieldOfView,rangeMeters,status,installedOn,name';
const GOOD = [
  HEADER,
  'C1,fixed,-0.0597,51.5194,45,,,working,2019-04-01,Whitechapel Rd',
  'C2,ptz,-0.0450,51.5150,,,,faulty,,',
  'C3,anpr,-0.0300,51.5200,90,20,30,,,',
].join('\n');

describe('rows the importer refuses', () => {
  const BAD = [
    HEADER,
    'B1,fixed,-0.0597,51.5194,400,,,working,,',
    'B2,fixed,-0.0597,51.5194,45,,-5,working,,',
    'B3,dome,-0.0597,51.5194,45,,,working,,',
    'B4,ptz,,,,,,working,,',
    'B5,fixed,-0.0597,51.5194,10,90,60,working,,',
  ].join('\n');

  it('gives each bad row its line and what to fix, and stores nothing: not on an empty table, not over stored cameras', async () => {
    const db = database();
    const empty = snapshot(db);
    const outcome = await importCsv(db, { text: BAD });
    expect(outcome.ok).toBe(false);
    const summary = camerasSummary(outcome);
    expect(summary.rejections).toEqual([
      { line: 2, message: 'bearing 400 is out of range; expected degrees clockwise from north, 0 to 360' },
      { line: 3, message: 'rangeMeters -5 is out of range; expected metres, more than 0 and at most 1000' },
      { line: 4, message: 'type "dome" is not a camera type; expected one of fixed, ptz, redeployable, anpr' },
      { line: 5, message: 'the camera has no position; give lng and lat' },
    ]);
    expect(summary).toMatchObject({ rowsRead: 5, rejected: 4, stored: 0, batchId: null });
    expect(!outcome.ok && outcome.problem.message).toBe(
      '4 rows of 5 rows were rejected (first: line 2: bearing 400 is out of range; expected degrees clockwise from north, 0 to 360). ' +
        'Correct them and import the file again: a cameras file is stored whole or not at all. Nothing was imported.',
    );
    expect(snapshot(db)).toEqual(empty);

    // Stored cameras stay exactly as they were when a later file is refused, even one that names them.
    expect((await importCsv(db, { text: GOOD })).ok).toBe(true);
    const before = snapshot(db);
    expect(before.cameras).toHaveLength(3);
    const clash = [HEADER, 'C1,ptz,-0.05,51.52,,,,removed,,Moved', 'C9,fixed,-0.05,51.52,45,,,working,2023-02-30,'].join('\n');
    const refused = camerasSummary(await importCsv(db, { text: clash }));
    expect(refused.rejections).toEqual([{ line: 3, message: 'installedOn "2023-02-30" is not a real calendar date; check the day and month' }]);
    expect(snapshot(db)).toEqual(before);
  });

  it.each([
    ['fieldOfView 0', 'X,fixed,-0.05,51.52,10,0,,,,', 'fieldOfView 0 is out of range; expected the angle of view in degrees, more than 0 and at most 360'],
    [
      'fieldOfView 361',
      'X,fixed,-0.05,51.52,10,361,,,,',
      'fieldOfView 361 is out of range; expected the angle of view in degrees, more than 0 and at most 360',
    ],
    ['an absurd range', 'X,fixed,-0.05,51.52,10,,5000,,,', 'rangeMeters 5000 is out of range; expected metres, more than 0 and at most 1000'],
    ['a bearing that is not a number', 'X,fixed,-0.05,51.52,north,,,,,', 'bearing "north" is not a number; expected degrees clockwise from north, 0 to 360'],
    [
      'an unknown status',
      'X,fixed,-0.05,51.52,10,,,broken,,',
      'status "broken" is not a camera status; expected one of working, faulty, removed, or empty for working',
    ],
    [
      'a date that is not one',
      'X,fixed,-0.05,51.52,10,,,,last year,',
      'installedOn "last year" is not a date; expected YYYY-MM-DD (or DD/MM/YYYY), e.g. 2019-04-01',
    ],
    ['an impossible UK date', 'X,fixed,-0.05,51.52,10,,,,31/04/2019,', 'installedOn "31/04/2019" is not a real calendar date; check the day and month'],
    ['half a position', 'X,fixed,-0.05,,10,,,,,', 'lat is empty but lng is not; give both or neither'],
    ['an unparseable position', 'X,fixed,west,51.52,10,,,,,', 'lng "west" is not a number; expected a decimal longitude such as -0.05'],
    [
      'swapped coordinates',
      'X,fixed,51.52,-0.05,10,,,,,',
      'lng 51.52 and lat -0.05 look swapped (Tower Hamlets is near longitude -0.05, latitude 51.5); check which column is which',
    ],
    ['an empty id', ',fixed,-0.05,51.52,10,,,,,', 'id is empty; every camera needs its id'],
    ['an empty type', 'X,,-0.05,51.52,10,,,,,', 'type is empty; expected one of fixed, ptz, redeployable, anpr'],
  ])('rejects %s with its line number', async (_what, row, message) => {
    const db = database(false);
    const outcome = await importCsv(db, { text: `${HEADER}\n${row}\n` });
    expect(camerasSummary(outcome).rejections).toEqual([{ line: 2, message }]);
    expect(snapshot(db).cameras).toEqual([]);
  });

  it('rejects an id given twice in one file, naming the first line', async () => {
    const db = database(false);
    const text = [HEADER, 'C1,fixed,-0.05,51.52,10,,,,,', 'C2,fixed,-0.05,51.52,10,,,,,', 'C1,ptz,-0.05,51.52,,,,,,'].join('\n');
    expect(camerasSummary(await importCsv(db, { text })).rejections).toEqual([
      { line: 4, message: 'id "C1" is also on line 2; a camera may appear once in a file' },
    ]);
    expect(snapshot(db).cameras).toEqual([]);
  });

  it("refuses a header without a type (unless it is TfL's list) or a position, and a file with no camera inside the study area", async () => {
    const db = database();
    const noType = await importCsv(db, { text: 'id,lng,lat\nC1,-0.05,51.52\n' });
    expect(!noType.ok && noType.problem.message).toMatch(
      /^The header lacks a type column \(type: fixed, ptz, redeployable, anpr\)\. A cameras file has the columns id, type, lng, lat/,
    );
    const noPosition = await importCsv(db, { text: 'id,type,x,y\nC1,ptz,1,2\n' });
    expect(!noPosition.ok && noPosition.problem.message).toMatch(/^The header lacks a position: lng and lat \(WGS84\), or easting and northing/);
    const elsewhere = await importCsv(db, { text: `${HEADER}\nF1,ptz,-0.1276,51.5072,,,,,,Trafalgar Square\n` });
    expect(!elsewhere.ok && elsewhere.problem.message).toBe(
      'No camera in the file lies inside the study area (Tower Hamlets): its one camera is outside. Nothing was imported.',
    );
    expect(camerasSummary(elsewhere).outsideAreaRows).toEqual([
      { line: 2, message: 'camera "F1" (Trafalgar Square) at -0.1276, 51.5072 is outside the study area' },
    ]);
    expect(snapshot(db)).toEqual({ cameras: [], batches: 0 });
  });
});

describe('re-imports and defaults', () => {
  it('replaces a re-imported id and keeps the cameras a later file does not name', async () => {
    const db = database();
    expect(camerasSummary(await importCsv(db, { text: GOOD }))).toMatchObject({ stored: 3, added: 3, replaced: 0 });
    const next = [HEADER, 'C2,ptz,-0.0451,51.5151,,,120,working,2020-01-15,Mile End Rd', 'C4,redeployable,-0.0200,51.5100,,,,,,'].join('\n');
    expect(camerasSummary(await importCsv(db, { text: next }, 'next.csv'))).toMatchObject({ stored: 2, added: 1, replaced: 1 });
    const stored = listCameras(db);
    expect(stored.map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(stored.find((c) => c.id === 'C2')).toMatchObject({
      lng: -0.0451,
      lat: 51.5151,
      rangeMeters: 120,
      status: 'working',
      installedOn: '2020-01-15',
      name: 'Mile End Rd',
      sourceFile: 'next.csv',
    });
    expect(stored.find((c) => c.id === 'C1')).toMatchObject({ sourceFile: 'cameras.csv', installedOn: '2019-04-01' });
    // The same file again replaces every row with itself.
    expect(camerasSummary(await importCsv(db, { text: next }, 'next.csv'))).toMatchObject({ stored: 2, added: 0, replaced: 2 });
    expect(listCameras(db)).toHaveLength(4);
  });

  it('counts the values each camera was given by default', async () => {
    const db = database();
    const summary = camerasSummary(await importCsv(db, { text: GOOD }));
    // C1 fixed with a bearing: angle and range assumed. C2 ptz: angle and range. C3 anpr: everything given, status assumed.
    expect(summary.assumed).toEqual({ type: 0, status: 1, bearing: 0, fieldOfView: 2, rangeMeters: 2 });
    expect(summary.byType).toEqual({ fixed: 1, ptz: 1, redeployable: 0, anpr: 1 });
    expect(summary.byStatus).toEqual({ working: 2, faulty: 1, removed: 0 });
    const noBearing = camerasSummary(await importCsv(db, { text: `${HEADER}\nN1,fixed,-0.05,51.52,,,,,,\n` }));
    expect(noBearing.assumed).toEqual({ type: 0, status: 1, bearing: 1, fieldOfView: 1, rangeMeters: 1 });
  });

  it('reads back what geo/cameras.ts camerasToCsv writes, under other header names too', async () => {
    const cameras: NamedCamera[] = [
      {
        id: 'D-1',
        type: 'fixed',
        lng: -0.05,
        lat: 51.52,
        bearing: 45,
        fieldOfView: 90,
        rangeMeters: 60,
        status: 'working',
        installedOn: '2019-04-01',
        name: 'Watney St, "market"',
      },
      {
        id: 'D-2',
        type: 'redeployable',
        lng: -0.04,
        lat: 51.51,
        bearing: null,
        fieldOfView: null,
        rangeMeters: null,
        status: 'removed',
        installedOn: null,
        name: null,
      },
    ];
    const db = database(false);
    expect(camerasSummary(await importCsv(db, { text: camerasToCsv(cameras) }))).toMatchObject({ stored: 2, rejected: 0 });
    expect(
      listCameras(db).map(({ id, type, lng, lat, bearing, fieldOfView, rangeMeters, status, installedOn, name }) => ({
        id,
        type,
        lng,
        lat,
        bearing,
        fieldOfView,
        rangeMeters,
        status,
        installedOn,
        name,
      })),
    ).toEqual(cameras);
    const renamed =
      'Camera ID,Camera Type,Longitude,Latitude,Direction,FOV,Range (m),Status,Date installed,Location\nE1,PTZ,-0.05,51.52,,,,Faulty,01/06/2015,Bow Rd\n';
    expect(camerasSummary(await importCsv(db, { text: renamed }))).toMatchObject({ stored: 1, rejected: 0 });
    expect(listCameras(db).find((c) => c.id === 'E1')).toMatchObject({ type: 'ptz', status: 'faulty', installedOn: '2015-06-01', name: 'Bow Rd' });
  });
});
