// A partner file large enough to take the worker-thread road (WORKER_THRESHOLD_ROWS) lands
// exactly as the same file located on the main thread, with the real borough as the study
// area, and every stored cell is h3-js latLngToCell of the stored point. The import is given
// a pipeline that waits for its workers before finishing, so every row is located on a worker
// thread, for certain, and the test counts the chunks they located.
import { booleanPointInPolygon } from '@turf/turf';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import { createAreaTest } from '../../geo/study-area';
import { replaceAreas, STUDY_AREA_KIND } from '../../server/areas/area-queries';
import { openDatabase } from '../../server/db/open-database';
import { bngToLngLat, LOCATE_CHUNK_ROWS, LocatePipeline, locateRowsHere, WORKER_THRESHOLD_ROWS } from '../../server/import/locate-rows';
import { parsePartnerCsv } from '../../server/import/partner-csv';
import { runImport } from '../../server/import/run-import';
import { commitImport } from '../../server/store/commit-import';
import type { LocatedRows } from '../../server/store/incident-columns';
import { seededRandom } from '../../geo/seeded-random';
import { readBoroughGeometry } from './test-support';

const ROWS = WORKER_THRESHOLD_ROWS + 20_000;

function partnerCsv(): string {
  const random = seededRandom(7);
  const lines = ['id,occurred_at,category,lng,lat,easting,northing'];
  for (let i = 0; i < ROWS; i++) {
    const day = 1 + Math.floor(random() * 28);
    const when = `2025-0${1 + Math.floor(random() * 9)}-${String(day).padStart(2, '0')}T${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
    const category = ['robbery', 'drugs', 'Burglary', 'violent-crime'][i % 4];
    // Half in WGS84, half on the British National Grid; the box is wider than the borough.
    const point =
      i % 2 === 0
        ? `${(-0.085 + random() * 0.1).toFixed(6)},${(51.48 + random() * 0.07).toFixed(6)},,`
        : `,,${Math.round(531_000 + random() * 8_000)},${Math.round(178_000 + random() * 5_000)}`;
    lines.push(`P-${i},${when},${category},${point}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The import's pipeline, except that `finish` first waits until the workers have located every
 * chunk fed, so this thread takes none (in an import it takes whatever no worker has started).
 */
class WorkersLocateEverything extends LocatePipeline {
  override async finish(length: number): Promise<LocatedRows> {
    await this.locatedByWorkers();
    return super.finish(length);
  }
}

/** A pipeline factory for runImport that keeps what it made, to look at afterwards. */
function watchedPipelines() {
  const made: LocatePipeline[] = [];
  return {
    made,
    create: () => {
      const pipeline = new WorkersLocateEverything();
      made.push(pipeline);
      return pipeline;
    },
  };
}

describe('a large partner import (worker threads)', () => {
  it('stores what the main-thread road stores, and reports what falls outside the borough', async () => {
    const borough = readBoroughGeometry();
    const csv = partnerCsv();
    const dir = mkdtempSync(join(tmpdir(), 'large-import-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'partner.csv'), csv);
    const open = () => {
      const db = openDatabase(':memory:');
      replaceAreas(db, STUDY_AREA_KIND, [{ code: 'E09000030', name: 'Tower Hamlets', geometry: borough }], 'borough.geojson', new Date(0));
      return db;
    };

    const viaWorkers = open();
    const pipelines = watchedPipelines();
    const outcome = await runImport(
      { db: viaWorkers, importedBy: 'test', now: new Date(0), createLocatePipeline: pipelines.create },
      { kind: 'partner', source: 'met-cad', columns: {}, allowRejected: false },
      { input: { path: join(dir, 'partner.csv') }, fileName: 'partner.csv' },
    );
    if (!outcome.ok || outcome.type !== 'incidents') throw new Error(JSON.stringify(outcome));
    // The worker road was taken, and worker threads located every chunk of the file.
    expect(pipelines.made).toHaveLength(1);
    const [pipeline] = pipelines.made;
    expect([pipeline!.chunksLocatedByWorkers, pipeline!.chunksLocatedHere]).toEqual([Math.ceil(ROWS / LOCATE_CHUNK_ROWS), 0]);

    const viaMainThread = open();
    const parsed = parsePartnerCsv(csv);
    if (!parsed.ok) throw new Error(parsed.reason.message);
    const committed = commitImport(viaMainThread, {
      kind: 'partner',
      source: 'met-cad',
      fileName: 'partner.csv',
      fileSha256: 'same file',
      importedBy: 'test',
      importedAt: new Date(0).toISOString(),
      parsed: parsed.value,
      located: locateRowsHere(parsed.value.rows),
      area: createAreaTest(borough),
      allowRejected: false,
    });
    if (!committed.ok) throw new Error(committed.reason);

    const rows = (db: typeof viaWorkers) =>
      db.prepare('SELECT id, source_record_id, category, occurred_at, lng, lat, h3_r11 FROM incidents ORDER BY id').raw().all();
    const stored = rows(viaWorkers);
    expect(stored).toEqual(rows(viaMainThread));

    // Independent count of what lies inside the borough: turf over proj4's WGS84 points.
    let inside = 0;
    for (const line of csv.trim().split('\n').slice(1)) {
      const [, , , lng, lat, easting, northing] = line.split(',');
      const point = lng ? [Number(lng), Number(lat)] : bngToLngLat(Number(easting), Number(northing));
      if (booleanPointInPolygon(point, borough)) inside += 1;
    }
    expect(outcome.summary).toMatchObject({ rowsRead: ROWS, rejected: 0, imported: inside, outsideArea: ROWS - inside, duplicates: 0 });
    expect(inside).toBeGreaterThan(ROWS / 3);
    for (const [, , , , lng, lat, cell] of stored.filter((_, i) => i % 97 === 0) as [unknown, unknown, unknown, unknown, number, number, string][]) {
      expect(cell).toBe(cellAt(lng, lat, STORED_H3_RESOLUTION));
    }

    // The same file again adds nothing.
    const again = await runImport(
      { db: viaWorkers, importedBy: 'test', now: new Date(0) },
      { kind: 'partner', source: 'met-cad', columns: {}, allowRejected: false },
      { input: { path: join(dir, 'partner.csv') }, fileName: 'partner.csv' },
    );
    expect(again.ok && again.type === 'incidents' && again.summary).toMatchObject({ imported: 0, duplicates: inside });
  }, 120_000);

  it('locates a small partner file on the main thread: no pipeline is made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'small-import-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'partner.csv'),
      'id,occurred_at,category,lng,lat\nP-1,2025-01-02T10:00,robbery,-0.04,51.515\nP-2,2025-01-03T11:00,drugs,-0.05,51.52\n',
    );
    const db = openDatabase(':memory:');
    const pipelines = watchedPipelines();
    const outcome = await runImport(
      { db, importedBy: 'test', now: new Date(0), createLocatePipeline: pipelines.create },
      { kind: 'partner', source: 'met-cad', columns: {}, allowRejected: false },
      { input: { path: join(dir, 'partner.csv') }, fileName: 'partner.csv' },
    );
    expect(outcome.ok && outcome.type === 'incidents' && outcome.summary).toMatchObject({ rowsRead: 2, imported: 2 });
    expect(pipelines.made).toHaveLength(0);
    db.close();
  });
});
