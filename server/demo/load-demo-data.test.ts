import { area, featureCollection, feature, intersect, union } from '@turf/turf';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_STUDY_AREA } from '../../geo/demo/demo-area';
import { incidentsCsv } from '../../geo/demo/demo-files';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../../geo/demo/generate-demo-data';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import { dayNumber } from '../../geo/time';
import { createApp } from '../app';
import { getStudyArea, listAreas, replaceAreas } from '../areas/area-queries';
import { createApiToken } from '../auth/auth-queries';
import { openDatabase, type Db } from '../db/open-database';
import { draftsToCommit, locatedDrafts } from '../import/locate-rows';
import { parsePartnerCsv } from '../import/partner-csv';
import { commitImport } from '../store/commit-import';
import { DEMO_CAMERAS_FILE_NAME, DEMO_FILE_NAME, DEMO_POPULATIONS_FILE_NAME, DEMO_SEARCHES_FILE_NAME, loadDemoDataIfEmpty } from './load-demo-data';
import { wardPopulations } from '../populations/population-queries';
import { splitDemoSearches } from '../../geo/demo/demo-searches';

// 23:30 UTC on 29 March 2026 is 00:30 on 30 March in London (BST began that morning):
// the demo data must end on the London yesterday, 29 March, not the UTC one.
const NOW = new Date('2026-03-29T23:30:00Z');
const REAL_BOROUGH = new URL('../../../shared/data/boundaries/tower_hamlets_borough.geojson', import.meta.url);

const count = (db: Db, sql: string, ...params: unknown[]) =>
  Number(
    db
      .prepare(sql)
      .pluck()
      .get(...params),
  );

describe('loadDemoDataIfEmpty', () => {
  it('fills an empty database with the demo borough, wards and two years of incidents, once', async () => {
    const db = openDatabase(':memory:');
    const loaded = loadDemoDataIfEmpty(db, NOW);
    expect(loaded).not.toBeNull();
    expect(loaded!.incidents).toBeGreaterThan(90_000);
    expect(count(db, 'SELECT count(*) FROM incidents')).toBe(loaded!.incidents);
    expect(count(db, "SELECT count(*) FROM incidents WHERE source = 'demo' AND precision = 'minute'")).toBe(loaded!.incidents);
    expect(count(db, 'SELECT min(start_day) FROM incidents')).toBe(dayNumber(2024, 3, 30));
    expect(count(db, 'SELECT max(start_day) FROM incidents')).toBe(dayNumber(2026, 3, 29));

    expect(getStudyArea(db)).toMatchObject({ kind: 'study-area', code: 'demo', name: 'Demo borough (synthetic)' });
    const wards = listAreas(db, 'ward');
    expect(wards).toHaveLength(12);
    expect(wards.map((w) => w.name)).toContain('Isle of Dogs');

    const batch = db
      .prepare('SELECT kind, source, file_name, rows_read, rows_imported, rows_rejected, rows_outside_area FROM import_batches ORDER BY id')
      .all();
    expect(batch).toEqual([
      {
        kind: 'partner',
        source: 'demo',
        file_name: DEMO_FILE_NAME,
        rows_read: loaded!.incidents,
        rows_imported: loaded!.incidents,
        rows_rejected: 0,
        rows_outside_area: 0,
      },
      // The generator's drug searches, through the stop-and-search importer into their own table.
      expect.objectContaining({
        kind: 'stop-search',
        file_name: DEMO_SEARCHES_FILE_NAME,
        rows_read: loaded!.searches,
        rows_imported: loaded!.searches,
        rows_rejected: 0,
      }),
      // The demo CCTV network, through the cameras importer.
      expect.objectContaining({ kind: 'cameras', file_name: DEMO_CAMERAS_FILE_NAME, rows_read: 380, rows_imported: 380, rows_outside_area: 0 }),
      // Residents of the 12 demo wards for 2011..2022, through the population importer.
      expect.objectContaining({ kind: 'population', file_name: DEMO_POPULATIONS_FILE_NAME, rows_read: 144, rows_imported: 144, rows_rejected: 0 }),
    ]);
    // Every demo ward has residents, 310,000 in all for mid-2022.
    const residents = wardPopulations(db, 2022);
    expect([...residents.keys()].sort()).toEqual(wards.map((w) => w.code).sort());
    expect([...residents.values()].reduce((sum, p) => sum + p.population, 0)).toBe(310_000);

    // What is stored is exactly what the generator makes for that end day: its searches as searches, the rest as incidents.
    const expected = generateDemoData({ endDay: dayNumber(2026, 3, 30), seed: DEFAULT_DEMO_SEED });
    const { 'drugs-stop-search': searches, ...crimes } = expected.groundTruth.totals.byCategory;
    const stored = db.prepare('SELECT category, count(*) AS n FROM incidents GROUP BY category ORDER BY category').all() as { category: string; n: number }[];
    expect(Object.fromEntries(stored.map((r) => [r.category, r.n]))).toEqual(crimes);
    expect(searches).toBeGreaterThan(1000);
    expect(count(db, 'SELECT count(*) FROM stop_searches')).toBe(searches);
    expect(loaded!.searches).toBe(searches);
    // Every camera the generator made, with the values it left blank still blank (the defaults apply on reading).
    const cameras = db.prepare('SELECT id, type, status, range_meters AS range FROM cameras ORDER BY id').all() as {
      id: string;
      type: string;
      status: string;
      range: number | null;
    }[];
    expect(cameras.map((c) => c.id)).toEqual(expected.cameras.map((c) => c.id).sort());
    const cameraById = new Map(expected.cameras.map((c) => [c.id, c]));
    for (const camera of cameras)
      expect(camera).toEqual({
        id: camera.id,
        type: cameraById.get(camera.id)!.type,
        status: cameraById.get(camera.id)!.status,
        range: cameraById.get(camera.id)!.rangeMeters,
      });
    const sample = db.prepare('SELECT source_record_id AS id, occurred_at, lng, lat, h3_r11 FROM incidents WHERE id % 997 = 0').all() as {
      id: string;
      occurred_at: string;
      lng: number;
      lat: number;
      h3_r11: string;
    }[];
    const byId = new Map(expected.incidents.map((i) => [i.sourceRecordId, i]));
    for (const row of sample) {
      const incident = byId.get(row.id);
      expect(incident).toMatchObject({ occurredAt: row.occurred_at, lng: row.lng, lat: row.lat });
      expect(row.h3_r11).toBe(cellAt(row.lng, row.lat, STORED_H3_RESOLUTION));
    }

    // The CSV that npm run demo-data writes is the same data, and the partner importer reads it whole.
    const csv = parsePartnerCsv(incidentsCsv(splitDemoSearches(expected.incidents).incidents));
    if (!csv.ok) throw new Error(csv.reason.message);
    expect(csv.value.rejected).toEqual([]);
    expect(csv.value.rows.length).toBe(loaded!.incidents);
    const crimeRecords = splitDemoSearches(expected.incidents).incidents;
    expect(locatedDrafts(csv.value.rows)[1234]).toMatchObject({
      sourceRecordId: crimeRecords[1234]!.sourceRecordId,
      occurredAt: crimeRecords[1234]!.occurredAt,
      category: crimeRecords[1234]!.category,
      lng: crimeRecords[1234]!.lng,
      lat: crimeRecords[1234]!.lat,
      precision: 'minute',
    });

    // The planted taskings are stored with their visits, none of them later than now.
    expect(loaded!.taskings).toBe(expected.taskings.length);
    expect(count(db, 'SELECT count(*) FROM taskings')).toBe(4);
    expect(count(db, "SELECT count(*) FROM taskings WHERE created_by = 'demo:generator' AND status = 'active'")).toBe(4);
    expect(count(db, 'SELECT count(*) FROM tasking_visits')).toBe(expected.taskings.reduce((sum, t) => sum + t.visits.length, 0));
    expect(count(db, 'SELECT count(*) FROM tasking_visits WHERE ended_at > ?', NOW.toISOString())).toBe(0);

    // A second start finds data and does nothing.
    expect(loadDemoDataIfEmpty(db, new Date(NOW.getTime() + 86_400_000))).toBeNull();
    expect(count(db, 'SELECT count(*) FROM incidents')).toBe(loaded!.incidents);
    expect(count(db, 'SELECT count(*) FROM import_batches')).toBe(4);
    expect(count(db, 'SELECT count(*) FROM taskings')).toBe(4);

    // The API says it is demo data.
    const app = createApp({ db, clock: () => NOW });
    const token = createApiToken(db, 'analyst', 'test', NOW);
    const res = await app.request('/api/meta', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const meta = await res.json();
    expect(meta).toMatchObject({
      demo: true,
      sources: [{ source: 'demo', demo: true, incidents: loaded!.incidents, firstDay: '2024-03-30', lastDay: '2026-03-29' }],
      studyArea: { code: 'demo', name: 'Demo borough (synthetic)' },
    });
  });

  it('does nothing when a study area is already stored (a real borough imported first)', () => {
    const db = openDatabase(':memory:');
    replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: DEMO_STUDY_AREA }], 'borough.geojson', NOW);
    expect(loadDemoDataIfEmpty(db, NOW)).toBeNull();
    expect(count(db, 'SELECT count(*) FROM incidents')).toBe(0);
    expect(getStudyArea(db)?.code).toBe('E09000030');
  });

  it('does nothing when incidents are already stored', () => {
    const db = openDatabase(':memory:');
    const result = commitImport(db, {
      kind: 'partner',
      source: 'council-asb',
      fileName: 'one.csv',
      fileSha256: '0'.repeat(64),
      importedBy: 'test',
      importedAt: NOW.toISOString(),
      ...draftsToCommit([
        { sourceRecordId: 'A1', category: 'anti-social-behaviour', occurredAt: '2026-03-01T20:15', precision: 'minute', lng: -0.05, lat: 51.52 },
      ]),
      area: null,
      allowRejected: false,
    });
    expect(result.ok).toBe(true);
    expect(loadDemoDataIfEmpty(db, NOW)).toBeNull();
    expect(getStudyArea(db)).toBeNull();
    expect(count(db, 'SELECT count(*) FROM incidents')).toBe(1);
  });

  it('stores a demo borough shaped like Tower Hamlets, drawn by hand rather than copied', () => {
    const real: GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon> = JSON.parse(readFileSync(REAL_BOROUGH, 'utf8'));
    const realShape = real.features[0]!;
    const demoShape = feature(DEMO_STUDY_AREA);
    const overlap = intersect(featureCollection([demoShape, realShape]));
    const both = union(featureCollection([demoShape, realShape]));
    expect(area(overlap!) / area(both!)).toBeGreaterThan(0.85);
    // Coarse and not copied: far fewer vertices, none equal to a real one.
    const realVertices = new Set(
      (realShape.geometry.type === 'Polygon' ? [realShape.geometry.coordinates] : realShape.geometry.coordinates).flat(2).map((p) => `${p[0]},${p[1]}`),
    );
    const demoVertices = DEMO_STUDY_AREA.coordinates[0]!;
    expect(demoVertices.length).toBeLessThan(realVertices.size / 5);
    expect(demoVertices.filter((p) => realVertices.has(`${p[0]},${p[1]}`))).toEqual([]);
  });
});
