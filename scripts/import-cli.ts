// The import CLI as a function, so tests run exactly what `npm run import` runs:
// runImportCli(argv, io) → exit code. scripts/import.ts is its thin main.
import { openCliDatabase, parseCli } from './cli-args';
import { describeCameras } from './import-cli-cameras';
import { describePopulation } from './import-cli-population';
import { describeCalendar, describeSchools } from './import-cli-schools';
import { SingleBar } from 'cli-progress';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { STUDY_AREA_KIND } from '../server/areas/area-queries';
import { DATABASE_BUSY_MESSAGE, isDatabaseBusy, type Db } from '../server/db/open-database';
import { refused } from '../server/import/read-input';
import type { ImportSummary } from '../server/store/import-types';
import type { StopSearchImportSummary } from '../server/stop-search/stop-search-store';
import {
  IMPORT_KINDS,
  parseImportRequest,
  runImport,
  type AreaImportSummary,
  type ImportOutcome,
  type ImportProgress,
  type ImportRequest,
} from '../server/import/run-import';

export const USAGE = `Usage: npm run import -- <kind> [options] <files...>

Kinds:
  police-uk        data.police.uk street-level crime CSV (.csv or .csv.gz)
  partner          partner incidents CSV with exact date-times (needs --source)
  stop-search      data.police.uk stop-and-search CSV (.csv or .csv.gz); searches are kept apart from crimes
  study-area       the study area boundary, GeoJSON; replaces the stored one
  areas            named areas (wards, LSOAs) or basemap layers (water, roads), GeoJSON (needs --kind)
  schools          schools CSV: a DfE Get Information About Schools extract, or URN, name, phase and location columns
  school-calendar  term dates CSV: date_from,date_to,kind (term, holiday or inset); replaces the school years it covers
  cameras          street cameras CSV: id,type,lng,lat (or easting,northing),bearing,fieldOfView,rangeMeters,status,installedOn,name;
                   also TfL's JamCams list as published; replaces the cameras it names
  population       residents per ward and year, for rates per 1,000 residents: code,year,population, or ONS's
                   LSOA estimates ("Mid-2022: Population" columns) with --lookup; replaces the years it gives

Options:
  --db <path>              SQLite database (default: $DB_PATH or data/tasking-map.db)
  --allow-rejected         police-uk, partner, stop-search, schools: import the valid rows of a file that has rejected rows (default: refuse the file)
  --complete               schools: the file lists every open school; stored schools it does not name are marked closed
  --source <name>          partner: the source system, e.g. council-asb or met-cad
  --columns <mapping>      partner: your header names, e.g. occurred_at="Date/Time",category=Offence,easting=X,northing=Y
  --kind <kind>            areas: ward, neighbourhood, lsoa, water, road, ...
  --name-property <name>   areas: GeoJSON property with the area name (default: name, NAME, NAME_CURRENT, lsoa21nm, ...)
  --code-property <name>   areas: GeoJSON property with the area code (default: code, GSS_CODE, lsoa21cd, ...)
  --lookup <csv>           population: a best-fit LSOA to ward lookup (LSOA21CD,WD25CD) for a file that gives LSOAs
  -h, --help               show this help

Each file is imported whole or not at all, in its own transaction; re-importing a file adds nothing.
See docs/importers.md.

Examples:
  npm run import -- police-uk ../shared/data/crime/tower_hamlets_burglary_street_2010-12_2019-12.csv.gz
  npm run import -- police-uk ../shared/data/crime/*street*.csv.gz ../shared/data/crime/*crime_points*.csv.gz
  npm run import -- stop-search ../shared/data/crime/tower_hamlets_bbox_stop_and_search_2016-06_2019-02.csv.gz
  npm run import -- partner --source council-asb --columns occurred_at="Date/Time",category=Offence,easting=X,northing=Y asb.csv
  npm run import -- study-area ../shared/data/boundaries/tower_hamlets_borough.geojson
  npm run import -- areas --kind ward ../shared/data/boundaries/tower_hamlets_wards.geojson
  npm run import -- areas --kind water ../shared/data/basemap/thames_tidal_water_tower_hamlets_area.geojson
  npm run import -- areas --kind road ../shared/data/basemap/tfl_road_network_tlrn_tower_hamlets_area.geojson
  npm run import -- schools ../shared/data/schools/tower_hamlets_schools_gias_open_2024-06-17.csv
  npm run import -- school-calendar term-dates-2026-27.csv
  npm run import -- cameras ../shared/data/context/tfl_jamcams_traffic_cameras_tower_hamlets_bbox_2015-06-01.csv
  npm run import -- population --lookup ../shared/data/context/tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup.csv \
    ../shared/data/context/tower_hamlets_lsoa2021_population_density_mid2011_mid2022.csv
  npm run import -- population ward-populations.csv`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Show a progress bar (stderr is a terminal). */
  progress: boolean;
  env: Record<string, string | undefined>;
  now: () => Date;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    progress: process.stderr.isTTY === true,
    env: process.env,
    now: () => new Date(),
  };
}

/** Only files this big get a progress bar; smaller ones finish before it would draw. */
const PROGRESS_MIN_BYTES = 1024 * 1024;
const FLAG_OF: Record<string, string> = {
  source: '--source',
  columns: '--columns',
  areaKind: '--kind',
  nameProperty: '--name-property',
  codeProperty: '--code-property',
  allowRejected: '--allow-rejected',
  complete: '--complete',
  lookup: '--lookup',
};

const number = (n: number) => n.toLocaleString('en-GB');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), ...rows.map(line)].map((l) => `  ${l.trimEnd()}`).join('\n');
}

const COUNT_HEADERS = ['', 'read', 'imported', 'duplicates', 'rejected', 'outside area'];
const countsRow = (label: string, s: Pick<ImportSummary, 'rowsRead' | 'imported' | 'duplicates' | 'rejected' | 'outsideArea'>) => [
  label,
  number(s.rowsRead),
  number(s.imported),
  number(s.duplicates),
  number(s.rejected),
  number(s.outsideArea),
];

function describeIncidents(summary: ImportSummary | StopSearchImportSummary): string {
  const lines = [table(COUNT_HEADERS, [countsRow('rows', summary)])];
  if (summary.kind === 'stop-search') {
    if (summary.withoutLocation > 0) lines.push(`  without a location: ${number(summary.withoutLocation)} (counted, not stored)`);
    const outcomes = Object.entries(summary.outcomes).sort(([, a], [, b]) => b - a);
    if (outcomes.length > 0) lines.push(`  outcomes (inside the study area): ${outcomes.map(([c, n]) => `${c} ${number(n)}`).join(', ')}`);
  }
  const months = Object.keys(summary.months).sort();
  if (months.length > 0) lines.push(`  months imported: ${months[0]}..${months.at(-1)} (${months.length})`);
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  if (summary.rejections.length > 0) {
    lines.push(`  rejected rows${summary.rejected > summary.rejections.length ? ` (first ${summary.rejections.length} of ${number(summary.rejected)})` : ''}:`);
    for (const r of summary.rejections.slice(0, 20)) lines.push(`    line ${r.line}: ${r.message}`);
  }
  if (summary.outsideAreaRows.length > 0) {
    const shown = summary.outsideAreaRows
      .slice(0, 5)
      .map((r) => `line ${r.line}`)
      .join(', ');
    lines.push(`  outside the study area, e.g. ${shown}${summary.outsideArea > 5 ? ', ...' : ''} (counted, not stored)`);
  }
  return lines.join('\n');
}

function describeAreas(summary: AreaImportSummary): string {
  const names = summary.names.slice(0, 8).join(', ') + (summary.areas > 8 ? ', ...' : '');
  const replacing = summary.replaced > 0 ? ` (replacing ${summary.replaced})` : '';
  const lines = [
    summary.kind === STUDY_AREA_KIND
      ? `  stored the study area${replacing}: ${names}`
      : `  stored ${summary.areas} ${summary.kind} area${summary.areas === 1 ? '' : 's'}${replacing}: ${names}`,
  ];
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

function progressBar(io: CliIo, fileName: string, fileBytes: number) {
  if (!io.progress || fileBytes < PROGRESS_MIN_BYTES) return { update: undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `  {phase} [{bar}] {percentage}% ${fileName}`,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(1000, 0, { phase: 'reading' });
  const update = (p: ImportProgress) => {
    const total = p.phase === 'reading' ? fileBytes : p.total;
    const fraction = total ? Math.min(1, p.done / total) : 0;
    bar.update(Math.round(fraction * 1000), { phase: p.phase.padEnd(7) });
  };
  return { update, stop: () => bar.stop() };
}

export async function runImportCli(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCli(
    {
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        'allow-rejected': { type: 'boolean' },
        complete: { type: 'boolean' },
        source: { type: 'string' },
        columns: { type: 'string' },
        kind: { type: 'string' },
        'name-property': { type: 'string' },
        'code-property': { type: 'string' },
        lookup: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [kind, ...files] = positionals;
  const knownKind = IMPORT_KINDS.find((k) => k === kind);
  if (!knownKind) {
    io.stderr(`${kind ? `"${kind}" is not an importer` : 'Say what to import'}; expected one of ${IMPORT_KINDS.join(', ')}.\n\n${USAGE}`);
    return 2;
  }
  const raw: Record<string, unknown> = { kind: knownKind };
  if (knownKind === 'police-uk' || knownKind === 'partner' || knownKind === 'stop-search' || knownKind === 'schools') {
    raw.allowRejected = values['allow-rejected'] ?? false;
  }
  if (knownKind === 'schools') raw.complete = values.complete ?? false;
  if (knownKind === 'partner') Object.assign(raw, { source: values.source, columns: values.columns });
  if (knownKind === 'areas') raw.areaKind = values.kind;
  if (knownKind === 'population') raw.lookup = values.lookup;
  if (knownKind === 'areas' || knownKind === 'study-area') {
    Object.assign(raw, { nameProperty: values['name-property'], codeProperty: values['code-property'] });
  }
  const request = parseImportRequest(raw, (path) => FLAG_OF[path] ?? path);
  if (!request.ok) {
    io.stderr(`${request.reason}\n\nRun npm run import -- --help for examples.`);
    return 2;
  }
  if (files.length === 0) {
    io.stderr(`Name at least one file to import.\n\n${USAGE}`);
    return 2;
  }
  if (request.value.kind === 'study-area' && files.length > 1) {
    io.stderr('A study area is one file (it replaces the stored one); name a single GeoJSON file.');
    return 2;
  }

  const opened = openCliDatabase(values.db, io.env, io);
  if (!opened) return 1;
  const { db, dbPath } = opened;
  try {
    return await importFiles(db, request.value, files, io, dbPath);
  } finally {
    db.close();
  }
}

async function importFiles(db: Db, request: ImportRequest, files: string[], io: CliIo, dbPath: string): Promise<number> {
  const totals = { rowsRead: 0, imported: 0, duplicates: 0, rejected: 0, outsideArea: 0 };
  const failed: { file: string; message: string }[] = [];
  const perFile: string[][] = [];
  io.stdout(`Importing ${files.length} file${files.length === 1 ? '' : 's'} (${request.kind}) into ${dbPath}`);
  for (const path of files) {
    const fileName = basename(path);
    let fileBytes = 0;
    try {
      fileBytes = statSync(path).size;
    } catch {
      // readInput reports the missing file in plain words.
    }
    const bar = progressBar(io, fileName, fileBytes);
    let outcome: ImportOutcome;
    try {
      outcome = await runImport({ db, importedBy: 'cli', now: io.now(), ...(bar.update ? { onProgress: bar.update } : {}) }, request, {
        input: { path },
        fileName,
      });
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      // The file's transaction never began: the file is not stored, the others go on.
      outcome = { ok: false, problem: refused(DATABASE_BUSY_MESSAGE), summary: null };
    } finally {
      bar.stop();
    }
    io.stdout(`\n${fileName}: ${outcome.ok ? 'imported' : 'FAILED, nothing stored'}`);
    if (outcome.ok && outcome.type === 'areas') {
      io.stdout(describeAreas(outcome.summary));
      continue;
    }
    if (
      'type' in outcome &&
      (outcome.type === 'schools' || outcome.type === 'school-calendar' || outcome.type === 'cameras' || outcome.type === 'population')
    ) {
      if (outcome.type === 'schools' && outcome.summary) io.stdout(describeSchools(outcome.summary));
      if (outcome.type === 'school-calendar' && outcome.summary) io.stdout(describeCalendar(outcome.summary));
      if (outcome.type === 'cameras' && outcome.summary) io.stdout(describeCameras(outcome.summary));
      if (outcome.type === 'population' && outcome.summary) io.stdout(describePopulation(outcome.summary));
      if (!outcome.ok) {
        failed.push({ file: path, message: outcome.problem.message });
        io.stderr(`${path}: ${outcome.problem.message}`);
      }
      continue;
    }
    const summary = outcome.summary;
    if (summary) {
      io.stdout(describeIncidents(summary));
      perFile.push(countsRow(fileName, outcome.ok ? summary : { ...summary, imported: 0, duplicates: 0, outsideArea: 0 }));
      if (outcome.ok) {
        totals.rowsRead += summary.rowsRead;
        totals.imported += summary.imported;
        totals.duplicates += summary.duplicates;
        totals.rejected += summary.rejected;
        totals.outsideArea += summary.outsideArea;
      }
    }
    if (!outcome.ok) {
      failed.push({ file: path, message: outcome.problem.message });
      io.stderr(`${path}: ${outcome.problem.message}`);
    }
  }
  if (perFile.length > 1) {
    io.stdout(`\nTotals (files imported: ${files.length - failed.length} of ${files.length})`);
    io.stdout(table(['file', ...COUNT_HEADERS.slice(1)], [...perFile, countsRow('total (imported files)', totals)]));
  }
  if (failed.length > 0) {
    io.stderr(
      `\n${failed.length} of ${files.length} file${files.length === 1 ? '' : 's'} failed and stored nothing` +
        `${files.length > failed.length ? '; the other files were imported' : ''}:\n` +
        failed.map((f) => `  ${f.file}`).join('\n'),
    );
    return 1;
  }
  return 0;
}
