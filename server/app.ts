// The Hono app factory. It never listens and never reads the environment: server/main.ts
// does that, and tests call app.request() against a real SQLite database.
import { tmpdir } from 'node:os';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from '../geo/disclosure/rules';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { AppEnv } from './app-env';
import type { AppDeps } from './app-deps';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULT_SESSION_POLICY, principalOfApiToken, principalOfSession, type SessionPolicy } from './auth/auth-queries';
import { SignInThrottle } from './auth/sign-in-throttle';
import { errorsToStderr } from './observability/logger';
import { DEFAULT_SLOW_REQUEST_MS, requestLog } from './observability/request-log';
import { csrfGuard } from './security/csrf-guard';
import { noStore, securityHeaders } from './security/security-headers';
import { isAllowMiddleware } from './auth/roles';
import { DATABASE_BUSY_MESSAGE, isDatabaseBusy, type Db } from './db/open-database';
import { createStudyGridCache } from './hotspots/study-grid';
import { createCoverageCache } from './store/coverage-store';
import { inThreadCompute } from './compute/compute-service';
import { createResponseCache } from './compute/response-cache';
import { workerCompute } from './compute/worker-compute';
import { cameraRoutes } from './cameras/camera-routes';
import { cctvRoutes } from './cctv/cctv-routes';
import { briefingRoutes } from './patrols/briefing-routes';
import { patrolRoutes } from './patrols/patrol-routes';
import { createPdfRenderer, type PdfRenderer } from './pdf/pdf-renderer';
import { populationRoutes } from './populations/population-routes';
import { publicPageRoutes } from './public/public-page-routes';
import { publicRoutes } from './public/public-routes';
import { authRoutes, SESSION_COOKIE } from './routes/auth-routes';
import { cellsRoutes } from './routes/cells-routes';
import { forecastRoutes } from './routes/forecast-routes';
import { hotspotRoutes } from './routes/hotspot-routes';
import { importRoutes, MAX_UPLOAD_BYTES } from './routes/import-routes';
import { metaRoutes } from './routes/meta-routes';
import { createSchoolCalendarSource } from './schools/school-day-source';
import { schoolRoutes } from './schools/school-routes';
import { stopSearchRoutes } from './stop-search/stop-search-routes';
import { taskingRoutes } from './taskings/tasking-routes';
import { themeRoutes } from './themes/theme-routes';

export interface CreateAppOptions {
  db: Db;
  clock?: () => Date;
  secureCookies?: boolean;
  /** Idle timeout and lifetime of sessions. */
  sessions?: SessionPolicy;
  /** Behind a reverse proxy: take the client's address from the X-Forwarded-For entry the proxy adds. */
  trustProxy?: boolean;
  /** Origins our pages are served from besides the request's own (PUBLIC_ORIGIN behind a proxy). */
  publicOrigins?: readonly string[];
  /** Origins the page may fetch from besides its own: a basemap style and its tiles. */
  connectSources?: readonly string[];
  /** Served over HTTPS: send Strict-Transport-Security. */
  https?: boolean;
  /**
   * The database file, for the compute worker that builds the index and runs the long
   * statistics off the event loop (decision 022). Without it (tests on an in-memory database)
   * they run in this thread.
   */
  computeWorkerDbPath?: string;
  /** Defaults to MAX_UPLOAD_BYTES (512 MB); tests lower it to reach the cap quickly. */
  maxUploadBytes?: number;
  /** Defaults to the OS temp directory (TMPDIR). */
  uploadTempDir?: string;
  /** Where each request's log line goes (decision 021); without one, only server errors, on stderr. */
  logger?: Logger;
  /** Requests slower than this are logged `slow: true` at warn level; default DEFAULT_SLOW_REQUEST_MS. */
  slowRequestMs?: number;
  /** What the public may see (decision 031); the safe defaults unless configured (DISCLOSURE_RULES). */
  disclosureRules?: DisclosureRules;
  /** Keep statistics answers per data version (default); benchmarks of the computation turn it off. */
  cacheAnswers?: boolean;
  /** The Chromium that prints PDFs (CHROMIUM_PATH); default /usr/bin/chromium, looked for at each print. */
  chromiumPath?: string | null;
  /** Where the server's own pages can be opened from this machine (the listening address); default the request's origin. */
  pageOrigin?: string | null;
  /** Tests may pass their own printer. */
  pdf?: PdfRenderer;
}

/** JSON bodies (taskings with a drawn area included) stay far below this; uploads have their own cap. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

export function createApp(options: CreateAppOptions) {
  const studyGrid = createStudyGridCache(options.db);
  const coverage = createCoverageCache(options.db);
  const compute = options.computeWorkerDbPath ? workerCompute(options.db, options.computeWorkerDbPath) : inThreadCompute(options.db, studyGrid, coverage);
  const deps: AppDeps = {
    db: options.db,
    clock: options.clock ?? (() => new Date()),
    compute,
    answers: createResponseCache({ keep: options.cacheAnswers ?? true }),
    incidentIndex: () => {
      const index = compute.current();
      // Routes await compute.index(...) before anything reads the index.
      if (!index) throw new Error('internal: the incident index was read before it was ready');
      return index;
    },
    studyGrid,
    coverage,
    // The imported term dates, or the assumed default calendar (decision 023).
    schoolCalendar: createSchoolCalendarSource(options.db),
    secureCookies: options.secureCookies ?? true,
    sessions: options.sessions ?? DEFAULT_SESSION_POLICY,
    signInThrottle: new SignInThrottle(),
    trustProxy: options.trustProxy ?? false,
    maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES,
    uploadTempDir: options.uploadTempDir ?? tmpdir(),
    disclosureRules: options.disclosureRules ?? DEFAULT_DISCLOSURE_RULES,
    pdf: options.pdf ?? createPdfRenderer({ chromiumPath: options.chromiumPath ?? null }),
    pageOrigin: options.pageOrigin ?? null,
  };
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: (c) =>
      c.json({ error: { code: 'too_large', message: `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KB; send less at once.` } }, 413),
  });

  const api = new Hono<AppEnv>()
    .use(noStore)
    .use(csrfGuard({ publicOrigins: options.publicOrigins ?? [], trustProxy: deps.trustProxy }))
    // Uploads stream under their own cap (import-routes) and sign-in has a tighter one; every other body is small.
    // GET and HEAD carry no body: asking for one would build a full fetch Request for every read (decision 022).
    .use((c, next) =>
      c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/api/imports/') || c.req.path === '/api/auth/login'
        ? next()
        : jsonBodyLimit(c, next),
    )
    .use(async (c, next) => {
      const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const cookie = getCookie(c, SESSION_COOKIE);
      const now = deps.clock();
      const principal = bearer ? principalOfApiToken(deps.db, bearer, now) : cookie ? principalOfSession(deps.db, cookie, now, deps.sessions) : null;
      if (bearer && !principal) {
        return c.json({ error: { code: 'unauthenticated', message: 'That API token is unknown, revoked or expired; create one with npm run token.' } }, 401);
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
    .route('/', stopSearchRoutes(deps))
    .route('/', taskingRoutes(deps))
    .route('/', themeRoutes(deps))
    .route('/', schoolRoutes(deps))
    .route('/', cameraRoutes(deps))
    .route('/', cctvRoutes(deps))
    .route('/', patrolRoutes(deps))
    .route('/', briefingRoutes(deps))
    .route('/', populationRoutes(deps))
    .route('/', publicRoutes(deps))
    .route('/', publicPageRoutes(deps));

  const app = new Hono<AppEnv>()
    // First, so its duration covers everything and every answer (the page's too) carries a request id.
    .use(requestLog({ logger: options.logger ?? errorsToStderr(), slowRequestMs: options.slowRequestMs ?? DEFAULT_SLOW_REQUEST_MS }))
    .use(securityHeaders({ connectSources: options.connectSources ?? [], hsts: options.https ?? false }))
    .route('/api', api)
    .all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `No API route ${c.req.method} ${c.req.path}.` } }, 404));

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: { code: 'http_error', message: error.message } }, error.status);
    }
    if (isDatabaseBusy(error)) {
      c.header('Retry-After', '30');
      return c.json({ error: { code: 'database_busy', message: DATABASE_BUSY_MESSAGE } }, 503);
    }
    // The request log writes the stack (c.error) under the request's id; the client gets the id to quote, never the stack.
    const message = `Something went wrong on the server; the error is in its log under request ${c.get('requestId')}.`;
    return c.json({ error: { code: 'internal', message } }, 500);
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
