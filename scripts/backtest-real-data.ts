// npm run backtest: rolling-origin forecast backtest on the REAL police.uk points for Tower
// Hamlets in ../shared/data (see its SOURCES.md). Prints PAI per category and method and
// rewrites the results table in docs/accuracy.md between its markers.
//
// Parsing here is deliberately independent of the app's importers: two plain readers of
// two known files, so the backtest does not inherit an importer bug.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { runBacktest, type BacktestResult } from '../geo/backtest';
import { resolveCategory } from '../geo/categories';
import { BASELINE_METHODS, createCountHistory, weightedCounts, type CountHistory } from '../geo/forecast';
import { harmWeightOf } from '../geo/harm-weights';
import { cellAt } from '../geo/h3';
import { createAreaTest, type AreaGeometry } from '../geo/study-area';
import { buildNeighbourhood, studyAreaCells, type Neighbourhood } from '../geo/study-cells';
import { areaGeometrySchema } from '../server/areas/area-queries';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DATA = resolve(REPO_ROOT, '../shared/data');
export const STREET_POINTS_FILE = 'crime/tower_hamlets_street_points_2018-02_2019-12_excl_violence_asb.csv.gz';
export const BURGLARY_FILE = 'crime/tower_hamlets_burglary_street_2010-12_2019-12.csv.gz';
export const BOROUGH_FILE = 'boundaries/tower_hamlets_borough.geojson';
export const H3_RESOLUTION = 9;
/** Also reported: police.uk snap points make resolution 10 the finest honest grid (geo/h3.ts). */
export const FINE_H3_RESOLUTION = 10;
/** The first 12 months are training only: every scored month has a full year behind it. */
export const TRAINING_MONTHS = 12;
export const CATEGORIES_SCORED = ['robbery', 'drugs', 'burglary', 'possession-of-weapons'] as const;
const DOC_FILE = resolve(REPO_ROOT, 'docs/accuracy.md');
/** Generated sections of docs/accuracy.md, each between <!-- backtest-NAME:start --> and :end markers. */
const DOC_SECTIONS = ['meeting', 'table', 'resolutions'] as const;

/** Counts per category, per month, per study cell, from one file. */
export interface MonthlyCounts {
  file: string;
  months: string[];
  neighbourhood: Neighbourhood;
  /** Category slug → months × cells counts (row-major, oldest month first). */
  byCategory: Map<string, Float64Array>;
  rowsRead: number;
  /** Rows whose point lies outside the borough polygon (dropped, as the app's import would). */
  outsideArea: number;
}

const featureCollectionSchema = z.object({
  features: z.array(z.object({ geometry: areaGeometrySchema })).min(1),
});

export function loadStudyArea(resolution: number = H3_RESOLUTION): { geometry: AreaGeometry; neighbourhood: Neighbourhood } {
  const json: unknown = JSON.parse(readFileSync(resolve(SHARED_DATA, BOROUGH_FILE), 'utf8'));
  const geometry = featureCollectionSchema.parse(json).features[0]!.geometry;
  const cells = studyAreaCells(geometry, resolution);
  if (!cells.ok) throw new Error(cells.reason);
  const neighbourhood = buildNeighbourhood(cells.value, 1);
  if (!neighbourhood.ok) throw new Error(neighbourhood.reason);
  return { geometry, neighbourhood: neighbourhood.value };
}

interface PointRow {
  month: string;
  lng: number;
  lat: number;
  crimeType: string;
}

/** `Month,Longitude,Latitude,Crime type`: four columns, no quoting in this file (checked). */
function readStreetPoints(text: string): PointRow[] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  if (lines[0]!.trim() !== 'Month,Longitude,Latitude,Crime type') throw new Error(`${STREET_POINTS_FILE}: unexpected header "${lines[0]}"`);
  return lines.slice(1).map((line, i) => {
    const parts = line.trim().split(',');
    if (parts.length !== 4) throw new Error(`${STREET_POINTS_FILE} line ${i + 2}: ${parts.length} columns; expected 4`);
    return { month: parts[0]!, lng: Number(parts[1]), lat: Number(parts[2]), crimeType: parts[3]! };
  });
}

/** The full 12-column police.uk street CSV; Location may hold commas, so a real CSV parser. */
function readPoliceUkStreet(text: string): PointRow[] {
  const records: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true });
  return records.map((r) => ({ month: r['Month'] ?? '', lng: Number(r['Longitude']), lat: Number(r['Latitude']), crimeType: r['Crime type'] ?? '' }));
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label === last) return months;
    if (months.length > 2000) throw new Error(`months ${first}..${last} do not end`);
    month += 1;
    if (month === 13) {
      year += 1;
      month = 1;
    }
  }
}

export function loadMonthlyCounts(file: string, study = loadStudyArea()): MonthlyCounts {
  const text = gunzipSync(readFileSync(resolve(SHARED_DATA, file))).toString('utf8');
  const rows = file === STREET_POINTS_FILE ? readStreetPoints(text) : readPoliceUkStreet(text);
  const monthPattern = /^\d{4}-\d{2}$/;
  for (const [i, row] of rows.entries()) {
    if (!monthPattern.test(row.month) || !Number.isFinite(row.lng) || !Number.isFinite(row.lat)) {
      throw new Error(`${file} row ${i + 2}: month "${row.month}", lng ${row.lng}, lat ${row.lat} is not a located month`);
    }
  }
  const sorted = rows.map((r) => r.month).sort();
  const months = monthsBetween(sorted[0]!, sorted[sorted.length - 1]!);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const { neighbourhood } = study;
  const n = neighbourhood.cells.length;
  const area = createAreaTest(study.geometry);
  const byCategory = new Map<string, Float64Array>();
  let outsideArea = 0;
  for (const row of rows) {
    const category = resolveCategory(row.crimeType);
    if (!category) throw new Error(`${file}: unknown crime type "${row.crimeType}"`);
    // The borough test is on the point itself, whatever the grid, so both grids keep the same points.
    const i = neighbourhood.indexOf.get(cellAt(row.lng, row.lat, neighbourhood.h3Resolution));
    if (i === undefined || !area.contains(row.lng, row.lat)) {
      outsideArea += 1;
      continue;
    }
    let counts = byCategory.get(category.slug);
    if (!counts) {
      counts = new Float64Array(months.length * n);
      byCategory.set(category.slug, counts);
    }
    counts[monthIndex.get(row.month)! * n + i]! += 1;
  }
  return { file, months, neighbourhood, byCategory, rowsRead: rows.length, outsideArea };
}

export function historyOf(data: MonthlyCounts, category: string): CountHistory {
  const counts = data.byCategory.get(category) ?? new Float64Array(data.months.length * data.neighbourhood.cells.length);
  const history = createCountHistory(data.neighbourhood, data.months.length, counts);
  if (!history.ok) throw new Error(history.reason);
  return history.value;
}

/** Every category in the file together, with ONS CSS harm weights (drugs and weapons count 1). */
export function allTypesHistory(data: MonthlyCounts, scoreBy: 'counts' | 'harm'): CountHistory {
  const perCategory = [...data.byCategory].map(([category, counts]) => ({ category, counts }));
  const length = data.months.length * data.neighbourhood.cells.length;
  const counts = weightedCounts(perCategory, () => 1, length);
  const harm = weightedCounts(
    perCategory,
    (slug) => {
      const use = harmWeightOf(slug);
      if (!use.ok) throw new Error(use.reason);
      return use.value.weight;
    },
    length,
  );
  // Scored by harm: every method ranks harm and is scored on harm, so counts = harm.
  const history =
    scoreBy === 'counts'
      ? createCountHistory(data.neighbourhood, data.months.length, counts, harm)
      : createCountHistory(data.neighbourhood, data.months.length, harm);
  if (!history.ok) throw new Error(history.reason);
  return history.value;
}

export interface Backtested {
  title: string;
  file: string;
  /** Incidents (or harm, for a harm-scored run) in study cells over all months. */
  total: number;
  months: string[];
  /** Whether the issue's Must-show applies (robbery, drugs, burglary, weapons). */
  mustShow: boolean;
  result: BacktestResult;
}

export function backtestHistory(title: string, data: MonthlyCounts, history: CountHistory, mustShow: boolean): Backtested {
  const result = runBacktest(history, { firstCut: TRAINING_MONTHS });
  if (!result.ok) throw new Error(`${title}: ${result.reason}`);
  const total = history.counts.reduce((a, b) => a + b, 0);
  return { title, file: data.file, total, months: data.months, mustShow, result: result.value };
}

/** The Must-show runs only (four categories and long burglary), e.g. at another resolution. */
export function backtestMustShow(points: MonthlyCounts, burglary: MonthlyCounts): Backtested[] {
  return [
    ...CATEGORIES_SCORED.map((category) => backtestHistory(category, points, historyOf(points, category), true)),
    backtestHistory('burglary', burglary, historyOf(burglary, 'burglary'), true),
  ];
}

/** The runs the doc reports: the four Must-show categories, long burglary, and all types with harm. */
export function backtestAll(points: MonthlyCounts, burglary: MonthlyCounts): Backtested[] {
  return [
    ...CATEGORIES_SCORED.map((category) => backtestHistory(category, points, historyOf(points, category), true)),
    backtestHistory('burglary', burglary, historyOf(burglary, 'burglary'), true),
    backtestHistory('all 12 types, scored by count', points, allTypesHistory(points, 'counts'), false),
    backtestHistory('all 12 types, ranked and scored by harm', points, allTypesHistory(points, 'harm'), false),
  ];
}

// ---------------------------------------------------------------------------------------

/** The issue's Must-show: at 5% coverage, ours ≥ 1.2 × previous-month PAI and ≥ the best N-month count PAI. */
export interface MustShowVerdict {
  ours: number;
  previous: number;
  ratio: number;
  bestMulti: { id: string; pai: number };
  beatsPreviousBy12: boolean;
  noWorseThanBestMulti: boolean;
}

export const MULTI_MONTH_BASELINES = ['counts-3', 'counts-6', 'counts-12'] as const;

export function mustShowVerdict(result: BacktestResult): MustShowVerdict {
  const paiAt5 = (id: string) => {
    const method = result.methods.find((m) => m.id === id);
    const five = method?.summary.find((s) => s.coverage === 0.05);
    if (!five) throw new Error(`no PAI at 5% for ${id}`);
    return five.pai;
  };
  const ours = paiAt5('ours');
  const previous = paiAt5('previous');
  const bestMulti = MULTI_MONTH_BASELINES.map((id) => ({ id, pai: paiAt5(id) })).reduce((a, b) => (b.pai > a.pai ? b : a));
  return {
    ours,
    previous,
    ratio: ours / previous,
    bestMulti,
    beatsPreviousBy12: ours >= 1.2 * previous,
    noWorseThanBestMulti: ours >= bestMulti.pai,
  };
}

function mustShowTable(runs: readonly Backtested[]): string[] {
  const lines = ['| category | ours | previous month | ratio (≥ 1.20?) | best N-month counts | no worse? |', '|---|---:|---:|---:|---:|---:|'];
  for (const run of runs) {
    const v = mustShowVerdict(run.result);
    const file = run.months.length > 24 ? ` (${run.months[0]}..${run.months.at(-1)})` : '';
    lines.push(
      `| ${run.title}${file} | ${v.ours.toFixed(2)} | ${v.previous.toFixed(2)} | ${v.ratio.toFixed(3)} ${v.beatsPreviousBy12 ? 'yes' : '**no**'} | ` +
        `${v.bestMulti.pai.toFixed(2)} (${v.bestMulti.id}) | ${v.noWorseThanBestMulti ? 'yes' : '**no**'} |`,
    );
  }
  return lines;
}

/** The Must-show runs at resolution 9 and 10 side by side, then every method at resolution 10. */
export function resolutionReport(coarse: readonly Backtested[], fine: readonly Backtested[], cells: { coarse: number; fine: number }): string {
  const lines: string[] = [];
  lines.push('_Generated by `npm run backtest` (scripts/backtest-real-data.ts); do not edit by hand._');
  lines.push('');
  lines.push(
    `### Must-show at both resolutions (PAI at 5%: ${selectedAt5(cells.coarse)} of ${cells.coarse} cells at resolution ${H3_RESOLUTION}, ${selectedAt5(cells.fine)} of ${cells.fine} at resolution ${FINE_H3_RESOLUTION})`,
  );
  lines.push('');
  lines.push('| category | res | previous month | best N-month counts | ours | ours / previous (≥ 1.20?) | no worse than best N-month? |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  const byTitle = (run: Backtested) => `${run.title}${run.months.length > 24 ? ` (${run.months[0]}..${run.months.at(-1)})` : ''}`;
  for (const run of coarse.filter((r) => r.mustShow)) {
    const twin = fine.find((f) => f.title === run.title && f.file === run.file);
    for (const [res, r] of [
      [H3_RESOLUTION, run],
      [FINE_H3_RESOLUTION, twin],
    ] as const) {
      if (!r) continue;
      const v = mustShowVerdict(r.result);
      lines.push(
        `| ${byTitle(r)} | ${res} | ${v.previous.toFixed(2)} | ${v.bestMulti.pai.toFixed(2)} (${v.bestMulti.id}) | **${v.ours.toFixed(2)}** | ` +
          `${v.ratio.toFixed(3)} ${v.beatsPreviousBy12 ? 'yes' : '**no**'} | ${(v.ours / v.bestMulti.pai).toFixed(3)} ${v.noWorseThanBestMulti ? 'yes' : '**no**'} |`,
      );
    }
  }
  lines.push('');
  lines.push(`### Every method at resolution ${FINE_H3_RESOLUTION} (PAI at 5%)`);
  lines.push('');
  lines.push(...headline(fine));
  lines.push('');
  for (const run of fine) lines.push(`- ${byTitle(run)}: ours chose ${paramsChosen(run)}.`);
  return lines.join('\n');
}

function selectedAt5(cells: number): number {
  return Math.min(cells, Math.max(1, Math.round(0.05 * cells)));
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function paramsChosen(run: Backtested): string {
  const ours = run.result.methods.find((m) => m.id === 'ours');
  if (!ours) return '';
  const chosen = new Map<string, number>();
  for (const w of ours.windows) {
    if (!w.params) continue;
    const key = `λ ${w.params.lambda}, β ${w.params.beta}`;
    chosen.set(key, (chosen.get(key) ?? 0) + 1);
  }
  return [...chosen]
    .sort((a, b) => b[1] - a[1])
    .map(([p, times]) => `${p} (${times}×)`)
    .join('; ');
}

function headline(runs: readonly Backtested[]): string[] {
  const lines = [
    '| method | ' + runs.map((r) => `${r.title}${r.months.length > 24 ? ` (${r.months.length} mo)` : ''}`).join(' | ') + ' |',
    '|---|' + runs.map(() => '---:').join('|') + '|',
  ];
  const order = [...BASELINE_METHODS.map((m) => m.id), 'ours'];
  const ids = order.filter((id) => runs.some((r) => r.result.methods.some((m) => m.id === id)));
  for (const id of ids) {
    const label = runs.flatMap((r) => r.result.methods).find((m) => m.id === id)?.label ?? id;
    const cells = runs.map((r) => {
      const five = r.result.methods.find((m) => m.id === id)?.summary.find((s) => s.coverage === 0.05);
      return five ? (id === 'ours' ? `**${five.pai.toFixed(2)}**` : five.pai.toFixed(2)) : '—';
    });
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  return lines;
}

export function markdownReport(runs: readonly Backtested[]): string {
  const lines: string[] = [];
  const mustShow = runs.filter((r) => r.mustShow);
  lines.push('_Generated by `npm run backtest` (scripts/backtest-real-data.ts); do not edit by hand._');
  lines.push('');
  lines.push('### PAI at 5% of study cells (mean over scored months)');
  lines.push('');
  lines.push(...headline(runs));
  lines.push('');
  lines.push(
    'Harm-weighted counts of a single category rank exactly as its counts (a constant weight), so they are shown for all types only; in the harm-scored run every method already ranks harm.',
  );
  lines.push('');
  lines.push('### Must-show check (PAI at 5%, months never used to tune)');
  lines.push('');
  lines.push(...mustShowTable(mustShow));
  lines.push('');
  lines.push('### Per run: all coverages');
  lines.push('');
  for (const run of runs) {
    const { result } = run;
    const scored = result.methods[0]!.scoredWindows;
    const unit = run.title.includes('harm') ? 'harm (CSS days)' : 'incidents';
    lines.push(
      `#### ${run.title}: ${run.file.replace('crime/', '')}, ${Math.round(run.total).toLocaleString('en-GB')} ${unit} in study cells, ` +
        `scored months ${run.months[result.firstCut]}..${run.months[result.lastCut]} (${scored})`,
    );
    lines.push('');
    lines.push('| method | PAI 1% | PAI 2% | PAI 5% | PAI 10% | hit rate 5% | RRI 5% (months) | PEI 5% |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const method of result.methods) {
      const at = (c: number) => method.summary.find((s) => s.coverage === c)!;
      const five = at(0.05);
      lines.push(
        `| ${method.label} | ${at(0.01).pai.toFixed(2)} | ${at(0.02).pai.toFixed(2)} | ${five.pai.toFixed(2)} | ${at(0.1).pai.toFixed(2)} | ` +
          `${pct(five.hitRate)} | ${five.rri === null ? 'n/a' : `${five.rri.toFixed(2)} (${five.rriWindows})`} | ${five.pei.toFixed(2)} |`,
      );
    }
    lines.push('');
    lines.push(`Ours chose: ${paramsChosen(run)}.`);
    lines.push('');
  }
  return lines.join('\n');
}

/** "Last month's top 5% of cells caught X% of this month's robbery", per Must-show category. */
export function meetingSentences(runs: readonly Backtested[]): string {
  const lines: string[] = [];
  for (const run of runs.filter((r) => r.mustShow && r.file === STREET_POINTS_FILE)) {
    const at5 = (id: string) => run.result.methods.find((m) => m.id === id)!.summary.find((s) => s.coverage === 0.05)!.hitRate;
    const what = run.title.replace(/-/g, ' ');
    lines.push(
      `- Last month's top 5% of cells caught **${pct(at5('previous'))}** of this month's ${what}; ` +
        `our forecast's top 5% caught **${pct(at5('ours'))}** (${(at5('ours') / at5('previous')).toFixed(2)}×). ` +
        `Ranking by last month's Gi* z caught ${pct(at5('gistar'))}.`,
    );
  }
  const first = runs[0]!;
  lines.push('');
  lines.push(
    `_Means over the ${first.result.methods[0]!.scoredWindows} months ${first.months[first.result.firstCut]}..${first.months[first.result.lastCut]}; generated by \`npm run backtest\`._`,
  );
  return lines.join('\n');
}

function replaceSection(doc: string, name: string, content: string): string {
  const start = `<!-- backtest-${name}:start -->`;
  const end = `<!-- backtest-${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${DOC_FILE} has no ${start} ... ${end} markers; add them where the ${name} section goes`);
  return `${doc.slice(0, from + start.length)}\n${content}\n${doc.slice(to)}`;
}

function writeDoc(runs: readonly Backtested[], resolutions: string): void {
  const content: Record<(typeof DOC_SECTIONS)[number], string> = { meeting: meetingSentences(runs), table: markdownReport(runs), resolutions };
  let doc = readFileSync(DOC_FILE, 'utf8');
  for (const name of DOC_SECTIONS) doc = replaceSection(doc, name, content[name]);
  writeFileSync(DOC_FILE, doc);
}

function main(): void {
  const started = performance.now();
  const study = loadStudyArea();
  const points = loadMonthlyCounts(STREET_POINTS_FILE, study);
  const burglary = loadMonthlyCounts(BURGLARY_FILE, study);
  console.log(`${study.neighbourhood.cells.length} study cells at H3 resolution ${H3_RESOLUTION}; first ${TRAINING_MONTHS} months are training only`);
  for (const data of [points, burglary]) {
    console.log(
      `${data.file}: ${data.rowsRead} rows, ${data.months.length} months ${data.months[0]}..${data.months.at(-1)}, ${data.outsideArea} outside the borough (dropped)`,
    );
  }
  const runs = backtestAll(points, burglary);
  for (const run of runs) {
    console.log(
      `\n${run.title} (${run.file}): ${run.result.methods[0]!.scoredWindows} scored months ${run.months[run.result.firstCut]}..${run.months[run.result.lastCut]}`,
    );
    console.log('method'.padEnd(64) + 'PAI1%  PAI2%  PAI5% PAI10%  hit5%  RRI5%  PEI5%');
    for (const method of run.result.methods) {
      const s = method.summary;
      const five = s[2]!;
      console.log(
        method.label.padEnd(64) +
          [s[0]!.pai, s[1]!.pai, five.pai, s[3]!.pai].map((v) => v.toFixed(2).padStart(5)).join('  ') +
          `  ${pct(five.hitRate).padStart(5)}  ${(five.rri?.toFixed(2) ?? 'n/a').padStart(5)}  ${five.pei.toFixed(2).padStart(5)}`,
      );
    }
    console.log(`ours chose: ${paramsChosen(run)}`);
    if (run.mustShow) {
      const v = mustShowVerdict(run.result);
      console.log(
        `Must-show: ours/previous = ${v.ratio.toFixed(3)} (${v.beatsPreviousBy12 ? 'holds' : 'DOES NOT HOLD'}); ` +
          `ours ${v.ours.toFixed(2)} vs best ${v.bestMulti.id} ${v.bestMulti.pai.toFixed(2)} (${v.noWorseThanBestMulti ? 'holds' : 'DOES NOT HOLD'})`,
      );
    }
  }
  // The same Must-show runs on the resolution-10 grid (≈ 30 s: 1,603 cells, 97 months re-tuned).
  const fineStudy = loadStudyArea(FINE_H3_RESOLUTION);
  const fineRuns = backtestMustShow(loadMonthlyCounts(STREET_POINTS_FILE, fineStudy), loadMonthlyCounts(BURGLARY_FILE, fineStudy));
  console.log(`\nResolution ${FINE_H3_RESOLUTION}: ${fineStudy.neighbourhood.cells.length} study cells`);
  for (const run of fineRuns) {
    const v = mustShowVerdict(run.result);
    console.log(
      `${run.title} (${run.months.length} months): previous ${v.previous.toFixed(2)}, best ${v.bestMulti.id} ${v.bestMulti.pai.toFixed(2)}, ours ${v.ours.toFixed(2)}: ` +
        `ratio ${v.ratio.toFixed(3)} (${v.beatsPreviousBy12 ? 'holds' : 'DOES NOT HOLD'}), no worse ${v.noWorseThanBestMulti ? 'holds' : 'DOES NOT HOLD'}`,
    );
  }
  const cells = { coarse: study.neighbourhood.cells.length, fine: fineStudy.neighbourhood.cells.length };
  writeDoc(runs, resolutionReport(runs, fineRuns, cells));
  console.log(`\nWrote the tables to ${DOC_FILE} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
