// Start-up on a 5M-incident database: the real server (node + tsx server/main.ts) from spawn
// to its first answer to /api/health, five runs, median; then the first /api/cells, which
// builds the in-memory index, and an import that adds nothing (the index must stay as it is).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createApp } from '../../server/app';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { storedIncidentCount } from '../../server/store/chunk-store';
import { insertBatch } from '../../server/store/import-batches';
import { benchDatabasePath, prepareDatabase } from './cells-bench';
import { percentile, table, verdict } from './bench-stats';

const TARGET_MS = 2000;

async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Milliseconds from spawning the server to its first 200 on /api/health. */
async function timeToHealth(dbPath: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_PATH: dbPath, DEMO_DATA: 'off', WEB_DIST: '/nonexistent' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('no answer in 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function benchStartup(): Promise<void> {
  const path = benchDatabasePath();
  const db = prepareDatabase(path);
  const incidents = storedIncidentCount(db);
  db.close();
  console.log(`\nStart-up on ${incidents.toLocaleString('en-GB')} incidents (${path})`);

  // tsx alone, on an empty database, to separate the runtime's start from ours.
  const emptyPath = '.bench/startup-empty.db';
  openDatabase(emptyPath).close();
  const runs = 5;
  const full: number[] = [];
  const empty: number[] = [];
  for (let k = 0; k < runs; k++) {
    full.push(await timeToHealth(path));
    empty.push(await timeToHealth(emptyPath));
  }
  full.sort((a, b) => a - b);
  empty.sort((a, b) => a - b);
  const median = percentile(full, 50);
  console.log(
    table([
      ['database', 'median ms', 'min ms', 'max ms', `median / ${TARGET_MS} ms`, ''],
      [`${(incidents / 1e6).toFixed(1)}M incidents`, median, full[0]!, full.at(-1)!, median / TARGET_MS, verdict(median, TARGET_MS, true)],
      ['empty (runtime start)', percentile(empty, 50), empty[0]!, empty.at(-1)!, percentile(empty, 50) / TARGET_MS, ''],
    ]),
  );

  // In process: opening the database and building the app, then the index on the first request.
  const openStart = performance.now();
  const opened = openDatabase(path);
  const app = createApp({ db: opened });
  const openMs = performance.now() - openStart;
  const token = createApiToken(opened, 'analyst', 'startup bench', new Date());
  const headers = { authorization: `Bearer ${token}` };
  const firstStart = performance.now();
  await (await app.request('/api/cells?from=2026-10-01&to=2026-11-01&resolution=9', { headers })).text();
  const firstMs = performance.now() - firstStart;
  // A batch that stores nothing must not rebuild the index.
  insertBatch(opened, {
    kind: 'partner',
    source: 'bench-0',
    fileName: 'bench re-import',
    fileSha256: 'bench',
    importedAt: new Date().toISOString(),
    importedBy: 'bench',
    rowsRead: 10,
  });
  const againStart = performance.now();
  await (await app.request('/api/cells?from=2026-10-01&to=2026-11-01&resolution=9', { headers })).text();
  const againMs = performance.now() - againStart;
  console.log(
    `In process: open + migrate + createApp ${openMs.toFixed(0)} ms; first /api/cells (builds the index) ${(firstMs / 1000).toFixed(1)} s; ` +
      `after an import that stored nothing ${againMs.toFixed(0)} ms (index kept).`,
  );
  opened.close();
}
