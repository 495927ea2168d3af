import { Hono } from 'hono';
import { z } from 'zod';
import { cellResolution, isCell, MAX_QUERY_RESOLUTION, MIN_QUERY_RESOLUTION } from '../../geo/h3';
import { CORRECTIONS } from '../../geo/multiple-testing';
import { MAX_NEIGHBOURHOOD_K } from '../../geo/study-cells';
import { isoDateOfDay } from '../../geo/time';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';
import { allow, STAFF } from '../auth/roles';
import { failureBody } from '../hotspots/hotspot-service';
import { profileCells, WEEKDAYS } from '../incidents/temporal-profile';
import {
  askedTimeFilter,
  categoryList,
  groupId,
  hoursParam,
  isoDay,
  resolutionParam,
  resolveCategories,
  schoolDayFilter,
  schoolDaysParam,
  timeFilterOf,
  weekdaysParam,
  windowQuerySchemaFor,
} from '../incidents/window-params';
import { COUNT_RULE, reportTimeFilter } from '../incidents/window-counts';
import { validate } from '../validation';
import { answerVersion } from '../compute/answer-version';

const MAX_K = Math.min(5, MAX_NEIGHBOURHOOD_K);
const kParam = z.coerce.number().int('expected a whole number').min(1, `expected 1..${MAX_K}`).max(MAX_K, `expected 1..${MAX_K}`).default(1);
const correctionParam = z.enum(CORRECTIONS, { error: `expected one of ${CORRECTIONS.join(', ')}` }).default('fdr');
const booleanParam = z
  .enum(['true', 'false'], { error: 'expected true or false' })
  .default('false')
  .transform((v) => v === 'true');

type WindowQuerySchema = ReturnType<typeof windowQuerySchemaFor>;

const hotspotQuery = (windowQuerySchema: WindowQuerySchema) =>
  z.intersection(
    windowQuerySchema,
    z.object({
      method: z.enum(['gistar', 'harm', 'count'], { error: 'expected gistar (Gi* on counts), harm (Gi* on harm-weighted counts) or count' }).default('gistar'),
      k: kParam,
      correction: correctionParam,
      includeProactive: booleanParam,
    }),
  );

// Emerging hot spots take the end of the last window and the window length, not a from date.
const emergingQuery = z
  .object({
    to: isoDay('to'),
    categories: categoryList,
    group: groupId,
    resolution: resolutionParam.default(9),
    hours: hoursParam,
    weekdays: weekdaysParam,
    schoolDays: schoolDaysParam,
    windows: z.coerce.number().int('expected a whole number').min(3, 'expected 3..60 windows').max(60, 'expected 3..60 windows').default(12),
    windowDays: z.coerce.number().int('expected a whole number of days').min(1, 'expected 1..366').max(366, 'expected 1..366').optional(),
    window: z.enum(['month'], { error: 'expected month (or give windowDays)' }).optional(),
    k: kParam,
    correction: correctionParam,
    confidence: z.enum(['90', '95', '99'], { error: 'expected 90, 95 or 99' }).default('95'),
  })
  .superRefine((q, ctx) => {
    if (q.window && q.windowDays) ctx.addIssue({ code: 'custom', path: ['window'], message: 'give window=month or windowDays, not both' });
    if (q.categories && q.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'give categories or group, not both' });
  });

const changeQuery = (windowQuerySchema: WindowQuerySchema) =>
  z.intersection(
    windowQuerySchema,
    z.object({
      baselineWindows: z.coerce.number().int('expected a whole number').min(1, 'expected 1..24').max(24, 'expected 1..24').default(4),
      correction: correctionParam,
    }),
  );

const profileQuery = (windowQuerySchema: WindowQuerySchema) =>
  z.intersection(
    windowQuerySchema,
    z.object({
      cells: z
        .string({ error: 'cells is required: comma-separated H3 cell ids' })
        .transform((text) =>
          text
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        )
        .refine((cells) => cells.length >= 1 && cells.length <= 500, 'expected 1..500 H3 cell ids')
        .refine((cells) => cells.every((c) => isCell(c) && cellResolution(c) >= 7 && cellResolution(c) <= 11), {
          message: 'expected H3 cell ids at resolution 7..11, comma-separated',
        }),
    }),
  );

const CONFIDENCE_BIN = { '90': 1, '95': 2, '99': 3 } as const;

export function hotspotRoutes(deps: AppDeps) {
  const windowQuerySchema = windowQuerySchemaFor(deps.schoolCalendar);
  return new Hono<AppEnv>()
    .get('/hotspots', allow(...STAFF), validate('query', hotspotQuery(windowQuerySchema)), async (c) => {
      const q = c.req.valid('query');
      const index = await deps.compute.index([q.h3Resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const result = await deps.compute.run('hotspots', q);
        if (!result.ok) return c.json(failureBody(result.reason), result.reason.status);
        return c.json({
          meta: {
            from: isoDateOfDay(q.fromDay),
            to: isoDateOfDay(q.toDay),
            resolution: q.h3Resolution,
            categories: q.categories,
            method: q.method,
            k: q.k,
            correction: q.correction,
            countRule: COUNT_RULE,
            timeFilter: reportTimeFilter(
              index,
              q,
              askedTimeFilter((name) => c.req.query(name)),
            ),
            outsideStudyArea: result.value.outsideStudyArea,
            partialCount: result.value.partialCount,
            harm: result.value.harm,
            coverageNote: result.value.coverageNote,
          },
          summary: result.value.summary,
          cells: result.value.cells.map((cell) => ({
            ...cell,
            z: Number.isNaN(cell.z) ? null : cell.z,
            p: Number.isNaN(cell.p) ? null : cell.p,
            pAdjusted: Number.isNaN(cell.pAdjusted) ? null : cell.pAdjusted,
          })),
        });
      });
    })
    .get('/hotspots/emerging', allow(...STAFF), validate('query', emergingQuery), async (c) => {
      const q = c.req.valid('query');
      const windowLength = q.windowDays
        ? { unit: 'days' as const, days: q.windowDays }
        : q.window === 'month'
          ? { unit: 'months' as const, months: 1 }
          : { unit: 'days' as const, days: 28 };
      const categories = resolveCategories(q.categories, q.group);
      const index = await deps.compute.index([q.resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const result = await deps.compute.run('emerging', {
          categories,
          toDay: q.to,
          h3Resolution: q.resolution,
          windows: q.windows,
          windowLength,
          k: q.k,
          correction: q.correction,
          minBin: CONFIDENCE_BIN[q.confidence],
          timeFilter: timeFilterOf(q.hours, q.weekdays, schoolDayFilter(deps.schoolCalendar, q.schoolDays)),
        });
        if (!result.ok) return c.json(failureBody(result.reason), result.reason.status);
        return c.json({
          meta: {
            to: isoDateOfDay(q.to),
            resolution: q.resolution,
            categories,
            windowLength,
            k: q.k,
            correction: q.correction,
            confidence: Number(q.confidence),
            definitions: 'docs/decisions/009-emerging-hot-spots.md',
          },
          ...result.value,
        });
      });
    })
    .get('/hotspots/change', allow(...STAFF), validate('query', changeQuery(windowQuerySchema)), async (c) => {
      const q = c.req.valid('query');
      const index = await deps.compute.index([q.h3Resolution]);
      return deps.answers.answer(c, answerVersion(deps.db, index), async () => {
        const result = await deps.compute.run('change', { ...q, alpha: 0.05 });
        if (!result.ok) return c.json(failureBody(result.reason), result.reason.status);
        return c.json({
          meta: {
            resolution: q.h3Resolution,
            categories: q.categories,
            correction: q.correction,
            test: "conditional binomial for two Poisson rates with unequal exposure (days), two-sided, alpha 0.05 after correction; expected = the baseline's daily rate times the window's days",
          },
          ...result.value,
        });
      });
    })
    .get('/profile', allow(...STAFF), validate('query', profileQuery(windowQuerySchema)), async (c) => {
      const q = c.req.valid('query');
      const index = await deps.compute.index([...new Set(q.cells.map(cellResolution).filter((r) => r >= MIN_QUERY_RESOLUTION && r <= MAX_QUERY_RESOLUTION))]);
      const profile = profileCells(index, q, q.cells);
      return c.json({
        meta: {
          from: isoDateOfDay(q.fromDay),
          to: isoDateOfDay(q.toDay),
          cells: q.cells,
          categories: q.categories,
          weekdays: WEEKDAYS,
          timeZone: 'Europe/London',
        },
        ...profile,
        note:
          profile.excludedWithoutTime > 0
            ? `${profile.excludedWithoutTime} of ${profile.total} incidents have no time of day (police.uk data is monthly) and are left out of the hour grid; they are in the monthly series.`
            : null,
      });
    });
}
