// /api/patrol-plans and /api/bases (issue 13, decision 037): planners build, read and change
// shift plans and bases; other staff read them; the public role and anonymous callers get nothing.
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import type { AppEnv } from '../app-env';
import { allow, STAFF } from '../auth/roles';
import { validate } from '../validation';
import { planIdParam, planListQuery, planPatchBody, newBaseBody, newPlanBody } from './patrol-schemas';
import { createBase, createPlan, patchPlan, planToApi, weekOfPlan, type PatrolFailure } from './patrol-service';
import { getPlan, listBases, listPlans } from './patrol-store';

const PLANNERS = ['planner'] as const;

const failureBody = (f: PatrolFailure) => ({ error: { code: f.code, message: f.message }, ...(f.current ? { current: planToApi(f.current) } : {}) });

export function patrolRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/bases', allow(...STAFF), (c) => c.json({ bases: listBases(deps.db) }))
    .post('/bases', allow(...PLANNERS, 'analyst'), validate('json', newBaseBody), (c) => {
      const body = c.req.valid('json');
      const base = createBase(deps.db, body.name, body.point, c.get('principal')!.id, deps.clock());
      return base.ok ? c.json(base.value, 201) : c.json(failureBody(base.reason), base.reason.status);
    })
    .get('/patrol-plans', allow(...STAFF), validate('query', planListQuery), (c) => c.json({ plans: listPlans(deps.db, c.req.valid('query')).map(planToApi) }))
    .post('/patrol-plans', allow(...PLANNERS), validate('json', newPlanBody), (c) => {
      const plan = createPlan(deps.db, c.req.valid('json'), c.get('principal')!.id, deps.clock());
      return plan.ok ? c.json(planToApi(plan.value), 201) : c.json(failureBody(plan.reason), plan.reason.status);
    })
    .get('/patrol-plans/:id', allow(...STAFF), validate('param', planIdParam), (c) => {
      const plan = getPlan(deps.db, c.req.valid('param').id);
      return plan ? c.json(planToApi(plan)) : c.json({ error: { code: 'not_found', message: `There is no patrol plan ${c.req.valid('param').id}.` } }, 404);
    })
    .get('/patrol-plans/:id/week', allow(...STAFF), validate('param', planIdParam), (c) => {
      const week = weekOfPlan(deps.db, c.req.valid('param').id);
      return week.ok ? c.json({ taskings: week.value }) : c.json(failureBody(week.reason), week.reason.status);
    })
    .patch('/patrol-plans/:id', allow(...PLANNERS), validate('param', planIdParam), validate('json', planPatchBody), (c) => {
      const plan = patchPlan(deps.db, c.req.valid('param').id, c.req.valid('json'), c.get('principal')!.id, deps.clock());
      return plan.ok ? c.json(planToApi(plan.value)) : c.json(failureBody(plan.reason), plan.reason.status);
    });
}
