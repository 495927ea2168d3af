// The thin main: read the environment, open SQLite, migrate, seed, serve.
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { dirname } from 'node:path';
import { createApp } from './app';
import { prepareAccounts } from './auth/account-startup';
import { purgeSessions } from './auth/auth-queries';
import { readConfig } from './config';
import { holdDatabaseLockUntilExit } from './db/database-lock';
import { openDatabase } from './db/open-database';
import { createLogger } from './observability/logger';
import { checkH3Binding } from './import/h3-index.mjs';
import { storedIncidentCount } from './store/chunk-store';
import { hasDemoData } from './store/import-batches';
import { recordRulesInForce } from './public/public-settings';
import { serveWebBuild } from './web-build';
import { pageOriginOf } from './pdf/page-origin';

const read = readConfig(process.env);
if (!read.ok) {
  for (const problem of read.problems) console.error(`Environment ${problem}`);
  process.exit(1);
}
const config = read.config;

// The import calls a file inside h3-js directly: refuse to start if it is not the one expected.
checkH3Binding();

if (config.dbPath !== ':memory:') mkdirSync(dirname(config.dbPath), { recursive: true });
// One server per database file, and never one on a file being restored (decision 016).
const lock = holdDatabaseLockUntilExit(config.dbPath, 'server', new Date());
if (!lock.ok) {
  console.error(`Cannot start: ${lock.reason}`);
  process.exit(1);
}
const db = (() => {
  try {
    return openDatabase(config.dbPath);
  } catch (error) {
    // A database this version cannot read (written by a newer one, damaged): say so and stop, without a stack trace.
    console.error(`Cannot open the database ${config.dbPath}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();
const now = new Date();
if (config.demoData === 'auto' && storedIncidentCount(db) === 0) {
  // Loaded only when needed: the generator and its geometry libraries cost start-up time.
  const { loadDemoDataIfEmpty } = await import('./demo/load-demo-data');
  const loaded = loadDemoDataIfEmpty(db, now);
  if (loaded) console.log(`Database was empty: loaded ${loaded.incidents} demo incidents and ${loaded.taskings} demo taskings (labelled demo everywhere).`);
}
for (const message of prepareAccounts(db, now, config.sessions)) console.log(message);
// Every change of what the public may see is on record (decision 036).
for (const line of recordRulesInForce(db, config.disclosure.rules, config.disclosure.source, now)) console.log(line);
// Expired sessions are refused as they are met; this clears them out of the table too.
setInterval(() => purgeSessions(db, new Date(), config.sessions, hasDemoData(db)), 3_600_000).unref();

const app = createApp({
  db,
  // The index and the long statistics run on a worker thread with its own connection (decision 022).
  ...(config.dbPath === ':memory:' ? {} : { computeWorkerDbPath: config.dbPath }),
  secureCookies: config.secureCookies,
  sessions: config.sessions,
  trustProxy: config.trustProxy,
  publicOrigins: config.publicOrigins,
  connectSources: config.connectSources,
  https: config.tls !== null,
  // One JSON line per request on stdout, beside the start-up messages above (decision 021).
  logger: createLogger({ level: config.logLevel }),
  slowRequestMs: config.slowRequestMs,
  disclosureRules: config.disclosure.rules,
  // PDFs (decision 039): Chromium opens the pages on this server's own listening address.
  chromiumPath: config.chromiumPath,
  pageOrigin: pageOriginOf(config.tls ? 'https' : 'http', config.host, config.port),
});
app.get('/config.json', (c) => c.json({ mapStyleUrl: config.mapStyleUrl }));
if (existsSync(config.webDist)) {
  serveWebBuild(app, config.webDist);
} else {
  console.warn(`No web build at ${config.webDist}; run npm run build (npm start does). Serving the API only.`);
}

const scheme = config.tls ? 'https' : 'http';
serve(
  {
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    ...(config.tls ? { createServer: createHttpsServer, serverOptions: { cert: config.tls.cert, key: config.tls.key } } : {}),
  },
  (info) => {
    console.log(`Tasking Map on ${scheme}://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port} (database ${config.dbPath})`);
  },
);
