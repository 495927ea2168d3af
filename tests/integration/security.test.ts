// What a browser on another site can and cannot make a signed-in user's session do, and the
// headers every answer carries (issue 10), against the real server (main.ts) on a SQLite file
// with a small web build of its own.
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, seedTestAccounts } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { compressDist } from '../../scripts/compress-dist';
import { freePort, REPO_ROOT, spawnServer, type SpawnedServer } from '../spawn-server';

const dir = mkdtempSync(join(tmpdir(), 'security-'));
const dbPath = join(dir, 'tm.db');
const webDist = join(dir, 'web');
const ASSET = '/assets/app-0a1b2c3d.js';

function writeWebBuild(): void {
  mkdirSync(join(webDist, 'assets'), { recursive: true });
  writeFileSync(
    join(webDist, 'index.html'),
    `<!doctype html><html><head><script type="module" src="${ASSET}"></script></head><body>${'<!-- page -->\n'.repeat(100)}</body></html>`,
  );
  writeFileSync(join(webDist, ASSET), `console.log('tasking map');\n`.repeat(200));
  compressDist(webDist);
}

let server: SpawnedServer;
/** Stands for the server's own origin in a table written before the server starts. */
const OWN_ORIGIN = 'own-origin';
let cookie: string;
const OPTIONS = {
  tactics: [
    { id: 'high-visibility-patrol', label: 'High-visibility patrol' },
    { id: 'weapons-sweep', label: 'Weapons sweep' },
  ],
  teams: [{ id: 'theo', label: 'THEO' }],
};
const FORGED = JSON.stringify({ tactics: [{ id: 'forged', label: 'Forged' }], teams: [{ id: 'forged', label: 'Forged' }] });

async function signIn(base: string, headers: Record<string, string> = { 'x-tasking-map': '1' }): Promise<Response> {
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: 'chair', password: 'chair-demo-password' }),
  });
}

const storedOptions = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return JSON.stringify(db.prepare('SELECT * FROM tasking_options ORDER BY 1').all());
  } finally {
    db.close();
  }
};
const incidentRows = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM import_batches').pluck().get();
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  writeWebBuild();
  const db = openDatabase(dbPath);
  seedTestAccounts(db, new Date());
  db.close();
  server = await spawnServer(dbPath, { DEMO_DATA: 'off', COOKIE_SECURE: 'false', WEB_DIST: webDist });
  const res = await signIn(server.baseUrl);
  expect(res.status).toBe(200);
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

describe('requests from another site (cross-site request forgery)', () => {
  const put = (headers: Record<string, string>, body = JSON.stringify(OPTIONS)) =>
    fetch(`${server.baseUrl}/api/tasking-options`, { method: 'PUT', headers: { cookie, ...headers }, body });

  it('our own page changes things: same origin, with its header', async () => {
    const res = await put({ 'content-type': 'application/json', 'x-tasking-map': '1', origin: server.baseUrl, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(storedOptions()).toContain('Weapons sweep');
  });

  it.each([
    ['a text/plain form post (no preflight), no Origin', { 'content-type': 'text/plain' }],
    ['a form post from another site', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    [
      'JSON from another port of this host (SameSite ignores ports)',
      { 'content-type': 'application/json', origin: 'http://127.0.0.1:1', 'x-tasking-map': '1' },
    ],
    ['a same-site page that is not ours', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', 'x-tasking-map': '1' }],
    ['our origin but without the page header', { 'content-type': 'application/json', origin: OWN_ORIGIN, 'sec-fetch-site': 'same-origin' }],
  ] as [string, Record<string, string>][])('refuses %s with 403 and changes nothing', async (_what, headers) => {
    const before = storedOptions();
    const res = await put(headers.origin === OWN_ORIGIN ? { ...headers, origin: server.baseUrl } : headers, FORGED);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('cross_origin');
    expect(body.error.message).toContain('did not come from a Tasking Map page');
    expect(storedOptions()).toBe(before);
  });

  it('refuses a multipart upload from another site and imports nothing', async () => {
    const before = incidentRows();
    const form = new FormData();
    form.append('file', new Blob(['Crime ID,Month\n'], { type: 'text/csv' }), 'street.csv');
    const res = await fetch(`${server.baseUrl}/api/imports/police-uk`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' }, body: form });
    expect(res.status).toBe(403);
    expect(incidentRows()).toBe(before);
  });

  it('refuses a sign-in posted from another site (login CSRF), and sign-out too', async () => {
    expect((await signIn(server.baseUrl, { origin: 'https://evil.example' })).status).toBe(403);
    const out = await fetch(`${server.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(403);
    // The session still works.
    expect((await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
  });

  it('a script with an API token needs no page header (a token is not sent by a browser on its own)', async () => {
    const db = openDatabase(dbPath);
    const token = createApiToken(db, 'chair', 'security-test', new Date());
    db.close();
    const res = await fetch(`${server.baseUrl}/api/tasking-options`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(OPTIONS),
    });
    expect(res.status).toBe(200);
  });

  it('reading is not refused: a GET needs no header', async () => {
    expect((await fetch(`${server.baseUrl}/api/tasking-options`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('headers on every answer', () => {
  it('the page: a strict Content-Security-Policy, no framing, no sniffing, no referrer, revalidated', async () => {
    const res = await fetch(`${server.baseUrl}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    // Plain HTTP: no Strict-Transport-Security (it would lock a browser out of an HTTP-only install).
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('a client-side route gets the page with the same headers', async () => {
    const res = await fetch(`${server.baseUrl}/taskings/12`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(ASSET);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('hashed assets: cached for a year, sent Brotli- or gzip-compressed when the browser takes it', async () => {
    const plain = await fetch(`${server.baseUrl}${ASSET}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    const plainBytes = (await plain.arrayBuffer()).byteLength;
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');

    const br = await fetch(`${server.baseUrl}${ASSET}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')?.toLowerCase()).toContain('accept-encoding');
    expect(await br.text()).toBe(readFileSync(join(webDist, ASSET), 'utf8'));
    const gz = await fetch(`${server.baseUrl}${ASSET}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(readFileSync(join(webDist, `${ASSET}.br`)).byteLength).toBeLessThan(plainBytes / 10);
  });

  it('API answers are never stored by a browser or proxy (a meeting-room screen is shared)', async () => {
    const res = await fetch(`${server.baseUrl}/api/tasking-options`, { headers: { cookie } });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const refused = await fetch(`${server.baseUrl}/api/tasking-options`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});

describe("the server's request log", () => {
  it('writes one JSON line per request on stdout, with its id, and never the password, the session cookie or the token', async () => {
    const signedIn = await signIn(server.baseUrl);
    expect(signedIn.status).toBe(200);
    const session = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const db = openDatabase(dbPath);
    const token = createApiToken(db, 'analyst', 'log-test', new Date());
    db.close();
    const me = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: session } });
    const byToken = await fetch(`${server.baseUrl}/api/imports?limit=5`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'log-test-0001' } });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get('x-request-id')).toBe('log-test-0001');

    const lines = server
      .log()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line['requestId'] === me.headers.get('x-request-id'))).toMatchObject({
      level: 'info',
      route: '/api/auth/me',
      role: 'chair',
      principal: 'user:chair',
      status: 200,
    });
    expect(lines.find((line) => line['requestId'] === 'log-test-0001')).toMatchObject({
      route: '/api/imports',
      query: ['limit'],
      role: 'analyst',
      principal: 'token:log-test',
      status: 200,
      slow: false,
    });
    for (const secret of ['chair-demo-password', session.split('=')[1]!, token]) expect(server.log()).not.toContain(secret);
  });
});

describe('configuration the server refuses to start with', () => {
  const startFails = async (env: Record<string, string>): Promise<string> => {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), DB_PATH: join(dir, 'never.db'), DEMO_DATA: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    return output;
  };

  it('names each bad setting and what to send instead', async () => {
    const output = await startFails({ PUBLIC_ORIGIN: 'tasking.example.gov.uk/map', TLS_CERT: join(dir, 'cert.pem') });
    expect(output).toContain('PUBLIC_ORIGIN');
    expect(output).toContain('expected e.g. https://tasking.example.gov.uk');
    expect(output).toContain('TLS_CERT/TLS_KEY: set both (PEM files) for HTTPS, or neither');
  }, 60_000);
});

describe('HTTPS', () => {
  it('serves over TLS with Strict-Transport-Security when given a certificate and key', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      {
        stdio: 'ignore',
      },
    );
    const tlsServer = await spawnServer(join(dir, 'tls.db'), { DEMO_DATA: 'off', WEB_DIST: webDist, TLS_CERT: cert, TLS_KEY: key }, { ca: readFileSync(cert) });
    try {
      const answer = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((done, fail) => {
        const req = httpsRequest(`${tlsServer.baseUrl}/`, { ca: readFileSync(cert) }, (res) => {
          res.resume();
          done({ status: res.statusCode ?? 0, headers: res.headers });
        });
        req.on('error', fail);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(tlsServer.log()).toContain('Tasking Map on https://127.0.0.1:');
    } finally {
      await tlsServer.stop();
    }
  }, 90_000);
});
