// What an officer's phone needs from patrol plans (issue 13, decision 038): the plans that name
// the signed-in officer (others' plans are not found, so their ids do not leak), each with what
// the officer should know of its taskings, and visits logged against a plan's taskings, once per
// clientRef however often an offline phone sends them.
import { fail, ok, type Result } from '../../geo/types';
import type { Principal } from '../app-env';
import type { AppDeps } from '../app-deps';
import { logVisit, type TaskingFailure } from '../taskings/tasking-service';
import { findVisitByClientRef, getTasking, getTaskingOptions, type VisitRecord } from '../taskings/tasking-store';
import { visitToApi } from '../taskings/tasking-view';
import type { Db } from '../db/open-database';
import { planToApi, type PatrolFailure } from './patrol-service';
import { getPlan, listPlans, type PlanFilter, type StoredPlan } from './patrol-store';

/** The user name of a signed-in person ('user:<name>'); null for an API token. */
export function usernameOf(principal: Principal): string | null {
  return principal.id.startsWith('user:') ? principal.id.slice('user:'.length) : null;
}

/** An officer sees the plans that name them; a token with the officer role names nobody, so sees none. */
function officerFilter(principal: Principal): { officer?: string } | null {
  if (principal.role !== 'officer') return {};
  const username = usernameOf(principal);
  return username === null ? null : { officer: username };
}

export function plansVisibleTo(db: Db, principal: Principal, filter: PlanFilter): StoredPlan[] {
  const own = officerFilter(principal);
  return own === null ? [] : listPlans(db, { ...filter, ...own });
}

export function planVisibleTo(db: Db, principal: Principal, id: number): StoredPlan | null {
  const plan = getPlan(db, id);
  if (!plan || principal.role !== 'officer') return plan;
  const username = usernameOf(principal);
  return username !== null && plan.officers.includes(username) ? plan : null;
}

export const planNotFound = (id: number): PatrolFailure => ({ status: 404, code: 'not_found', message: `There is no patrol plan ${id}.` });

/** Each tasking of the plan as the officer reads it at a stop: the problem and the tactics in words, as the tasking stands now. */
export function taskingNotesOf(db: Db, plan: StoredPlan) {
  const tactics = new Map(getTaskingOptions(db).tactics.map((t) => [t.id, t.label]));
  return plan.taskingIds.flatMap((id) => {
    const record = getTasking(db, id);
    if (!record) return [];
    return [
      {
        id,
        title: record.title,
        problem: record.problem,
        objective: record.objective,
        tactics: record.tactics.map((t) => tactics.get(t) ?? t),
        timeBands: record.timeBands,
        cells: record.cells,
      },
    ];
  });
}

/** The plan as the API gives it, with its taskings' notes. */
export function planAnswer(db: Db, plan: StoredPlan) {
  return { ...planToApi(plan), taskings: taskingNotesOf(db, plan) };
}

export interface PlanVisitBody {
  taskingId: number;
  startedAt: string;
  endedAt: string;
  clientRef: string;
  note?: string | undefined;
}

export type PlanVisitFailure = PatrolFailure | TaskingFailure;

/**
 * Logs a visit to one of the plan's taskings, the signed-in person as the officer. A visit sent
 * again with the same clientRef comes back as stored (`created: false`), whatever else it says.
 */
export function logPlanVisit(
  deps: AppDeps,
  principal: Principal,
  planId: number,
  body: PlanVisitBody,
): Result<{ visit: ReturnType<typeof visitToApi>; created: boolean }, PlanVisitFailure> {
  const plan = planVisibleTo(deps.db, principal, planId);
  if (!plan) return fail(planNotFound(planId));
  if (!plan.taskingIds.includes(body.taskingId)) {
    return fail({
      status: 422,
      code: 'tasking_not_in_plan',
      message: `Tasking ${body.taskingId} is not part of patrol plan ${planId}; log the visit against a stop of this plan.`,
    });
  }
  // A repeat is answered before any check: the first copy was accepted, and the phone must be able to stop sending it
  // even if the tasking has closed since.
  const earlier = findVisitByClientRef(deps.db, body.taskingId, body.clientRef);
  const tasking = getTasking(deps.db, body.taskingId);
  if (earlier && tasking) return ok({ visit: visitToApi(earlier, tasking), created: false });
  const logged = logVisit(deps, principal, body.taskingId, {
    startedAt: body.startedAt,
    endedAt: body.endedAt,
    officer: principal.name,
    clientRef: body.clientRef,
    ...(body.note ? { note: body.note } : {}),
  });
  if (!logged.ok) return logged;
  const visit: VisitRecord = logged.value.visit;
  return ok({ visit: visitToApi(visit, logged.value.tasking), created: logged.value.created });
}
