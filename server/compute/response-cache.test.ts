// The statistics answers cache (decision 022) through the real app on SQLite: identical
// requests within one data version share one answer and ETag, an import or a new study area
// makes a new one, refusals are never kept.
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { seededApi, FIXTURE_NOW } from '../../tests/api-fixture';
import { storeIncidents } from '../../tests/store-incidents';
import { replaceAreas } from '../areas/area-queries';
import { createResponseCache } from './response-cache';

const CELLS = '/api/cells?group=robbery&from=2026-08-01&to=2026-11-20&resolution=9';

describe('answers kept per data version', () => {
  it('answers an identical request with the same body and ETag, whatever the order of its parameters, and 304 to If-None-Match', async () => {
    const { app, tokens } = await seededApi();
    const auth = { authorization: `Bearer ${tokens.analyst}` };
    const first = await app.request(CELLS, { headers: auth });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const body = await first.text();

    const reordered = await app.request('/api/cells?resolution=9&to=2026-11-20&from=2026-08-01&group=robbery', { headers: auth });
    expect(reordered.headers.get('etag')).toBe(etag);
    expect(await reordered.text()).toBe(body);
    expect(reordered.headers.get('cache-control')).toBe('no-store');

    const unchanged = await app.request(CELLS, { headers: { ...auth, 'if-none-match': etag! } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    const other = await app.request(CELLS.replace('resolution=9', 'resolution=8'), { headers: auth });
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('answers anew after an import and after a new study area', async () => {
    const { app, db, tokens } = await seededApi();
    const auth = { authorization: `Bearer ${tokens.analyst}` };
    const before = await app.request(CELLS, { headers: auth });
    const beforeBody = (await before.json()) as { meta: { totalCount: number } };

    storeIncidents(db, [{ sourceRecordId: 'NEW-1', category: 'robbery', occurredAt: '2026-11-01T20:00', precision: 'minute', lng: -0.06, lat: 51.519 }]);
    const after = await app.request(CELLS, { headers: { ...auth, 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(((await after.json()) as { meta: { totalCount: number } }).meta.totalCount).toBe(beforeBody.meta.totalCount + 1);

    const hotspots = '/api/hotspots?group=robbery&from=2026-08-01&to=2026-11-01&resolution=9';
    const hotResponse = await app.request(hotspots, { headers: auth });
    const hotBefore = (await hotResponse.json()) as { cells: unknown[] };
    expect(hotResponse.status, JSON.stringify(hotBefore)).toBe(200);
    const smaller: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [-0.07, 51.51],
          [-0.05, 51.51],
          [-0.05, 51.525],
          [-0.07, 51.525],
          [-0.07, 51.51],
        ],
      ],
    };
    replaceAreas(db, 'study-area', [{ code: 'small', name: 'Smaller box', geometry: smaller }], 'test', FIXTURE_NOW);
    const hotAfter = (await (await app.request(hotspots, { headers: auth })).json()) as { cells: unknown[] };
    expect(hotAfter.cells.length).toBeLessThan(hotBefore.cells.length);
  });

  it('never keeps a refusal', async () => {
    const { app, tokens } = await seededApi();
    const auth = { authorization: `Bearer ${tokens.analyst}` };
    const refused = await app.request('/api/hotspots/emerging?group=robbery&to=2026-11-20&windows=2', { headers: auth });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('etag')).toBeNull();
  });
});

describe('kept answers on the wire', () => {
  it('sends a kept answer gzip-compressed to a client that takes gzip, the same JSON either way', async () => {
    const { app, tokens } = await seededApi();
    const auth = { authorization: `Bearer ${tokens.analyst}` };
    const url = '/api/cells?group=all&from=2026-08-01&to=2026-11-20&resolution=10';
    const plain = await app.request(url, { headers: auth });
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(2048);
    const zipped = await app.request(url, { headers: { ...auth, 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(text.length / 3);
    expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    const again = await app.request(url, { headers: auth });
    expect(again.headers.get('content-encoding')).toBeNull();
    expect(await again.text()).toBe(text);
  });
});

describe('a cache that keeps nothing (benchmarks of the computation)', () => {
  it('computes every answer afresh with keep: false, and once with keep: true', async () => {
    const countCalls = async (keep: boolean) => {
      const cache = createResponseCache({ keep });
      let produced = 0;
      const app = new Hono().get('/x', (c) => cache.answer(c, 'v1', async () => (produced++, c.json({ produced }))));
      for (let i = 0; i < 3; i++) expect((await app.request('/x')).status).toBe(200);
      return produced;
    };
    expect(await countCalls(false)).toBe(3);
    expect(await countCalls(true)).toBe(1);
  });
});
