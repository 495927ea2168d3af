// The HTTP contract comes from the server's own types (Hono RPC): web/ imports only the
// AppType, so a renamed field on the server breaks this file at compile time, not on screen.
// The session cookie is HttpOnly and same-origin: the browser sends it; this code never sees it.
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../server/app';
import { fail, ok, type Result } from '../geo/types';
import type { AreaCollection } from './map-style';
import { timeFilterParams, type TimeFilterChoice } from './time-filter-choice';

// Every request says it comes from our page: the server refuses state changes without it
// (server/security/csrf-guard.ts), which a page on another origin cannot forge.
const client = hc<AppType>(window.location.origin, { headers: { 'X-Tasking-Map': '1' } });
export const api = client.api;

export type User = NonNullable<InferResponseType<typeof api.auth.me.$get, 200>['user']>;
export type Categories = InferResponseType<typeof api.categories.$get, 200>;
export type Meta = InferResponseType<typeof api.meta.$get, 200>;
export type CellsResponse = InferResponseType<typeof api.cells.$get, 200>;
export type CellBreakdown = InferResponseType<(typeof api.cells)[':cell']['$get'], 200>;
export type HotspotsResponse = InferResponseType<typeof api.hotspots.$get, 200>;
export type EmergingResponse = InferResponseType<typeof api.hotspots.emerging.$get, 200>;
export type ForecastResponse = InferResponseType<typeof api.forecast.$get, 200>;
export type BacktestResponse = InferResponseType<typeof api.backtest.$get, 200>;
export type ProfileResponse = InferResponseType<typeof api.profile.$get, 200>;

/** Why a call failed, in words for the screen; `signedOut` when the session has ended. */
export interface ApiFailure {
  status: number;
  message: string;
  signedOut: boolean;
  /** The server's error code (e.g. window_finer_than_data), when it gave one. */
  code?: string;
  /** Each field a form sent that the server refused, with the reason in words. */
  fields?: { field: string; message: string }[];
  /** The whole error body, for callers that need more (a version conflict's stored record). */
  body?: unknown;
}

export interface WindowQuery extends TimeFilterChoice {
  group: string;
  from: string;
  /** Exclusive, as the API wants it. */
  to: string;
  resolution: number;
}

function fieldsOf(value: unknown): { field: string; message: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item: unknown) =>
    item && typeof item === 'object' && 'field' in item && 'message' in item && typeof item.field === 'string' && typeof item.message === 'string'
      ? [{ field: item.field, message: item.message }]
      : [],
  );
}

export async function failureOf(response: Response): Promise<ApiFailure> {
  let message = `The server answered ${response.status} ${response.statusText}.`;
  let code: string | undefined;
  let fields: { field: string; message: string }[] | undefined;
  let body: unknown;
  try {
    body = await response.json();
    if (body && typeof body === 'object' && 'error' in body) {
      const error = body.error;
      if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') message = error.message;
      if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') code = error.code;
      if (error && typeof error === 'object' && 'fields' in error) fields = fieldsOf(error.fields);
    }
  } catch {
    // Not JSON (a proxy error page, say): keep the status line.
  }
  return {
    status: response.status,
    message,
    signedOut: response.status === 401,
    ...(code !== undefined ? { code } : {}),
    ...(fields !== undefined ? { fields } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

/** Runs a request; a network failure (server down, offline) becomes a value, an abort stays an exception. */
export async function reach<R>(request: () => Promise<R>): Promise<Result<R, ApiFailure>> {
  try {
    return ok(await request());
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return fail({ status: 0, message: 'Cannot reach the server; check the connection and reload.', signedOut: false });
  }
}

// Each function narrows on `response.ok`, so `json()` has the server's 200 body type.

export async function fetchCurrentUser(): Promise<Result<User | null, ApiFailure>> {
  const reached = await reach(() => api.auth.me.$get());
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok((await response.json()).user);
}

export async function signIn(username: string, password: string): Promise<Result<User, ApiFailure>> {
  const reached = await reach(() => api.auth.login.$post({ json: { username, password } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok((await response.json()).user);
}

export async function signOut(): Promise<void> {
  await reach(() => api.auth.logout.$post());
}

export async function fetchCategories(): Promise<Result<Categories, ApiFailure>> {
  const reached = await reach(() => api.categories.$get());
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchMeta(): Promise<Result<Meta, ApiFailure>> {
  const reached = await reach(() => api.meta.$get());
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

/** A basemap kind for the staff map (the public page reads /api/public/areas: web/public/public-api.ts). */
export async function fetchAreas(kind: string): Promise<Result<AreaCollection, ApiFailure>> {
  const reached = await reach(() => api.areas.$get({ query: { kind } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

function windowQuery(q: WindowQuery) {
  return { group: q.group, from: q.from, to: q.to, resolution: String(q.resolution), ...timeFilterParams(q) };
}

export async function fetchCells(q: WindowQuery, signal: AbortSignal): Promise<Result<CellsResponse, ApiFailure>> {
  const reached = await reach(() => api.cells.$get({ query: windowQuery(q) }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchCellBreakdown(cell: string, q: WindowQuery, signal: AbortSignal): Promise<Result<CellBreakdown, ApiFailure>> {
  const reached = await reach(() => api.cells[':cell'].$get({ param: { cell }, query: windowQuery(q) }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export interface HotspotsQuery extends WindowQuery {
  method: 'gistar' | 'harm';
}

export async function fetchHotspots(q: HotspotsQuery, signal: AbortSignal): Promise<Result<HotspotsResponse, ApiFailure>> {
  // k and the correction are fixed: the legend says "k = 1, FDR-corrected".
  const query = { ...windowQuery(q), method: q.method, k: '1', correction: 'fdr' as const };
  const reached = await reach(() => api.hotspots.$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export interface EmergingQuery extends TimeFilterChoice {
  group: string;
  /** Exclusive end of the last window. */
  to: string;
  windows: number;
  /** Whole calendar months, or windows of this many days. */
  length: { unit: 'month' } | { unit: 'days'; days: number };
  resolution: number;
}

export async function fetchEmerging(q: EmergingQuery, signal: AbortSignal): Promise<Result<EmergingResponse, ApiFailure>> {
  const length = q.length.unit === 'month' ? { window: 'month' as const } : { windowDays: String(q.length.days) };
  const query = { group: q.group, to: q.to, windows: String(q.windows), resolution: String(q.resolution), ...length, ...timeFilterParams(q) };
  const reached = await reach(() => api.hotspots.emerging.$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

/** No time filter: the forecast and its backtest score whole weeks or months, all hours and days. */
export interface ForecastQuery {
  group: string;
  /** The forecast window starts here; only incidents before it are used. */
  asOf: string;
  horizon: 'week' | 'month';
  resolution: number;
}

export async function fetchForecast(q: ForecastQuery, signal: AbortSignal): Promise<Result<ForecastResponse, ApiFailure>> {
  const query = { group: q.group, asOf: q.asOf, horizon: q.horizon, resolution: String(q.resolution) };
  const reached = await reach(() => api.forecast.$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchBacktest(q: ForecastQuery, signal: AbortSignal): Promise<Result<BacktestResponse, ApiFailure>> {
  const query = { group: q.group, to: q.asOf, horizon: q.horizon, resolution: String(q.resolution) };
  const reached = await reach(() => api.backtest.$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchProfile(cell: string, q: WindowQuery, signal: AbortSignal): Promise<Result<ProfileResponse, ApiFailure>> {
  const query = { cells: cell, group: q.group, from: q.from, to: q.to, ...timeFilterParams(q) };
  const reached = await reach(() => api.profile.$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

/** GET /config.json, served by server/main.ts from MAP_STYLE_URL. Outside /api: no RPC type. */
export async function fetchMapConfig(): Promise<{ mapStyleUrl: string | null }> {
  try {
    const response = await fetch('/config.json');
    if (!response.ok) return { mapStyleUrl: null };
    const body: unknown = await response.json();
    const url = body && typeof body === 'object' && 'mapStyleUrl' in body ? body.mapStyleUrl : null;
    return { mapStyleUrl: typeof url === 'string' && url !== '' ? url : null };
  } catch {
    return { mapStyleUrl: null };
  }
}
