// The printed briefing's requests (issue 13, decision 039): the briefing of a plan, and the
// outlines its map is drawn over. Types from the server's own routes (Hono RPC).
import type { InferResponseType } from 'hono/client';
import { fail, ok, type Result } from '../../geo/types';
import { api, failureOf, fetchAreas, reach, type ApiFailure } from '../api-client';
import { AREA_KINDS, type AreaCollection } from '../map-style';

export type BriefingResponse = InferResponseType<(typeof api)['patrol-plans'][':id']['briefing']['$get'], 200>;
export type BriefingArea = BriefingResponse['areas'][number];

export async function fetchBriefing(planId: number): Promise<Result<BriefingResponse, ApiFailure>> {
  const reached = await reach(() => api['patrol-plans'][':id'].briefing.$get({ param: { id: String(planId) } }));
  if (!reached.ok) return reached;
  const response = reached.value;
  if (!response.ok) return fail(await failureOf(response));
  return ok(await response.json());
}

export interface BriefingOutlines {
  studyArea: AreaCollection;
  /** Drawn when imported (the real basemap files); empty otherwise. */
  water: AreaCollection;
  roads: AreaCollection;
}

const EMPTY: AreaCollection = { type: 'FeatureCollection', features: [] };

/** The borough outline (needed), and the water and main roads when they have been imported. */
export async function fetchBriefingOutlines(): Promise<Result<BriefingOutlines, ApiFailure>> {
  const [studyArea, water, roads] = await Promise.all([fetchAreas(AREA_KINDS.studyArea), fetchAreas(AREA_KINDS.water), fetchAreas(AREA_KINDS.roads)]);
  if (!studyArea.ok) return studyArea;
  return ok({ studyArea: studyArea.value, water: water.ok ? water.value : EMPTY, roads: roads.ok ? roads.value : EMPTY });
}

/** The printed PDF of a plan's briefing (server/pdf). */
export const briefingPdfHref = (planId: number) => `/api/patrol-plans/${planId}/briefing.pdf`;
