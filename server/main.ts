// The thin main: read the environment, open SQLite, migrate, seed, serve.
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { createApp } from './app';
import { seedDemoAccounts } from './auth/auth-queries';
import { holdDatabaseLockUntilExit } from './db/database-lock';
import { openDatabase } from './db/open-database';
import { storedIncidentCount } from './store/chunk-store';
import { checkH3Binding } from './import/h3-index.mjs';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DB_PATH: z.string().min(1).default('data/tasking-map.db'),
  MAP_STYLE_URL: z.string().optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  WEB_DIST: z.string().default('dist/web'),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`Environment ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;

// The import calls a file inside h3-js directly: refuse to start if it is not the one expected.
checkH3Binding();

if (env.DB_PATH !== ':memory:') mkdirSync(dirname(env.DB_PATH), { recursive: true });
// One server per database file, and never one on a file being restored (decision 016).
const lock = holdDatabaseLockUntilExit(env.DB_PATH, 'server', new Date());
if (!lock.ok) {
  console.error(`Cannot start: ${lock.reason}`);
  process.exit(1);
}
const db = (() => {
  try {
    return openDatabase(env.DB_PATH);
  } catch (error) {
    // A database this version cannot read (written by a newer one, damaged): say so and stop, without a stack trace.
    console.error(`Cannot open the database ${env.DB_PATH}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();
const now = new Date();
if (seedDemoAccounts(db, now) > 0) console.log('Seeded the demo accounts (README: Demo accounts).');
if (env.DEMO_DATA === 'auto' && storedIncidentCount(db) === 0) {
  // Loaded only when needed: the generator and its geometry libraries cost start-up time.
  const { loadDemoDataIfEmpty } = await import('./demo/load-demo-data');
  const loaded = loadDemoDataIfEmpty(db, now);
  if (loaded) console.log(`Database was empty: loaded ${loaded.incidents} demo incidents and ${loaded.taskings} demo taskings (labelled demo everywhere).`);
}

const app = createApp({ db, secureCookies: env.COOKIE_SECURE === 'true' });
app.get('/config.json', (c) => c.json({ mapStyleUrl: env.MAP_STYLE_URL ?? null }));
if (existsSync(env.WEB_DIST)) {
  app.use('/*', serveStatic({ root: env.WEB_DIST }));
  app.get('/*', serveStatic({ root: env.WEB_DIST, path: 'index.html' }));
} else {
  console.warn(`No web build at ${env.WEB_DIST}; run npm run build (npm start does). Serving the API only.`);
}

serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`Tasking Map on http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${info.port} (database ${env.DB_PATH})`);
});
