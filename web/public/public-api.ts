// The public page's requests (issue 15): /api/public/* only, which anyone may call. The same
// RPC types as the staff client, so a renamed field breaks this file at compile time.
import type { InferResponseType } from 'hono/client';
import { fail, ok, type Result } from '../../geo/types';
import { api, failureOf, reach, type ApiFailure } from '../api-client';
import { AREA_KINDS, EMPTY_AREAS, type AreaCollection, type BaseAreas } from '../map-style';

export type PublicThemes = InferResponseType<typeof api.public.themes.$get, 200>;
export type PublicTrend = InferResponseType<typeof api.public.trends.$get, 200>;
export type PublicPriorities = InferResponseType<typeof api.public.priorities.$get, 200>;

/** One published figure: 0, a rounded count, "fewer than 10" or "withheld" (geo/disclosure/publish.ts). */
export interface PublicFigure {
  kind: 'zero' | 'rounded' | 'fewer-than' | 'withheld';
  value: number | null;
  text: string;
}

/** Residents and the rate per 1,000 of them, where the rules give one (server/public/public-rates.ts). */
export interface PublicRate {
  residents: number | null;
  residentsYear: number | null;
  ratePer1000: number | null;
  rateNote: string | null;
}

export interface PublicWards {
  meta: { theme: string; label: string; month: string; demo: boolean; rules: { smallCountThreshold: number; roundingBase: number } };
  borough: PublicFigure & PublicRate;
  wards: (PublicFigure & PublicRate & { code: string; name: string })[];
}

export async function fetchPublicThemes(): Promise<Result<PublicThemes, ApiFailure>> {
  const reached = await reach(() => api.public.themes.$get());
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchPublicWards(theme: string, month: string): Promise<Result<PublicWards, ApiFailure>> {
  const reached = await reach(() => api.public.wards.$get({ query: { theme, month, format: 'json' } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok((await response.json()) as PublicWards);
}

/** The twelve months ending with `to`, for the borough (ward null) or a ward. */
export async function fetchPublicTrend(theme: string, ward: string | null, to: string): Promise<Result<PublicTrend, ApiFailure>> {
  const reached = await reach(() => api.public.trends.$get({ query: { theme, months: '12', to, ...(ward ? { ward } : {}) } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchPublicPriorities(): Promise<Result<PublicPriorities, ApiFailure>> {
  const reached = await reach(() => api.public.priorities.$get());
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

async function fetchPublicAreas(kind: 'study-area' | 'ward' | 'water' | 'road'): Promise<Result<AreaCollection, ApiFailure>> {
  const reached = await reach(() => api.public.areas.$get({ query: { kind } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

/** The basemap (borough, wards, river, roads) from the public route. */
export async function fetchPublicBasemap(): Promise<Result<BaseAreas, ApiFailure>> {
  const keys = Object.keys(AREA_KINDS).filter((key): key is keyof BaseAreas => key in EMPTY_AREAS);
  const results = await Promise.all(keys.map((key) => fetchPublicAreas(AREA_KINDS[key] as 'study-area' | 'ward' | 'water' | 'road')));
  const areas: BaseAreas = { ...EMPTY_AREAS };
  for (const [k, result] of results.entries()) {
    if (!result.ok) return result;
    areas[keys[k]!] = result.value;
  }
  return ok(areas);
}

/** The link that downloads the published ward-month table from `from` to `to`. */
export function wardTableCsvUrl(theme: string, from: string, to: string): string {
  return `/api/public/wards.csv?${new URLSearchParams({ theme, from, to }).toString()}`;
}
