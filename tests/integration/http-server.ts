// A real HTTP server around createApp on a SQLite file, for tests that go over the wire
// (concurrent clients, a restart of the server on the same database).
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type CreateAppOptions } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/open-database';

export interface RunningServer {
  url: string;
  db: Db;
  close: () => Promise<void>;
}

export async function startServer(
  dbPath: string,
  clock: () => Date,
  options: Pick<CreateAppOptions, 'maxUploadBytes' | 'uploadTempDir'> = {},
): Promise<RunningServer> {
  const db = openDatabase(dbPath);
  const app = createApp({ db, clock, secureCookies: false, ...options });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          db.close();
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

/** Signs in through the API and returns the session cookie to send. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} answered ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

export interface Client {
  get: <T>(path: string) => Promise<{ status: number; body: T }>;
  send: <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown) => Promise<{ status: number; body: T }>;
}

export function clientOf(url: string, cookie: string | null): Client {
  const headers = (extra: Record<string, string> = {}) => ({ ...(cookie ? { cookie } : {}), ...extra });
  return {
    get: async <T>(path: string) => {
      const res = await fetch(`${url}${path}`, { headers: headers() });
      return { status: res.status, body: (await res.json()) as T };
    },
    send: async <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown) => {
      const res = await fetch(`${url}${path}`, { method, headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}
