// Forecast and backtest through HTTP on the real police.uk robbery points.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDraft } from '../../geo/types';
import { SHARED_DATA, storeIncidents, testApp } from './test-support';

/** The 4-column street points file, read independently of our importer. */
function realRobberies(): IncidentDraft[] {
  const text = gunzipSync(readFileSync(resolve(SHARED_DATA, 'crime/tower_hamlets_street_points_2018-02_2019-12_excl_violence_asb.csv.gz'))).toString('utf8');
  const [header, ...rows] = text.trim().split('\n');
  expect(header).toBe('Month,Longitude,Latitude,Crime type');
  return rows
    .map((row) => row.split(','))
    .filter((cols) => cols[3] === 'Robbery')
    .map(([month, lng, lat]) => ({
      sourceRecordId: null,
      category: 'robbery',
      occurredAt: month!,
      precision: 'month' as const,
      lng: Number(lng),
      lat: Number(lat),
    }));
}

type ForecastBody = {
  window: { from: string; to: string };
  historyWindows: { from: string; to: string };
  cells: { cell: string; score: number; rank: number }[];
  tuning: { kind: string };
};
type BacktestBody = { methods: { id: string; summary: { coverage: number; pai: number }[] }[]; headline: string; scoredFrom: string };

describe('forecast and backtest API on real police.uk robbery', () => {
  const { db, get } = testApp({ withBorough: true });
  beforeAll(() => storeIncidents(db, realRobberies(), 'police.uk'));

  it('ranks every study cell for the month starting at asOf, from history before it', async () => {
    const { status, body } = await get<ForecastBody>('/api/forecast?categories=robbery&asOf=2019-12-01&horizon=month&resolution=9');
    expect(status).toBe(200);
    expect(body.window).toEqual({ from: '2019-12-01', to: '2020-01-01' });
    expect(body.historyWindows).toEqual({ from: '2018-02-01', to: '2019-12-01' });
    expect(body.cells).toHaveLength(260);
    expect(body.cells.map((c) => c.rank)).toEqual(body.cells.map((_, i) => i + 1));
    expect(body.cells[0]!.score).toBeGreaterThan(body.cells[259]!.score);
  });

  it('never reads the window it forecasts: later incidents do not change the scores', async () => {
    const before = await get<ForecastBody>('/api/forecast?categories=robbery&asOf=2019-06-01');
    const coldCell = before.body.cells.at(-1)!;
    storeIncidents(
      db,
      Array.from({ length: 500 }, () => ({
        sourceRecordId: null,
        category: 'robbery',
        occurredAt: '2019-06',
        precision: 'month' as const,
        lng: -0.0199,
        lat: 51.5049,
      })),
      'flood',
    );
    const after = await get<ForecastBody>('/api/forecast?categories=robbery&asOf=2019-06-01');
    expect(after.body.cells).toEqual(before.body.cells);
    expect(coldCell.rank).toBe(260);
  });

  it('backtests every method with a rolling origin and beats last month by 1.2x at 5% of the area', async () => {
    const { status, body } = await get<BacktestBody>('/api/backtest?categories=robbery&to=2020-01-01&windows=23&trainingWindows=12&horizon=month');
    expect(status).toBe(200);
    expect(body.scoredFrom).toBe('2019-02-01');
    const paiAt5 = (id: string) => body.methods.find((m) => m.id === id)!.summary.find((s) => s.coverage === 0.05)!.pai;
    expect(body.methods.map((m) => m.id)).toEqual(
      expect.arrayContaining(['previous', 'counts-3', 'counts-6', 'counts-12', 'gistar', 'kernel', 'decayed', 'ours']),
    );
    expect(paiAt5('ours') / paiAt5('previous')).toBeGreaterThanOrEqual(1.2);
    expect(paiAt5('ours')).toBeGreaterThanOrEqual(Math.max(paiAt5('counts-3'), paiAt5('counts-6'), paiAt5('counts-12')) * 0.98);
    expect(body.headline).toMatch(/^On average, last month's top 5% of cells caught \d+% of the next month's incidents; the forecast's top 5% caught \d+%/);
  });

  it('refuses windows finer than monthly data', async () => {
    const mid = await get<{ error: { code: string; message: string } }>('/api/forecast?categories=robbery&asOf=2019-12-15');
    expect(mid.status).toBe(400);
    expect(mid.body.error.message).toContain('a monthly forecast must start on the first of a month');
    const weekly = await get<{ error: { code: string } }>('/api/forecast?categories=robbery&asOf=2019-12-01&horizon=week');
    expect(weekly.body.error.code).toBe('window_finer_than_data');
  });

  it('says when there is too little history', async () => {
    const res = await get<{ error: { message: string } }>('/api/backtest?categories=robbery&to=2018-09-01&windows=24&trainingWindows=12');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('needs more');
  });
});
