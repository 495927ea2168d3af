// The compute worker on a real SQLite file (decision 022): it builds the index and hands it over
// in shared memory, runs the long statistics while this thread keeps running, and after an
// import keeps answering from the old index until the new one is ready.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../geo/seeded-random';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import type { IncidentDraft } from '../../geo/types';
import { storeIncidents } from '../../tests/store-incidents';
import { replaceAreas } from '../areas/area-queries';
import { openDatabase, type Db } from '../db/open-database';
import { createStudyGridCache } from '../hotspots/study-grid';
import { buildIncidentIndex } from '../incidents/incident-index';
import { countCellsInWindow } from '../incidents/window-counts';
import { createCoverageCache } from '../store/coverage-store';
import { runTask } from './compute-tasks';
import type { ComputeService } from './compute-service';
import { workerCompute } from './worker-compute';

const LAST_DAY = dayNumber(2026, 10, 31);
const box: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [-0.08, 51.505],
      [-0.03, 51.505],
      [-0.03, 51.53],
      [-0.08, 51.53],
      [-0.08, 51.505],
    ],
  ],
};

function drafts(n: number, seed: number, prefix: string): IncidentDraft[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, k) => ({
    sourceRecordId: `${prefix}-${k}`,
    category: k % 3 === 0 ? 'robbery' : 'violent-crime',
    occurredAt: `${isoDateOfDay(LAST_DAY - Math.floor(random() * 700))}T${String(Math.floor(random() * 24)).padStart(2, '0')}:00`,
    precision: 'minute' as const,
    lng: -0.078 + random() * 0.046,
    lat: 51.506 + random() * 0.023,
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'worker-compute-'));
const path = join(dir, 'tm.db');
let db: Db;
let compute: ComputeService;

beforeAll(() => {
  db = openDatabase(path);
  replaceAreas(db, 'study-area', [{ code: 'box', name: 'box', geometry: box }], 'test', new Date());
  storeIncidents(db, drafts(40_000, 1, 'A'));
  compute = workerCompute(db, path);
});
afterAll(async () => {
  await compute.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const window = { categories: ['robbery', 'violent-crime'], fromDay: LAST_DAY - 90, toDay: LAST_DAY + 1, h3Resolution: 9 };

describe('the compute worker', () => {
  it('hands over an index that counts as one built in this thread, with the cells ready', async () => {
    const index = await compute.index([9]);
    const here = buildIncidentIndex(db);
    expect(index.version).toBe(here.version);
    expect(index.size).toBe(40_000);
    // The arrays are the worker's own memory, shared, not copies.
    expect(index.startDay.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(countCellsInWindow(index, window)).toEqual(countCellsInWindow(here, window));
    expect(compute.current()).toBe(index);
  });

  it('runs Gi* there with the same answer as in this thread', async () => {
    const query = { ...window, method: 'gistar' as const, k: 1, correction: 'fdr' as const, includeProactive: false };
    const there = await compute.run('hotspots', query);
    const here = runTask({ index: buildIncidentIndex(db), studyGrid: createStudyGridCache(db), coverage: createCoverageCache(db)() }, 'hotspots', query);
    expect(there.ok).toBe(true);
    expect(there).toEqual(here);
  });

  it('keeps this thread running while a backtest runs there', async () => {
    let turns = 0;
    let running = true;
    const spin = async () => {
      while (running) {
        turns += 1;
        await new Promise((r) => setImmediate(r));
      }
    };
    const spinning = spin();
    const backtest = compute.run('backtest', {
      categories: ['robbery', 'violent-crime'],
      h3Resolution: 10,
      endDay: LAST_DAY + 1,
      horizon: 'month',
      maxWindows: 18,
      trainingWindows: 6,
      coverages: [0.05],
    });
    const result = await backtest;
    running = false;
    await spinning;
    expect(result.ok).toBe(true);
    // Had the backtest run on this thread, not one turn of the loop would have come between its start and end.
    expect(turns).toBeGreaterThan(10);
  });

  it('after an import, answers from the old index at once and from the new one when it is built', async () => {
    const old = await compute.index([9]);
    storeIncidents(db, drafts(5_000, 2, 'B'));
    const first = await compute.index([9]);
    expect(first).toBe(old);
    expect(first.size).toBe(40_000);
    let latest = first;
    for (let tries = 0; tries < 300 && latest.size === 40_000; tries++) {
      await new Promise((r) => setTimeout(r, 20));
      latest = await compute.index([9]);
    }
    expect(latest.size).toBe(45_000);
    expect(countCellsInWindow(latest, window)).toEqual(countCellsInWindow(buildIncidentIndex(db), window));
  });

  it('prepares a resolution the main thread has not asked for yet, without building it here', async () => {
    const index = await compute.index([7, 10]);
    expect(countCellsInWindow(index, { ...window, h3Resolution: 7 })).toEqual(countCellsInWindow(buildIncidentIndex(db), { ...window, h3Resolution: 7 }));
  });
});
