// The theme layers over 5 million incidents (issue 11): robbery near schools for a 28-day
// window (target p95 < 100 ms) and the drug-market layer (target p95 < 200 ms), through the real
// Hono app on a copy of the 5M bench database with the demo borough's outline as study area, the
// real 2016 schools atlas and the real stop-and-search file imported. Every timed request
// computes its answer (the answer cache is off: that is the load bench's subject).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_STUDY_AREA } from '../../geo/demo/demo-area';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import { createApp } from '../../server/app';
import { replaceAreas, STUDY_AREA_KIND } from '../../server/areas/area-queries';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { storedIncidentCount } from '../../server/store/chunk-store';
import { SHARED_DATA } from '../backtest-real-data';
import { runImportCli } from '../import-cli';
import { percentile, table, timeRuns, verdict } from './bench-stats';
import { benchDatabasePath, prepareDatabase } from './cells-bench';

const END_DAY = dayNumber(2026, 11, 1);
const RUNS = 30;
const SCHOOLS = resolve(SHARED_DATA, 'schools/tower_hamlets_schools_2016.csv');
const SEARCHES = resolve(SHARED_DATA, 'crime/tower_hamlets_bbox_stop_and_search_2016-06_2019-02.csv.gz');

export async function benchThemes(): Promise<void> {
  const cached = benchDatabasePath();
  const source = prepareDatabase(cached);
  const incidents = storedIncidentCount(source);
  source.close();
  const dir = mkdtempSync(join(tmpdir(), 'themes-bench-'));
  try {
    const path = join(dir, 'themes.db');
    copyFileSync(cached, path);
    const setUp = openDatabase(path);
    replaceAreas(setUp, STUDY_AREA_KIND, [{ code: 'bench', name: 'Themes bench (demo outline)', geometry: DEMO_STUDY_AREA }], 'themes bench', new Date());
    setUp.close();
    const quiet = { stdout: () => undefined, stderr: (t: string) => console.error(t), progress: false, env: {}, now: () => new Date() };
    for (const [kind, file] of [
      ['schools', SCHOOLS],
      ['stop-search', SEARCHES],
    ] as const) {
      if (!existsSync(file)) throw new Error(`${file} is missing: the themes bench reads ../shared/data`);
      if ((await runImportCli([kind, '--db', path, '--allow-rejected', file], quiet)) !== 0) throw new Error(`the ${kind} import failed`);
    }

    const db = openDatabase(path);
    const app = createApp({ db, cacheAnswers: false });
    const headers = { authorization: `Bearer ${createApiToken(db, 'analyst', 'themes bench', new Date())}` };
    const window = `from=${isoDateOfDay(END_DAY - 28)}&to=${isoDateOfDay(END_DAY)}`;
    const cases = [
      { name: 'robbery near schools, 28 d, 15-18 school days, 400 m, r10', url: `/api/themes/schools-robbery?${window}`, target: 100 },
      { name: 'robbery near schools, 28 d, any time, 400 m, r10', url: `/api/themes/schools-robbery?${window}&hours=any&schoolDays=any`, target: 100 },
      { name: 'drug markets, 28 d x 6 windows, r9', url: `/api/themes/drug-markets?${window}&resolution=9`, target: 200 },
      { name: 'drug markets, 28 d x 6 windows, r10', url: `/api/themes/drug-markets?${window}&resolution=10`, target: 200 },
    ];
    const firstStart = performance.now();
    const first = await app.request(cases[0]!.url, { headers });
    if (first.status !== 200) throw new Error(`${cases[0]!.url} answered ${first.status}: ${await first.text()}`);
    console.log(`\nTheme layers over ${incidents.toLocaleString('en-GB')} incidents (copy of ${cached}; real 2016 schools atlas and stop-and-search file)`);
    console.log(`First request (builds the in-memory index): ${((performance.now() - firstStart) / 1000).toFixed(1)} s`);

    const rows: (string | number)[][] = [['layer', 'answer', 'p50 ms', 'p95 ms', 'target ms', 'p95 / target', '']];
    for (const c of cases) {
      const response = await app.request(c.url, { headers });
      if (response.status !== 200) throw new Error(`${c.url} answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { schools?: { count: number }[]; cells: unknown[]; summary?: { hotCells: number; persistent: number } };
      const what = body.schools
        ? `${body.schools.length} schools, ${body.schools.reduce((sum, s) => sum + s.count, 0)} near them`
        : `${body.cells.length} cells, ${body.summary?.hotCells ?? 0} hot, ${body.summary?.persistent ?? 0} persistent`;
      const times = await timeRuns(RUNS, async () => {
        await (await app.request(c.url, { headers })).text();
      });
      const p95 = percentile(times, 95);
      rows.push([c.name, what, percentile(times, 50), p95, c.target, p95 / c.target, verdict(p95, c.target, true)]);
    }
    console.log(table(rows));
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
