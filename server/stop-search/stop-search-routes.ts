// GET /api/stop-search/summary: borough-wide and per month only (never per cell or place), and
// never for the public role: the partnership's youth advisory group on stop and search reads
// these breakdowns in aggregate (DOMAIN.md, seed 001; docs/decisions/024-stop-and-search.md).
import { Hono } from 'hono';
import { z } from 'zod';
import { OBJECT_CLASS_IDS, OBJECT_CLASSES, OUTCOME_CLASSES } from '../../geo/search-outcomes';
import { isoDateOfDay } from '../../geo/time';
import { MAX_WINDOW_DAYS } from '../../geo/windows';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow, STAFF } from '../auth/roles';
import { isoDay } from '../incidents/window-params';
import { validate } from '../validation';
import { stopSearchSummary } from './stop-search-queries';

export const summaryQuerySchema = z
  .object({
    from: isoDay('from'),
    to: isoDay('to'),
    object: z.enum(OBJECT_CLASS_IDS, { error: `expected one of ${OBJECT_CLASS_IDS.join(', ')}` }).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from (the window is [from, to))' });
    if (q.to - q.from > MAX_WINDOW_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
  })
  .transform((q) => ({ fromDay: q.from, toDay: q.to, object: q.object }));

const NOTES = [
  'Borough-wide and per month only: these figures are never broken down by place.',
  'Searches and drug offences measure police activity as much as crime or drug markets: more searches in a month can mean more patrols, not more drugs.',
  'Disproportionality: counts, shares and positive outcome rates by group. Rates per resident need population figures by group, which the app does not hold.',
];

export function stopSearchRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/stop-search/summary', allow(...STAFF), validate('query', summaryQuerySchema), (c) => {
    const query = c.req.valid('query');
    const { total, months, stored } = stopSearchSummary(deps.db, query);
    return c.json({
      meta: {
        from: isoDateOfDay(query.fromDay),
        to: isoDateOfDay(query.toDay),
        object: query.object ?? null,
        objectLabel: query.object ? (OBJECT_CLASSES.find((o) => o.id === query.object)?.label ?? query.object) : 'All objects of search',
        /** The measure of every positive outcome rate in this answer, total, months and groups alike. */
        positiveOutcomeMeasure: total.positiveOutcome.measure,
        positiveOutcomeLabel: total.positiveOutcome.label,
        outcomeClasses: OUTCOME_CLASSES.map(({ id, label, positive }) => ({ id, label, positive })),
        stored,
        notes: NOTES,
      },
      total,
      months,
    });
  });
}
