import { prepared } from '../db/statement-cache';
import { z } from 'zod';
import type { AreaGeometry } from '../../geo/study-area';
import type { Db } from '../db/open-database';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4, 'a polygon ring needs at least 4 positions');
const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

export interface StoredArea {
  kind: string;
  code: string;
  name: string;
  geometry: AreaGeometry;
}

export const STUDY_AREA_KIND = 'study-area';

function parseStoredGeometry(json: string): AreaGeometry {
  return areaGeometrySchema.parse(JSON.parse(json));
}

export function getStudyArea(db: Db): StoredArea | null {
  const row = db.prepare('SELECT kind, code, name, geometry_json FROM areas WHERE kind = ? LIMIT 1').get(STUDY_AREA_KIND) as
    { kind: string; code: string; name: string; geometry_json: string } | undefined;
  return row ? { kind: row.kind, code: row.code, name: row.name, geometry: parseStoredGeometry(row.geometry_json) } : null;
}

/** Changes whenever the study area is replaced: a cache key for what is derived from it. */
export function studyAreaVersion(db: Db): string {
  return String(prepared(db, "SELECT group_concat(id || ':' || imported_at) FROM areas WHERE kind = ?").pluck().get(STUDY_AREA_KIND) ?? '');
}

/** Changes whenever the areas of a kind are replaced (wards, say): a cache key for what is derived from them. */
export function areasVersion(db: Db, kind: string): string {
  return String(
    prepared(db, "SELECT count(*) || ':' || coalesce(group_concat(id || ':' || imported_at), '') FROM areas WHERE kind = ?").pluck().get(kind) ?? '',
  );
}

export function listAreas(db: Db, kind?: string): StoredArea[] {
  const rows = (
    kind
      ? db.prepare('SELECT kind, code, name, geometry_json FROM areas WHERE kind = ? ORDER BY name').all(kind)
      : db.prepare('SELECT kind, code, name, geometry_json FROM areas ORDER BY kind, name').all()
  ) as { kind: string; code: string; name: string; geometry_json: string }[];
  return rows.map((r) => ({ kind: r.kind, code: r.code, name: r.name, geometry: parseStoredGeometry(r.geometry_json) }));
}

export function listAreaKinds(db: Db): { kind: string; count: number }[] {
  return db.prepare('SELECT kind, count(*) AS count FROM areas GROUP BY kind ORDER BY kind').all() as { kind: string; count: number }[];
}

/**
 * Replaces every area of a kind in one immediate transaction; returns how many it replaced. A
 * study area is one polygon; importing another replaces it.
 */
export function replaceAreas(db: Db, kind: string, areas: Omit<StoredArea, 'kind'>[], sourceFile: string, now: Date): number {
  const remove = db.prepare('DELETE FROM areas WHERE kind = ?');
  const insert = db.prepare('INSERT INTO areas (kind, code, name, geometry_json, source_file, imported_at) VALUES (?, ?, ?, ?, ?, ?)');
  return db
    .transaction(() => {
      const replaced = remove.run(kind).changes;
      for (const area of areas) insert.run(kind, area.code, area.name, JSON.stringify(area.geometry), sourceFile, now.toISOString());
      return replaced;
    })
    .immediate();
}
