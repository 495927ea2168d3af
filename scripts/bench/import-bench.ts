// Import throughput: 1M generated partner rows through the real import path (read the file,
// parse, project, H3, study-area test, dedupe, SQLite) with the Tower Hamlets boundary as the
// study area, against raw h3-js latLngToCell over the same points on one core, in one run.
// Three data shapes: WGS84 points, all unique; British National Grid points, all unique (each
// row also pays for a proj4 conversion that raw H3 does not); BNG at 50,000 address points
// (council and CAD data geocode to addresses, so points repeat). Each shape is imported three
// times into fresh databases, each import followed by a raw H3 pass, and the medians are
// compared: one run on a shared 2-core machine moves by up to a third.
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES } from '../../geo/categories';
import { DEMO_STUDY_AREA } from '../../geo/demo/demo-area';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import { createAreaTest, type AreaGeometry } from '../../geo/study-area';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import { replaceAreas, STUDY_AREA_KIND } from '../../server/areas/area-queries';
import { openDatabase } from '../../server/db/open-database';
import { parseStudyAreaGeoJson } from '../../server/import/area-geojson';
import { bngToLngLat } from '../../server/import/locate-rows';
import { runImport } from '../../server/import/run-import';
import { seededRandom, table, verdict } from './bench-stats';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const TARGET_RATIO = 0.5;
/** Imports (and raw H3 passes) per shape: one run on a shared machine varies by up to a third. */
const REPEATS = 3;
const BOROUGH = resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/data/boundaries/tower_hamlets_borough.geojson');

interface Shape {
  label: string;
  grid: 'wgs84' | 'bng';
  /** Distinct points the rows are drawn from; null = every row its own point. */
  distinct: number | null;
}

const SHAPES: Shape[] = [
  { label: 'WGS84, all unique', grid: 'wgs84', distinct: null },
  { label: 'BNG, all unique', grid: 'bng', distinct: null },
  { label: 'BNG, 50,000 addresses', grid: 'bng', distinct: 50_000 },
];

function studyArea(): { name: string; geometry: AreaGeometry } {
  if (!existsSync(BOROUGH)) return { name: 'demo study area (../shared/data not found)', geometry: DEMO_STUDY_AREA };
  const parsed = parseStudyAreaGeoJson(readFileSync(BOROUGH, 'utf8'), {});
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return { name: 'Tower Hamlets borough boundary', geometry: parsed.value.areas[0]!.geometry };
}

interface Generated {
  lng: Float64Array;
  lat: Float64Array;
}

/**
 * Writes rows at points inside the study area (so every row is imported) to `path`. Lines
 * go to the file 10,000 at a time and only the points stay in memory: the import under test
 * should not share its heap with a million strings (or a 60 MB text) it never reads. Held
 * in one array, they moved the garbage collector's work into the measured import and took
 * 20-30% off its rate.
 */
function writePartnerCsv(path: string, shape: Shape, area: AreaGeometry, seed: number): Generated {
  const random = seededRandom(seed);
  const inside = createAreaTest(area);
  // Tower Hamlets spans roughly easting 531,500-538,500, northing 178,500-182,800.
  const point = (): { x: number; y: number; lng: number; lat: number } => {
    for (;;) {
      const easting = Math.round(531_500 + random() * 7_000);
      const northing = Math.round(178_500 + random() * 4_300);
      const [lng, lat] = bngToLngLat(easting, northing);
      if (!inside.contains(lng, lat)) continue;
      return shape.grid === 'bng' ? { x: easting, y: northing, lng, lat } : { x: lng, y: lat, lng, lat };
    }
  };
  const addresses = shape.distinct === null ? null : Array.from({ length: shape.distinct }, point);
  const lng = new Float64Array(ROWS);
  const lat = new Float64Array(ROWS);
  const firstDay = dayNumber(2024, 1, 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  const file = openSync(path, 'w');
  try {
    let batch = shape.grid === 'bng' ? 'id,occurred_at,category,easting,northing\n' : 'id,occurred_at,category,lng,lat\n';
    for (let i = 0; i < ROWS; i++) {
      const p = addresses ? addresses[Math.floor(random() * addresses.length)]! : point();
      lng[i] = p.lng;
      lat[i] = p.lat;
      const minute = Math.floor(random() * 1440);
      const when = `${isoDateOfDay(firstDay + Math.floor(random() * 730))}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
      batch += `CAD-${seed}-${i},${when},${CATEGORIES[Math.floor(random() * CATEGORIES.length)]!.slug},${p.x},${p.y}\n`;
      if (i % 10_000 === 9_999 || i === ROWS - 1) {
        writeSync(file, batch);
        batch = '';
      }
    }
  } finally {
    closeSync(file);
  }
  return { lng, lat };
}

/** Raw h3-js indexing of the same points, already in WGS84, on one core: points per second. */
function rawH3PointsPerSecond(generated: Generated): number {
  const start = performance.now();
  let sink = 0;
  for (let i = 0; i < generated.lng.length; i++) sink += cellAt(generated.lng[i]!, generated.lat[i]!, STORED_H3_RESOLUTION).length;
  const seconds = (performance.now() - start) / 1000;
  if (sink === 0) throw new Error('unreachable');
  return generated.lng.length / seconds;
}

/** One import of the file into a fresh database: rows per second. */
async function importRowsPerSecond(dir: string, csvPath: string, area: { name: string; geometry: AreaGeometry }, repeat: number): Promise<number> {
  const db = openDatabase(join(dir, `bench-${repeat}.db`));
  try {
    replaceAreas(db, STUDY_AREA_KIND, [{ code: 'study-area', name: area.name, geometry: area.geometry }], 'bench', new Date(0));
    const start = performance.now();
    const outcome = await runImport(
      { db, importedBy: 'bench', now: new Date(0) },
      { kind: 'partner', source: 'bench', columns: {}, allowRejected: false },
      { input: { path: csvPath }, fileName: 'partner.csv' },
    );
    const seconds = (performance.now() - start) / 1000;
    if (!outcome.ok) throw new Error(outcome.problem.message);
    if (outcome.type !== 'incidents' || outcome.summary.imported !== ROWS) throw new Error(`imported ${JSON.stringify(outcome.summary).slice(0, 500)}`);
    return ROWS / seconds;
  } finally {
    db.close();
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchImport(): Promise<void> {
  const area = studyArea();
  console.log(
    `\nImport of ${ROWS.toLocaleString('en-GB')} generated partner rows (minute times, study area: ${area.name}) vs raw h3-js, ` +
      `${availableParallelism()} cores (the import locates rows on worker threads; raw H3 runs on one core). ` +
      `${REPEATS} imports into fresh databases, each followed by a raw H3 pass over the same points; ` +
      'the ratio and verdict use the medians, the best-of ratio the best of each',
  );
  const rows: (string | number)[][] = [['points', 'import rows/s', 'raw H3 points/s', 'ratio', `target >= ${TARGET_RATIO}`, 'best-of ratio', 'import s']];
  for (const [n, shape] of SHAPES.entries()) {
    const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
    try {
      const csvPath = join(dir, 'partner.csv');
      const generated = writePartnerCsv(csvPath, shape, area.geometry, n + 1);
      const imports: number[] = [];
      const raw: number[] = [];
      // Interleaved, so both sides see the same moments of a shared machine.
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        imports.push(await importRowsPerSecond(dir, csvPath, area, repeat));
        raw.push(rawH3PointsPerSecond(generated));
      }
      const ratio = median(imports) / median(raw);
      rows.push([
        shape.label,
        median(imports),
        median(raw),
        ratio,
        verdict(ratio, TARGET_RATIO, false),
        Math.max(...imports) / Math.max(...raw),
        ROWS / median(imports),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(table(rows));
}
