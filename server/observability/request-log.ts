// One JSON line per request (decision 021): who asked (role, principal id), for which route
// (the registered pattern, never the path with its ids), with which query parameter names
// (never their values), and how it went (status, milliseconds, slow or not; a server error's
// stack). Headers, bodies, tokens and passwords are never read into it.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import type { AppEnv } from '../app-env';
import { isAllowMiddleware } from '../auth/roles';
import { setFinishedHeader } from '../finished-header';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** SLOW_REQUEST_MS's default: every API answer but a first index build or an import is far quicker (README: Benchmarks). */
export const DEFAULT_SLOW_REQUEST_MS = 1000;
/** A request id from a proxy or client is kept when it looks like one (a UUID, nginx's hex, a trace id); anything else gets a new one. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** Query parameter names are chosen by the caller: a bounded few, each cut short. */
const MAX_QUERY_NAMES = 20;
const MAX_QUERY_NAME_LENGTH = 40;

export interface RequestLogOptions {
  logger: Logger;
  /** A request taking longer than this is logged as `slow: true`, at warn level. */
  slowRequestMs: number;
}

/** What one request's log line holds, besides pino's own level, time, pid and hostname. */
export interface RequestLogLine {
  requestId: string;
  method: string;
  /** The route pattern that answered, e.g. '/api/taskings/:id'; '/api/*' for an unknown API path, '/*' for the page. */
  route: string;
  /** The query string's parameter names, in order, each once; never their values. */
  query: string[];
  role: string;
  /** 'user:<name>' or 'token:<label>' (server/app-env.ts); absent for anonymous requests. */
  principal?: string;
  status: number;
  durationMs: number;
  slow: boolean;
}

export function requestLog(options: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    let thrown: unknown = undefined;
    try {
      await next();
    } catch (error) {
      // app.onError answers every Error; anything else thrown still gets its line before it goes on up.
      thrown = error;
      throw error;
    } finally {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const status = thrown === undefined ? c.res.status : 500;
      if (thrown === undefined) setFinishedHeader(c, REQUEST_ID_HEADER, requestId);
      const principal = c.get('principal') ?? null;
      const line: RequestLogLine = {
        requestId,
        method: c.req.method,
        route: routeOf(c),
        query: queryNames(c.req.url),
        role: principal?.role ?? 'anonymous',
        ...(principal ? { principal: principal.id } : {}),
        status,
        durationMs,
        slow: durationMs > options.slowRequestMs,
      };
      const message = `${line.method} ${line.route} ${status} in ${durationMs} ms`;
      if (status >= 500) options.logger.error({ ...line, err: thrown ?? c.error }, message);
      else if (line.slow) options.logger.warn(line, message);
      else options.logger.info(line, message);
    }
  };
}

type MatchedContext = Parameters<typeof matchedRoutes>[0];

/**
 * The API route a request was for, even when a middleware answered first (a 401, a 403 from the
 * cross-site guard, a 413): every API route carries an allow(...) middleware at its own path.
 * Otherwise the pattern of the handler that answered: '/api/*' (not found), '/*' (the page).
 */
function routeOf(c: MatchedContext): string {
  const matched = matchedRoutes(c);
  const apiRoute = matched.find((route) => isAllowMiddleware(route.handler));
  const path = apiRoute?.path ?? matched[c.req.routeIndex]?.path ?? '';
  // '/api/taskings/:id{[0-9]+}' is logged as '/api/taskings/:id'.
  return path.replace(/(:\w+)\{(?:[^{}]|\{[^{}]*\})*\}/g, '$1');
}

function queryNames(url: string): string[] {
  const names = new Set<string>();
  for (const name of new URL(url).searchParams.keys()) {
    if (names.size === MAX_QUERY_NAMES) break;
    names.add(name.slice(0, MAX_QUERY_NAME_LENGTH));
  }
  return [...names];
}
