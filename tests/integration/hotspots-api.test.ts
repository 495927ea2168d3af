// The hotspot engine through HTTP: planted clusters inside the real borough must come out
// as significant, emerging and changed where they were planted, and nowhere they were not.
import { beforeAll, describe, expect, it } from 'vitest';
import { cellAt, cellsWithinDistance } from '../../geo/h3';
import { createAreaTest } from '../../geo/study-area';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import type { IncidentDraft } from '../../geo/types';
import { seededRandom } from '../../geo/seeded-random';
import { readBoroughGeometry, storeIncidents, testApp } from './test-support';

const END = dayNumber(2026, 11, 1);
const WINDOW_DAYS = 28;
const WINDOWS = 12;
const WHITECHAPEL: [number, number] = [-0.0597, 51.5194]; // persistent, every window, 22:00
const POPLAR: [number, number] = [-0.0177, 51.5087]; // emerging: the last three windows
const BOW: [number, number] = [-0.0235, 51.5273]; // new: the last window only

function plantedDrafts(): IncidentDraft[] {
  const random = seededRandom(7);
  const area = createAreaTest(readBoroughGeometry());
  const drafts: IncidentDraft[] = [];
  const add = (day: number, lng: number, lat: number, minute: number) =>
    drafts.push({
      sourceRecordId: null,
      category: 'robbery',
      occurredAt: `${isoDateOfDay(day)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      precision: 'minute',
      lng: Number(lng.toFixed(6)),
      lat: Number(lat.toFixed(6)),
    });
  const cluster = (centre: [number, number], fromWindow: number, perWindow: number, minute: number) => {
    for (let w = fromWindow; w < WINDOWS; w++) {
      for (let i = 0; i < perWindow; i++) {
        const day = END - (WINDOWS - w) * WINDOW_DAYS + Math.floor(random() * WINDOW_DAYS);
        add(day, centre[0] + (random() - 0.5) * 0.0006, centre[1] + (random() - 0.5) * 0.0004, minute);
      }
    }
  };
  // Background: about 600 robberies a window spread over the borough.
  while (drafts.length < 600 * WINDOWS) {
    const lng = -0.08 + random() * 0.09;
    const lat = 51.485 + random() * 0.06;
    if (!area.contains(lng, lat)) continue;
    add(END - WINDOWS * WINDOW_DAYS + Math.floor(random() * WINDOWS * WINDOW_DAYS), lng, lat, Math.floor(random() * 1440));
  }
  cluster(WHITECHAPEL, 0, 40, 22 * 60);
  cluster(POPLAR, WINDOWS - 3, 40, 16 * 60);
  cluster(BOW, WINDOWS - 1, 30, 15 * 60 + 30);
  return drafts;
}

type HotspotBody = {
  cells: { cell: string; z: number | null; bin: number; count: number; rank: number }[];
  meta: Record<string, unknown>;
  summary: { n: number } | null;
};

describe('hotspot API on planted clusters in the real borough', () => {
  const { db, get } = testApp({ withBorough: true });
  const window = `from=${isoDateOfDay(END - WINDOW_DAYS)}&to=${isoDateOfDay(END)}`;
  beforeAll(() => {
    storeIncidents(db, plantedDrafts());
    // Month-only police.uk drugs data, for the precision rule.
    storeIncidents(
      db,
      Array.from({ length: 50 }, () => ({
        sourceRecordId: null,
        category: 'drugs',
        occurredAt: '2026-10',
        precision: 'month' as const,
        lng: -0.05,
        lat: 51.515,
      })),
      'police.uk',
    );
  });

  it('finds every planted cluster as a significant hot spot, and no hot spot anywhere else', async () => {
    const { status, body } = await get<HotspotBody>(`/api/hotspots?categories=robbery&${window}&resolution=9`);
    expect(status).toBe(200);
    const binOf = (p: [number, number]) => body.cells.find((c) => c.cell === cellAt(...p, 9))!.bin;
    for (const planted of [WHITECHAPEL, POPLAR, BOW]) expect(binOf(planted)).toBeGreaterThanOrEqual(2);
    // Gi* with k = 1 lifts a cluster's touching cells too; anything hot beyond them is a false hot spot.
    const nearPlanted = new Set([WHITECHAPEL, POPLAR, BOW].flatMap((p) => cellsWithinDistance(cellAt(...p, 9), 1)));
    const significantHot = body.cells.filter((c) => c.bin >= 2);
    expect(significantHot.length).toBeGreaterThanOrEqual(3);
    expect(significantHot.filter((c) => !nearPlanted.has(c.cell))).toEqual([]);
    expect(body.cells.filter((c) => c.bin <= -2)).toEqual([]);
    // Every study cell is scored, zeros included, and ranked by z.
    expect(body.summary!.n).toBe(body.cells.length);
    expect(body.cells.length).toBeGreaterThan(250);
    expect(body.cells.map((c) => c.rank)).toEqual(body.cells.map((_, i) => i + 1));
  });

  it('weights by harm when asked and says which index it used', async () => {
    const { body } = await get<HotspotBody>(`/api/hotspots?categories=robbery&${window}&method=harm`);
    expect(body.meta.harm).toMatchObject({
      index: { name: 'ONS Crime Severity Score weights' },
      weighted: [{ category: 'robbery', weight: 799.63 }],
      proactive: { categories: [] },
    });
    expect(body.cells[0]!.z).toBeGreaterThan(3);
  });

  it('classifies emerging patterns: persistent, consecutive and new where planted', async () => {
    const { status, body } = await get<{ cells: { cell: string; pattern: string; side: string }[]; windows: unknown[] }>(
      `/api/hotspots/emerging?categories=robbery&to=${isoDateOfDay(END)}&windows=${WINDOWS}&windowDays=${WINDOW_DAYS}`,
    );
    expect(status).toBe(200);
    expect(body.windows).toHaveLength(WINDOWS);
    const patternOf = (p: [number, number]) => body.cells.find((c) => c.cell === cellAt(...p, 9));
    expect(patternOf(WHITECHAPEL)).toMatchObject({ side: 'hot', pattern: expect.stringMatching(/^(persistent|intensifying|diminishing)$/) });
    expect(patternOf(POPLAR)).toMatchObject({ side: 'hot', pattern: 'consecutive' });
    expect(patternOf(BOW)).toMatchObject({ side: 'hot', pattern: 'new' });
  });

  it('flags a significant rise against the four preceding windows', async () => {
    const { body } = await get<{ cells: { cell: string; direction: number; count: number }[]; baseline: unknown[] }>(
      `/api/hotspots/change?categories=robbery&${window}`,
    );
    expect(body.baseline).toHaveLength(4);
    expect(body.cells.find((c) => c.cell === cellAt(...BOW, 9))).toMatchObject({ direction: 1 });
    expect(body.cells.find((c) => c.cell === cellAt(...WHITECHAPEL, 9))).toMatchObject({ direction: 0 });
  });

  it('profiles a cell by hour and weekday, and says what had no time', async () => {
    const cell = cellAt(...WHITECHAPEL, 10);
    const { body } = await get<{ hourByWeekday: number[][]; excludedWithoutTime: number; total: number }>(
      `/api/profile?cells=${cell}&categories=robbery&from=${isoDateOfDay(END - 365)}&to=${isoDateOfDay(END)}`,
    );
    const byHour = Array.from({ length: 24 }, (_, h) => body.hourByWeekday.reduce((sum, day) => sum + day[h]!, 0));
    expect(byHour.indexOf(Math.max(...byHour))).toBe(22);
    const drugs = await get<{ excludedWithoutTime: number; note: string }>(
      `/api/profile?cells=${cellAt(-0.05, 51.515, 9)}&categories=drugs&from=2026-10-01&to=2026-11-01`,
    );
    expect(drugs.body.excludedWithoutTime).toBe(50);
    expect(drugs.body.note).toContain('no time of day');
  });

  it('says a time filter leaves nothing of month-only data, rather than that there are no incidents', async () => {
    const filtered = await get<{ error: { code: string; message: string } }>(`/api/hotspots?categories=drugs&from=2026-10-01&to=2026-11-01&hours=15-18`);
    expect(filtered.status).toBe(422);
    expect(filtered.body.error).toEqual({
      code: 'filter_needs_times',
      message: expect.stringMatching(/^All 50 incidents of these categories in this window are known only to the month/),
    });
  });

  it('refuses a day window over month-only data, and accepts whole months', async () => {
    const refused = await get<{ error: { code: string; message: string } }>(`/api/hotspots?categories=drugs&${window}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('window_finer_than_data');
    expect((await get(`/api/hotspots?categories=drugs&from=2026-10-01&to=2026-11-01`)).status).toBe(200);
  });

  it('filters by London hour and weekday, and reports what month-only data the filter cannot judge', async () => {
    type CellsBody = {
      cells: { cell: string; count: number }[];
      meta: { totalCount: number; timeFilter: { withoutNeededTime: number; note: string | null } | null };
    };
    const whitechapel = cellAt(...WHITECHAPEL, 9);
    const all = await get<CellsBody>(`/api/cells?categories=robbery&${window}`);
    const night = await get<CellsBody>(`/api/cells?categories=robbery&${window}&hours=22-23`);
    const morning = await get<CellsBody>(`/api/cells?categories=robbery&${window}&hours=8-11`);
    const countIn = (body: CellsBody) => body.cells.find((c) => c.cell === whitechapel)?.count ?? 0;
    // The Whitechapel cluster happens at 22:00: all of it in the night filter, none in the morning.
    expect(countIn(night.body)).toBeGreaterThanOrEqual(40);
    expect(countIn(morning.body)).toBeLessThan(5);
    expect(countIn(all.body)).toBeGreaterThanOrEqual(countIn(night.body) + countIn(morning.body));
    expect(night.body.meta.timeFilter).toMatchObject({ withoutNeededTime: 0, note: null });
    expect(all.body.meta.timeFilter).toBeNull();

    const drugs = await get<CellsBody>('/api/cells?categories=drugs&from=2026-10-01&to=2026-11-01&hours=8-11');
    expect(drugs.body.meta.totalCount).toBe(0);
    expect(drugs.body.meta.timeFilter).toMatchObject({ withoutNeededTime: 50, note: expect.stringContaining('police.uk data is monthly') });
    const hotspots = await get<{ meta: { timeFilter: { withoutNeededTime: number } } }>(`/api/hotspots?categories=robbery,drugs&${window}&weekdays=mon-fri`);
    expect(hotspots.status).toBe(200);

    const bad = await get<{ error: { message: string } }>(`/api/cells?categories=robbery&${window}&hours=25-3`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('hours: "25-3" is not an hour range');
  });

  it('explains impossible parameters', async () => {
    const k = await get<{ error: { message: string } }>(`/api/hotspots?categories=robbery&${window}&k=9`);
    expect(k.status).toBe(400);
    expect(k.body.error.message).toContain('k: expected 1..5');
    const correction = await get<{ error: { message: string } }>(`/api/hotspots?categories=robbery&${window}&correction=bonferroni`);
    expect(correction.body.error.message).toContain('correction: expected one of fdr, holm, none');
  });
});

describe('hotspot API without a study area', () => {
  it('says how to import one', async () => {
    const { get } = testApp({ withBorough: false });
    const res = await get<{ error: { code: string; message: string } }>('/api/hotspots?categories=robbery&from=2026-10-01&to=2026-11-01');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('npm run import -- study-area');
  });
});
