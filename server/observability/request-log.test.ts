// The request log (decision 021) read back from an in-memory stream: one JSON line per
// request with what an operator needs, and nothing a caller's secrets could leak into.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seededApi } from '../../tests/api-fixture';
import { createApp } from '../app';
import { openDatabase } from '../db/open-database';
import { SESSION_COOKIE } from '../routes/auth-routes';
import { createLogger } from './logger';

const logLine = z.object({
  level: z.enum(['info', 'warn', 'error']),
  time: z.string(),
  msg: z.string(),
  requestId: z.string(),
  method: z.string(),
  route: z.string(),
  query: z.array(z.string()),
  role: z.string(),
  principal: z.string().optional(),
  status: z.number(),
  durationMs: z.number().nonnegative(),
  slow: z.boolean(),
  err: z.object({ type: z.string(), message: z.string(), stack: z.string() }).optional(),
});
/** Every field a request line may carry: a new one must be added here on purpose. */
const ALLOWED_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg', ...Object.keys(logLine.shape)]);

function memoryLog() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: createLogger({ level: 'info', destination }),
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => logLine.parse(JSON.parse(line))),
  };
}

async function loggedApi(options: { slowRequestMs?: number } = {}) {
  const log = memoryLog();
  const api = await seededApi({ logger: log.logger, ...options });
  // seededApi creates its tasking through the API: start from an empty log.
  const skip = log.lines().length;
  return { ...api, log: { ...log, lines: () => log.lines().slice(skip) } };
}

/** An app on an empty database, to add a test route to before its first request builds the router. */
function bareApp(options: { slowRequestMs?: number } = {}) {
  const log = memoryLog();
  return { app: createApp({ db: openDatabase(':memory:'), logger: log.logger, ...options }), log };
}

describe('the request log', () => {
  it('writes one JSON line per request: id, method, route pattern, query names, role, principal, status, duration', async () => {
    const { app, tokens, log } = await loggedApi();
    const res = await app.request('/api/taskings/1/results?bufferRings=1&controlArea=ward:W1', { headers: { authorization: `Bearer ${tokens.analyst}` } });
    expect(res.status).toBe(200);
    const [line, ...more] = log.lines();
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/api/taskings/:id/results',
      query: ['bufferRings', 'controlArea'],
      role: 'analyst',
      principal: 'token:analyst token',
      status: 200,
      slow: false,
    });
    expect(line!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-request-id')).toBe(line!.requestId);
    expect(line!.msg).toMatch(/^GET \/api\/taskings\/:id\/results 200 in [\d.]+ ms$/);
  });

  it("keeps a proxy's sane X-Request-Id and replaces anything else with a new one", async () => {
    const { app, log } = await loggedApi();
    const kept = await app.request('/api/health', { headers: { 'x-request-id': 'edge-7f3a:01.b_2' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a:01.b_2');
    for (const insane of ['has spaces', 'x'.repeat(101), '"},{"level":"fatal', 'naïve']) {
      const res = await app.request('/api/health', { headers: { 'x-request-id': insane } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const ids = log.lines().map((line) => line.requestId);
    expect(ids[0]).toBe('edge-7f3a:01.b_2');
    expect(ids.slice(1).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  it('names the route asked for when a middleware answers first, and /api/* for an unknown path', async () => {
    const { app, log } = await loggedApi();
    expect((await app.request('/api/taskings/7')).status).toBe(401);
    // A state-changing request from another site: refused by the cross-site guard before the route runs.
    expect((await app.request('/api/taskings/7', { method: 'PATCH', headers: { cookie: `${SESSION_COOKIE}=whatever` }, body: '{}' })).status).toBe(403);
    expect((await app.request('/api/no-such-thing/12345')).status).toBe(404);
    expect(log.lines().map(({ method, route, status, role }) => `${method} ${route} ${status} ${role}`)).toEqual([
      'GET /api/taskings/:id 401 anonymous',
      'PATCH /api/taskings/:id 403 anonymous',
      'GET /api/* 404 anonymous',
    ]);
    // The path itself, with the ids a caller typed, is never logged.
    expect(log.text()).not.toContain('12345');
  });

  it('logs query parameter names, never their values', async () => {
    const { app, tokens, log } = await loggedApi();
    await app.request('/api/taskings?team=Smith-household-E1&status=active&team=again', { headers: { authorization: `Bearer ${tokens.chair}` } });
    expect(log.lines()[0]!.query).toEqual(['team', 'status']);
    expect(log.text()).not.toContain('Smith-household');
    expect(log.text()).not.toContain('again');
  });

  it('flags a request slower than the threshold, at warn level', async () => {
    const { app, log } = bareApp({ slowRequestMs: 20 });
    app.get('/slow', async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return c.text('done');
    });
    await app.request('/slow');
    const [slow] = log.lines();
    expect(slow).toMatchObject({ level: 'warn', route: '/slow', status: 200, slow: true });
    expect(slow!.durationMs).toBeGreaterThanOrEqual(20);
  });

  it('logs a server error with its stack and request id; the client gets neither', async () => {
    const { app, log } = bareApp();
    app.get('/boom', () => {
      throw new Error('the disk is on fire');
    });
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({
      error: { code: 'internal', message: `Something went wrong on the server; the error is in its log under request ${res.headers.get('x-request-id')}.` },
    });
    expect(body).not.toContain('disk is on fire');
    expect(body).not.toContain('request-log.test');
    const [line] = log.lines();
    expect(line).toMatchObject({ level: 'error', route: '/boom', status: 500, requestId: res.headers.get('x-request-id') });
    expect(line!.err?.message).toBe('the disk is on fire');
    expect(line!.err?.stack).toContain('request-log.test.ts');
  });

  it('never logs a password, a bearer token or a session cookie, and nothing but its own fields', async () => {
    const { app, tokens, log } = await loggedApi();
    const page = { 'content-type': 'application/json', 'x-tasking-map': '1' };
    const wrong = await app.request('/api/auth/login', {
      method: 'POST',
      headers: page,
      body: JSON.stringify({ username: 'chair', password: 'not-the-password-9f2c' }),
    });
    expect(wrong.status).toBe(401);
    const signedIn = await app.request('/api/auth/login', {
      method: 'POST',
      headers: page,
      body: JSON.stringify({ username: 'chair', password: 'chair-demo-password' }),
    });
    expect(signedIn.status).toBe(200);
    const session = signedIn.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    expect(session.length).toBeGreaterThan(20);
    expect((await app.request('/api/auth/me', { headers: { cookie: `${SESSION_COOKIE}=${session}` } })).status).toBe(200);
    const put = await app.request('/api/tasking-options', { method: 'PUT', headers: { ...page, cookie: `${SESSION_COOKIE}=${session}` }, body: '{}' });
    expect(put.status).toBe(400);
    expect((await app.request('/api/taskings', { headers: { authorization: `Bearer ${tokens.chair}` } })).status).toBe(200);
    expect((await app.request('/api/taskings', { headers: { authorization: 'Bearer forged-token-0c1d2e3f' } })).status).toBe(401);

    const text = log.text();
    for (const secret of ['not-the-password-9f2c', 'chair-demo-password', session, ...Object.values(tokens), 'forged-token-0c1d2e3f']) {
      expect(text).not.toContain(secret);
    }
    const lines = log.lines();
    expect(lines.map(({ route, status, role }) => `${route} ${status} ${role}`)).toEqual([
      '/api/auth/login 401 anonymous',
      // A sign-in is logged as the person who signed in.
      '/api/auth/login 200 chair',
      '/api/auth/me 200 chair',
      '/api/tasking-options 400 chair',
      '/api/taskings 200 chair',
      '/api/taskings 401 anonymous',
    ]);
    for (const line of text.split('\n').filter(Boolean)) {
      expect(Object.keys(JSON.parse(line) as object).filter((key) => !ALLOWED_FIELDS.has(key))).toEqual([]);
    }
  });

  it('redacts credentials and bodies handed to the logger by any other code (the second line of defence)', () => {
    const log = memoryLog();
    log.logger.info(
      {
        password: 'p-1',
        token: 't-1',
        req: { headers: { authorization: 'Bearer t-2', cookie: 'tm_session=s-1' }, body: '{"password":"p-2"}' },
        res: { 'set-cookie': 's-2' },
      },
      'careless',
    );
    const text = log.text();
    for (const secret of ['p-1', 't-1', 't-2', 's-1', 'p-2', 's-2']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
