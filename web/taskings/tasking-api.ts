// The tasking routes through the typed client (Hono RPC): types come from the server's app.
import type { InferRequestType, InferResponseType } from 'hono/client';
import { fail, ok, type Result } from '../../geo/types';
import { api, failureOf, reach, type ApiFailure } from '../api-client';

const byId = api.taskings[':id{[0-9]+}'];

export type TaskingList = InferResponseType<typeof api.taskings.$get, 200>;
export type TaskingSummary = TaskingList['taskings'][number];
export type TaskingFeatures = InferResponseType<(typeof api)['taskings.geojson']['$get'], 200>;
export type TaskingFeature = TaskingFeatures['features'][number];
export type Tasking = InferResponseType<typeof byId.$get, 200>['tasking'];
export type TaskingResults = InferResponseType<typeof byId.results.$get, 200>;
export type TaskingHistory = InferResponseType<typeof byId.history.$get, 200>;
export type TaskingVisits = InferResponseType<typeof byId.visits.$get, 200>;
export type TaskingVisit = TaskingVisits['visits'][number];
export type TaskingOptions = InferResponseType<(typeof api)['tasking-options']['$get'], 200>;
export type NewTasking = InferRequestType<typeof api.taskings.$post>['json'];
export type TaskingChange = InferRequestType<typeof byId.$patch>['json'];
export type DecisionRequest = InferRequestType<typeof byId.decisions.$post>['json'];
export type VisitRequest = InferRequestType<typeof byId.visits.$post>['json'];

/** The body of a response the server sent with a success status: the RPC union minus its error members. */
type SuccessBody<R> = R extends { ok: false } ? never : R extends { json(): Promise<infer T> } ? T : never;

/** One request: a network failure or a refusal becomes a value with the server's words. */
async function call<R extends Response>(request: () => Promise<R>): Promise<Result<SuccessBody<R>, ApiFailure>> {
  const reached = await reach(request);
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  // What `if (!response.ok)` narrows to for a concrete route; a generic R cannot be narrowed, so it is said once here.
  return ok((await response.json()) as SuccessBody<R>);
}

const param = (id: number) => ({ param: { id: String(id) } });

export const fetchTaskingOptions = () => call(() => api['tasking-options'].$get());
export const fetchTaskings = (signal?: AbortSignal) =>
  call(() => api.taskings.$get({ query: { status: 'review-due,active,proposed', withResults: 'true' } }, signal ? { init: { signal } } : {}));
export const fetchTaskingFeatures = (signal?: AbortSignal) =>
  call(() => api['taskings.geojson'].$get({ query: { status: 'review-due,active,proposed' } }, signal ? { init: { signal } } : {}));
export const fetchTasking = (id: number) => call(() => byId.$get(param(id)));
export const fetchTaskingResults = (id: number) => call(() => byId.results.$get({ ...param(id), query: {} }));
export const fetchTaskingHistory = (id: number) => call(() => byId.history.$get(param(id)));
export const fetchTaskingVisits = (id: number) => call(() => byId.visits.$get(param(id)));
export const createTasking = (json: NewTasking) => call(() => api.taskings.$post({ json }));
export const changeTasking = (id: number, json: TaskingChange) => call(() => byId.$patch({ ...param(id), json }));
export const decideTasking = (id: number, json: DecisionRequest) => call(() => byId.decisions.$post({ ...param(id), json }));
export const logTaskingVisit = (id: number, json: VisitRequest) => call(() => byId.visits.$post({ ...param(id), json }));
