// Domain types shared by the server and the web client. Plain data only.
import type { IncidentFlags } from './incident-flags';

/** GeoJSON position order: longitude first. */
export type LngLat = [lng: number, lat: number];

/**
 * How precisely an incident's time is known. police.uk open data gives the month
 * only; partner CAD/CRIS and council logs give the minute.
 */
export type TimePrecision = 'month' | 'day' | 'minute';
export const TIME_PRECISIONS: readonly TimePrecision[] = ['month', 'day', 'minute'];

/** An incident as an importer produces it, before it is stored. */
export interface IncidentDraft {
  /** Record id in the source system (police.uk Crime ID, CAD reference); null when absent (police.uk ASB). */
  sourceRecordId: string | null;
  /** Category slug, see geo/categories.ts. */
  category: string;
  /** London local wall-clock time truncated to its precision: 'YYYY-MM', 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'. */
  occurredAt: string;
  precision: TimePrecision;
  lng: number;
  lat: number;
  /** Partner flags (geo/incident-flags.ts); absent when the record carries none (police.uk). */
  flags?: IncidentFlags;
}

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; reason: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(reason: E): { ok: false; reason: E } {
  return { ok: false, reason };
}
