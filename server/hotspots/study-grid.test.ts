// The study-area cell limit (issue 10): a London-sized study area at resolution 10 is refused
// with 413 and a way out, before its cells are listed; a coarser resolution answers.
import { describe, expect, it } from 'vitest';
import { box, FIXTURE_NOW, seededApi } from '../../tests/api-fixture';
import { replaceAreas } from '../areas/area-queries';
import { MAX_STUDY_CELLS } from './study-grid';

describe('study cells per request', () => {
  it.each([
    ['a London-sized area (about 40 x 35 km)', box(-0.5, 51.3, 0.3, 51.65)],
    ['a one-degree box', box(-1, 51, 0, 52)],
  ])('refuses %s at resolution 10 with 413 and says what to choose instead', async (_what, geometry) => {
    const { app, db, tokens } = await seededApi();
    replaceAreas(db, 'study-area', [{ code: 'big', name: 'Big', geometry }], 'test', FIXTURE_NOW);
    const res = await app.request('/api/hotspots?group=robbery&from=2026-08-01&to=2026-11-01&resolution=10', {
      headers: { authorization: `Bearer ${tokens.analyst}` },
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_cells');
    expect(body.error.message).toMatch(/covers about [\d,]+ H3 cells at resolution 10; statistics run over at most 50,000/);
    expect(body.error.message).toContain('Choose resolution 9 or coarser');
    expect(MAX_STUDY_CELLS).toBe(50_000);
  });

  it('answers the London-sized area at resolution 9', async () => {
    const { app, db, tokens } = await seededApi();
    replaceAreas(db, 'study-area', [{ code: 'big', name: 'Big', geometry: box(-0.5, 51.3, 0.3, 51.65) }], 'test', FIXTURE_NOW);
    const res = await app.request('/api/hotspots?group=robbery&from=2026-08-01&to=2026-11-01&resolution=9', {
      headers: { authorization: `Bearer ${tokens.analyst}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cells: unknown[] }).cells.length).toBeGreaterThan(20_000);
  });
});
