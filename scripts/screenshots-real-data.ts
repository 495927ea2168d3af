// npx tsx scripts/screenshots-real-data.ts [--out tests/e2e/screenshots] [--keep]
// Screenshots of the theme layers on the real files, run by hand (not in CI): builds a
// temporary database through the importers (the borough, its wards and basemap, the police.uk
// street points for 2018-19 and all-crime points for 2016, the stop-and-search file and the 2016
// schools atlas from ../shared/data), starts the server on it, and photographs robbery near
// schools and drug markets for October 2018, and serious violence and CCTV coverage (TfL's
// traffic cameras) for October-December 2016 (police.uk's approximation: the street points leave
// violence out), at 1920x1080 and 1366x768
// in Debian's Chromium. Each picture is checked for the words it must show (the monthly-data
// fallback, six monthly windows, the definition shown, the count of the raw file); look at them
// too. See the README (Screenshots on the real data).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS, seedTestAccounts } from '../server/auth/auth-queries';
import { openDatabase } from '../server/db/open-database';
import buildWebOnce from '../tests/e2e/global-setup';
import { launchChromium, login, openMap, openPage, waitForMapState } from '../tests/e2e/fixtures';
import { REPO_ROOT, spawnServer } from '../tests/spawn-server';
import { parseCli } from './cli-args';
import { runImportCli } from './import-cli';

const USAGE = `Usage: npx tsx scripts/screenshots-real-data.ts [--out <folder>] [--keep]
  --out   folder for the PNGs (default tests/e2e/screenshots, where *.png is not committed)
  --keep  keep the temporary database and say where it is`;

const DATA = resolve(REPO_ROOT, '../shared/data');
const ALL_CRIME_2016 = 'tower_hamlets_policeuk_api_crime_points_all_types_2016-01_2016-12.csv.gz';
/** Serious violence: a quarter of the 2016 all-crime points (92 days, the longest window the layer takes). */
const VIOLENCE = { from: '2016-10-01', through: '2016-12-31', to: '2017-01-01' };
const FILES: string[][] = [
  ['study-area', `${DATA}/boundaries/tower_hamlets_borough.geojson`],
  ['areas', '--kind', 'ward', `${DATA}/boundaries/tower_hamlets_wards.geojson`],
  ['areas', '--kind', 'water', `${DATA}/basemap/thames_tidal_water_tower_hamlets_area.geojson`],
  ['areas', '--kind', 'road', `${DATA}/basemap/tfl_road_network_tlrn_tower_hamlets_area.geojson`],
  ['police-uk', `${DATA}/crime/tower_hamlets_street_points_2018-02_2019-12_excl_violence_asb.csv.gz`],
  ['police-uk', `${DATA}/crime/${ALL_CRIME_2016}`],
  ['stop-search', `${DATA}/crime/tower_hamlets_bbox_stop_and_search_2016-06_2019-02.csv.gz`],
  ['schools', `${DATA}/schools/tower_hamlets_schools_2016.csv`],
  ['cameras', `${DATA}/context/tfl_jamcams_traffic_cameras_tower_hamlets_bbox_2015-06-01.csv`],
  [
    'population',
    '--lookup',
    `${DATA}/context/tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup.csv`,
    `${DATA}/context/tower_hamlets_lsoa2021_population_density_mid2011_mid2022.csv`,
  ],
];
/** October 2018: whole months, so the drug-market layer judges persistence over six monthly windows. */
const FROM = '2018-10-01';
const THROUGH = '2018-10-31';
const SCREENS = [
  { name: '1920', viewport: { width: 1920, height: 1080 } },
  { name: '1366', viewport: { width: 1366, height: 768 } },
];

async function importAll(dbPath: string): Promise<void> {
  for (const args of FILES) {
    const lines: string[] = [];
    const code = await runImportCli([...args, '--db', dbPath], {
      stdout: (text) => lines.push(text),
      stderr: (text) => lines.push(text),
      progress: false,
      env: process.env,
      now: () => new Date(),
    });
    console.log(`import ${args.join(' ').replace(DATA, '../shared/data')}: ${code === 0 ? 'done' : `failed (${code})`}`);
    for (const line of lines.slice(0, 12)) console.log(`  ${line}`);
    if (code !== 0) throw new Error(`the import of ${args.at(-1)} failed; see above`);
  }
}

/** Throws unless the page shows `text` somewhere (the check a screenshot alone cannot make). */
async function mustShow(page: Page, testId: string, pattern: RegExp): Promise<string> {
  const text = (await page.getByTestId(testId).textContent({ timeout: 30_000 })) ?? '';
  if (!pattern.test(text)) throw new Error(`${testId} says "${text}", expected ${pattern}`);
  return text;
}

/**
 * Violence and sexual offences and possession of weapons in the quarter, counted from the raw
 * file with a plain split (the file has no quoted commas in these columns): the check of the
 * layer's total that does not go through the importer.
 */
function rawViolenceCount(): number {
  const lines = gunzipSync(readFileSync(`${DATA}/crime/${ALL_CRIME_2016}`))
    .toString('utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0]!.split(',');
  const month = header.indexOf('Month');
  const type = header.indexOf('Crime type');
  return lines.slice(1).filter((line) => {
    const cells = line.split(',');
    return cells[month]! >= '2016-10' && cells[month]! <= '2016-12' && ['Violence and sexual offences', 'Possession of weapons'].includes(cells[type]!);
  }).length;
}

async function chooseWindow(page: Page, from: string, through: string, to: string, what: string): Promise<void> {
  await page.getByRole('radio', { name: 'Custom dates' }).check();
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To (inclusive)', { exact: true }).fill(through);
  await waitForMapState(page, (s) => s.from === from && s.to === to, what);
}

async function photograph(baseUrl: string, out: string): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const screen of SCREENS) {
      const { page, problems } = await openPage(browser, baseUrl, screen.viewport);
      await login(page, 'chair');
      await openMap(page);
      await chooseWindow(page, FROM, THROUGH, '2018-11-01', 'October 2018');
      const layer = page.getByRole('combobox', { name: 'Layer' });

      await layer.selectOption({ label: 'Theme: Robbery near schools after school' });
      const schools = await waitForMapState(page, (s) => s.theme?.id === 'schools-robbery', 'robbery near schools');
      if (schools.theme?.mode !== 'any-time-monthly') throw new Error(`expected the monthly fallback, got ${JSON.stringify(schools.theme)}`);
      await mustShow(page, 'theme-heading', /^Robbery near schools, any time \(monthly data\)$/);
      const why = await mustShow(page, 'theme-monthly-note', /known only to the month/);
      await page.mouse.move(5, 5);
      const schoolsFile = join(out, `real-data-schools-robbery-2018-10-${screen.name}.png`);
      await page.screenshot({ path: schoolsFile });
      console.log(`${schoolsFile}: ${schools.theme.heading}; ${schools.theme.points} schools, top: ${schools.theme.rows.slice(0, 3).join('; ')}`);
      console.log(`  stand out: ${schools.theme.marked.join('; ') || 'none'}. Why any time: ${why}`);

      await layer.selectOption({ label: 'Theme: Drug markets' });
      const drugs = await waitForMapState(page, (s) => s.theme?.id === 'drug-markets', 'the drug markets');
      const windows = await mustShow(page, 'theme-window', /6 windows of 1 calendar month each/);
      await mustShow(page, 'theme-police-activity', /police activity/);
      const rate = await mustShow(page, 'theme-borough-rate', /^Borough-wide/);
      await page.mouse.move(5, 5);
      const drugsFile = join(out, `real-data-drug-markets-2018-10-${screen.name}.png`);
      await page.screenshot({ path: drugsFile });
      console.log(`${drugsFile}: ${windows}`);
      console.log(
        `  cells ${JSON.stringify(drugs.theme?.classes)}; hotspots ${drugs.theme?.rows.length ?? 0}, persistent: ${drugs.theme?.marked.join(', ') || 'none'}`,
      );
      console.log(`  ${rate}`);

      await layer.selectOption({ label: 'Theme: Serious violence' });
      await chooseWindow(page, VIOLENCE.from, VIOLENCE.through, VIOLENCE.to, 'October to December 2016');
      const violence = await waitForMapState(page, (s) => s.theme?.id === 'serious-violence' && s.to === VIOLENCE.to, 'serious violence');
      if (violence.theme?.mode !== 'police-uk-monthly') throw new Error(`expected police.uk's approximation, got ${JSON.stringify(violence.theme)}`);
      await mustShow(
        page,
        'theme-definition',
        /^An approximation\. Counted: police\.uk Violence and sexual offences, Possession of weapons, counted by month\.$/,
      );
      const raw = rawViolenceCount();
      const headline = await mustShow(page, 'theme-headline', new RegExp(`^${raw.toLocaleString('en-GB')} incidents on the map`));
      await mustShow(page, 'theme-dwellings', /cannot be left out/);
      await page.mouse.move(5, 5);
      const violenceFile = join(out, `real-data-serious-violence-2016-q4-${screen.name}.png`);
      await page.screenshot({ path: violenceFile });
      console.log(`${violenceFile}: ${violence.theme.heading}`);
      console.log(`  ${headline} (raw file: ${raw} rows); hotspots: ${violence.theme.rows.length}`);

      // CCTV: TfL's traffic cameras (the only camera list in the data) over the same quarter's violence.
      await layer.selectOption({ label: 'CCTV coverage' });
      const cctvHeadline = await mustShow(page, 'cctv-headline', new RegExp(`of ${raw.toLocaleString('en-GB')} incidents`));
      const cameras = await mustShow(page, 'cctv-cameras', /^41 cameras: 37 working, 4 faulty/);
      await page.mouse.move(5, 5);
      const cctvFile = join(out, `real-data-cctv-2016-q4-${screen.name}.png`);
      await page.screenshot({ path: cctvFile });
      console.log(`${cctvFile}: ${cctvHeadline}`);
      console.log(`  ${cameras}`);
      if (problems.length > 0) throw new Error(`the page reported problems: ${problems.join(' | ')}`);
      await page.context().close();
    }
    // The public page, as a resident sees it without signing in: violence in June 2016, Spitalfields and Banglatown's trend.
    for (const screen of [SCREENS[0]!, { name: '390', viewport: { width: 390, height: 844 } }]) {
      const { page, problems } = await openPage(browser, baseUrl, screen.viewport);
      await page.goto('/public?theme=violence&month=2016-06&ward=E05009333');
      await page.locator('.public-map[data-drawn="true"]').waitFor({ state: 'attached', timeout: 60_000 });
      await page.getByRole('img', { name: /^Spitalfields/ }).waitFor({ state: 'visible', timeout: 30_000 });
      const headline = (await page.locator('.public-headline').textContent()) ?? '';
      const publicFile = join(out, `real-data-public-2016-06-${screen.name}.png`);
      await page.screenshot({ path: publicFile, fullPage: screen.name === '390' });
      console.log(`${publicFile}: ${headline}`);
      if (problems.length > 0) throw new Error(`the public page reported problems: ${problems.join(' | ')}`);
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<number> {
  const parsed = parseCli(
    { options: { out: { type: 'string', default: 'tests/e2e/screenshots' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const out = resolve(parsed.values.out);
  const dir = mkdtempSync(join(tmpdir(), 'tasking-map-real-data-'));
  const dbPath = join(dir, 'real.db');
  try {
    await importAll(dbPath);
    const db = openDatabase(dbPath);
    // The demo accounts' names and passwords, as ordinary accounts (this database holds no demo data).
    seedTestAccounts(db, new Date());
    db.close();
    console.log(`accounts: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
    await buildWebOnce();
    const server = await spawnServer(dbPath, {
      DEMO_DATA: 'off',
      WEB_DIST: resolve(REPO_ROOT, 'dist/web'),
      MAP_STYLE_URL: undefined,
      COOKIE_SECURE: undefined,
      LOG_LEVEL: 'warn',
    });
    try {
      await photograph(server.baseUrl, out);
    } finally {
      await server.stop();
    }
    return 0;
  } finally {
    if (parsed.values.keep) console.log(`database kept at ${dbPath}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
