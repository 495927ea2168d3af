// Every /api route in the app's own route table (method and path, path parameters set to
// valid-looking values), called anonymously and as every role, by API token and by session
// cookie. The answers must match what each route declares with allow(...): anonymous callers
// get 401 wherever a route is not for anyone, roles it does not name get 403, and a role it
// names never gets either. A route added later is in the matrix without editing this file.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FIXTURE_NOW, seededApi } from '../tests/api-fixture';
import { apiRoutesOf, routeKey, samplePath, type ApiRoute } from '../tests/api-routes';
import { createSession, DEFAULT_SESSION_POLICY } from './auth/auth-queries';
import { ANYONE, ROLES, type Role } from './auth/roles';
import { SESSION_COOKIE } from './routes/auth-routes';

type Caller = { name: string; role: Role | null; via: 'token' | 'cookie' | null };

const CALLERS: Caller[] = [
  { name: 'anonymous', role: null, via: null },
  ...ROLES.flatMap((role): Caller[] => [
    { name: `${role} (token)`, role, via: 'token' },
    { name: `${role} (session cookie)`, role, via: 'cookie' },
  ]),
];

const errorBody = z.object({ error: z.object({ code: z.string() }) });

/** What the matrix records per call: the refusals by their status and code, anything else as let through. */
function outcomeOf(status: number, code: string): string {
  if (status === 401 || status === 403) return `${status} ${code}`;
  if (status >= 500) return `${status} server error`;
  return 'let through';
}

function expectedOutcome(route: ApiRoute, caller: Caller): string {
  if (route.roles.includes(ANYONE)) return 'let through';
  if (caller.role === null) return '401 unauthenticated';
  return route.roles.includes(caller.role) ? 'let through' : '403 forbidden';
}

describe('the route x role matrix', () => {
  it('answers every route as its allow(...) declares, for anonymous callers and every role by token and by cookie', async () => {
    const { app, db, tokens } = await seededApi();
    const routes = apiRoutesOf(app.routes);
    // An empty table would pass every check below; a broken reading of it must fail here instead.
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.map(routeKey)).toEqual(expect.arrayContaining(['GET /api/health', 'POST /api/imports/police-uk', 'PATCH /api/taskings/:id{[0-9]+}']));

    const headersOf = (caller: Caller): Record<string, string> => {
      // Anonymous as our own signed-out page calls it.
      if (caller.role === null) return { 'x-tasking-map': '1' };
      if (caller.via === 'token') return { authorization: `Bearer ${tokens[caller.role]}` };
      // A fresh session for every call, as POST /api/auth/login makes one: the logout route ends the one it is sent.
      const userId = db.prepare('SELECT id FROM users WHERE role = ? ORDER BY id LIMIT 1').pluck().get(caller.role) as number;
      const { token } = createSession(db, userId, FIXTURE_NOW, DEFAULT_SESSION_POLICY);
      // As our own page sends it (decision 019); the refusal without it is checked below.
      return { cookie: `${SESSION_COOKIE}=${token}`, 'x-tasking-map': '1' };
    };

    const actual: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const route of routes) {
      const key = routeKey(route);
      actual[key] = {};
      expected[key] = {};
      for (const caller of CALLERS) {
        // An empty JSON object: enough to show who is let through, never enough to change anything.
        const res = await app.request(samplePath(route.pattern), {
          method: route.method,
          headers: { ...headersOf(caller), 'content-type': 'application/json' },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
        const error = errorBody.safeParse(res.headers.get('content-type')?.includes('json') ? await res.json() : null);
        actual[key][caller.name] = outcomeOf(res.status, error.success ? error.data.error.code : 'without an error code');
        expected[key][caller.name] = expectedOutcome(route, caller);
      }
    }
    expect(actual).toEqual(expected);
    // Every route of the table was called by every caller: none skipped.
    expect(Object.keys(actual)).toEqual(routes.map(routeKey));
    expect(Object.values(actual).every((row) => Object.keys(row).length === CALLERS.length)).toBe(true);

    // Every state-changing route refuses a session cookie sent without our page's header (another
    // site's form or script), whatever the role: 403 cross_origin before anything else happens.
    const unsafe = routes.filter((route) => route.method !== 'GET');
    expect(unsafe.length).toBeGreaterThan(0);
    for (const route of unsafe) {
      const { cookie } = headersOf({ name: 'chair', role: 'chair', via: 'cookie' });
      const res = await app.request(samplePath(route.pattern), {
        method: route.method,
        headers: { cookie: cookie!, 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(`${routeKey(route)} ${res.status} ${errorBody.parse(await res.json()).error.code}`).toBe(`${routeKey(route)} 403 cross_origin`);
    }
  });
});
