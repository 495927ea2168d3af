import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow, STAFF } from '../auth/roles';
import { failureBody } from '../hotspots/hotspot-service';
import { categoryList, groupId, isoDay, resolutionParam, resolveCategories } from '../incidents/window-params';
import { validate } from '../validation';
import { answerVersion } from '../compute/answer-version';

const horizon = z.enum(['week', 'month'], { error: 'expected week or month' }).default('month');
const categoriesAndGroup = {
  categories: categoryList,
  group: groupId,
  resolution: resolutionParam.default(9),
  horizon,
};
const oneOfCategoriesOrGroup = (q: { categories?: string[] | undefined; group?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.categories && q.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'give categories or group, not both' });
};

const forecastQuery = z.object({ ...categoriesAndGroup, asOf: isoDay('asOf') }).superRefine(oneOfCategoriesOrGroup);

const coverageList = z
  .string()
  .default('0.01,0.02,0.05,0.1')
  .transform((text) => text.split(',').map((c) => Number(c.trim())))
  .refine((list) => list.length >= 1 && list.length <= 10 && list.every((c) => c > 0 && c <= 1), {
    message: 'expected 1..10 comma-separated shares of the study area in (0, 1], e.g. 0.01,0.05',
  });

const backtestQuery = z
  .object({
    ...categoriesAndGroup,
    to: isoDay('to'),
    windows: z.coerce.number().int('expected a whole number').min(6, 'expected 6..120').max(120, 'expected 6..120').default(24),
    trainingWindows: z.coerce.number().int('expected a whole number').min(3, 'expected 3..60').max(60, 'expected 3..60').default(12),
    coverages: coverageList,
  })
  .superRefine(oneOfCategoriesOrGroup);

export function forecastRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/forecast', allow(...STAFF), validate('query', forecastQuery), async (c) => {
      const q = c.req.valid('query');
      const categories = resolveCategories(q.categories, q.group);
      const index = await deps.compute.index([q.resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const result = await deps.compute.run('forecast', {
          categories,
          h3Resolution: q.resolution,
          endDay: q.asOf,
          horizon: q.horizon,
        });
        if (!result.ok) return c.json(failureBody(result.reason), result.reason.status);
        return c.json({
          meta: {
            categories,
            resolution: q.resolution,
            horizon: q.horizon,
            note: 'Scores use only incidents before asOf. Parameters are tuned by rolling-origin backtest on that history (docs/decisions/008-forecast-method.md).',
          },
          ...result.value,
        });
      });
    })
    .get('/backtest', allow(...STAFF), validate('query', backtestQuery), async (c) => {
      const q = c.req.valid('query');
      const categories = resolveCategories(q.categories, q.group);
      const index = await deps.compute.index([q.resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const result = await deps.compute.run('backtest', {
          categories,
          h3Resolution: q.resolution,
          endDay: q.to,
          horizon: q.horizon,
          maxWindows: q.windows,
          trainingWindows: q.trainingWindows,
          coverages: q.coverages,
        });
        if (!result.ok) return c.json(failureBody(result.reason), result.reason.status);
        const { result: backtest, ...rest } = result.value;
        return c.json({
          meta: { categories, resolution: q.resolution, horizon: q.horizon, trainingWindows: q.trainingWindows, definitions: 'docs/accuracy.md' },
          ...rest,
          coverages: backtest.coverages,
          methods: backtest.methods.map((m) => ({ id: m.id, label: m.label, scoredWindows: m.scoredWindows, summary: m.summary })),
        });
      });
    });
}
