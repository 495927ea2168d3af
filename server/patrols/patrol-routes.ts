// /api/patrol-plans, /api/bases and /api/officers (issue 13, decisions 037 and 038): planners
// build, read and change shift plans and bases; other staff read them; an officer reads only the
// plans that name them and logs visits to their stops; the public role and anonymous callers get nothing.
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import type { AppEnv, Principal } from '../app-env';
import { listOfficers } from '../auth/auth-queries';
import { allow, STAFF } from '../auth/roles';
import { fieldProblemsBody, validate } from '../validation';
import { logPlanVisit, planAnswer, planNotFound, plansVisibleTo, planVisibleTo, type PlanVisitFailure } from './patrol-officers';
import { planIdParam, planListQuery, planPatchBody, planVisitBody, newBaseBody, newPlanBody } from './patrol-schemas';
import { createBase, createPlan, patchPlan, weekOfPlan, type PatrolFailure } from './patrol-service';
import { listBases } from './patrol-store';

const PLANNERS = ['planner'] as const;

function principalOf(c: { get: (key: 'principal') => Principal | null }): Principal {
  const principal = c.get('principal');
  // allow(...) has already refused anyone not signed in.
  if (!principal) throw new Error('internal: a patrol route ran without a principal');
  return principal;
}

export function patrolRoutes(deps: AppDeps) {
  const failureBody = (f: PatrolFailure | PlanVisitFailure) =>
    'fields' in f && f.fields
      ? fieldProblemsBody(f.code, f.fields)
      : {
          error: { code: f.code, message: f.message },
          ...('current' in f && f.current && 'plan' in f.current ? { current: planAnswer(deps.db, f.current) } : {}),
        };
  return new Hono<AppEnv>()
    .get('/bases', allow(...STAFF), (c) => c.json({ bases: listBases(deps.db) }))
    .post('/bases', allow(...PLANNERS, 'analyst'), validate('json', newBaseBody), (c) => {
      const body = c.req.valid('json');
      const base = createBase(deps.db, body.name, body.point, principalOf(c).id, deps.clock());
      return base.ok ? c.json(base.value, 201) : c.json(failureBody(base.reason), base.reason.status);
    })
    .get('/officers', allow(...STAFF), (c) => c.json({ officers: listOfficers(deps.db) }))
    .get('/patrol-plans', allow(...STAFF, 'officer'), validate('query', planListQuery), (c) =>
      c.json({ plans: plansVisibleTo(deps.db, principalOf(c), c.req.valid('query')).map((p) => planAnswer(deps.db, p)) }),
    )
    .post('/patrol-plans', allow(...PLANNERS), validate('json', newPlanBody), (c) => {
      const plan = createPlan(deps.db, c.req.valid('json'), principalOf(c).id, deps.clock());
      return plan.ok ? c.json(planAnswer(deps.db, plan.value), 201) : c.json(failureBody(plan.reason), plan.reason.status);
    })
    .get('/patrol-plans/:id', allow(...STAFF, 'officer'), validate('param', planIdParam), (c) => {
      const { id } = c.req.valid('param');
      // An officer is told "no such plan" for another officer's plan, as for one that does not exist.
      const plan = planVisibleTo(deps.db, principalOf(c), id);
      return plan ? c.json(planAnswer(deps.db, plan)) : c.json(failureBody(planNotFound(id)), 404);
    })
    .get('/patrol-plans/:id/week', allow(...STAFF), validate('param', planIdParam), (c) => {
      const week = weekOfPlan(deps.db, c.req.valid('param').id);
      return week.ok ? c.json({ taskings: week.value }) : c.json(failureBody(week.reason), week.reason.status);
    })
    .patch('/patrol-plans/:id', allow(...PLANNERS), validate('param', planIdParam), validate('json', planPatchBody), (c) => {
      const plan = patchPlan(deps.db, c.req.valid('param').id, c.req.valid('json'), principalOf(c).id, deps.clock());
      return plan.ok ? c.json(planAnswer(deps.db, plan.value)) : c.json(failureBody(plan.reason), plan.reason.status);
    })
    .post('/patrol-plans/:id/visits', allow(...PLANNERS, 'officer'), validate('param', planIdParam), validate('json', planVisitBody), (c) => {
      const logged = logPlanVisit(deps, principalOf(c), c.req.valid('param').id, c.req.valid('json'));
      if (!logged.ok) return c.json(failureBody(logged.reason), logged.reason.status);
      // A visit sent again (same clientRef: an offline phone retrying) is not an error: 200 with the stored one.
      return c.json({ visit: logged.value.visit }, logged.value.created ? 201 : 200);
    });
}
