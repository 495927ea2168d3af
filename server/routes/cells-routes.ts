import { Hono } from 'hono';
import { z } from 'zod';
import { categoryBySlug } from '../../geo/categories';
import { cellResolution, isCell, MAX_QUERY_RESOLUTION, MIN_QUERY_RESOLUTION } from '../../geo/h3';
import { isoDateOfDay } from '../../geo/time';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow, STAFF } from '../auth/roles';
import { hasDemoData } from '../store/import-batches';
import { askedTimeFilter, windowQuerySchemaFor } from '../incidents/window-params';
import { judgeCoverage } from '../../geo/coverage';
import { COUNT_RULE, countCategoriesInCell, countCellsInWindow, reportTimeFilter } from '../incidents/window-counts';
import { validate } from '../validation';
import { answerVersion } from '../compute/answer-version';

const cellParam = z.object({
  cell: z.string().refine((c) => isCell(c) && cellResolution(c) >= MIN_QUERY_RESOLUTION && cellResolution(c) <= MAX_QUERY_RESOLUTION, {
    message: `expected an H3 cell id at resolution ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}, e.g. 89195da49b7ffff`,
  }),
});

export function cellsRoutes(deps: AppDeps) {
  const windowQuerySchema = windowQuerySchemaFor(deps.schoolCalendar);
  return new Hono<AppEnv>()
    .get('/cells', allow(...STAFF), validate('query', windowQuerySchema), async (c) => {
      const params = c.req.valid('query');
      const index = await deps.compute.index([params.h3Resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const cells = countCellsInWindow(index, params);
        return c.json({
          meta: {
            from: isoDateOfDay(params.fromDay),
            to: isoDateOfDay(params.toDay),
            resolution: params.h3Resolution,
            group: params.group,
            categories: params.categories,
            countRule: COUNT_RULE,
            timeFilter: reportTimeFilter(
              index,
              params,
              askedTimeFilter((name) => c.req.query(name)),
            ),
            totalCount: cells.reduce((sum, cell) => sum + cell.count, 0),
            totalPartialCount: cells.reduce((sum, cell) => sum + cell.partialCount, 0),
            demo: hasDemoData(deps.db),
            /** Categories with no data (or data for only part of the window), in plain words; null when all have data throughout. */
            coverageNote: judgeCoverage(deps.coverage(), params.categories, [params]).note,
          },
          cells,
        });
      });
    })
    .get('/cells/:cell', allow(...STAFF), validate('param', cellParam), validate('query', windowQuerySchema), async (c) => {
      const { cell } = c.req.valid('param');
      const params = c.req.valid('query');
      const index = await deps.compute.index([cellResolution(cell)]);
      const breakdown = countCategoriesInCell(index, params, cell).map((row) => ({
        ...row,
        label: categoryBySlug(row.category)?.label ?? row.category,
      }));
      return c.json({
        cell,
        from: isoDateOfDay(params.fromDay),
        to: isoDateOfDay(params.toDay),
        count: breakdown.reduce((sum, row) => sum + row.count, 0),
        partialCount: breakdown.reduce((sum, row) => sum + row.partialCount, 0),
        categories: breakdown,
        countRule: COUNT_RULE,
      });
    });
}
