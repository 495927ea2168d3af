// GET /api/taskings/:id/results on data built so the counts are known by construction:
// every incident is placed in a cell chosen for it (response, buffer or control), on a day
// chosen for it (before or during). The expected WDQ, RES and interval are worked by hand.
import { beforeEach, describe, expect, it } from 'vitest';
import { cellAt, cellCentre, cellsWithinDistance } from '../../geo/h3';
import { seededRandom } from '../../geo/seeded-random';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import type { IncidentDraft } from '../../geo/types';
import { createApiToken, seedDemoAccounts } from '../../server/auth/auth-queries';
import { storeIncidents, testApp } from './test-support';

const NOW = new Date('2026-11-20T09:00:00Z');
const TODAY = dayNumber(2026, 11, 20);
const START = TODAY - 28;
const HOT_CELL = cellAt(-0.0597, 51.5194, 9);
const RESPONSE = cellsWithinDistance(HOT_CELL, 1).sort();
const BUFFER = cellsWithinDistance(HOT_CELL, 2).filter((c) => !RESPONSE.includes(c));
/** Control cells: well away from the tasking, inside the borough (around Mile End and Poplar). */
const CONTROL = [cellAt(-0.0331, 51.5252, 9), cellAt(-0.0175, 51.5075, 9), cellAt(-0.04, 51.514, 9)];

interface Results {
  periods: { unit: string; before: { from: string; to: string; days: number }; during: { from: string; to: string; days: number }; compared: string } | null;
  areas: { response: { cells: number }; buffer: { cells: number; rings: number }; control: { cells: number } };
  counts: { response: { before: number; during: number }; buffer: { before: number; during: number }; control: { before: number; during: number } } | null;
  wdq: number | null;
  wdqReading: { code: string | null; text: string };
  successMeasure: number | null;
  res: { value: number | null; low: number | null; high: number | null; reason: string | null };
  verdict: { code: string; text: string };
  summary: string;
  timeBands: { applied: boolean; note: string | null };
  notes: string[];
  dosage: { plannedVisits: number | null; deliveredVisits: number; koperShare: number | null };
}

function setup() {
  const { db, app } = testApp({ withBorough: true });
  seedDemoAccounts(db, NOW);
  const analyst = createApiToken(db, 'analyst', 'results test', NOW);
  const random = seededRandom(81);
  const drafts: IncidentDraft[] = [];
  /** `n` incidents of a category in the given cells (centres jittered a few metres), on random days back in [fromBack, toBack). */
  const place = (n: number, category: string, cells: readonly string[], fromBack: number, toBack: number, hour?: number) => {
    for (let k = 0; k < n; k++) {
      const cell = cells[k % cells.length]!;
      const [lng, lat] = cellCentre(cell);
      const daysBack = fromBack + Math.floor(random() * (toBack - fromBack));
      const minute = hour === undefined ? Math.floor(random() * 1440) : hour * 60 + Math.floor(random() * 60);
      const point = { lng: lng + (random() - 0.5) * 0.0002, lat: lat + (random() - 0.5) * 0.0001 };
      if (cellAt(point.lng, point.lat, 9) !== cell) throw new Error('jitter left the cell');
      drafts.push({
        sourceRecordId: `R-${drafts.length}`,
        category,
        occurredAt: `${isoDateOfDay(TODAY - daysBack)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
        precision: 'minute',
        ...point,
      });
    }
  };
  const send = async <T>(method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const createTasking = async (extra: Record<string, unknown> = {}) => {
    const res = await send<{ tasking: { id: number } }>('POST', '/api/taskings', {
      title: 'Results test',
      theme: 'robbery',
      problem: 'planted',
      cells: RESPONSE,
      startDate: isoDateOfDay(START),
      reviewDate: isoDateOfDay(TODAY),
      objective: 'test',
      tactics: ['high-visibility-patrol'],
      team: 'theo',
      owner: 'analyst',
      status: 'active',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body.tasking.id;
  };
  return { db, place, drafts, send, createTasking };
}

describe('tasking results', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('counts the response area, buffer and control before and during, and reads them by hand-worked figures', async () => {
    // Before = the 28 days before the start (days 29-56 back); during = days 1-28 back.
    t.place(40, 'robbery', RESPONSE, 29, 57);
    t.place(20, 'robbery', RESPONSE, 1, 29);
    t.place(10, 'robbery', BUFFER, 29, 57);
    t.place(25, 'robbery', BUFFER, 1, 29);
    t.place(200, 'robbery', CONTROL, 29, 57);
    t.place(200, 'robbery', CONTROL, 1, 29);
    // Another theme in the same cells must not count.
    t.place(30, 'burglary', RESPONSE, 1, 57);
    storeIncidents(t.db, t.drafts);
    const id = await t.createTasking();
    const { status, body } = await t.send<Results>('GET', `/api/taskings/${id}/results`);
    expect(status).toBe(200);
    expect(body.periods).toMatchObject({
      unit: 'days',
      before: { from: isoDateOfDay(START - 28), to: isoDateOfDay(START), days: 28 },
      during: { from: isoDateOfDay(START), to: isoDateOfDay(TODAY), days: 28 },
    });
    expect(body.areas).toMatchObject({ response: { cells: 7 }, buffer: { cells: 12, rings: 1 } });
    expect(body.counts).toEqual({ response: { before: 40, during: 20 }, buffer: { before: 10, during: 25 }, control: { before: 200, during: 200 } });
    // WDQ = (25/200 - 10/200) / (20/200 - 40/200) = 0.075 / -0.1 = -0.75.
    expect(body.wdq).toBeCloseTo(-0.75, 12);
    expect(body.successMeasure).toBeCloseTo(-0.1, 12);
    // RES = (40 x 200) / (20 x 200) = 2; sd(ln RES) = sqrt(1/40 + 1/20 + 2/200) = 0.29155.
    expect(body.res.value).toBeCloseTo(2, 12);
    expect(body.res.low).toBeCloseTo(1.129443, 5);
    expect(body.res.high).toBeCloseTo(3.541569, 5);
    expect(body.verdict.code).toBe('improved');
    // The buffer: 25 of its 35 during, where the control's even split expects 17.5 (p = 0.0167).
    expect(body.wdqReading.code).toBe('displacement');
    expect(body.summary).toBe('Robbery down 50% here (control flat); buffer up 150%: displacement');
  });

  it('takes more buffer rings and a named control area when asked', async () => {
    t.place(40, 'robbery', RESPONSE, 29, 57);
    t.place(20, 'robbery', RESPONSE, 1, 29);
    storeIncidents(t.db, t.drafts);
    const id = await t.createTasking();
    const wider = await t.send<Results>('GET', `/api/taskings/${id}/results?bufferRings=2`);
    expect(wider.body.areas.buffer).toEqual({ cells: 12 + 18, rings: 2 });
    const noWard = await t.send<{ error: { message: string } }>('GET', `/api/taskings/${id}/results?controlArea=ward:E99999999`);
    expect(noWard.status).toBe(400);
    expect(noWard.body.error.message).toContain('there is no ward with code E99999999');
    const badRings = await t.send<{ error: { message: string } }>('GET', `/api/taskings/${id}/results?bufferRings=9`);
    expect(badRings.body.error.message).toBe('bufferRings: expected 1..3');
  });

  it('says "too few incidents to judge" below 10 in the response area before', async () => {
    t.place(9, 'robbery', RESPONSE, 29, 57);
    t.place(2, 'robbery', RESPONSE, 1, 29);
    t.place(100, 'robbery', CONTROL, 1, 57);
    storeIncidents(t.db, t.drafts);
    const body = (await t.send<Results>('GET', `/api/taskings/${await t.createTasking()}/results`)).body;
    expect(body.verdict.code).toBe('too-few');
    expect(body.summary).toBe('Too few incidents to judge');
    expect(body.counts?.response).toEqual({ before: 9, during: 2 });
  });

  it('gives null with the reason, not NaN, when the response area is empty during', async () => {
    t.place(30, 'robbery', RESPONSE, 29, 57);
    t.place(100, 'robbery', CONTROL, 1, 57);
    storeIncidents(t.db, t.drafts);
    const body = (await t.send<Results>('GET', `/api/taskings/${await t.createTasking()}/results`)).body;
    expect(body.res).toEqual({ value: null, low: null, high: null, reason: expect.stringContaining('the response area during') });
    expect(body.verdict.code).toBe('cannot-judge');
  });

  it('counts only incidents inside the time bands when every incident has a time', async () => {
    t.place(30, 'robbery', RESPONSE, 29, 57, 16); // 16:00-16:59: inside 15-18
    t.place(12, 'robbery', RESPONSE, 29, 57, 2); // 02:00: outside
    t.place(10, 'robbery', RESPONSE, 1, 29, 16);
    t.place(100, 'robbery', CONTROL, 1, 57, 17);
    storeIncidents(t.db, t.drafts);
    const id = await t.createTasking({ timeBands: [{ hours: '15-18' }] });
    const body = (await t.send<Results>('GET', `/api/taskings/${id}/results`)).body;
    expect(body.timeBands.applied).toBe(true);
    expect(body.counts?.response).toEqual({ before: 30, during: 10 });
  });

  it('compares whole months when the data is known only to the month, and does not apply hour bands', async () => {
    // police.uk-style rows: month only. The tasking starts 2026-09-10, so Sep 2026 is in neither period.
    const month = (m: string, n: number, cells: readonly string[]) => {
      for (let k = 0; k < n; k++) {
        const [lng, lat] = cellCentre(cells[k % cells.length]!);
        t.drafts.push({ sourceRecordId: null, category: 'robbery', occurredAt: m, precision: 'month', lng, lat });
      }
    };
    month('2026-07', 30, RESPONSE);
    month('2026-08', 26, RESPONSE);
    month('2026-09', 50, RESPONSE);
    month('2026-10', 12, RESPONSE);
    for (const m of ['2026-07', '2026-08', '2026-09', '2026-10']) month(m, 80, CONTROL);
    storeIncidents(t.db, t.drafts, 'police.uk');
    const id = await t.createTasking({ startDate: '2026-09-10', reviewDate: '2026-11-20', timeBands: [{ hours: '15-18' }] });
    const body = (await t.send<Results>('GET', `/api/taskings/${id}/results`)).body;
    // Data ends with October: during = October only, before = August only.
    expect(body.periods).toMatchObject({ unit: 'months', during: { from: '2026-10-01', to: '2026-11-01' }, before: { from: '2026-08-01', to: '2026-09-01' } });
    expect(body.periods?.compared).toContain('Sep 2026, when the tasking started, is in neither');
    expect(body.counts?.response).toEqual({ before: 26, during: 12 });
    expect(body.timeBands.applied).toBe(false);
    expect(body.timeBands.note).toContain('not applied');
  });

  it('says it is too early before a day of the tasking has passed', async () => {
    t.place(30, 'robbery', RESPONSE, 1, 57);
    storeIncidents(t.db, t.drafts);
    const id = await t.createTasking({ startDate: isoDateOfDay(TODAY), reviewDate: isoDateOfDay(TODAY + 28) });
    const body = (await t.send<Results>('GET', `/api/taskings/${id}/results`)).body;
    expect(body.verdict.code).toBe('too-early');
    expect(body.counts).toBeNull();
  });

  it('notes regression to the mean when the tasking was made on a short peak', async () => {
    // A quiet year (12 incidents) then 20 in the 28 days before tasking.
    t.place(12, 'robbery', RESPONSE, 57, 400);
    t.place(20, 'robbery', RESPONSE, 29, 57);
    t.place(8, 'robbery', RESPONSE, 1, 29);
    t.place(200, 'robbery', CONTROL, 1, 400);
    storeIncidents(t.db, t.drafts);
    const id = await t.createTasking({ evidence: { from: isoDateOfDay(START - 28), to: isoDateOfDay(START) } });
    const body = (await t.send<Results>('GET', `/api/taskings/${id}/results`)).body;
    expect(body.notes.join(' ')).toContain('regression to the mean');
  });

  it('reads a monthly evidence window against the twelve whole months before it', async () => {
    // police.uk-style months: 10 a month for a year, then 15 in the evidence month. Against
    // twelve whole months (10.2 per 31 days) that is 1.47 times: no peak note. Counting only
    // the 11 months wholly inside 364 days would make it 1.6 and a peak.
    const month = (m: string, n: number, cells: readonly string[]) => {
      for (let k = 0; k < n; k++) {
        const [lng, lat] = cellCentre(cells[k % cells.length]!);
        t.drafts.push({ sourceRecordId: null, category: 'robbery', occurredAt: m, precision: 'month', lng, lat });
      }
    };
    for (let m = 1; m <= 12; m++) month(`2025-${String(m).padStart(2, '0')}`, 10, RESPONSE);
    month('2026-01', 15, RESPONSE);
    month('2026-02', 9, RESPONSE);
    for (let m = 1; m <= 12; m++) month(`2025-${String(m).padStart(2, '0')}`, 50, CONTROL);
    month('2026-01', 50, CONTROL);
    month('2026-02', 50, CONTROL);
    storeIncidents(t.db, t.drafts, 'police.uk');
    const id = await t.createTasking({ startDate: '2026-02-01', reviewDate: '2026-03-01', evidence: { from: '2026-01-01', to: '2026-02-01' } });
    const body = (await t.send<Results>('GET', `/api/taskings/${id}/results`)).body;
    expect(body.periods).toMatchObject({ unit: 'months', during: { from: '2026-02-01' }, before: { from: '2026-01-01' } });
    expect(body.notes.join(' ')).not.toContain('regression to the mean');
  });
});
