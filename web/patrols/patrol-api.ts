// The patrol routes through the typed client (Hono RPC), for the planner's page.
import type { InferRequestType, InferResponseType } from 'hono/client';
import { fail, ok, type Result } from '../../geo/types';
import { api, failureOf, reach, type ApiFailure } from '../api-client';

const plans = api['patrol-plans'];
const byId = plans[':id'];

export type PatrolPlanAnswer = InferResponseType<typeof byId.$get, 200>;
export type PatrolBaseAnswer = InferResponseType<typeof api.bases.$get, 200>['bases'][number];
export type NewPlan = InferRequestType<typeof plans.$post>['json'];
export type PlanChange = InferRequestType<typeof byId.$patch>['json'];

type SuccessBody<R> = R extends { ok: false } ? never : R extends { json(): Promise<infer T> } ? T : never;

async function call<R extends Response>(request: () => Promise<R>): Promise<Result<SuccessBody<R>, ApiFailure>> {
  const reached = await reach(request);
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok((await response.json()) as SuccessBody<R>);
}

export const fetchBases = () => call(() => api.bases.$get());
export const fetchOfficers = () => call(() => api.officers.$get());
export const createBase = (name: string, point: [number, number]) => call(() => api.bases.$post({ json: { name, point } }));
export const fetchPlans = (date: string, team: string) => call(() => plans.$get({ query: { date, team } }));
export const fetchPlan = (id: number) => call(() => byId.$get({ param: { id: String(id) } }));
export const createPlan = (json: NewPlan) => call(() => plans.$post({ json }));
export const fetchPlanWeek = (id: number) => call(() => byId.week.$get({ param: { id: String(id) } }));
export const changePlan = (id: number, json: PlanChange) => call(() => byId.$patch({ param: { id: String(id) }, json }));
