// The officer's phone page talks to three routes (decision 038): the officer's plans, one plan,
// and a plan's visits. Types come from the server's own (Hono RPC), as in web/api-client.ts.
import type { InferResponseType } from 'hono/client';
import { fail, ok, type Result } from '../../geo/types';
import { api, failureOf, reach, type ApiFailure } from '../api-client';

export type PatrolPlanAnswer = InferResponseType<(typeof api)['patrol-plans'][':id']['$get'], 200>;

/** The plans that name the signed-in officer, from `from` (a London date) on. */
export async function fetchOwnPlans(from: string): Promise<Result<PatrolPlanAnswer[], ApiFailure>> {
  const reached = await reach(() => api['patrol-plans'].$get({ query: { from } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok((await response.json()).plans);
}

export async function fetchPlan(id: number): Promise<Result<PatrolPlanAnswer, ApiFailure>> {
  const reached = await reach(() => api['patrol-plans'][':id'].$get({ param: { id: String(id) } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export interface VisitToSend {
  taskingId: number;
  startedAt: string;
  endedAt: string;
  clientRef: string;
}

/** Sends one finished visit; ok when the server has it (stored now, or already). */
export async function sendVisit(planId: number, visit: VisitToSend): Promise<Result<null, ApiFailure>> {
  const reached = await reach(() => api['patrol-plans'][':id'].visits.$post({ param: { id: String(planId) }, json: visit }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(null);
}
