// Taskings through real HTTP on a real SQLite file (issue 8, "Must show"): create, read,
// list, edit, decide, log visits; two clients editing the same version; the audit trail; a
// restart of the server; and every bad input refused with a 400 that names the field, with
// nothing stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { polygonToCells } from 'h3-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cellAt, cellsWithinDistance } from '../../geo/h3';
import { seededRandom } from '../../geo/seeded-random';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import type { IncidentDraft } from '../../geo/types';
import { replaceAreas } from '../../server/areas/area-queries';
import { seedTestAccounts } from '../../server/auth/auth-queries';
import { openDatabase, type Db } from '../../server/db/open-database';
import { clientOf, signIn, startServer, type Client, type RunningServer } from './http-server';
import { readBoroughGeometry, storeIncidents } from './test-support';

const NOW = new Date('2026-11-20T09:00:00Z');
const TODAY = dayNumber(2026, 11, 20);
const HOT: [number, number] = [-0.0597, 51.5194];
const HOT_CELL = cellAt(HOT[0], HOT[1], 9);
const AREA = cellsWithinDistance(HOT_CELL, 1).sort();

interface Tasking {
  id: number;
  title: string;
  version: number;
  status: string;
  cells: string[];
  resolution: number;
  reviewDate: string;
  endDate: string | null;
  team: string;
  owner: string;
  plannedDosage: { visitsPerDay: number; minutesPerVisit: number } | null;
  evidence: { total: number; hotCells: number; window: { from: string; to: string }; cells: { cell: string; count: number; bin: number | null }[] };
  warnings: string[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[]; current?: Tasking };
}
interface HistoryBody {
  events: { at: string; user: { id: string; name: string }; action: string; changes: Record<string, { before: unknown; after: unknown }>; version: number }[];
}

function seed(db: Db) {
  seedTestAccounts(db, NOW);
  replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: readBoroughGeometry() }], 'test', NOW);
  const random = seededRandom(8);
  const drafts: IncidentDraft[] = [];
  const add = (category: string, [lng, lat]: [number, number], jitter: number, daysBack: number) => {
    const minute = Math.floor(random() * 1440);
    drafts.push({
      sourceRecordId: `T-${drafts.length}`,
      category,
      occurredAt: `${isoDateOfDay(TODAY - daysBack)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      precision: 'minute',
      lng: lng + (random() - 0.5) * jitter,
      lat: lat + (random() - 0.5) * jitter * 0.6,
    });
  };
  for (let k = 0; k < 40; k++) add('robbery', HOT, 0.0008, 1 + Math.floor(random() * 27));
  for (let k = 0; k < 300; k++) add('robbery', [-0.075 + random() * 0.08, 51.49 + random() * 0.05], 0, 1 + Math.floor(random() * 90));
  storeIncidents(db, drafts);
}

const validBody = () => ({
  title: 'Whitechapel robbery after school',
  theme: 'robbery',
  problem: 'Gi* 99% hot cluster, 40 robberies in 28 days',
  cells: AREA,
  timeBands: [{ weekdays: 'mon-fri', hours: '15-18' }],
  startDate: '2026-11-20',
  reviewDate: '2026-12-18',
  objective: 'Cut after-school robbery around the station',
  tactics: ['high-visibility-patrol', 'youth-outreach'],
  team: 'theo',
  owner: 'chair',
  plannedDosage: { visitsPerDay: 2, minutesPerVisit: 15 },
  status: 'active',
});

function storedRows(db: Db) {
  return {
    taskings: Number(db.prepare('SELECT count(*) FROM taskings').pluck().get()),
    events: Number(db.prepare('SELECT count(*) FROM tasking_events').pluck().get()),
    visits: Number(db.prepare('SELECT count(*) FROM tasking_visits').pluck().get()),
    versions: db.prepare('SELECT group_concat(version) FROM taskings').pluck().get(),
  };
}

const clock = () => NOW;

/** A seeded database file, a server on it, and a chair and a planner signed in. */
async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'taskings-'));
  const dbPath = join(dir, 'taskings.db');
  const db = openDatabase(dbPath);
  seed(db);
  db.close();
  const server = await startServer(dbPath, clock);
  return {
    dir,
    dbPath,
    server,
    chair: clientOf(server.url, await signIn(server.url, 'chair', 'chair-demo-password')),
    planner: clientOf(server.url, await signIn(server.url, 'planner', 'planner-demo-password')),
  };
}

describe('taskings over HTTP on a SQLite file', () => {
  let dir: string;
  let dbPath: string;
  let server: RunningServer;
  let chair: Client;
  let planner: Client;

  beforeEach(async () => {
    ({ dir, dbPath, server, chair, planner } = await setUp());
  });

  afterEach(async () => {
    await server.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, reads, lists, edits, decides and logs visits, and a restart keeps all of it', async () => {
    const created = await chair.send<{ tasking: Tasking }>('POST', '/api/taskings', validBody());
    expect(created.status).toBe(201);
    const tasking = created.body.tasking;
    expect(tasking).toMatchObject({ version: 1, status: 'active', resolution: 9, cells: AREA, owner: 'chair', warnings: [] });
    // The evidence was taken from the data at creation: the last 28 days, the cluster hot.
    expect(tasking.evidence.window).toEqual({ from: '2026-10-23', to: '2026-11-20', hours: null, weekdays: null });
    expect(tasking.evidence.total).toBeGreaterThanOrEqual(30);
    expect(tasking.evidence.cells.find((c) => c.cell === HOT_CELL)?.bin).toBe(3);

    expect((await chair.get<{ tasking: Tasking }>(`/api/taskings/${tasking.id}`)).body.tasking).toEqual(tasking);
    const list = await planner.get<{
      taskings: { id: number; title: string; status: string; team: string; startDate: string; reviewDate: string; cells: string[]; version: number }[];
    }>('/api/taskings?status=active&team=theo&activeOn=2026-11-25');
    expect(list.body.taskings).toEqual([
      expect.objectContaining({
        id: tasking.id,
        title: tasking.title,
        status: 'active',
        team: 'theo',
        startDate: '2026-11-20',
        reviewDate: '2026-12-18',
        cells: AREA,
        version: 1,
      }),
    ]);
    expect((await planner.get<{ taskings: unknown[] }>('/api/taskings?status=closed')).body.taskings).toEqual([]);
    const geojson = await planner.get<{ type: string; features: { properties: { id: number }; geometry: { type: string; coordinates: number[][][][] } }[] }>(
      '/api/taskings.geojson',
    );
    expect(geojson.body.type).toBe('FeatureCollection');
    expect(geojson.body.features[0]).toMatchObject({ properties: { id: tasking.id }, geometry: { type: 'MultiPolygon' } });
    // Seven touching cells make one outline: one polygon, one ring.
    expect(geojson.body.features[0]!.geometry.coordinates).toHaveLength(1);

    const edited = await chair.send<{ tasking: Tasking }>('PATCH', `/api/taskings/${tasking.id}`, { version: 1, title: 'Whitechapel station robbery' });
    expect(edited.status).toBe(200);
    expect(edited.body.tasking).toMatchObject({ version: 2, title: 'Whitechapel station robbery' });

    const dosage = await planner.send<{ tasking: Tasking }>('PATCH', `/api/taskings/${tasking.id}`, {
      version: 2,
      plannedDosage: { visitsPerDay: 1, minutesPerVisit: 8 },
    });
    expect(dosage.status).toBe(200);
    expect(dosage.body.tasking.version).toBe(3);
    // Koper guidance warns, never refuses.
    expect(dosage.body.tasking.warnings).toEqual([
      expect.stringContaining('shorter than the 10-16 minutes'),
      expect.stringContaining('at least every two hours'),
    ]);
    const plannerTitle = await planner.send<ErrorBody>('PATCH', `/api/taskings/${tasking.id}`, { version: 3, title: 'Renamed by a planner' });
    expect(plannerTitle.status).toBe(403);
    expect(plannerTitle.body.error.message).toContain('only the team, owner and planned dosage');

    for (const [start, end] of [
      ['2026-11-20T08:05', '2026-11-20T08:20'],
      ['2026-11-20T08:30:00Z', '2026-11-20T08:36:00Z'],
    ] as const) {
      const visit = await planner.send<{ visit: { minutes: number; startedAtLondon: string } }>('POST', `/api/taskings/${tasking.id}/visits`, {
        startedAt: start,
        endedAt: end,
        officer: 'PC Patel',
      });
      expect(visit.status).toBe(201);
    }
    const visits = await chair.get<{ visits: { minutes: number; officer: string; koperLength: boolean; insideTimeBands: boolean }[] }>(
      `/api/taskings/${tasking.id}/visits`,
    );
    expect(visits.body.visits.map((v) => [v.minutes, v.officer, v.koperLength, v.insideTimeBands])).toEqual([
      [15, 'PC Patel', true, false],
      [6, 'PC Patel', false, false],
    ]);

    const decided = await chair.send<{ tasking: Tasking; decision: { decision: string; note: string } }>('POST', `/api/taskings/${tasking.id}/decisions`, {
      version: 3,
      decision: 'continue',
      note: 'Keep going over the holidays',
      reviewDate: '2027-01-08',
    });
    expect(decided.status).toBe(201);
    expect(decided.body.tasking).toMatchObject({ version: 4, status: 'active', reviewDate: '2027-01-08' });
    expect(decided.body.decision).toMatchObject({ decision: 'continue', note: 'Keep going over the holidays' });

    const history = (await chair.get<HistoryBody>(`/api/taskings/${tasking.id}/history`)).body.events;
    expect(history.map((e) => [e.action, e.user.id, e.version])).toEqual([
      ['create', 'user:chair', 1],
      ['update', 'user:chair', 2],
      ['update', 'user:planner', 3],
      ['visit', 'user:planner', 3],
      ['visit', 'user:planner', 3],
      ['decision', 'user:chair', 4],
    ]);
    expect(history[1]!.changes).toEqual({ title: { before: 'Whitechapel robbery after school', after: 'Whitechapel station robbery' } });
    expect(history[2]!.changes).toEqual({
      plannedDosage: { before: { visitsPerDay: 2, minutesPerVisit: 15 }, after: { visitsPerDay: 1, minutesPerVisit: 8 } },
    });
    expect(history[5]!.changes).toEqual({
      decision: { before: null, after: 'continue' },
      note: { before: null, after: 'Keep going over the holidays' },
      reviewDate: { before: '2026-12-18', after: '2027-01-08' },
    });
    expect(history[0]!.changes['cells']).toEqual({ before: null, after: AREA });

    // A restart on the same file keeps every record, event and visit.
    const before = {
      tasking: (await chair.get<{ tasking: Tasking }>(`/api/taskings/${tasking.id}`)).body,
      history: (await chair.get<HistoryBody>(`/api/taskings/${tasking.id}/history`)).body,
      visits: (await chair.get<unknown>(`/api/taskings/${tasking.id}/visits`)).body,
    };
    await server.close();
    server = await startServer(dbPath, clock);
    const again = clientOf(server.url, await signIn(server.url, 'chair', 'chair-demo-password'));
    expect((await again.get(`/api/taskings/${tasking.id}`)).body).toEqual(before.tasking);
    expect((await again.get(`/api/taskings/${tasking.id}/history`)).body).toEqual(before.history);
    expect((await again.get(`/api/taskings/${tasking.id}/visits`)).body).toEqual(before.visits);
  });

  it('lets exactly one of two clients editing the same version win; the other gets 409 with the winner’s record', async () => {
    const created = (await chair.send<{ tasking: Tasking }>('POST', '/api/taskings', validBody())).body.tasking;
    // A second server process on the same database file, as a second screen would reach.
    const second = await startServer(dbPath, clock);
    try {
      const analyst = clientOf(second.url, await signIn(second.url, 'analyst', 'analyst-demo-password'));
      const [a, b] = await Promise.all([
        chair.send<{ tasking: Tasking } & ErrorBody>('PATCH', `/api/taskings/${created.id}`, { version: 1, title: 'Title from the chair' }),
        analyst.send<{ tasking: Tasking } & ErrorBody>('PATCH', `/api/taskings/${created.id}`, { version: 1, objective: 'Objective from the analyst' }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expect(loser.body.error.code).toBe('version_conflict');
      expect(loser.body.error.current).toEqual(winner.body.tasking);
      const stored = (await chair.get<{ tasking: Tasking & { objective: string } }>(`/api/taskings/${created.id}`)).body.tasking;
      expect(stored).toEqual(winner.body.tasking);
      const history = (await chair.get<HistoryBody>(`/api/taskings/${created.id}/history`)).body.events;
      expect(history.filter((e) => e.action === 'update')).toHaveLength(1);
      // Nothing lost: the loser can apply its change on the current version.
      const retried = await (a.status === 200 ? analyst : chair).send<{ tasking: Tasking }>('PATCH', `/api/taskings/${created.id}`, {
        version: stored.version,
        ...(a.status === 200 ? { objective: 'Objective from the analyst' } : { title: 'Title from the chair' }),
      });
      expect(retried.status).toBe(200);
      expect(retried.body.tasking).toMatchObject({ version: 3, title: 'Title from the chair', objective: 'Objective from the analyst' });
    } finally {
      await second.close();
    }
  });

  it('turns a drawn polygon into the cells whose centres it holds, and keeps the polygon', async () => {
    const ring = [
      [-0.0612, 51.5185],
      [-0.0582, 51.5185],
      [-0.0582, 51.5203],
      [-0.0612, 51.5203],
      [-0.0612, 51.5185],
    ];
    const res = await chair.send<{ tasking: Tasking & { polygon: unknown } }>('POST', '/api/taskings', {
      ...validBody(),
      cells: undefined,
      polygon: { type: 'Polygon', coordinates: [ring] },
      resolution: 10,
    });
    expect(res.status).toBe(201);
    expect(res.body.tasking.resolution).toBe(10);
    expect(res.body.tasking.polygon).toEqual({ type: 'Polygon', coordinates: [ring] });
    // The cells h3-js itself puts in the ring by their centres ([lng, lat] order: true).
    expect(res.body.tasking.cells).toEqual(polygonToCells([ring], 10, true).sort());
    expect(res.body.tasking.cells).toContain(cellAt(-0.0597, 51.5194, 10));
  });

  it('keeps a future tasking’s review on or after its start when it is continued', async () => {
    const future = (await chair.send<{ tasking: Tasking }>('POST', '/api/taskings', { ...validBody(), startDate: '2027-01-10', reviewDate: '2027-01-17' })).body
      .tasking;
    const early = await chair.send<ErrorBody>('POST', `/api/taskings/${future.id}/decisions`, {
      version: 1,
      decision: 'continue',
      note: 'x',
      reviewDate: '2026-12-01',
    });
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual([{ field: 'reviewDate', message: expect.stringContaining('before the start date (2027-01-10)') }]);
    // By default the next review comes one first interval (7 days) after the start.
    const continued = await chair.send<{ tasking: Tasking }>('POST', `/api/taskings/${future.id}/decisions`, {
      version: 1,
      decision: 'continue',
      note: 'Agreed at the meeting',
    });
    expect(continued.status).toBe(201);
    expect(continued.body.tasking.reviewDate).toBe('2027-01-17');
  });

  it('redraws an area on edit, and refuses a shape far too large to be a tasking', async () => {
    const { id } = (await chair.send<{ tasking: Tasking }>('POST', '/api/taskings', validBody())).body.tasking;
    const ring = [
      [-0.0612, 51.5185],
      [-0.0582, 51.5185],
      [-0.0582, 51.5203],
      [-0.0612, 51.5203],
      [-0.0612, 51.5185],
    ];
    const redrawn = await chair.send<{ tasking: Tasking & { polygon: unknown } }>('PATCH', `/api/taskings/${id}`, {
      version: 1,
      cells: [],
      polygon: { type: 'Polygon', coordinates: [ring] },
    });
    expect(redrawn.status).toBe(200);
    expect(redrawn.body.tasking.cells).toEqual(polygonToCells([ring], 9, true).sort());
    expect(redrawn.body.tasking.polygon).toEqual({ type: 'Polygon', coordinates: [ring] });
    const before = storedRows(server.db);
    const london = [
      [-0.5, 51.3],
      [0.3, 51.3],
      [0.3, 51.7],
      [-0.5, 51.7],
      [-0.5, 51.3],
    ];
    const huge = await chair.send<ErrorBody>('POST', '/api/taskings', {
      ...validBody(),
      cells: undefined,
      resolution: 10,
      polygon: { type: 'Polygon', coordinates: [london] },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields).toEqual([
      { field: 'polygon', message: expect.stringMatching(/^the drawn area is about [\d,]+ km².*more than a tasking can hold/) },
    ]);
    expect(storedRows(server.db)).toEqual(before);
  });

  it('refuses visits to a tasking closed before it started', async () => {
    const future = (await chair.send<{ tasking: Tasking }>('POST', '/api/taskings', { ...validBody(), startDate: '2026-11-25', reviewDate: '2026-12-20' })).body
      .tasking;
    await chair.send('POST', `/api/taskings/${future.id}/decisions`, { version: 1, decision: 'close', note: 'Not needed' });
    const visit = await planner.send<ErrorBody>('POST', `/api/taskings/${future.id}/visits`, {
      startedAt: '2026-11-20T08:00',
      endedAt: '2026-11-20T08:15',
      officer: 'PC Patel',
    });
    expect([visit.status, visit.body.error.code]).toEqual([409, 'tasking_closed']);
  });

  it('refuses visits to a proposed tasking, edits to a closed one, and stale decisions', async () => {
    const proposed = (await chair.send<{ tasking: Tasking }>('POST', '/api/taskings', { ...validBody(), status: 'proposed' })).body.tasking;
    const visit = await planner.send<ErrorBody>('POST', `/api/taskings/${proposed.id}/visits`, {
      startedAt: '2026-11-20T08:00',
      endedAt: '2026-11-20T08:15',
      officer: 'PC Patel',
    });
    expect([visit.status, visit.body.error.code]).toEqual([409, 'tasking_not_active']);
    const stale = await chair.send<ErrorBody>('POST', `/api/taskings/${proposed.id}/decisions`, { version: 7, decision: 'close', note: 'x' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
    const closed = await chair.send<{ tasking: Tasking }>('POST', `/api/taskings/${proposed.id}/decisions`, {
      version: 1,
      decision: 'close',
      note: 'Not needed after all',
    });
    expect(closed.status).toBe(201);
    expect(closed.body.tasking.status).toBe('closed');
    const edit = await chair.send<ErrorBody>('PATCH', `/api/taskings/${proposed.id}`, { version: 2, title: 'Reopen' });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'tasking_closed']);
  });
});

describe('bad input gets a 400 that names the field, and stores nothing', () => {
  // These requests change nothing (that is what they check), so they share one server.
  let dir: string;
  let server: RunningServer;
  let chair: Client;
  let planner: Client;
  beforeAll(async () => {
    ({ dir, server, chair, planner } = await setUp());
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const outside = cellAt(-0.2, 51.5, 9);
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['an unknown cell', { cells: ['89195da49b7ffff0'] }, 'cells', /is not an H3 cell id/],
    ['a cell outside the study area', { cells: [HOT_CELL, outside] }, 'cells', /lies outside the study area/],
    ['mixed resolutions', { cells: [HOT_CELL, cellAt(HOT[0], HOT[1], 10)] }, 'cells', /mix resolutions 9 and 10/],
    ['a review before the start', { reviewDate: '2026-11-19' }, 'reviewDate', /before the start date/],
    ['an end before the start', { endDate: '2026-11-01' }, 'endDate', /before the start date/],
    ['an unknown tactic', { tactics: ['high-visibility-patrol', 'dogs'] }, 'tactics.1', /unknown tactic "dogs"/],
    ['an unknown team', { team: 'cavalry' }, 'team', /unknown team "cavalry"/],
    ['a malformed time band', { timeBands: [{ weekdays: 'mon-fri', hours: '15-25' }] }, 'timeBands.0', /not an hour range/],
    ['an empty time band', { timeBands: [{}] }, 'timeBands.0', /needs weekdays/],
    ['a date that does not exist', { startDate: '2026-02-30' }, 'startDate', /not a real calendar date/],
    ['an unknown theme', { theme: 'knives' }, 'theme', /unknown theme/],
    ['an unknown field', { colour: 'red' }, 'colour', /not a field of this request/],
    ['an owner who is not staff', { owner: 'public' }, 'owner', /not a staff user/],
    ['a missing title', { title: '' }, 'title', /must not be empty/],
    [
      'a polygon without a resolution',
      {
        cells: undefined,
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [-0.06, 51.519],
              [-0.059, 51.519],
              [-0.059, 51.52],
              [-0.06, 51.519],
            ],
          ],
        },
      },
      'resolution',
      /is needed with a drawn polygon/,
    ],
    [
      'an open polygon ring',
      {
        cells: undefined,
        resolution: 9,
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [-0.06, 51.519],
              [-0.059, 51.519],
              [-0.059, 51.52],
              [-0.0595, 51.5195],
            ],
          ],
        },
      },
      'polygon',
      /not closed/,
    ],
    ['a closing status', { status: 'closed' }, 'status', /closing is a decision/],
    ['dosage that is not whole visits', { plannedDosage: { visitsPerDay: 1.5, minutesPerVisit: 15 } }, 'plannedDosage.visitsPerDay', /whole number/],
  ];
  it.each(cases)('%s', async (_what, change, field, message) => {
    const before = storedRows(server.db);
    const res = await chair.send<ErrorBody>('POST', '/api/taskings', { ...validBody(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual({ field, message: expect.stringMatching(message) });
    expect(res.body.error.message).toContain(`${field}: `);
    expect(storedRows(server.db)).toEqual(before);
  });

  it('refuses bad edits, decisions and visits the same way', async () => {
    const { id } = (await chair.send<{ tasking: Tasking }>('POST', '/api/taskings', validBody())).body.tasking;
    const before = storedRows(server.db);
    const refusals: [Promise<{ status: number; body: ErrorBody }>, string, RegExp][] = [
      [chair.send('PATCH', `/api/taskings/${id}`, { version: 1, reviewDate: '2026-11-01' }), 'reviewDate', /before the start date/],
      [chair.send('PATCH', `/api/taskings/${id}`, { version: 1, cells: [outside] }), 'cells', /outside the study area/],
      [chair.send('PATCH', `/api/taskings/${id}`, { title: 'no version' }), 'version', /version you last read/],
      [
        chair.send('POST', `/api/taskings/${id}/decisions`, { version: 1, decision: 'celebrate', note: 'x' }),
        'decision',
        /expected one of continue, amend, close, escalate/,
      ],
      [chair.send('POST', `/api/taskings/${id}/decisions`, { version: 1, decision: 'continue', note: '' }), 'note', /must not be empty/],
      [
        chair.send('POST', `/api/taskings/${id}/decisions`, { version: 1, decision: 'continue', note: 'x', reviewDate: '2026-11-20' }),
        'reviewDate',
        /after today/,
      ],
      [
        planner.send('POST', `/api/taskings/${id}/visits`, { startedAt: '2026-11-20T08:30', endedAt: '2026-11-20T08:10', officer: 'PC Patel' }),
        'endedAt',
        /after the start/,
      ],
      [
        planner.send('POST', `/api/taskings/${id}/visits`, { startedAt: '2026-11-20T00:00', endedAt: '2026-11-20T08:30', officer: 'PC Patel' }),
        'endedAt',
        /longer than 8 hours/,
      ],
      [
        planner.send('POST', `/api/taskings/${id}/visits`, { startedAt: '2026-11-20T10:00', endedAt: '2026-11-20T10:15', officer: 'PC Patel' }),
        'endedAt',
        /in the future/,
      ],
      [
        planner.send('POST', `/api/taskings/${id}/visits`, { startedAt: '2026-11-19T10:00', endedAt: '2026-11-19T10:15', officer: 'PC Patel' }),
        'startedAt',
        /before the tasking started/,
      ],
      [
        planner.send('POST', `/api/taskings/${id}/visits`, { startedAt: 'this morning', endedAt: '2026-11-20T08:15', officer: 'PC Patel' }),
        'startedAt',
        /expected YYYY-MM-DDTHH:MM/,
      ],
      [planner.send('POST', `/api/taskings/${id}/visits`, { startedAt: '2026-11-20T08:00', endedAt: '2026-11-20T08:15' }), 'officer', /expected text/],
    ];
    for (const [request, field, message] of refusals) {
      const res = await request;
      expect(res.status, `${field} ${message}`).toBe(400);
      expect(res.body.error.fields).toContainEqual({ field, message: expect.stringMatching(message) });
    }
    expect(storedRows(server.db)).toEqual(before);
  });
});
