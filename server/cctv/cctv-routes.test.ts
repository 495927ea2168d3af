// Camera positions, view polygons, blind spots and siting are never public (issue 12, Must
// show): every /api/cctv* and camera route in the app's own route table, asked by the public
// role, is refused with 403 and carries no camera or cell in its body. A route added later is
// in the list without editing this file.
import { describe, expect, it } from 'vitest';
import { seededApi } from '../../tests/api-fixture';
import { apiRoutesOf, samplePath } from '../../tests/api-routes';

describe('CCTV and camera routes and the public role', () => {
  it('refuses public every camera and CCTV route, whatever it is sent', async () => {
    const { app, tokens } = await seededApi();
    const routes = apiRoutesOf(app.routes).filter((r) => /^\/api\/(cctv|cameras)|^\/api\/imports\/cameras/.test(r.pattern));
    expect(routes.map((r) => `${r.method} ${r.pattern}`).sort()).toEqual(
      expect.arrayContaining(['GET /api/cameras', 'GET /api/cctv/coverage', 'POST /api/cctv/siting', 'POST /api/imports/cameras']),
    );
    for (const route of routes) {
      const query = route.method === 'GET' ? '?group=violence&from=2026-10-01&to=2026-11-01' : '';
      const body = route.method === 'POST' ? JSON.stringify({ k: 3, group: 'violence', from: '2026-10-01', to: '2026-11-01' }) : undefined;
      const response = await app.request(`${samplePath(route.pattern)}${query}`, {
        method: route.method,
        headers: { authorization: `Bearer ${tokens.public}`, 'content-type': 'application/json' },
        ...(body ? { body } : {}),
      });
      const text = await response.text();
      expect(response.status, `${route.method} ${route.pattern}`).toBe(403);
      expect(text, route.pattern).not.toMatch(/"(cells|features|sites|blindHotspots|lng)"/);
    }
  });
});
