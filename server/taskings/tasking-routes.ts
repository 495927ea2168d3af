// /api/taskings*: the meeting's decisions on the map. Chairs and analysts create, edit and
// decide; planners read everything, change team, owner and planned dosage, and log visits;
// the public role and anonymous callers get nothing.
import { Hono } from 'hono';
import { isKoperLength } from '../../geo/taskings/koper';
import { visitInsideBands, visitMinutes } from '../../geo/taskings/dosage';
import { effectiveStatus } from '../../geo/taskings/status';
import { weekHoursOfBands } from '../../geo/taskings/time-bands';
import { londonWallClock, parseIsoDate } from '../../geo/time';
import type { AppEnv, Principal } from '../app-env';
import type { AppDeps } from '../app-deps';
import { listAreas } from '../areas/area-queries';
import { listStaffUsers } from '../auth/auth-queries';
import { allow, STAFF } from '../auth/roles';
import { KOPER } from '../../geo/taskings/koper';
import { fieldProblemsBody, validate } from '../validation';
import { taskingResults } from './tasking-results';
import { createTaskingBody, decisionBody, idParam, listQuery, optionsBody, patchTaskingBody, resultsQuery, visitBody } from './tasking-schemas';
import {
  apiContext,
  createTasking,
  decideTasking,
  featureOf,
  logVisit,
  patchTasking,
  studyCellSets,
  summaryOf,
  taskingToApi,
  todayOf,
  type TaskingFailure,
} from './tasking-service';
import { getTasking, getTaskingOptions, listTaskingEvents, listTaskingRecords, listVisits, replaceTaskingOptions, type TaskingRecord, type VisitRecord } from './tasking-store';
import { CATEGORY_GROUPS } from '../../geo/categories';

const DECIDERS = ['chair', 'analyst'] as const;

function failureBody(f: TaskingFailure) {
  if (f.fields) return fieldProblemsBody(f.code, f.fields);
  return { error: { code: f.code, message: f.message, ...(f.current ? { current: f.current } : {}) } };
}

function principalOf(c: { get: (key: 'principal') => Principal | null }): Principal {
  const principal = c.get('principal');
  // allow(...) has already refused anyone not signed in.
  if (!principal) throw new Error('internal: a tasking route ran without a principal');
  return principal;
}

function visitToApi(visit: VisitRecord, record: TaskingRecord) {
  const minutes = visitMinutes(visit);
  return {
    ...visit,
    startedAtLondon: londonWallClock(new Date(visit.startedAt)),
    endedAtLondon: londonWallClock(new Date(visit.endedAt)),
    minutes,
    koperLength: isKoperLength(minutes),
    insideTimeBands: record.timeBands.length === 0 ? null : visitInsideBands(visit, weekHoursOfBands(record.timeBands)),
  };
}

function dayOf(iso: string): number {
  const day = parseIsoDate(iso);
  if (!day.ok) throw new Error(day.reason);
  return day.value;
}

export function taskingRoutes(deps: AppDeps) {
  const studyCells = () => {
    // Results compare with the rest of the study area at the tasking's resolution.
    const sets = studyCellSets(deps.studyGrid);
    return (h3Resolution: number) => sets(h3Resolution) ?? new Set<string>();
  };
  const resultsOf = (record: TaskingRecord, options: { bufferRings: number; controlArea: Parameters<typeof taskingResults>[5]['controlArea'] }) =>
    taskingResults(deps.incidentIndex(), studyCells()(record.h3Resolution), record, listVisits(deps.db, record.id), todayOf(deps.clock), options);

  const filtered = (query: { status: string[] | null; team?: string | undefined; activeOn?: string | undefined }) => {
    const context = apiContext(deps);
    const activeOn = query.activeOn ? dayOf(query.activeOn) : null;
    const order = { 'review-due': 0, active: 1, proposed: 2, closed: 3 } as const;
    return listTaskingRecords(deps.db)
      .filter((record) => {
        if (query.team && record.team !== query.team) return false;
        if (query.status && !query.status.includes(effectiveStatus(record.status, dayOf(record.reviewDate), context.today))) return false;
        if (activeOn !== null) {
          if (record.status === 'proposed') return false;
          if (dayOf(record.startDate) > activeOn) return false;
          if (record.endDate && dayOf(record.endDate) < activeOn) return false;
          if (record.status === 'closed' && !record.endDate) return false;
        }
        return true;
      })
      .map((record) => ({ record, api: taskingToApi(record, context) }))
      .sort((a, b) => order[a.api.status] - order[b.api.status] || a.api.reviewDate.localeCompare(b.api.reviewDate) || a.api.id - b.api.id);
  };

  return new Hono<AppEnv>()
    .get('/tasking-options', allow(...STAFF), (c) => {
      const options = getTaskingOptions(deps.db);
      return c.json({
        ...options,
        themes: CATEGORY_GROUPS.filter((g) => g.id !== 'all').map((g) => ({ id: g.id, label: g.label })),
        owners: listStaffUsers(deps.db),
        koper: KOPER,
      });
    })
    .put('/tasking-options', allow(...DECIDERS), validate('json', optionsBody), (c) => {
      replaceTaskingOptions(deps.db, c.req.valid('json'));
      return c.json(getTaskingOptions(deps.db));
    })
    .get('/taskings', allow(...STAFF), validate('query', listQuery), (c) => {
      const query = c.req.valid('query');
      const rows = filtered(query);
      return c.json({
        taskings: rows.map(({ record, api }) => ({
          ...summaryOf(api),
          result:
            query.withResults === 'true' && api.status !== 'proposed'
              ? (({ verdict, summary }) => ({ verdict: verdict.code, summary }))(resultsOf(record, { bufferRings: 1, controlArea: null }))
              : null,
        })),
      });
    })
    .get('/taskings.geojson', allow(...STAFF), validate('query', listQuery), (c) => {
      const rows = filtered(c.req.valid('query'));
      return c.json({ type: 'FeatureCollection' as const, features: rows.map(({ api }) => featureOf(api)) });
    })
    .post('/taskings', allow(...DECIDERS), validate('json', createTaskingBody), (c) => {
      const created = createTasking(deps, principalOf(c), c.req.valid('json'));
      if (!created.ok) return c.json(failureBody(created.reason), created.reason.status);
      return c.json({ tasking: taskingToApi(created.value, apiContext(deps)) }, 201);
    })
    .get('/taskings/:id{[0-9]+}', allow(...STAFF), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const record = getTasking(deps.db, id);
      if (!record) return c.json({ error: { code: 'not_found', message: `There is no tasking ${id}.` } }, 404);
      return c.json({ tasking: taskingToApi(record, apiContext(deps)) });
    })
    .patch('/taskings/:id{[0-9]+}', allow(...STAFF), validate('param', idParam), validate('json', patchTaskingBody), (c) => {
      const patched = patchTasking(deps, principalOf(c), c.req.valid('param').id, c.req.valid('json'));
      if (!patched.ok) return c.json(failureBody(patched.reason), patched.reason.status);
      return c.json({ tasking: taskingToApi(patched.value, apiContext(deps)) });
    })
    .post('/taskings/:id{[0-9]+}/decisions', allow(...DECIDERS), validate('param', idParam), validate('json', decisionBody), (c) => {
      const principal = principalOf(c);
      const body = c.req.valid('json');
      const decided = decideTasking(deps, principal, c.req.valid('param').id, body);
      if (!decided.ok) return c.json(failureBody(decided.reason), decided.reason.status);
      return c.json(
        {
          tasking: taskingToApi(decided.value, apiContext(deps)),
          decision: { at: decided.value.updatedAt, user: { id: principal.id, name: principal.name }, decision: body.decision, note: body.note },
        },
        201,
      );
    })
    .get('/taskings/:id{[0-9]+}/history', allow(...STAFF), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      if (!getTasking(deps.db, id)) return c.json({ error: { code: 'not_found', message: `There is no tasking ${id}.` } }, 404);
      return c.json({ events: listTaskingEvents(deps.db, id) });
    })
    .post('/taskings/:id{[0-9]+}/visits', allow(...STAFF), validate('param', idParam), validate('json', visitBody), (c) => {
      const { id } = c.req.valid('param');
      const logged = logVisit(deps, principalOf(c), id, c.req.valid('json'));
      if (!logged.ok) return c.json(failureBody(logged.reason), logged.reason.status);
      const record = getTasking(deps.db, id)!;
      // A repeat of a visit already stored (same clientRef) is not an error: 200 with the stored one.
      return c.json({ visit: visitToApi(logged.value.visit, record) }, logged.value.created ? 201 : 200);
    })
    .get('/taskings/:id{[0-9]+}/visits', allow(...STAFF), validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const record = getTasking(deps.db, id);
      if (!record) return c.json({ error: { code: 'not_found', message: `There is no tasking ${id}.` } }, 404);
      return c.json({ visits: listVisits(deps.db, id).map((v) => visitToApi(v, record)) });
    })
    .get('/taskings/:id{[0-9]+}/results', allow(...STAFF), validate('param', idParam), validate('query', resultsQuery), (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      const record = getTasking(deps.db, id);
      if (!record) return c.json({ error: { code: 'not_found', message: `There is no tasking ${id}.` } }, 404);
      let controlArea = null;
      if (query.controlArea) {
        const [kind, code] = query.controlArea.split(':') as [string, string];
        const area = listAreas(deps.db, kind).find((a) => a.code === code);
        if (!area) {
          return c.json({ error: { code: 'invalid_parameter', message: `controlArea: there is no ${kind} with code ${code}; see GET /api/areas?kind=${kind}` } }, 400);
        }
        controlArea = { kind, code, name: area.name, geometry: area.geometry };
      }
      return c.json(resultsOf(record, { bufferRings: query.bufferRings, controlArea }));
    });
}
