// A seeded, bounded fuzz of the whole API (issue 10): every route in the app's own route table,
// called as a role it allows, with query strings and path parameters (valid-looking, at the
// edges, garbage, repeated, unknown), JSON bodies (near-valid edits of a valid body, random and
// broken JSON) and uploads (raw and multipart, right and wrong boundaries, CSV, gzip and GeoJSON
// that fit or do not). No answer may be a 500, and every 4xx must be { error: { code, message } }
// with a message that names what to fix. FUZZ_SEED picks another seed; FUZZ_SCALE=10 runs ten
// times as many requests.
import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Role } from '../../server/auth/roles';
import { fixtureTaskingBody, seededApi } from '../api-fixture';
import { apiRoutesOf, fieldsOf, fillPath, routeKey, samplePath, type ApiRoute } from '../api-routes';
import { jsonBody, pathValue, queryString, samplesOf, taskingValues, uploadRequest, validQuery, type Json, type UploadKind } from '../fuzz-inputs';

const UPLOAD_KINDS: readonly UploadKind[] = ['police-uk', 'partner', 'stop-search', 'areas', 'schools', 'school-calendar', 'cameras', 'population'];

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261202);
const SCALE = Number(process.env['FUZZ_SCALE'] ?? 1);
/** Requests per route, by kind of route: tuned so the file runs in about a minute on two cores. */
const RUNS = { query: 100, json: 120, upload: 150 };
/** Sign-in hashes every password it is sent (scrypt, slow on purpose): fewer of them. */
const RUNS_OF_ROUTE: Readonly<Record<string, number>> = { 'POST /api/auth/login': 25 };
const runs = (kind: keyof typeof RUNS, route: ApiRoute) => Math.max(1, Math.round((RUNS_OF_ROUTE[routeKey(route)] ?? RUNS[kind]) * SCALE));

const started = performance.now();
console.log(`API fuzz: seed ${SEED} (FUZZ_SEED to change), scale ${SCALE}`);

/** Requests sent per route, by status, for the tally printed at the end. */
const tally = new Map<string, Map<number, number>>();
/** One message per error code seen, so the tally shows what callers are told. */
const messages = new Map<string, string>();

// An error nobody listens for (a stream's, a promise's) would stop the real server: each is a failure, with the request that was in flight.
let inFlight = '';
const unhandled: string[] = [];
const recordUnhandled = (error: unknown) => unhandled.push(`${error instanceof Error ? error.message : String(error)}\n  while sending ${inFlight}`);
process.on('uncaughtException', recordUnhandled);
process.on('unhandledRejection', recordUnhandled);

const uploadDir = mkdtempSync(join(tmpdir(), 'fuzz-uploads-'));
const reads = await seededApi({ uploadTempDir: uploadDir });
const routes = apiRoutesOf(reads.app.routes);

/** The role to call a route as: one it allows, the analyst first (the role that may do most). */
function callerOf(route: ApiRoute): Role | null {
  if (route.roles.includes('anyone')) return null;
  const role = (['analyst', 'chair', 'planner', 'public'] as const).find((r) => route.roles.includes(r));
  if (!role) throw new Error(`${routeKey(route)} allows no role the fuzz can call it as`);
  return role;
}

const errorBody = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string().min(12),
    fields: z.array(z.object({ field: z.string(), message: z.string().min(3) })).optional(),
  }),
});

/** The parameter and field names a 400 may name: the route's own, the request part, and whatever the request sent. */
function namesOf(route: ApiRoute, sentNames: readonly string[]): Set<string> {
  return new Set([...route.inputs.flatMap((input) => [input.target, ...fieldsOf(input.schema).map((f) => f.name)]), ...sentNames]);
}

/** Whether a problem names a field the request has or sent ('timeBands.0.hours' by its first part), or names an unknown one back. */
const namesField = (names: ReadonlySet<string>, field: string, message: string) =>
  names.has(field) || names.has(field.split('.')[0]!) || message.startsWith('is not a field of this request');

interface Sent {
  route: ApiRoute;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** Names the request sent (query parameters, top-level body keys): a strict schema names an unknown one back. */
  sentNames: readonly string[];
  shape?: string;
}

function describeSent(sent: Sent, status: number, text: string): string {
  const body =
    sent.body === undefined
      ? ''
      : typeof sent.body === 'string'
        ? JSON.stringify(sent.body.slice(0, 400))
        : `${sent.body.length} bytes: ${Buffer.from(sent.body.slice(0, 200))
            .toString('latin1')
            .replace(/[^\x20-\x7e]/g, '.')}`;
  return `${sent.route.method} ${sent.path.slice(0, 400)} ${sent.shape ?? ''} ${JSON.stringify({ ...sent.headers, authorization: sent.headers['authorization'] ? 'Bearer <token>' : undefined })} ${body}\n  answered ${status}: ${text.slice(0, 600)}`;
}

/** Sends one request and holds the answer to the rules: never 5xx, every 4xx a JSON error that names what to fix. */
async function send(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, sent: Sent): Promise<void> {
  inFlight = `${sent.route.method} ${sent.path.slice(0, 300)} ${sent.shape ?? ''}`;
  const res = await app.request(sent.path, { method: sent.route.method, headers: sent.headers, ...(sent.body === undefined ? {} : { body: sent.body }) });
  const key = routeKey(sent.route);
  const statuses = tally.get(key) ?? new Map<number, number>();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  tally.set(key, statuses);
  const text = await res.text();
  const failure = (why: string) => new Error(`${why}:\n  ${describeSent(sent, res.status, text)}`);
  if (res.status >= 500) throw failure('A server error');
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    if (res.status >= 400) throw failure('A 4xx without a JSON body');
  }
  if (res.status >= 400) {
    const parsed = errorBody.safeParse(json);
    if (!parsed.success) throw failure(`A 4xx without { error: { code, message } } (${parsed.error.issues[0]?.message})`);
    const { code, message, fields } = parsed.data.error;
    // A framework's bare words ("Malformed JSON in request body") say nothing of what to do.
    if (code === 'http_error') throw failure("A 4xx in the framework's words, not ours");
    if (/\[object Object\]|\n\s+at |\.ts:\d/.test(message)) throw failure('A 4xx message with an object or a stack in it');
    // zod's bare "Invalid input" (a union's default) names nothing to send.
    if (/Invalid input(?!:)/.test(message)) throw failure('A 4xx that says only "Invalid input"');
    const names = namesOf(sent.route, sent.sentNames);
    if (code === 'invalid_parameter' || code === 'invalid_field') {
      // "resolution: expected 7..10", "timeBands.0.hours: ...": the message starts with the parameter or field to fix.
      const first = message.slice(0, message.indexOf(': '));
      if (!namesField(names, first, message.slice(first.length + 2))) throw failure(`A 400 that does not name a parameter (${first})`);
    }
    for (const field of fields ?? []) {
      if (!namesField(names, field.field, field.message)) throw failure(`A field problem that names no field (${field.field})`);
    }
    if (!messages.has(code)) messages.set(code, message);
  }
}

const authHeaders = (tokens: Record<Role, string>, route: ApiRoute): Record<string, string> => {
  const role = callerOf(route);
  // Anyone's routes (sign-in) as our own signed-out page calls them.
  return role ? { authorization: `Bearer ${tokens[role]}` } : { 'x-tasking-map': '1' };
};

const queryFields = (route: ApiRoute) => route.inputs.filter((input) => input.target === 'query').flatMap((input) => fieldsOf(input.schema));
const hasJson = (route: ApiRoute) => route.inputs.some((input) => input.target === 'json');
const isUpload = (route: ApiRoute) => route.method === 'POST' && route.pattern.startsWith('/api/imports/');

/** A path with every parameter fuzzed; the sample path itself most of the time. */
const fuzzedPath = (route: ApiRoute): fc.Arbitrary<string> => {
  const names: string[] = [];
  fillPath(route.pattern, (name) => {
    names.push(name);
    return '';
  });
  if (names.length === 0) return fc.constant(route.pattern);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(samplePath(route.pattern)) },
    {
      weight: 3,
      arbitrary: fc.tuple(...names.map(pathValue)).map((values) => {
        let i = 0;
        return fillPath(route.pattern, () => values[i++]!);
      }),
    },
  );
};

const queryNamesOf = (query: string) => [...new URLSearchParams(query).keys()];

const gets = routes.filter((route) => route.method === 'GET');
const jsonRoutes = routes.filter((route) => route.method !== 'GET' && !isUpload(route));
const uploads = routes.filter(isUpload);

describe('the API fuzz', () => {
  it('covers every route of the table: GET by query and path, JSON bodies, uploads', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(uploads.map(routeKey).sort()).toEqual([
      'POST /api/imports/areas',
      'POST /api/imports/cameras',
      'POST /api/imports/partner',
      'POST /api/imports/police-uk',
      'POST /api/imports/population',
      'POST /api/imports/school-calendar',
      'POST /api/imports/schools',
      'POST /api/imports/stop-search',
    ]);
    expect([...gets, ...jsonRoutes, ...uploads].map(routeKey).sort()).toEqual(routes.map(routeKey).sort());
    // Every query parameter has valid-looking values to start from, or the fuzz would only ever reach the validator.
    const unsampled = routes.flatMap((route) =>
      queryFields(route)
        .filter((field) => samplesOf(field).length === 0)
        .map((f) => `${routeKey(route)} ${f.name}`),
    );
    expect(unsampled, 'add samples to QUERY_SAMPLES in tests/fuzz-inputs.ts').toEqual([]);
  });

  describe('GET routes: query strings and path parameters', () => {
    it.each(gets.map((route) => [routeKey(route), route] as const))('%s', async (_key, route) => {
      const fields = queryFields(route);
      await fc.assert(
        fc.asyncProperty(fuzzedPath(route), queryString(fields), async (path, query) => {
          await send(reads.app, { route, path: query ? `${path}?${query}` : path, headers: authHeaders(reads.tokens, route), sentNames: queryNamesOf(query) });
        }),
        { seed: SEED, numRuns: runs('query', route) },
      );
    });
  });

  describe('POST, PUT and PATCH routes: JSON bodies', () => {
    /** A valid body for each route, read when it is sent (a PATCH or a decision needs the current version). */
    const validBody = async (app: typeof reads.app, tokens: Record<Role, string>, route: ApiRoute, path: string): Promise<Json> => {
      const versionOf = async () => {
        const id = /^\/api\/taskings\/([0-9]+)/.exec(path)?.[1];
        if (!id) return 1;
        const res = await app.request(`/api/taskings/${id}`, { headers: { authorization: `Bearer ${tokens.analyst}` } });
        const read = z.object({ tasking: z.object({ version: z.number() }) }).safeParse(res.status === 200 ? await res.json() : null);
        return read.success ? read.data.tasking.version : 1;
      };
      const pattern = route.pattern.replace(/\{[^}]*\}/g, '');
      if (pattern === '/api/auth/login') return { username: 'chair', password: 'chair-demo-password' };
      if (pattern === '/api/taskings') return fixtureTaskingBody();
      if (pattern === '/api/taskings/:id')
        return {
          version: await versionOf(),
          title: 'Whitechapel robbery, evenings',
          cells: fixtureTaskingBody().cells,
          plannedDosage: { visitsPerDay: 3, minutesPerVisit: 20 },
        };
      if (pattern === '/api/taskings/:id/decisions')
        return { version: await versionOf(), decision: 'amend', note: 'Extend to the evening', reviewDate: '2026-12-24' };
      // The fixture's taskings start on FIXTURE_NOW's day, 09:00 London time.
      if (pattern === '/api/taskings/:id/visits')
        return { startedAt: '2026-11-20T07:05', endedAt: '2026-11-20T07:20', officer: 'PC 1234', note: 'Quiet', clientRef: 'visit-1' };
      if (pattern === '/api/tasking-options') {
        return {
          tactics: [
            { id: 'high-visibility-patrol', label: 'High-visibility patrol' },
            { id: 'weapons-sweep', label: 'Weapons sweep' },
          ],
          teams: [{ id: 'theo', label: 'THEO' }],
        };
      }
      return {};
    };

    it.each(jsonRoutes.map((route) => [routeKey(route), route] as const))('%s', async (_key, route) => {
      // Each writer on its own database, so no route's changes decide what another route's fuzz reaches.
      const { app, tokens } = await seededApi({ uploadTempDir: uploadDir });
      const template = await validBody(app, tokens, route, samplePath(route.pattern));
      const contentType = fc.oneof(
        { weight: 8, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', '') },
      );
      await fc.assert(
        fc.asyncProperty(fuzzedPath(route), jsonBody(template, taskingValues), contentType, async (path, bodyOf, type) => {
          const body = bodyOf(hasJson(route) ? await validBody(app, tokens, route, path) : template);
          const parsed = (() => {
            try {
              return JSON.parse(body) as unknown;
            } catch {
              return null;
            }
          })();
          const sentNames = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
          await send(app, { route, path, headers: { ...authHeaders(tokens, route), ...(type ? { 'content-type': type } : {}) }, body, sentNames });
        }),
        { seed: SEED, numRuns: runs('json', route) },
      );
    });
  });

  describe('upload routes: raw and multipart bodies', () => {
    it.each(uploads.map((route) => [routeKey(route), route] as const))('%s', async (_key, route) => {
      const { app, tokens } = await seededApi({ uploadTempDir: uploadDir, maxUploadBytes: 256 * 1024 });
      const kind = UPLOAD_KINDS.find((k) => route.pattern.endsWith(`/${k}`));
      if (!kind) throw new Error(`${routeKey(route)}: no upload kind in tests/fuzz-inputs.ts makes files for it`);
      await fc.assert(
        // Mostly a valid query, so the body is what the importer judges.
        fc.asyncProperty(
          fc.oneof({ weight: 3, arbitrary: validQuery(queryFields(route)) }, queryString(queryFields(route))),
          uploadRequest(kind),
          async (query, upload) => {
            await send(app, {
              route,
              path: query ? `${route.pattern}?${query}` : route.pattern,
              headers: { ...authHeaders(tokens, route), ...(upload.contentType === null ? {} : { 'content-type': upload.contentType }) },
              body: upload.body,
              sentNames: queryNamesOf(query),
              shape: upload.shape,
            });
          },
        ),
        { seed: SEED, numRuns: runs('upload', route) },
      );
      // Whatever the form, its temporary file is gone once it is answered.
      expect(readdirSync(uploadDir)).toEqual([]);
    });
  });
});

afterEach(async () => {
  // A stream's error surfaces a turn or two after its answer.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
});

afterAll(() => {
  process.off('uncaughtException', recordUnhandled);
  process.off('unhandledRejection', recordUnhandled);
  rmSync(uploadDir, { recursive: true, force: true });
  const rows = [...tally].map(([key, statuses]) => {
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}x${n}`);
    return { key, total, byStatus: byStatus.join(' ') };
  });
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    [
      `API fuzz, seed ${SEED}: ${total} requests to ${rows.length} routes in ${seconds} s, none answered 5xx`,
      ...rows.map((row) => `  ${row.key.padEnd(44)} ${String(row.total).padStart(5)}  ${row.byStatus}`),
      // A route the fuzz never got past validation is fuzzed only at its door: give it better samples.
      `Never answered 2xx: ${
        rows
          .filter((row) => !/\b2\d\dx/.test(row.byStatus))
          .map((row) => row.key)
          .join(', ') || 'none'
      }`,
      'What callers were told, one message per error code:',
      ...[...messages].map(([code, message]) => `  ${code}: ${message.slice(0, 160)}`),
    ].join('\n'),
  );
});
