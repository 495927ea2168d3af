// The Hono app factory. It never listens and never reads the environment: server/main.ts
// does that, and tests call app.request() against a real SQLite database.
import { tmpdir } from 'node:os';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './app-env';
import type { AppDeps } from './app-deps';
import { principalOfApiToken, principalOfSession } from './auth/auth-queries';
import { isAllowMiddleware } from './auth/roles';
import type { Db } from './db/open-database';
import { createStudyGridCache } from './hotspots/study-grid';
import { createCoverageCache } from './store/coverage-store';
import { createIndexCache } from './incidents/incident-index';
import { authRoutes, SESSION_COOKIE } from './routes/auth-routes';
import { cellsRoutes } from './routes/cells-routes';
import { forecastRoutes } from './routes/forecast-routes';
import { hotspotRoutes } from './routes/hotspot-routes';
import { importRoutes, MAX_UPLOAD_BYTES } from './routes/import-routes';
import { metaRoutes } from './routes/meta-routes';
import { taskingRoutes } from './taskings/tasking-routes';

export interface CreateAppOptions {
  db: Db;
  clock?: () => Date;
  secureCookies?: boolean;
  /** Defaults to MAX_UPLOAD_BYTES (512 MB); tests lower it to reach the cap quickly. */
  maxUploadBytes?: number;
  /** Defaults to the OS temp directory (TMPDIR). */
  uploadTempDir?: string;
}

export function createApp(options: CreateAppOptions) {
  const deps: AppDeps = {
    db: options.db,
    clock: options.clock ?? (() => new Date()),
    incidentIndex: createIndexCache(options.db),
    studyGrid: createStudyGridCache(options.db),
    coverage: createCoverageCache(options.db),
    secureCookies: options.secureCookies ?? true,
    maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES,
    uploadTempDir: options.uploadTempDir ?? tmpdir(),
  };

  const api = new Hono<AppEnv>()
    .use(async (c, next) => {
      const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const cookie = getCookie(c, SESSION_COOKIE);
      const principal = bearer ? principalOfApiToken(deps.db, bearer) : cookie ? principalOfSession(deps.db, cookie, deps.clock()) : null;
      if (bearer && !principal) {
        return c.json({ error: { code: 'unauthenticated', message: 'That API token is unknown or revoked; create one with npm run token.' } }, 401);
      }
      c.set('principal', principal);
      await next();
    })
    .route('/', metaRoutes(deps))
    .route('/', authRoutes(deps))
    .route('/', cellsRoutes(deps))
    .route('/', hotspotRoutes(deps))
    .route('/', forecastRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', taskingRoutes(deps));

  const app = new Hono<AppEnv>()
    .route('/api', api)
    .all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `No API route ${c.req.method} ${c.req.path}.` } }, 404));

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: { code: 'http_error', message: error.message } }, error.status);
    }
    console.error(error);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the server; the error is in its log.' } }, 500);
  });

  assertEveryRouteDeclaresRoles(app);
  return app;
}

export type AppType = ReturnType<typeof createApp>;

/** Default deny: refuse to build an app in which some /api route says nothing of who may call it. */
export function assertEveryRouteDeclaresRoles(app: Hono<AppEnv>): void {
  const byRoute = new Map<string, unknown[]>();
  for (const route of app.routes) {
    if (!route.path.startsWith('/api/') || route.path === '/api/*' || route.method === 'ALL') continue;
    const key = `${route.method} ${route.path}`;
    byRoute.set(key, [...(byRoute.get(key) ?? []), route.handler]);
  }
  const undeclared = [...byRoute].filter(([, handlers]) => !handlers.some(isAllowMiddleware)).map(([key]) => key);
  if (undeclared.length > 0) {
    throw new Error(`These API routes do not declare which roles may call them (use allow(...)): ${undeclared.join(', ')}`);
  }
}
