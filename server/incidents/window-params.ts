// Query parameters shared by every windowed endpoint: categories, window and resolution.
import { z } from 'zod';
import { CATEGORIES, CATEGORY_GROUPS, categoriesOfGroup } from '../../geo/categories';
import { MAX_QUERY_RESOLUTION, MIN_QUERY_RESOLUTION } from '../../geo/h3';
import { parseIsoDate } from '../../geo/time';
import { MAX_WINDOW_DAYS } from '../../geo/windows';
import { parseHours, parseWeekdays, type SchoolDayFilter, type TimeFilter } from '../../geo/time-filter';

export const isoDay = (name: string) =>
  z.string({ error: `${name} is required; expected YYYY-MM-DD` }).transform((text, ctx) => {
    const day = parseIsoDate(text);
    if (!day.ok) {
      ctx.addIssue({ code: 'custom', message: day.reason });
      return z.NEVER;
    }
    return day.value;
  });

export const categoryList = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return undefined;
    const slugs = text.split(',').map((s) => s.trim());
    const unknown = slugs.filter((s) => !CATEGORIES.some((c) => c.slug === s));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown category ${unknown.map((u) => `"${u}"`).join(', ')}; use slugs from GET /api/categories, e.g. robbery,violent-crime`,
      });
      return z.NEVER;
    }
    return slugs;
  });

export const groupId = z
  .string()
  .optional()
  .refine((g) => g === undefined || categoriesOfGroup(g) !== undefined, {
    message: `unknown group; expected one of ${CATEGORY_GROUPS.map((g) => g.id).join(', ')}`,
  });

const maskParam = (parse: (text: string) => { ok: true; value: Uint8Array } | { ok: false; reason: string }) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return null;
      const mask = parse(text);
      if (!mask.ok) {
        ctx.addIssue({ code: 'custom', message: mask.reason });
        return z.NEVER;
      }
      return mask.value;
    });
/** London hours to keep, e.g. hours=15-18 (15:00-18:00) or hours=22-2. */
export const hoursParam = maskParam(parseHours);
/** Weekdays to keep, e.g. weekdays=mon-fri. */
export const weekdaysParam = maskParam(parseWeekdays);

/** School days only (`only`), none of them (`exclude`) or every day (`any`, the default), by the school calendar. */
export const schoolDaysParam = z
  .enum(['only', 'exclude', 'any'], { error: 'expected only (school days), exclude (days that are not school days) or any' })
  .optional()
  .transform((v) => (v === 'only' ? ('school' as const) : v === 'exclude' ? ('non-school' as const) : null));

/** The school calendar's verdict on every day, made into a filter keeping school days or the rest. */
export type SchoolCalendarSource = (keep: 'school' | 'non-school') => SchoolDayFilter;

export function schoolDayFilter(source: SchoolCalendarSource, keep: 'school' | 'non-school' | null): SchoolDayFilter | null {
  return keep ? source(keep) : null;
}

/** The time filter as the request wrote it, for the answer's meta. */
export interface AskedTimeFilter {
  hours: string | undefined;
  weekdays: string | undefined;
  schoolDays: string | undefined;
}

export function askedTimeFilter(query: (name: string) => string | undefined): AskedTimeFilter {
  return { hours: query('hours'), weekdays: query('weekdays'), schoolDays: query('schoolDays') };
}

export function timeFilterOf(hours: Uint8Array | null, weekdays: Uint8Array | null, schoolDays: SchoolDayFilter | null = null): TimeFilter | null {
  return hours || weekdays || schoolDays ? { hours, weekdays, schoolDays } : null;
}

export const resolutionParam = z.coerce
  .number({ error: `expected a whole number ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}` })
  .int(`expected a whole number ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}`)
  .min(MIN_QUERY_RESOLUTION, `expected ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}; H3 cells coarser than 7 hide the borough's hotspots`)
  .max(
    MAX_QUERY_RESOLUTION,
    `expected ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}; police.uk locations are snapped to street points, so cells finer than 10 are false precision`,
  );

/** The query of every windowed route; `schoolCalendar` turns schoolDays= into a filter. */
export function windowQuerySchemaFor(schoolCalendar: SchoolCalendarSource) {
  return z
    .object({
      categories: categoryList,
      group: groupId,
      from: isoDay('from'),
      to: isoDay('to'),
      resolution: resolutionParam.default(9),
      hours: hoursParam,
      weekdays: weekdaysParam,
      schoolDays: schoolDaysParam,
    })
    .superRefine((q, ctx) => {
      if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from (the window is [from, to))' });
      if (q.to - q.from > MAX_WINDOW_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
      if (q.categories && q.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'give categories or group, not both' });
    })
    .transform((q) => ({
      fromDay: q.from,
      toDay: q.to,
      h3Resolution: q.resolution,
      categories: resolveCategories(q.categories, q.group),
      group: q.group ?? null,
      timeFilter: timeFilterOf(q.hours, q.weekdays, schoolDayFilter(schoolCalendar, q.schoolDays)),
    }));
}

/** The category slugs a request means: its categories, else its group, else all. */
export function resolveCategories(categories: string[] | undefined, group: string | undefined): string[] {
  return categories ?? [...(categoriesOfGroup(group ?? 'all') ?? [])];
}

export type WindowParams = z.output<ReturnType<typeof windowQuerySchemaFor>>;
