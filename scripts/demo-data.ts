// npm run demo-data -- [--out data/demo] [--seed N] [--end YYYY-MM-DD] [--years 2]
// Writes the synthetic demo dataset (incidents CSV, ground truth, demo borough, wards and their
// residents, schools, cameras and a README saying it is synthetic) to a folder. See docs/demo-data.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { demoCamerasCsv } from '../geo/demo/demo-cameras';
import { demoWardPopulations, wardPopulationsCsv } from '../geo/demo/demo-ward-populations';
import { demoSearchesCsv, splitDemoSearches } from '../geo/demo/demo-searches';
import { join } from 'node:path';
import { parseCli } from './cli-args';
import { groundTruthJson, incidentsCsv, readmeText, schoolsCsv, studyAreaGeoJson, wardsGeoJson } from '../geo/demo/demo-files';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_YEARS, generateDemoData } from '../geo/demo/generate-demo-data';
import { londonWallClock, parseIsoDate } from '../geo/time';

const USAGE = `Usage: npm run demo-data -- [--out <folder>] [--seed <integer>] [--end <YYYY-MM-DD>] [--years <n>]
  --out    folder to write to (default data/demo)
  --seed   random seed, an integer (default ${DEFAULT_DEMO_SEED}); the same seed and end give identical files
  --end    first day NOT covered, London date (default today, so the data ends yesterday)
  --years  length of the period in years, up to 20 (default ${DEFAULT_DEMO_YEARS})`;

function main(): number {
  const parsed = parseCli(
    {
      options: {
        out: { type: 'string', default: 'data/demo' },
        seed: { type: 'string' },
        end: { type: 'string' },
        years: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const seed = values.seed === undefined ? DEFAULT_DEMO_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) {
    console.error(`--seed must be an integer (got "${values.seed}").\n${USAGE}`);
    return 2;
  }
  const years = values.years === undefined ? DEFAULT_DEMO_YEARS : Number(values.years);
  if (!(years > 0 && years <= 20)) {
    console.error(`--years must be a number above 0 and at most 20 (got "${values.years}").\n${USAGE}`);
    return 2;
  }
  const end = parseIsoDate(values.end ?? londonWallClock(new Date()).slice(0, 10));
  if (!end.ok) {
    console.error(`--end: ${end.reason}.\n${USAGE}`);
    return 2;
  }

  const started = performance.now();
  const data = generateDemoData({ endDay: end.value, seed, years });
  const generatedMs = performance.now() - started;

  const out = values.out;
  mkdirSync(out, { recursive: true });
  // Drug searches go to their own file and importer: searches are not crimes.
  const { incidents, searches } = splitDemoSearches(data.incidents);
  const files: [string, string][] = [
    ['incidents.csv', incidentsCsv(incidents)],
    ['stop-and-search.csv', demoSearchesCsv(seed, searches)],
    ['ground-truth.json', groundTruthJson(data)],
    ['study-area.geojson', studyAreaGeoJson(data)],
    ['wards.geojson', wardsGeoJson(data)],
    ['schools.csv', schoolsCsv(data)],
    ['cameras.csv', demoCamerasCsv(data.cameras)],
    ['ward-populations.csv', wardPopulationsCsv(demoWardPopulations(data.wards))],
    ['README.txt', readmeText(data)],
  ];
  for (const [name, text] of files) writeFileSync(join(out, name), text);

  const t = data.groundTruth;
  const perYear = Math.round(t.totals.incidents / ((t.endDay - t.startDay) / 365.25));
  console.log(`Synthetic demo data (seed ${t.seed}): ${t.startDate} to ${t.endDate} (exclusive), generated in ${Math.round(generatedMs)} ms.`);
  console.log(
    `  ${t.totals.incidents} incidents (about ${perYear} a year): ${t.totals.background} background, ${t.totals.planted} in ${t.patterns.length} planted patterns and ${t.taskings.length} planted taskings.`,
  );
  const byKind = new Map<string, number>();
  for (const p of t.patterns) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + p.incidents);
  for (const [kind, n] of byKind) console.log(`  ${kind.padEnd(32)} ${n}`);
  for (const tasking of t.taskings)
    console.log(`  ${`tasking: ${tasking.effect}`.padEnd(32)} ${tasking.incidents} (${tasking.title}, ${tasking.visits.length} visits)`);
  console.log(`Wrote ${files.map(([name]) => name).join(', ')} to ${out}.`);
  return 0;
}

process.exitCode = main();
