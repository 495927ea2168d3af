// The CCTV routes through the typed client (Hono RPC), as web/themes/theme-api.ts does: the
// shapes below come from the server's own app type, so a renamed field breaks the build, not the
// screen. Staff only: the page's public role never asks for them.
import type { InferResponseType } from 'hono/client';
import { fail, ok, type Result } from '../../geo/types';
import { api, failureOf, reach, type ApiFailure } from '../api-client';

export type CamerasResponse = InferResponseType<typeof api.cameras.$get, 200>;
export type CameraFeature = CamerasResponse['features'][number];
export type CoverageResponse = InferResponseType<typeof api.cctv.coverage.$get, 200>;
export type CoverageCell = CoverageResponse['cells'][number];
export type BlindHotspotRow = CoverageResponse['blindHotspots'][number];
export type SitingResponse = InferResponseType<typeof api.cctv.siting.$post, 200>;
export type SiteRow = SitingResponse['sites'][number];

/** What the page asks: which layer group, the window on screen [from, to), the cell size. */
export interface CctvQuery {
  group: string;
  from: string;
  /** Exclusive. */
  to: string;
  resolution: number;
}

export async function fetchCameras(signal: AbortSignal): Promise<Result<CamerasResponse, ApiFailure>> {
  const reached = await reach(() => api.cameras.$get({ query: {} }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function fetchCoverage(q: CctvQuery, signal: AbortSignal): Promise<Result<CoverageResponse, ApiFailure>> {
  const query = { group: q.group, from: q.from, to: q.to, resolution: String(q.resolution) };
  const reached = await reach(() => api.cctv.coverage.$get({ query }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export async function requestSiting(q: CctvQuery & { k: number }, signal: AbortSignal): Promise<Result<SitingResponse, ApiFailure>> {
  const json = { k: q.k, group: q.group, from: q.from, to: q.to, resolution: q.resolution };
  const reached = await reach(() => api.cctv.siting.$post({ json }, { init: { signal } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}
