// Shared fixtures for integration tests: a real SQLite database, the real borough from
// ../shared/data, and a helper to store synthetic incidents through the real write path.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createApp } from '../../server/app';
import { areaGeometrySchema, replaceAreas } from '../../server/areas/area-queries';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { loadDemoDataIfEmpty } from '../../server/demo/load-demo-data';

export { storeIncidents } from '../store-incidents';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SHARED_DATA = resolve(REPO_ROOT, '../shared/data');

const featureCollection = z.object({ features: z.array(z.object({ geometry: areaGeometrySchema })).min(1) });

export function readBoroughGeometry() {
  const text = readFileSync(resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson'), 'utf8');
  return featureCollection.parse(JSON.parse(text)).features[0]!.geometry;
}

export function testApp(options: { withBorough: boolean }) {
  const db = openDatabase(':memory:');
  const now = new Date('2026-11-20T09:00:00Z');
  if (options.withBorough) replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: readBoroughGeometry() }], 'test', now);
  const app = createApp({ db, clock: () => now });
  const token = createApiToken(db, 'analyst', 'test', now);
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as T };
  };
  return { db, app, get };
}

/**
 * The demo data as the app loads it into an empty database on `now`, and a GET as an
 * analyst that expects 200: the planted patterns and taskings, read through the API.
 */
export function demoApp(now: Date) {
  const db = openDatabase(':memory:');
  const loaded = loadDemoDataIfEmpty(db, now);
  if (!loaded) throw new Error('the demo data did not load into an empty database');
  const app = createApp({ db, clock: () => now });
  const token = createApiToken(db, 'analyst', 'test', now);
  const get = async <T>(path: string): Promise<T> => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  /** A GET that may be refused: the status and the body, whatever they are. */
  const getAny = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as T };
  };
  return { db, loaded, get, getAny };
}
