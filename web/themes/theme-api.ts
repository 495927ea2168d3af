// The theme routes through the typed client (Hono RPC): the shapes below come from the
// server's own app type, so a renamed field breaks the build, not the screen.
import type { InferRequestType, InferResponseType } from 'hono/client';
import { fail, ok, type Result } from '../../geo/types';
import { api, failureOf, reach, type ApiFailure } from '../api-client';

export type ThemesResponse = InferResponseType<typeof api.themes.$get, 200>;
export type ThemeDefinition = ThemesResponse['themes'][number];
export type ThemeSetting = ThemeDefinition['settings'][number];
export type SchoolsRobberyResponse = InferResponseType<(typeof api.themes)['schools-robbery']['$get'], 200>;
export type SchoolRow = SchoolsRobberyResponse['schools'][number];
export type DrugMarketsResponse = InferResponseType<(typeof api.themes)['drug-markets']['$get'], 200>;
export type DrugMarketHotspot = DrugMarketsResponse['hotspots'][number];
export type DrugMarketCell = DrugMarketsResponse['cells'][number];
export type SeriousViolenceResponse = InferResponseType<(typeof api.themes)['serious-violence']['$get'], 200>;
export type ViolenceHotspot = SeriousViolenceResponse['hotspots'][number];
type SchoolsRobberyRequest = InferRequestType<(typeof api.themes)['schools-robbery']['$get']>['query'];
/** only | exclude | any, as the route takes it. */
export type SchoolDaysParam = NonNullable<SchoolsRobberyRequest['schoolDays']>;

/** What the page asks of the robbery-near-schools layer; each value is one the theme's settings allow. */
export interface SchoolsRobberyQuery {
  from: string;
  /** Exclusive. */
  to: string;
  bufferMeters: number;
  /** '15-18' or 'any'. */
  hours: string;
  schoolDays: SchoolDaysParam;
  categories: readonly string[];
}

type SeriousViolenceRequest = InferRequestType<(typeof api.themes)['serious-violence']['$get']>['query'];
/** exclude (the tasking view) | include, as the route takes it. */
export type IncludeDwellingsParam = NonNullable<SeriousViolenceRequest['includeDwellings']>;

/** What the page asks of the serious-violence layer. */
export interface SeriousViolenceQuery {
  from: string;
  /** Exclusive. */
  to: string;
  includeDwellings: IncludeDwellingsParam;
  categories: readonly string[];
}

export interface DrugMarketsQuery {
  from: string;
  /** Exclusive. */
  to: string;
}

export async function fetchThemes(signal?: AbortSignal): Promise<Result<ThemesResponse, ApiFailure>> {
  const reached = await reach(() => api.themes.$get(undefined, signal ? { init: { signal } } : {}));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchSchoolsRobbery(q: SchoolsRobberyQuery, signal: AbortSignal): Promise<Result<SchoolsRobberyResponse, ApiFailure>> {
  const query = {
    from: q.from,
    to: q.to,
    bufferMeters: String(q.bufferMeters),
    hours: q.hours,
    schoolDays: q.schoolDays,
    categories: q.categories.join(','),
  };
  const reached = await reach(() => api.themes['schools-robbery'].$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchDrugMarkets(q: DrugMarketsQuery, signal: AbortSignal): Promise<Result<DrugMarketsResponse, ApiFailure>> {
  const reached = await reach(() => api.themes['drug-markets'].$get({ query: { from: q.from, to: q.to } }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchSeriousViolence(q: SeriousViolenceQuery, signal: AbortSignal): Promise<Result<SeriousViolenceResponse, ApiFailure>> {
  const query = { from: q.from, to: q.to, includeDwellings: q.includeDwellings, categories: q.categories.join(',') };
  const reached = await reach(() => api.themes['serious-violence'].$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}
