// /api/cells latency over 5 million incidents: borough-wide windows of 7, 28 and 365 days
// at resolutions 7-10, through the real Hono app (app.request) on a real SQLite file.
import { existsSync, mkdirSync } from 'node:fs';
import { createApp } from '../../server/app';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase, type Db } from '../../server/db/open-database';
import { commitImport } from '../../server/store/commit-import';
import { draftsToCommit } from '../../server/import/locate-rows';
import { storedIncidentCount } from '../../server/store/chunk-store';
import type { IncidentDraft } from '../../geo/types';
import { CATEGORIES } from '../../geo/categories';
import { isoDateOfDay, dayNumber } from '../../geo/time';
import { percentile, seededRandom, table, timeRuns, verdict } from './bench-stats';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 5_000_000);
const YEARS = 5;
const END_DAY = dayNumber(2026, 11, 1);
const TARGET_P95_MS = 50;

/** Clustered synthetic incidents over the Tower Hamlets box, minute precision, 5 years. */
function* syntheticDrafts(count: number, seed: number): Generator<IncidentDraft> {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 400 }, () => [-0.075 + random() * 0.08, 51.49 + random() * 0.05] as const);
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < count; i++) {
    const day = END_DAY - YEARS * 365 + Math.floor((i / count) * YEARS * 365);
    const date = isoDateOfDay(day);
    const minute = Math.floor(random() * 1440);
    const clustered = random() < 0.6;
    const centre = centres[Math.floor(random() * centres.length)]!;
    const lng = clustered ? centre[0] + (random() - 0.5) * 0.004 : -0.08 + random() * 0.09;
    const lat = clustered ? centre[1] + (random() - 0.5) * 0.003 : 51.485 + random() * 0.06;
    yield {
      sourceRecordId: `bench-${i}`,
      category: CATEGORIES[Math.floor(random() * CATEGORIES.length)]!.slug,
      occurredAt: `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`,
      precision: 'minute',
      lng: Number(lng.toFixed(6)),
      lat: Number(lat.toFixed(6)),
    };
  }
}

/** The cached 5M-incident benchmark database, generated on first use. */
export function benchDatabasePath(): string {
  mkdirSync('.bench', { recursive: true });
  return `.bench/cells-${INCIDENTS}.db`;
}

export function prepareDatabase(path: string): Db {
  const db = openDatabase(path);
  const stored = storedIncidentCount(db);
  if (stored === INCIDENTS) return db;
  if (stored > 0) throw new Error(`${path} holds ${stored} incidents, expected ${INCIDENTS}; delete it and run again`);
  console.log(`Generating ${INCIDENTS.toLocaleString('en-GB')} incidents into ${path} (cached for later runs)...`);
  const chunk = 500_000;
  let drafts: IncidentDraft[] = [];
  let batch = 0;
  const flush = () => {
    const result = commitImport(db, {
      kind: 'partner',
      source: `bench-${batch++}`,
      fileName: 'bench',
      fileSha256: 'bench',
      importedBy: 'bench',
      importedAt: new Date(0).toISOString(),
      ...draftsToCommit(drafts),
      area: null,
      allowRejected: false,
    });
    if (!result.ok) throw new Error(result.reason);
    drafts = [];
  };
  for (const draft of syntheticDrafts(INCIDENTS, 42)) {
    drafts.push(draft);
    if (drafts.length === chunk) flush();
  }
  if (drafts.length > 0) flush();
  return db;
}

export async function benchCells(): Promise<void> {
  const path = benchDatabasePath();
  const fresh = !existsSync(path);
  const db = prepareDatabase(path);
  // Every timed request computes its answer: the answer cache is the load bench's subject.
  const app = createApp({ db, cacheAnswers: false });
  const token = createApiToken(db, 'analyst', 'bench', new Date());
  const headers = { authorization: `Bearer ${token}` };

  const indexStart = performance.now();
  await app.request(`/api/cells?from=${isoDateOfDay(END_DAY - 7)}&to=${isoDateOfDay(END_DAY)}`, { headers });
  const indexMs = performance.now() - indexStart;
  console.log(`\n/api/cells over ${INCIDENTS.toLocaleString('en-GB')} incidents${fresh ? ' (database just generated)' : ''}`);
  console.log(`In-memory index build on first request: ${(indexMs / 1000).toFixed(1)} s`);

  const rows: (string | number)[][] = [['window', 'res', 'cells', 'incidents', 'p50 ms', 'p95 ms', `p95 / ${TARGET_P95_MS} ms`, '']];
  let worst = 0;
  for (const days of [7, 28, 365]) {
    for (const resolution of [7, 8, 9, 10]) {
      const url = `/api/cells?from=${isoDateOfDay(END_DAY - days)}&to=${isoDateOfDay(END_DAY)}&resolution=${resolution}`;
      const first = (await (await app.request(url, { headers })).json()) as { cells: unknown[]; meta: { totalCount: number } };
      const times = await timeRuns(40, async () => {
        const res = await app.request(url, { headers });
        await res.text();
      });
      const p95 = percentile(times, 95);
      worst = Math.max(worst, p95);
      rows.push([
        `${days} d`,
        String(resolution),
        String(first.cells.length),
        first.meta.totalCount,
        percentile(times, 50),
        p95,
        p95 / TARGET_P95_MS,
        verdict(p95, TARGET_P95_MS, true),
      ]);
    }
  }
  console.log(table(rows));
  console.log(`Worst p95: ${worst.toFixed(1)} ms (target < ${TARGET_P95_MS} ms): ${verdict(worst, TARGET_P95_MS, true)}`);
  db.close();
}
