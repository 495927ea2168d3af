// GET /api/stop-search/summary and POST /api/imports/stop-search over HTTP (app.request), with the
// figures of the hand-made file worked out by hand; and searchCountsByCell, which the drug-market
// layer reads.
import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { HAND_MADE_ROWS, searchFile, searchLine, STEPNEY, STOP_SEARCH_AREA, WHITECHAPEL } from '../../tests/stop-search-rows';
import { createApp } from '../app';
import { replaceAreas } from '../areas/area-queries';
import { createApiToken } from '../auth/auth-queries';
import { ROLES, type Role } from '../auth/roles';
import { openDatabase } from '../db/open-database';
import { searchCountsByCell } from './stop-search-queries';
import { dayNumber } from '../../geo/time';

const NOW = new Date('2026-11-20T09:00:00Z');

async function setup(rows: readonly string[] = HAND_MADE_ROWS) {
  const db = openDatabase(':memory:');
  replaceAreas(db, 'study-area', [{ code: 'BOX', name: 'Whitechapel and Stepney', geometry: STOP_SEARCH_AREA }], 'test', NOW);
  const app = createApp({ db, clock: () => NOW });
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createApiToken(db, role, `${role} token`, NOW)])) as Record<Role, string>;
  const send = (path: string, role: Role | null, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...init.headers } });
  const imported = await send('/api/imports/stop-search?fileName=hand-made.csv', 'analyst', {
    method: 'POST',
    body: searchFile(rows),
    headers: { 'content-type': 'text/csv' },
  });
  if (imported.status !== 200) throw new Error(`import answered ${imported.status}: ${await imported.text()}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads of a JSON answer checked field by field below
  const get = async (path: string, role: Role = 'chair'): Promise<{ status: number; body: any }> => {
    const res = await send(path, role);
    return { status: res.status, body: await res.json() };
  };
  return { db, send, get };
}

describe('GET /api/stop-search/summary', () => {
  it('gives borough-wide and monthly searches, outcomes and the positive outcome rate, worked out by hand', async () => {
    const { get } = await setup();
    const { status, body } = await get('/api/stop-search/summary?from=2018-06-01&to=2018-08-01');
    expect(status).toBe(200);
    expect(body.meta).toMatchObject({
      from: '2018-06-01',
      to: '2018-08-01',
      object: null,
      positiveOutcomeMeasure: 'outcome-other-than-no-further-action',
      positiveOutcomeLabel: 'outcome other than no further action',
      stored: { firstMonth: '2018-06', lastMonth: '2018-07', searches: 5 },
    });
    // Five searches inside the area: 2 arrests (lines 2-3), 2 no further action (lines 4-5), 1 drugs warning (line 6).
    expect(body.total.searches).toBe(5);
    expect(body.total.outcomes).toMatchObject({ arrest: 2, 'no-further-action': 2, 'drugs-warning': 1, caution: 0 });
    expect(body.total.positiveOutcome).toMatchObject({ positive: 3, of: 5, rate: 0.6 });
    // June: lines 2-4 (2 of 3); July: line 5 (00:30 on 1 July London time) and line 6 (1 of 2).
    expect(
      body.months.map((m: { month: string; searches: number; positiveOutcome: { positive: number } }) => [m.month, m.searches, m.positiveOutcome.positive]),
    ).toEqual([
      ['2018-06', 3, 2],
      ['2018-07', 2, 1],
    ]);
  });

  it('breaks down by object, officer-defined ethnicity, self-defined group and age range, never by place', async () => {
    const { get } = await setup();
    const { body } = await get('/api/stop-search/summary?from=2018-06-01&to=2018-08-01');
    const groups = (list: { group: string; searches: number; positiveOutcome: { positive: number; of: number } }[]) =>
      list.map((g) => [g.group, g.searches, g.positiveOutcome.positive, g.positiveOutcome.of]);
    expect(groups(body.total.byObject)).toEqual([
      ['drugs', 4, 3, 4],
      ['weapons', 1, 0, 1],
    ]);
    expect(groups(body.total.byOfficerDefinedEthnicity)).toEqual([
      ['asian', 3, 3, 3],
      ['black', 1, 0, 1],
      ['white', 1, 0, 1],
    ]);
    expect(groups(body.total.bySelfDefinedEthnicityGroup)).toEqual(groups(body.total.byOfficerDefinedEthnicity));
    expect(groups(body.total.byAgeRange)).toEqual([
      ['10-17', 2, 1, 2],
      ['18-24', 2, 2, 2],
      ['25-34', 1, 0, 1],
    ]);
    // Asian: 3 of 3 against 3 of 5 borough-wide.
    expect(body.total.byOfficerDefinedEthnicity[0].relativeRate).toBeCloseTo(1 / 0.6, 12);
    expect(body.months[1].byAgeRange.map((g: { group: string }) => g.group)).toEqual(['10-17']);
    // Nothing in the answer names a cell or a point.
    expect(JSON.stringify(body)).not.toMatch(/"(cell|cells|lng|lat|h3\w*|point|location)"/);
  });

  it('filters by object of search and counts London days: a window to 1 July leaves out 00:30 on 1 July', async () => {
    const { get } = await setup();
    const drugs = await get('/api/stop-search/summary?from=2018-06-01&to=2018-08-01&object=drugs');
    expect(drugs.body.meta).toMatchObject({ object: 'drugs', objectLabel: 'Controlled drugs' });
    expect([drugs.body.total.searches, drugs.body.total.positiveOutcome.positive, drugs.body.total.positiveOutcome.of]).toEqual([4, 3, 4]);
    const june = await get('/api/stop-search/summary?from=2018-06-01&to=2018-07-01');
    expect(june.body.total.searches).toBe(3);
    expect(june.body.months.map((m: { month: string; partial: boolean }) => [m.month, m.partial])).toEqual([['2018-06', false]]);
  });

  it('uses the linked measure where every search has the link recorded, and says so', async () => {
    const rows = [
      searchLine({
        date: '2019-03-01T12:00:00+00:00',
        at: WHITECHAPEL,
        age: '18-24',
        selfDefined: '',
        officer: 'White',
        object: 'Controlled drugs',
        outcome: 'Arrest',
        linked: 'True',
      }),
      searchLine({
        date: '2019-03-02T12:00:00+00:00',
        at: WHITECHAPEL,
        age: '18-24',
        selfDefined: '',
        officer: 'White',
        object: 'Controlled drugs',
        outcome: 'Arrest',
        linked: 'False',
      }),
      searchLine({
        date: '2019-03-03T12:00:00+00:00',
        at: STEPNEY,
        age: '18-24',
        selfDefined: '',
        officer: 'White',
        object: 'Controlled drugs',
        outcome: 'A no further action disposal',
        linked: 'False',
      }),
    ];
    const { get } = await setup(rows);
    const { body } = await get('/api/stop-search/summary?from=2019-03-01&to=2019-04-01');
    expect(body.meta.positiveOutcomeMeasure).toBe('outcome-linked-to-object-of-search');
    expect(body.total.positiveOutcome).toMatchObject({ measure: 'outcome-linked-to-object-of-search', positive: 1, of: 3 });
    expect(body.total.otherThanNoFurtherAction).toMatchObject({ positive: 2, of: 3 });
    expect(body.months[0].positiveOutcome.measure).toBe('outcome-linked-to-object-of-search');
  });

  it('is for staff: the public role gets 403, anonymous callers 401', async () => {
    const { get, send } = await setup();
    for (const role of ['chair', 'planner', 'analyst'] as const)
      expect((await get('/api/stop-search/summary?from=2018-06-01&to=2018-08-01', role)).status).toBe(200);
    const refused = await get('/api/stop-search/summary?from=2018-06-01&to=2018-08-01', 'public');
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await send('/api/stop-search/summary?from=2018-06-01&to=2018-08-01', null)).status).toBe(401);
  });

  it('names a bad window or object of search', async () => {
    const { get } = await setup();
    expect(await get('/api/stop-search/summary?from=2018-06-01&to=2018-06-01')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_parameter', message: 'to: must be after from (the window is [from, to))' } },
    });
    expect((await get('/api/stop-search/summary?from=2018-06-31&to=2018-07-01')).body.error.message).toBe('from: "2018-06-31" is not a real calendar date');
    expect((await get('/api/stop-search/summary?to=2018-07-01')).body.error.message).toMatch(/^from: from is required; expected YYYY-MM-DD/);
    expect((await get('/api/stop-search/summary?from=2018-06-01&to=2018-07-01&object=cannabis')).body.error.message).toMatch(
      /^object: expected one of drugs, weapons, firearms, /,
    );
  });
});

describe('POST /api/imports/stop-search', () => {
  it('lets analysts only import, and answers with the summary', async () => {
    const { send, db } = await setup();
    for (const role of ['chair', 'planner', 'public'] as const) {
      const res = await send('/api/imports/stop-search', role, { method: 'POST', body: searchFile(HAND_MADE_ROWS), headers: { 'content-type': 'text/csv' } });
      expect(res.status).toBe(403);
    }
    const again = await send('/api/imports/stop-search', 'analyst', {
      method: 'POST',
      body: searchFile(HAND_MADE_ROWS),
      headers: { 'content-type': 'text/csv' },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ summary: { kind: 'stop-search', rowsRead: 7, imported: 0, duplicates: 5 } });
    const bad = await send('/api/imports/stop-search', 'analyst', {
      method: 'POST',
      body: searchFile([HAND_MADE_ROWS[0]!.replace('51.515', 'north')]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: 'import_refused' }, summary: { rejected: 1, rejections: [{ line: 2 }] } });
    expect(Number(db.prepare('SELECT count(*) FROM stop_searches').pluck().get())).toBe(5);
  });
});

describe('searchCountsByCell', () => {
  it('counts searches and both positive outcome measures per cell of the points, and borough-wide', async () => {
    const { db } = await setup();
    const counts = searchCountsByCell(db, { fromDay: dayNumber(2018, 6, 1), toDay: dayNumber(2018, 8, 1), h3Resolution: 9, object: 'drugs' });
    const whitechapel = latLngToCell(WHITECHAPEL[1], WHITECHAPEL[0], 9);
    const stepney = latLngToCell(STEPNEY[1], STEPNEY[0], 9);
    // Drugs: Whitechapel lines 2, 3 (arrests) and 6 (drugs warning); Stepney line 4 (no further action).
    expect(counts.cells.sort((a, b) => b.searches - a.searches)).toEqual([
      { cell: whitechapel, searches: 3, outcomeKnown: 3, positive: 3, linkRecorded: 0, positiveLinked: 0 },
      { cell: stepney, searches: 1, outcomeKnown: 1, positive: 0, linkRecorded: 0, positiveLinked: 0 },
    ]);
    expect(counts.total).toEqual({ searches: 4, outcomeKnown: 4, positive: 3, linkRecorded: 0, positiveLinked: 0 });
    expect(counts.positiveOutcome).toMatchObject({ measure: 'outcome-other-than-no-further-action', rate: 0.75 });
    const all = searchCountsByCell(db, { fromDay: dayNumber(2018, 6, 1), toDay: dayNumber(2018, 8, 1), h3Resolution: 7 });
    expect(all.total.searches).toBe(5);
  });
});
