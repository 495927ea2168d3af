// Import throughput: 1M generated partner rows (British National Grid, exact times) through
// the real import path (read, parse, proj4, H3, study-area test, dedupe, SQLite), against raw
// h3-js latLngToCell over the same points, in one run. Two data shapes: every point unique
// (worst case: nothing for the importer's per-point cache to reuse) and incidents at 50,000
// address points (council and CAD data geocode to addresses, so points repeat).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATEGORIES } from '../../geo/categories';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import { isoDateOfDay, dayNumber } from '../../geo/time';
import { openDatabase } from '../../server/db/open-database';
import { bngToLngLat } from '../../server/import/partner-csv';
import { runImport } from '../../server/import/run-import';
import { seededRandom, table, verdict } from './bench-stats';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const TARGET_RATIO = 0.5;

interface Generated {
  csv: string;
  eastings: Float64Array;
  northings: Float64Array;
}

function generatePartnerCsv(rows: number, distinctPoints: number | null, seed: number): Generated {
  const random = seededRandom(seed);
  // Tower Hamlets spans roughly easting 531,500-538,500, northing 178,500-182,800.
  const point = () => [531_500 + random() * 7_000, 178_500 + random() * 4_300] as const;
  const addresses = distinctPoints === null ? null : Array.from({ length: distinctPoints }, point);
  const eastings = new Float64Array(rows);
  const northings = new Float64Array(rows);
  const lines = ['id,occurred_at,category,easting,northing'];
  const firstDay = dayNumber(2024, 1, 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < rows; i++) {
    const [e, n] = addresses ? addresses[Math.floor(random() * addresses.length)]! : point();
    const easting = Math.round(e);
    const northing = Math.round(n);
    eastings[i] = easting;
    northings[i] = northing;
    const minute = Math.floor(random() * 1440);
    const when = `${isoDateOfDay(firstDay + Math.floor(random() * 730))}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
    lines.push(`CAD-${seed}-${i},${when},${CATEGORIES[Math.floor(random() * CATEGORIES.length)]!.slug},${easting},${northing}`);
  }
  return { csv: `${lines.join('\n')}\n`, eastings, northings };
}

/** Raw h3-js indexing of the same points, already in WGS84 (projection not included). */
function rawH3PointsPerSecond(generated: Generated): number {
  const lngLat = Array.from({ length: generated.eastings.length }, (_, i) => bngToLngLat(generated.eastings[i]!, generated.northings[i]!));
  let best = 0;
  for (let repeat = 0; repeat < 3; repeat++) {
    const start = performance.now();
    let sink = 0;
    for (const [lng, lat] of lngLat) sink += cellAt(lng, lat, STORED_H3_RESOLUTION).length;
    const seconds = (performance.now() - start) / 1000;
    if (sink === 0) throw new Error('unreachable');
    best = Math.max(best, lngLat.length / seconds);
  }
  return best;
}

export async function benchImport(): Promise<void> {
  console.log(`\nImport of ${ROWS.toLocaleString('en-GB')} generated partner rows (easting/northing, minute times) vs raw h3-js`);
  const rows: (string | number)[][] = [['points', 'import rows/s', 'raw H3 points/s', 'ratio', `target >= ${TARGET_RATIO}`, 'seconds']];
  for (const [label, distinct] of [['all unique', null], ['50,000 addresses', 50_000]] as const) {
    const generated = generatePartnerCsv(ROWS, distinct, distinct ?? 1);
    const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
    try {
      const csvPath = join(dir, 'partner.csv');
      writeFileSync(csvPath, generated.csv);
      const db = openDatabase(join(dir, 'bench.db'));
      const start = performance.now();
      const outcome = await runImport(
        { db, importedBy: 'bench', now: new Date(0) },
        { kind: 'partner', source: 'bench', columns: {}, allowRejected: false },
        { input: { path: csvPath }, fileName: 'partner.csv' },
      );
      const seconds = (performance.now() - start) / 1000;
      if (!outcome.ok) throw new Error(outcome.problem.message);
      if (outcome.type !== 'incidents' || outcome.summary.imported !== ROWS) throw new Error(`imported ${JSON.stringify(outcome.summary)}`);
      db.close();
      const importRate = ROWS / seconds;
      const h3Rate = rawH3PointsPerSecond(generated);
      rows.push([label, importRate, h3Rate, importRate / h3Rate, verdict(importRate / h3Rate, TARGET_RATIO, false), seconds]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(table(rows));
}
