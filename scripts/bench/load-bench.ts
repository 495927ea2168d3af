// The real server (server/main.ts, spawned) under load on loopback: 100 concurrent clients for
// 20 s against /api/cells and /api/hotspots (a small rotating set of the meeting's requests),
// on the demo data and on 5M incidents; then /api/health while backtests run back to back.
// Targets (issue 10): 0 errors, /api/cells p99 < 100 ms at 5M, /api/health p99 < 100 ms
// during a backtest. Knobs: LOAD_DURATION_S (20), LOAD_CONNECTIONS (100), LOAD_DATASETS
// (demo|5m|both), LOAD_HEALTH_S (max(10, duration), at most 60), LOAD_HEALTH_CONNECTIONS (10),
// LOAD_BACKTESTS (backtests in flight at once, 1), LOAD_ACCEPT_ENCODING (what the clients
// accept, as a browser does: "gzip, deflate, br"; "identity" for uncompressed answers).
import autocannon from 'autocannon';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_STUDY_AREA } from '../../geo/demo/demo-area';
import { dayOfIsoDate, isoDateOfDay } from '../../geo/time';
import { getStudyArea, replaceAreas, STUDY_AREA_KIND } from '../../server/areas/area-queries';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { storedIncidentCount } from '../../server/store/chunk-store';
import { spawnServer, type SpawnedServer } from '../../tests/spawn-server';
import { benchDatabasePath, prepareDatabase } from './cells-bench';
import { percentile, table, verdict } from './bench-stats';

const CELLS_P99_TARGET_MS = 100;
const HEALTH_P99_TARGET_MS = 100;

function envNumber(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name}=${text}: expected a number ${min}..${max}`);
  return value;
}

const DURATION_S = envNumber('LOAD_DURATION_S', 20, 1, 600);
const CONNECTIONS = Math.round(envNumber('LOAD_CONNECTIONS', 100, 1, 1000));
const HEALTH_MIN_S = Math.min(60, envNumber('LOAD_HEALTH_S', Math.max(10, DURATION_S), 1, 60));
const HEALTH_MAX_S = 60;
const HEALTH_CONNECTIONS = Math.round(envNumber('LOAD_HEALTH_CONNECTIONS', 10, 1, 1000));
const BACKTEST_STREAMS = Math.round(envNumber('LOAD_BACKTESTS', 1, 1, 8));
/** Every browser sends this; the meeting-room screens are browsers. */
const ACCEPT_ENCODING = process.env.LOAD_ACCEPT_ENCODING?.trim() || 'gzip, deflate, br';
/** Seconds before autocannon counts a request as timed out. */
const REQUEST_TIMEOUT_S = 10;
const HEALTH_TIMEOUT_S = 60;
/** One warm-up or set-up request; the first /api/cells on 5M builds the index (~11 s when idle). */
const SETUP_TIMEOUT_MS = 180_000;
const BACKTEST_TIMEOUT_MS = 180_000;

type Dataset = 'demo' | '5m';

function wantedDatasets(): Dataset[] {
  const text = (process.env.LOAD_DATASETS ?? 'both').trim();
  if (text === 'both') return ['demo', '5m'];
  if (text === 'demo' || text === '5m') return [text];
  throw new Error(`LOAD_DATASETS=${text}: expected demo, 5m or both`);
}

interface Target {
  name: string;
  path: string;
}

/** One row of the final table. */
interface Row {
  dataset: string;
  route: string;
  connections: number;
  seconds: number;
  responses: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The latency target for this row, if the issue sets one. */
  p99TargetMs: number | null;
  note: string;
}

interface CannonRun {
  result: autocannon.Result;
  /** Every response's latency in ms (all statuses), sorted. */
  latencies: number[];
  /** A few non-2xx answers: path, status and the start of the body. */
  failures: string[];
  /** Per request path: latencies (sorted), and when its timeouts fired (s after the start). */
  byPath: Map<string, PathStats>;
  /** The first answer on each new connection (sorted): it waits for the busy server to accept the connection. */
  firstOnConnection: number[];
  /** Every later answer (sorted). */
  later: number[];
}

interface PathStats {
  latencies: number[];
  timeoutsAt: number[];
}

/**
 * autocannon's client internals (v8), pipelining 1: when it emits `response` the request it is
 * on is the one answered; when it emits `timeout` it has already reconnected and sent the next
 * request, so the one that timed out is the one before it in the rotation.
 */
interface ClientInternals {
  requestIterator?: { currentRequest?: { path?: string } };
  on: (event: 'timeout', listener: () => void) => void;
}
const pathOf = (client: unknown): string => (client as ClientInternals).requestIterator?.currentRequest?.path ?? '?';

/** One autocannon run; `control` gets the instance (to stop it early). Bounded by a watchdog. */
function runCannon(options: autocannon.Options & { duration: number }, control?: (instance: autocannon.Instance) => void): Promise<CannonRun> {
  return new Promise((resolveRun, reject) => {
    const latencies: number[] = [];
    const failures: string[] = [];
    const requests = options.requests?.map((request) => ({
      ...request,
      onResponse: (status: number, body: string) => {
        if ((status < 200 || status >= 300) && failures.length < 5) failures.push(`${status} ${request.path}: ${body.slice(0, 300)}`);
      },
    }));
    const byPath = new Map<string, PathStats>();
    const statsOf = (path: string) => {
      let stats = byPath.get(path);
      if (!stats) byPath.set(path, (stats = { latencies: [], timeoutsAt: [] }));
      return stats;
    };
    const paths = options.requests?.map((r) => r.path ?? '?') ?? [];
    const timedOutPath = (client: unknown) => {
      const at = paths.indexOf(pathOf(client));
      return at < 0 ? pathOf(client) : paths[(at + paths.length - 1) % paths.length]!;
    };
    const started = performance.now();
    // Clients on a new connection: every client at the start, and one that reconnected after a timeout.
    const fresh = new Map<unknown, boolean>();
    const firstOnConnection: number[] = [];
    const later: number[] = [];
    const timer: { watchdog?: NodeJS.Timeout } = {};
    const instance = autocannon(
      {
        ...options,
        ...(requests ? { requests } : {}),
        setupClient: (client) => {
          fresh.set(client, true);
          (client as unknown as ClientInternals).on('timeout', () => {
            fresh.set(client, true);
            statsOf(timedOutPath(client)).timeoutsAt.push((performance.now() - started) / 1000);
          });
        },
      },
      (error: unknown, result) => {
        clearTimeout(timer.watchdog);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else {
          for (const stats of byPath.values()) stats.latencies.sort((a, b) => a - b);
          const sort = (list: number[]) => list.sort((a, b) => a - b);
          resolveRun({ result, latencies: sort(latencies), failures, byPath, firstOnConnection: sort(firstOnConnection), later: sort(later) });
        }
      },
    );
    instance.on('response', (client, _status, _bytes, ms) => {
      latencies.push(ms);
      statsOf(pathOf(client)).latencies.push(ms);
      if (fresh.get(client) !== false) {
        fresh.set(client, false);
        firstOnConnection.push(ms);
      } else later.push(ms);
    });
    // autocannon stops itself after `duration`; this is the belt to its braces.
    timer.watchdog = setTimeout(() => instance.stop(), (options.duration + 2 * (options.timeout ?? REQUEST_TIMEOUT_S) + 10) * 1000).unref();
    control?.(instance);
  });
}

function rowOf(dataset: string, route: string, run: CannonRun, p99TargetMs: number | null, note = ''): Row {
  const { result, latencies } = run;
  const seconds = Math.max(1e-3, (result.finish.getTime() - result.start.getTime()) / 1000);
  return {
    dataset,
    route,
    connections: result.connections,
    seconds,
    responses: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    non2xx: result.non2xx,
    // autocannon counts a timeout as an error too: errors here are connection errors and timeouts.
    errors: result.errors,
    timeouts: result.timeouts,
    p99TargetMs,
    note,
  };
}

/** The first answer per connection apart from the rest: a busy server accepts new connections late. */
function connectionSplit(run: CannonRun): string {
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '-');
  const { firstOnConnection: first, later } = run;
  return (
    `First answer on each new connection (${first.length}): median ${ms(percentile(first, 50))}, max ${ms(first.at(-1) ?? Number.NaN)}; ` +
    `later answers (${later.length}): p50 ${ms(percentile(later, 50))}, p95 ${ms(percentile(later, 95))}, p99 ${ms(percentile(later, 99))}, max ${ms(later.at(-1) ?? Number.NaN)}.`
  );
}

function failedCount(row: Row): number {
  return row.non2xx + row.errors;
}

function rowVerdict(row: Row): string {
  const errors = failedCount(row);
  const missed: string[] = [];
  if (verdict(errors, 0, true) !== 'meets target') missed.push(`${errors} errors`);
  if (row.p99TargetMs !== null && verdict(row.p99, row.p99TargetMs, true) !== 'meets target') missed.push(`p99 > ${row.p99TargetMs} ms`);
  return missed.length === 0 ? 'meets target' : `MISSES target (${missed.join(', ')})`;
}

function printRows(rows: readonly Row[]): void {
  console.log(
    table([
      ['dataset', 'route', 'conns', 's', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'timeouts', 'target', ''],
      ...rows.map((r) => [
        r.dataset,
        r.route,
        String(r.connections),
        r.seconds,
        r.perSecond,
        r.p50,
        r.p95,
        r.p99,
        r.max,
        String(r.non2xx),
        String(r.errors),
        String(r.timeouts),
        r.p99TargetMs === null ? '0 errors' : `p99 < ${r.p99TargetMs} ms, 0 errors`,
        rowVerdict(r),
      ]),
    ]),
  );
}

async function getJson<T>(server: SpawnedServer, token: string, path: string): Promise<{ ms: number; status: number; body: T }> {
  const start = performance.now();
  const res = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(SETUP_TIMEOUT_MS),
  });
  const text = await res.text();
  const ms = performance.now() - start;
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return { ms, status: res.status, body: JSON.parse(text) as T };
}

/**
 * Waits until the server answers /api/health in under 50 ms three times running: requests
 * still queued from the previous run must not land in the next one. Bounded at 60 s.
 */
async function settle(server: SpawnedServer): Promise<number> {
  const start = performance.now();
  let quick = 0;
  while (quick < 3 && performance.now() - start < 60_000) {
    const asked = performance.now();
    try {
      const res = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(30_000) });
      await res.text();
      quick = res.ok && performance.now() - asked < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - start;
}

interface MetaBody {
  coverage: { firstDay: string; lastDay: string } | null;
}
interface CategoriesBody {
  groups: { id: string }[];
}

/** The meeting's views, from the data's last full day: four windows, groups and resolutions. */
function viewsOf(lastDay: string, groups: ReadonlySet<string>): { group: string; days: number; resolution: number; from: string; to: string }[] {
  const end = dayOfIsoDate(lastDay) + 1; // [from, to): to is the day after the last full day
  const views = [
    { group: 'violence', days: 28, resolution: 9 },
    { group: 'asb', days: 28, resolution: 9 },
    { group: 'all', days: 7, resolution: 10 },
    { group: 'drugs', days: 91, resolution: 8 },
  ].filter((v) => groups.has(v.group));
  if (views.length === 0) throw new Error(`none of the bench's groups is in /api/categories (${[...groups].join(', ')})`);
  return views.map((v) => ({ ...v, from: isoDateOfDay(end - v.days), to: isoDateOfDay(end) }));
}

/** The first day of the month holding `day`. */
function monthStartOf(day: number): number {
  const iso = isoDateOfDay(day);
  return dayOfIsoDate(`${iso.slice(0, 8)}01`);
}

interface BacktestStreams {
  durations: number[];
  failures: string[];
  /** Stop starting backtests and wait for those in flight. */
  finish: () => Promise<void>;
}

/** `streams` backtests in flight at all times, each started as the previous one answers. */
function runBacktests(server: SpawnedServer, token: string, path: string, streams: number): BacktestStreams {
  let running = true;
  const durations: number[] = [];
  const failures: string[] = [];
  let started = 0;
  const loop = async () => {
    while (running) {
      const start = performance.now();
      // A second coverage share that differs every time: the server keeps answers per query and
      // data version (decision 022), and a repeated backtest would be answered from that copy.
      started += 1;
      const fresh = `${path}&coverages=0.05,${(0.001 * (1 + (started % 900))).toFixed(3)}`;
      try {
        const res = await fetch(`${server.baseUrl}${fresh}`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(BACKTEST_TIMEOUT_MS),
        });
        const text = await res.text();
        if (res.ok) durations.push(performance.now() - start);
        else {
          failures.push(`${res.status}: ${text.slice(0, 300)}`);
          return; // a refused backtest would spin: report it instead
        }
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
        return;
      }
    }
  };
  const loops = Array.from({ length: streams }, loop);
  return {
    durations,
    failures,
    finish: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** A database for `dataset` in `dir` with an analyst API token; returns its path, token and the server env. */
function prepareDataset(dataset: Dataset, dir: string): { path: string; token: string; env: Record<string, string>; about: string } {
  const env = { WEB_DIST: '/nonexistent', LOG_LEVEL: 'warn' };
  if (dataset === 'demo') {
    // An empty file: the server loads the demo data itself on start (DEMO_DATA=auto).
    const path = join(dir, 'demo.db');
    const db = openDatabase(path);
    const token = createApiToken(db, 'analyst', 'load bench', new Date());
    db.close();
    return { path, token, env: { ...env, DEMO_DATA: 'auto' }, about: 'the demo data (loaded by the server on an empty database)' };
  }
  // The cached 5M database (made by the cells bench on first use), copied so the token and
  // study area added here stay out of it.
  const cached = benchDatabasePath();
  const source = prepareDatabase(cached);
  const incidents = storedIncidentCount(source);
  source.close();
  const path = join(dir, '5m.db');
  copyFileSync(cached, path);
  const db = openDatabase(path);
  // The bench data has no study area; hotspots and backtests need one: the demo borough's outline, which lies inside the bench box.
  if (!getStudyArea(db))
    replaceAreas(db, STUDY_AREA_KIND, [{ code: 'bench', name: 'Load bench (demo outline)', geometry: DEMO_STUDY_AREA }], 'load bench', new Date());
  const token = createApiToken(db, 'analyst', 'load bench', new Date());
  db.close();
  return {
    path,
    token,
    env: { ...env, DEMO_DATA: 'off' },
    about: `${incidents.toLocaleString('en-GB')} synthetic incidents (copy of ${cached}, demo borough outline as study area)`,
  };
}

/** What the server printed after it started answering, trimmed, or null if nothing. */
function laterOutput(server: SpawnedServer, from: number): string | null {
  const text = server.log().slice(from).trim();
  if (text === '') return null;
  const lines = text.split('\n');
  return lines.length > 30 ? `${lines.slice(0, 30).join('\n')}\n... (${lines.length - 30} more lines)` : text;
}

async function benchDataset(dataset: Dataset, rows: Row[], problems: string[]): Promise<void> {
  const label = dataset === 'demo' ? 'demo' : '5M';
  const dir = mkdtempSync(join(tmpdir(), `load-bench-${dataset}-`));
  let server: SpawnedServer | null = null;
  try {
    const prepared = prepareDataset(dataset, dir);
    console.log(`\n== Load on ${label}: ${prepared.about} ==`);
    const spawnStart = performance.now();
    server = await spawnServer(prepared.path, prepared.env);
    const startedMs = performance.now() - spawnStart;
    const logFrom = server.log().length;
    const token = prepared.token;
    const headers = { authorization: `Bearer ${token}`, 'accept-encoding': ACCEPT_ENCODING };

    const meta = await getJson<MetaBody>(server, token, '/api/meta');
    if (!meta.body.coverage) throw new Error('/api/meta reports no coverage: the database holds no incidents');
    const categories = await getJson<CategoriesBody>(server, token, '/api/categories');
    const lastDay = meta.body.coverage.lastDay;
    const views = viewsOf(lastDay, new Set(categories.body.groups.map((g) => g.id)));
    console.log(
      `Server answered /api/health ${(startedMs / 1000).toFixed(1)} s after spawn; data ${meta.body.coverage.firstDay} to ${lastDay} (last full day).`,
    );
    const cells: Target[] = views.map((v) => ({
      name: `${v.group} ${v.days} d r${v.resolution}`,
      path: `/api/cells?group=${v.group}&from=${v.from}&to=${v.to}&resolution=${v.resolution}`,
    }));
    const hotspots: Target[] = views.map((v) => ({
      name: `${v.group} ${v.days} d r${v.resolution}`,
      path: `/api/hotspots?group=${v.group}&from=${v.from}&to=${v.to}&resolution=${v.resolution}&method=gistar&k=1&correction=fdr`,
    }));

    // Warm-up: every URL once; the first builds the in-memory index.
    const warm: string[] = [];
    for (const [route, targets] of [
      ['cells', cells],
      ['hotspots', hotspots],
    ] as const) {
      for (const target of targets) {
        const first = warm.length === 0;
        const { ms } = await getJson(server, token, target.path);
        warm.push(first ? `first /api/cells (${target.name}, builds the index) ${(ms / 1000).toFixed(1)} s` : `${route} ${target.name} ${ms.toFixed(0)} ms`);
      }
    }
    console.log(`Warm-up, one request per URL: ${warm.join('; ')}.`);

    for (const [route, targets] of [
      ['/api/cells', cells],
      ['/api/hotspots', hotspots],
    ] as const) {
      console.log(
        `\n-- ${label}: ${route}, ${CONNECTIONS} connections for ${DURATION_S} s, Accept-Encoding "${ACCEPT_ENCODING}", rotating over: ${targets.map((t) => t.name).join(', ')} --`,
      );
      await settle(server);
      const run = await runCannon({
        url: server.baseUrl,
        connections: CONNECTIONS,
        duration: DURATION_S,
        timeout: REQUEST_TIMEOUT_S,
        headers,
        requests: targets.map((t) => ({ method: 'GET' as const, path: t.path })),
      });
      const row = rowOf(label, route, run, route === '/api/cells' && dataset === '5m' ? CELLS_P99_TARGET_MS : null);
      rows.push(row);
      printRows([row]);
      console.log(
        table([
          ['  per URL', 'responses', 'p50 ms', 'p99 ms', 'max ms', 'timeouts', 'timed out at s'],
          ...targets.map((t) => {
            const stats = run.byPath.get(t.path) ?? { latencies: [], timeoutsAt: [] };
            const sorted = stats.latencies;
            const at = [...stats.timeoutsAt].sort((a, b) => a - b);
            return [
              t.name,
              String(sorted.length),
              percentile(sorted, 50),
              percentile(sorted, 99),
              sorted.at(-1) ?? Number.NaN,
              String(at.length),
              at.length === 0 ? '' : `${at[0]!.toFixed(1)}-${at.at(-1)!.toFixed(1)}`,
            ];
          }),
        ]),
      );
      console.log(connectionSplit(run));
      if (run.failures.length > 0) problems.push(`${label} ${route}: non-2xx answers, e.g.\n  ${run.failures.join('\n  ')}`);
    }

    // /api/health alone, then while backtests run back to back.
    console.log(`\n-- ${label}: /api/health, ${HEALTH_CONNECTIONS} connections, idle for ${Math.min(5, DURATION_S)} s, then during backtests --`);
    await settle(server);
    const idle = await runCannon({
      url: `${server.baseUrl}/api/health`,
      connections: HEALTH_CONNECTIONS,
      duration: Math.min(5, DURATION_S),
      timeout: HEALTH_TIMEOUT_S,
    });
    const idleRow = rowOf(label, '/api/health, idle', idle, null);
    rows.push(idleRow);

    const to = isoDateOfDay(monthStartOf(dayOfIsoDate(lastDay) + 1));
    const backtestPath = `/api/backtest?group=violence&resolution=10&to=${to}`;
    await settle(server);
    const backtests = runBacktests(server, token, backtestPath, BACKTEST_STREAMS);
    const healthStart = performance.now();
    let checker: NodeJS.Timeout | undefined;
    let busy: CannonRun;
    try {
      busy = await runCannon(
        { url: `${server.baseUrl}/api/health`, connections: HEALTH_CONNECTIONS, duration: HEALTH_MAX_S, timeout: HEALTH_TIMEOUT_S },
        (instance) => {
          // At least HEALTH_MIN_S and one whole backtest, at most HEALTH_MAX_S (autocannon's duration).
          checker = setInterval(() => {
            const elapsed = (performance.now() - healthStart) / 1000;
            if ((elapsed >= HEALTH_MIN_S && backtests.durations.length >= 1) || backtests.failures.length >= BACKTEST_STREAMS) {
              clearInterval(checker);
              instance.stop();
            }
          }, 100);
        },
      );
    } finally {
      clearInterval(checker);
      await backtests.finish();
    }
    const done = [...backtests.durations].sort((a, b) => a - b);
    // Requests still waiting when autocannon stopped are dropped, not counted: say how many.
    const unanswered = Math.max(0, busy.result.requests.sent - busy.latencies.length - busy.result.errors);
    const backtestNote =
      `${done.length} backtests done` +
      (done.length > 0
        ? `, ${(percentile(done, 50) / 1000).toFixed(1)} s median (${(done[0]! / 1000).toFixed(1)}-${(done.at(-1)! / 1000).toFixed(1)} s)`
        : '') +
      (backtests.failures.length > 0 ? `, ${backtests.failures.length} failed` : '');
    const busyRow = rowOf(label, '/api/health, backtests', busy, HEALTH_P99_TARGET_MS, backtestNote);
    rows.push(busyRow);
    printRows([idleRow, busyRow]);
    console.log(`/api/health during backtests: ${connectionSplit(busy)}`);
    console.log(
      `Backtests (${BACKTEST_STREAMS} in flight at a time, ${backtestPath}): ${backtestNote}; health measured ${busyRow.seconds.toFixed(1)} s, ` +
        `max ${busyRow.max.toFixed(0)} ms, ${unanswered} health requests still unanswered when the measurement stopped (not counted).`,
    );
    if (busy.failures.length > 0) problems.push(`${label} /api/health during backtests: non-2xx answers, e.g.\n  ${busy.failures.join('\n  ')}`);
    if (idle.failures.length > 0) problems.push(`${label} /api/health idle: non-2xx answers, e.g.\n  ${idle.failures.join('\n  ')}`);
    for (const failure of backtests.failures) problems.push(`${label} backtest failed: ${failure}`);

    const printed = laterOutput(server, logFrom);
    if (printed) problems.push(`${label}: the server printed while under load:\n${printed}`);
  } catch (error) {
    const printed = server ? laterOutput(server, 0) : null;
    if (printed) problems.push(`${label}: the server printed:\n${printed}`);
    throw error;
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLoad(): Promise<void> {
  const datasets = wantedDatasets();
  console.log(
    `\nLoad on loopback against the real server (autocannon ${CONNECTIONS} connections x ${DURATION_S} s per route; datasets: ${datasets.join(', ')}). ` +
      'Latencies are per response, all statuses, measured by the client in this process (which shares the machine with the server).',
  );
  const rows: Row[] = [];
  const problems: string[] = [];
  for (const dataset of datasets) {
    try {
      await benchDataset(dataset, rows, problems);
    } catch (error) {
      problems.push(`${dataset}: the bench stopped: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1; // a run that could not finish is a fault, unlike a missed target
      console.error(`Load bench on ${dataset} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log('\nLoad summary (errors = non-2xx + connection errors; timeouts are among the errors)');
  printRows(rows);
  const cells5m = rows.find((r) => r.dataset === '5M' && r.route === '/api/cells');
  if (cells5m) console.log(`/api/cells at 5M: p99 ${cells5m.p99.toFixed(1)} ms (target < ${CELLS_P99_TARGET_MS} ms): ${rowVerdict(cells5m)}`);
  for (const r of rows.filter((row) => row.route === '/api/health, backtests'))
    console.log(`/api/health during backtests (${r.dataset}): p99 ${r.p99.toFixed(1)} ms (target < ${HEALTH_P99_TARGET_MS} ms): ${rowVerdict(r)}; ${r.note}`);
  const totalErrors = rows.reduce((sum, r) => sum + failedCount(r), 0);
  console.log(`Errors over all runs: ${totalErrors} (target 0): ${verdict(totalErrors, 0, true)}`);
  if (problems.length > 0) console.log(`\nProblems seen:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}
