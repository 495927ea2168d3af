// The public view's API (issue 15): open to anonymous callers and the public role alike, every
// figure through the disclosure rules, whole calendar months only, wards and hexagons of
// resolution 7 or 8 only; nothing of taskings, patrols, cameras or searches. Answers may be kept
// by browsers and proxies for an hour.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { explainDisclosure } from '../../geo/disclosure/explanations';
import { MAX_TREND_MONTHS, trendMonths } from '../../geo/disclosure/public-request';
import { BOROUGH_KEY, hexagonKey, wardKey } from '../../geo/disclosure/public-table';
import { categoryBySlug } from '../../geo/categories';
import { cellResolution } from '../../geo/h3';
import { PUBLIC_THEMES, publicThemeById } from '../../geo/public-themes';
import type { AppDeps } from '../app-deps';
import type { AppEnv } from '../app-env';
import { listAreas } from '../areas/area-queries';
import { areasCollection } from '../routes/meta-routes';
import { ANYONE, allow } from '../auth/roles';
import { failureBody } from '../hotspots/hotspot-service';
import { hasDemoData } from '../store/import-batches';
import { validate } from '../validation';
import { published, wardMonthCsv } from './public-csv';
import { ratesForMonth } from './public-rates';
import { currentPriorities } from './public-settings';
import { figure, londonToday, monthParam, protectedMonths, publishedMonths, themeParam, trendWindow } from './public-service';

const CACHE = 'public, max-age=3600';

const wardsQuery = z.object({ theme: themeParam, month: monthParam, format: z.enum(['json', 'csv'], { error: 'expected json or csv' }).default('json') });
const cellsQuery = z.object({
  theme: themeParam,
  month: monthParam,
  resolution: z.enum(['7', '8'], { error: 'expected 7 (about 5 km²) or 8 (about 0.7 km²): finer hexagons are not published' }).default('8'),
});
const trendsQuery = z.object({
  theme: themeParam,
  ward: z.string().trim().min(1).max(40).optional(),
  months: z.coerce
    .number()
    .int('expected a whole number of months')
    .min(2, `expected 2..${MAX_TREND_MONTHS} months`)
    .max(MAX_TREND_MONTHS, `expected 2..${MAX_TREND_MONTHS} months`)
    .default(12),
  /** The trend's last month (the latest published when not given). */
  to: monthParam.optional(),
});

/** The basemap: the borough, its wards, the river and the main roads; nothing else is an area the public sees. */
const PUBLIC_AREA_KINDS = ['study-area', 'ward', 'water', 'road'] as const;
const areasQuery = z.object({ kind: z.enum(PUBLIC_AREA_KINDS, { error: `expected one of ${PUBLIC_AREA_KINDS.join(', ')}` }) });

const tableQuery = z
  .object({ theme: themeParam, from: monthParam.optional(), to: monthParam.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'the first month must not be after the last', path: ['from'] });

function csvDownload(c: Context<AppEnv>, theme: string, months: string, text: string) {
  c.header('Cache-Control', CACHE);
  c.header('Content-Disposition', `attachment; filename="tower-hamlets-${theme}-${months}-wards.csv"`);
  return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

export function publicRoutes(deps: AppDeps) {
  const wardsOf = () => listAreas(deps.db, 'ward').map((a) => ({ code: a.code, name: a.name }));
  const ratesOf = (month: string) =>
    ratesForMonth(
      deps.db,
      month,
      deps.disclosureRules,
      wardsOf().map((w) => w.code),
    );
  const meta = (themeId: string) => ({
    theme: themeId,
    label: publicThemeById(themeId)!.label,
    rules: { smallCountThreshold: deps.disclosureRules.smallCountThreshold, roundingBase: deps.disclosureRules.roundingBase },
    demo: hasDemoData(deps.db),
  });
  return new Hono<AppEnv>()
    .get('/public/themes', allow(ANYONE), (c) => {
      c.header('Cache-Control', CACHE);
      return c.json({
        themes: PUBLIC_THEMES.map((t) => ({
          id: t.id,
          label: t.label,
          // What the theme counts, in the categories' own names (police.uk's where they are police.uk's).
          includes: t.categories.map((slug) => categoryBySlug(slug)?.label ?? slug),
          months: publishedMonths(deps.coverage(), t.id, londonToday(deps)),
        })),
        wards: wardsOf(),
        disclosure: explainDisclosure(deps.disclosureRules),
        demo: hasDemoData(deps.db),
      });
    })
    .get('/public/areas', allow(ANYONE), validate('query', areasQuery), (c) => {
      c.header('Cache-Control', CACHE);
      return c.json(areasCollection(deps.db, c.req.valid('query').kind));
    })
    .get('/public/wards', allow(ANYONE), validate('query', wardsQuery), async (c) => {
      const q = c.req.valid('query');
      const answer = await protectedMonths(deps, q.theme, [q.month]);
      if (!answer.ok) return c.json(failureBody(answer.reason), answer.reason.status);
      const values = answer.value[0]!.values;
      c.header('Cache-Control', CACHE);
      if (q.format === 'csv') return csvDownload(c, q.theme, `${q.month}`, wardMonthCsv(publicThemeById(q.theme)!.label, wardsOf(), answer.value, ratesOf));
      const rates = ratesOf(q.month);
      const wards = wardsOf().map((w) => ({ ...w, ...figure(values[wardKey(w.code)]), ...rates(w.code, published(values, wardKey(w.code))) }));
      return c.json({
        meta: { ...meta(q.theme), month: q.month },
        borough: { ...figure(values[BOROUGH_KEY]), ...rates(null, published(values, BOROUGH_KEY)) },
        wards,
      });
    })
    .get('/public/cells', allow(ANYONE), validate('query', cellsQuery), async (c) => {
      const q = c.req.valid('query');
      const answer = await protectedMonths(deps, q.theme, [q.month]);
      if (!answer.ok) return c.json(failureBody(answer.reason), answer.reason.status);
      const values = answer.value[0]!.values;
      const resolution = Number(q.resolution);
      const cells = Object.keys(values)
        .filter((key) => key.startsWith('h3:'))
        .map((key) => key.slice(3))
        .filter((cell) => cellResolution(cell) === resolution)
        .sort()
        .map((cell) => ({ cell, ...figure(values[hexagonKey(cell)]) }));
      c.header('Cache-Control', CACHE);
      return c.json({ meta: { ...meta(q.theme), month: q.month, resolution }, cells });
    })
    .get('/public/wards.csv', allow(ANYONE), validate('query', tableQuery), async (c) => {
      const q = c.req.valid('query');
      const published = publishedMonths(deps.coverage(), q.theme, londonToday(deps));
      const label = publicThemeById(q.theme)!.label;
      const last = q.to ?? published.at(-1);
      const year = last ? trendMonths(last, 12) : null;
      const first = q.from ?? (year?.ok ? year.value[0] : undefined);
      const months = published.filter((m) => m >= (first ?? '') && m <= (last ?? ''));
      if (months.length === 0)
        return c.json(
          {
            error: {
              code: 'no_data_for_month',
              message:
                published.length === 0
                  ? `There are no ${label.toLowerCase()} figures to publish yet.`
                  : `There are no ${label.toLowerCase()} figures for those months; figures are published for ${published[0]} to ${published.at(-1)}.`,
            },
          },
          422,
        );
      if (months.length > MAX_TREND_MONTHS)
        return c.json(
          {
            error: {
              code: 'too_many_months',
              message: `A download covers at most ${MAX_TREND_MONTHS} months; ask for ${months[0]} to ${months[MAX_TREND_MONTHS - 1]}, then the months after.`,
            },
          },
          400,
        );
      const answer = await protectedMonths(deps, q.theme, months);
      if (!answer.ok) return c.json(failureBody(answer.reason), answer.reason.status);
      return csvDownload(
        c,
        q.theme,
        months.length === 1 ? months[0]! : `${months[0]}-to-${months.at(-1)}`,
        wardMonthCsv(label, wardsOf(), answer.value, ratesOf),
      );
    })
    .get('/public/priorities', allow(ANYONE), (c) => {
      // Kept a short while only: an edit should show within minutes.
      c.header('Cache-Control', 'public, max-age=60');
      const { markdown, savedAt } = currentPriorities(deps.db);
      return c.json({ markdown, savedAt });
    })
    .get('/public/trends', allow(ANYONE), validate('query', trendsQuery), async (c) => {
      const q = c.req.valid('query');
      const ward = q.ward ? wardsOf().find((w) => w.code === q.ward) : null;
      if (q.ward && !ward)
        return c.json(
          { error: { code: 'invalid_parameter', message: `ward: no ward has the code "${q.ward}"; the wards are listed by /api/public/themes` } },
          400,
        );
      const window = trendWindow(deps.coverage(), q.theme, q.months, londonToday(deps), q.to);
      if (!window.ok) return c.json({ error: { code: 'no_data_for_month', message: window.reason } }, 422);
      const answer = await protectedMonths(deps, q.theme, window.value);
      if (!answer.ok) return c.json(failureBody(answer.reason), answer.reason.status);
      const byMonth = new Map(answer.value.map((m) => [m.month, m.values]));
      const key = ward ? wardKey(ward.code) : BOROUGH_KEY;
      c.header('Cache-Control', CACHE);
      return c.json({
        meta: { ...meta(q.theme), area: ward ? { kind: 'ward', code: ward.code, name: ward.name } : { kind: 'borough' } },
        months: window.value.map((month) => {
          const values = byMonth.get(month);
          return values ? { month, data: true, ...figure(values[key]) } : { month, data: false, kind: null, value: null, text: 'no data' };
        }),
      });
    });
}
