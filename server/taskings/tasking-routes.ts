// /api/taskings*: the meeting's decisions on the map. Chairs and analysts create, edit and
// decide; planners read everything, change team, owner and planned dosage, and log visits;
// the public role and anonymous callers get nothing.
import { Hono } from 'hono';
import { TASKING_THEMES } from '../../geo/themes';
import { KOPER } from '../../geo/taskings/koper';
import type { AppEnv, Principal } from '../app-env';
import type { AppDeps } from '../app-deps';
import { listStaffUsers } from '../auth/auth-queries';
import { allow, STAFF } from '../auth/roles';
import { fieldProblemsBody, validate } from '../validation';
import { createTaskingBody, decisionBody, idParam, listQuery, optionsBody, patchTaskingBody, resultsQuery, visitBody } from './tasking-schemas';
import { createTasking, decideTasking, logVisit, notFound, patchTasking, type TaskingFailure } from './tasking-service';
import { getTasking, getTaskingOptions, listTaskingEvents, listVisits, replaceTaskingOptions } from './tasking-store';
import { apiContext, featureOf, listTaskings, resultsOfTasking, summaryOf, taskingToApi, visitToApi } from './tasking-view';

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

export function taskingRoutes(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      // Evidence snapshots and results read the incident index: have one ready (built off the event loop).
      .use('/tasking*', async (_c, next) => {
        await deps.compute.index([]);
        await next();
      })
      .get('/tasking-options', allow(...STAFF), (c) =>
        c.json({
          ...getTaskingOptions(deps.db),
          themes: TASKING_THEMES.filter((t) => t.id !== 'all').map((t) => ({ id: t.id, label: t.label })),
          owners: listStaffUsers(deps.db),
          koper: KOPER,
        }),
      )
      .put('/tasking-options', allow(...DECIDERS), validate('json', optionsBody), (c) => {
        replaceTaskingOptions(deps.db, c.req.valid('json'));
        return c.json(getTaskingOptions(deps.db));
      })
      .get('/taskings', allow(...STAFF), validate('query', listQuery), (c) => {
        const query = c.req.valid('query');
        return c.json({
          taskings: listTaskings(deps, query).map(({ record, api }) => {
            const results = query.withResults === 'true' && api.status !== 'proposed' ? resultsOfTasking(deps, record, { bufferRings: 1 }) : null;
            return { ...summaryOf(api), result: results?.ok ? { verdict: results.value.verdict.code, summary: results.value.summary } : null };
          }),
        });
      })
      .get('/taskings.geojson', allow(...STAFF), validate('query', listQuery), (c) =>
        c.json({ type: 'FeatureCollection' as const, features: listTaskings(deps, c.req.valid('query')).map(({ api }) => featureOf(api)) }),
      )
      .post('/taskings', allow(...DECIDERS), validate('json', createTaskingBody), (c) => {
        const created = createTasking(deps, principalOf(c), c.req.valid('json'));
        if (!created.ok) return c.json(failureBody(created.reason), created.reason.status);
        return c.json({ tasking: taskingToApi(created.value, apiContext(deps)) }, 201);
      })
      .get('/taskings/:id{[0-9]+}', allow(...STAFF), validate('param', idParam), (c) => {
        const { id } = c.req.valid('param');
        const record = getTasking(deps.db, id);
        if (!record) return c.json(failureBody(notFound(id)), 404);
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
        if (!getTasking(deps.db, id)) return c.json(failureBody(notFound(id)), 404);
        return c.json({ events: listTaskingEvents(deps.db, id) });
      })
      .post('/taskings/:id{[0-9]+}/visits', allow(...STAFF), validate('param', idParam), validate('json', visitBody), (c) => {
        const logged = logVisit(deps, principalOf(c), c.req.valid('param').id, c.req.valid('json'));
        if (!logged.ok) return c.json(failureBody(logged.reason), logged.reason.status);
        // A repeat of a visit already stored (same clientRef) is not an error: 200 with the stored one.
        return c.json({ visit: visitToApi(logged.value.visit, logged.value.tasking) }, logged.value.created ? 201 : 200);
      })
      .get('/taskings/:id{[0-9]+}/visits', allow(...STAFF), validate('param', idParam), (c) => {
        const { id } = c.req.valid('param');
        const record = getTasking(deps.db, id);
        if (!record) return c.json(failureBody(notFound(id)), 404);
        return c.json({ visits: listVisits(deps.db, id).map((v) => visitToApi(v, record)) });
      })
      .get('/taskings/:id{[0-9]+}/results', allow(...STAFF), validate('param', idParam), validate('query', resultsQuery), (c) => {
        const { id } = c.req.valid('param');
        const record = getTasking(deps.db, id);
        if (!record) return c.json(failureBody(notFound(id)), 404);
        const results = resultsOfTasking(deps, record, c.req.valid('query'));
        if (!results.ok) return c.json({ error: { code: 'invalid_parameter', message: `controlArea: ${results.reason}` } }, 400);
        return c.json(results.value);
      })
  );
}
