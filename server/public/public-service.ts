// The public view's answers (issue 15): which themes and months may be asked for, and each
// theme-month's protected figures, computed on the compute worker and kept per data version,
// wards and rules (they change only when data is imported). Every figure leaves here as the
// disclosure rules publish it: 0, a multiple of 5, "fewer than 10" or "withheld".
import { z } from 'zod';
import { monthIndex, monthOfIndex, type Coverage } from '../../geo/coverage';
import { publishedText, type PublishedCount } from '../../geo/disclosure/publish';
import { trendMonths, validatePublicMonth } from '../../geo/disclosure/public-request';
import { PUBLIC_THEMES, publicThemeById } from '../../geo/public-themes';
import { dayNumber, londonWallClock, parseIsoDate } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import type { AppDeps } from '../app-deps';
import { areasVersion, listAreas } from '../areas/area-queries';
import type { EngineFailure } from '../hotspots/hotspot-service';
import type { PublicMonth } from './public-task';

export const themeParam = z.enum(PUBLIC_THEMES.map((t) => t.id) as [string, ...string[]], {
  error: `expected one of ${PUBLIC_THEMES.map((t) => t.id).join(', ')}`,
});
export const monthParam = z.string().transform((text, ctx) => {
  const month = validatePublicMonth(text);
  if (!month.ok) {
    ctx.addIssue({ code: 'custom', message: month.reason });
    return z.NEVER;
  }
  return month.value;
});

/** A published figure as the routes give it: its kind, its number where there is one, and its words. */
export function figure(value: PublishedCount | undefined): { kind: PublishedCount['kind']; value: number | null; text: string } {
  const v: PublishedCount = value ?? { kind: 'zero', value: 0 };
  return { kind: v.kind, value: v.value, text: publishedText(v) };
}

/**
 * The months a public theme has data for, oldest first ('YYYY-MM'): whole calendar months only,
 * so the month still running on `today` (a London day number) is not published until it ends;
 * and only months where EVERY category of the theme that the data holds at all has data, so that
 * a month with part of the theme missing (2019 police.uk files without violence, say) is never
 * published as if it were the whole theme. Categories never imported (partner-only ones on
 * police.uk data) do not count against a month.
 */
export function publishedMonths(coverage: Coverage, themeId: string, today: number): string[] {
  const theme = publicThemeById(themeId);
  const held = (theme?.categories ?? []).map((c) => coverage.get(c)).filter((months): months is ReadonlySet<number> => (months?.size ?? 0) > 0);
  const months = new Set<number>([...(held[0] ?? [])].filter((m) => held.every((h) => h.has(m))));
  return [...months]
    .sort((a, b) => a - b)
    .map(monthOfIndex)
    .filter((month) => daysOf(month).toDay <= today);
}

/** Today's London date as a day number. */
export function londonToday(deps: Pick<AppDeps, 'clock'>): number {
  const today = parseIsoDate(londonWallClock(deps.clock()).slice(0, 10));
  if (!today.ok) throw new Error(today.reason);
  return today.value;
}

const daysOf = (month: string) => {
  const m = monthIndex(month);
  const next = monthOfIndex(m + 1);
  return {
    month,
    fromDay: dayNumber(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1),
    toDay: dayNumber(Number(next.slice(0, 4)), Number(next.slice(5, 7)), 1),
  };
};

const KEPT_MONTHS = 400;
const kept = new Map<string, PublicMonth>();

/** The protected figures of a theme for the months asked; months without data for the theme are refused in words. */
export async function protectedMonths(deps: AppDeps, themeId: string, months: readonly string[]): Promise<Result<PublicMonth[], EngineFailure>> {
  const theme = publicThemeById(themeId)!;
  const covered = new Set(publishedMonths(deps.coverage(), themeId, londonToday(deps)));
  const missing = months.filter((m) => !covered.has(m));
  if (missing.length === months.length) {
    const all = [...covered];
    return fail({
      status: 422,
      code: 'no_data_for_month',
      message:
        all.length === 0
          ? `There are no ${theme.label.toLowerCase()} figures to publish yet.`
          : `There are no ${theme.label.toLowerCase()} figures for ${missing.join(', ')}; figures are published for ${all[0]} to ${all.at(-1)}.`,
    });
  }
  const index = await deps.compute.index([8]);
  const wardsKey = areasVersion(deps.db, 'ward');
  const keyOf = (month: string) => `${index.version}|${wardsKey}|${JSON.stringify(deps.disclosureRules)}|${themeId}|${month}`;
  const wanted = months.filter((m) => covered.has(m) && !kept.has(keyOf(m)));
  if (wanted.length > 0) {
    const wards = listAreas(deps.db, 'ward').map((a) => ({ code: a.code, name: a.name, geometry: a.geometry }));
    const run = await deps.compute.run('publicMonths', {
      categories: theme.categories,
      months: wanted.map(daysOf),
      wards,
      wardsVersion: wardsKey,
      rules: deps.disclosureRules,
    });
    if (!run.ok) return run;
    for (const m of run.value) {
      if (kept.size >= KEPT_MONTHS) kept.delete(kept.keys().next().value!);
      kept.set(keyOf(m.month), m);
    }
  }
  return ok(months.flatMap((m) => kept.get(keyOf(m)) ?? []));
}

/** The `count` months ending with `endMonth` (the latest published month when not given). */
export function trendWindow(coverage: Coverage, themeId: string, count: number, today: number, endMonth?: string): Result<string[]> {
  const all = publishedMonths(coverage, themeId, today);
  if (all.length === 0) return fail('There are no figures to publish yet.');
  if (endMonth && (endMonth < all[0]! || endMonth > all.at(-1)!)) {
    return fail(`There are no figures for ${endMonth}; figures are published for ${all[0]} to ${all.at(-1)}.`);
  }
  return trendMonths(endMonth ?? all.at(-1)!, count);
}
