import { Hono } from 'hono';
import { z } from 'zod';
import { CATEGORIES, CATEGORY_GROUPS, categoriesOfGroup } from '../../geo/categories';
import { coveredRuns, describeCoverage, monthOfIndex } from '../../geo/coverage';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { getStudyArea, listAreaKinds, listAreas } from '../areas/area-queries';
import { allow, ANYONE, STAFF } from '../auth/roles';
import type { Db } from '../db/open-database';
import { latestImport, listSourceCoverage } from '../store/import-batches';
import { validate } from '../validation';

const areasQuery = z.object({ kind: z.string().regex(/^[a-z0-9-]+$/, 'expected an area kind such as ward or study-area') });

export function metaRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/health', allow(ANYONE), (c) => {
      deps.db.prepare('SELECT 1').get();
      return c.json({ status: 'ok', time: deps.clock().toISOString() });
    })
    .get('/categories', allow(...STAFF), (c) =>
      c.json({
        categories: CATEGORIES,
        groups: CATEGORY_GROUPS.map((g) => ({ ...g, categories: categoriesOfGroup(g.id) ?? [] })),
      }),
    )
    .get('/meta', allow(...STAFF), (c) => {
      const sources = listSourceCoverage(deps.db);
      const studyArea = getStudyArea(deps.db);
      return c.json({
        demo: sources.some((s) => s.demo),
        sources,
        coverage: sources.length
          ? {
              firstDay: sources.map((s) => s.firstDay).sort()[0]!,
              lastDay: sources
                .map((s) => s.lastDay)
                .sort()
                .at(-1)!,
            }
          : null,
        /** Per category, the months with data (runs of consecutive months), from the import batches. */
        categoryCoverage: CATEGORIES.flatMap((category) => {
          const months = deps.coverage().get(category.slug);
          if (!months || months.size === 0) return [];
          const runs = coveredRuns(months);
          return [
            {
              category: category.slug,
              label: category.label,
              firstMonth: monthOfIndex(runs[0]![0]),
              lastMonth: monthOfIndex(runs.at(-1)![1]),
              runs: runs.map(([from, to]) => ({ from: monthOfIndex(from), to: monthOfIndex(to) })),
              text: describeCoverage(months),
            },
          ];
        }),
        lastImport: latestImport(deps.db),
        studyArea: studyArea ? { code: studyArea.code, name: studyArea.name } : null,
        areaKinds: listAreaKinds(deps.db),
        now: deps.clock().toISOString(),
      });
    })
    .get('/areas', allow(...STAFF), validate('query', areasQuery), (c) => c.json(areasCollection(deps.db, c.req.valid('query').kind)));
}

/** The stored areas of a kind as GeoJSON (the public view serves the basemap kinds the same way). */
export function areasCollection(db: Db, kind: string) {
  return {
    type: 'FeatureCollection' as const,
    features: listAreas(db, kind).map((a) => ({
      type: 'Feature' as const,
      properties: { kind: a.kind, code: a.code, name: a.name },
      geometry: a.geometry,
    })),
  };
}
