// The shapes of tasking requests, checked at the HTTP boundary. What needs the database
// (cells inside the study area, a known team or owner) is checked by the service after.
import { z } from 'zod';
import { TASKING_THEMES, taskingThemeById } from '../../geo/themes';
import { MAX_QUERY_RESOLUTION, MIN_QUERY_RESOLUTION } from '../../geo/h3';
import { DECISIONS, TASKING_STATUSES } from '../../geo/taskings/status';
import { normaliseBand, weekHoursOfBand } from '../../geo/taskings/time-bands';
import { parseIsoDate } from '../../geo/time';
import { categoryList } from '../incidents/window-params';

const text = (max: number) => z.string({ error: 'expected text' }).trim().min(1, 'must not be empty').max(max, `expected at most ${max} characters`);
const optionalText = (max: number) => z.string({ error: 'expected text' }).trim().max(max, `expected at most ${max} characters`);

export const isoDateText = z.string({ error: 'expected a date, YYYY-MM-DD' }).superRefine((value, ctx) => {
  const day = parseIsoDate(value);
  if (!day.ok) ctx.addIssue({ code: 'custom', message: day.reason });
});

const timeBand = z
  .object({
    weekdays: z.string({ error: 'expected weekdays such as mon-fri' }).nullable().optional(),
    hours: z.string({ error: 'expected hours such as 15-18' }).nullable().optional(),
  })
  .strict()
  .transform((band, ctx) => {
    const normal = normaliseBand(band);
    const mask = weekHoursOfBand(normal);
    if (!mask.ok) {
      ctx.addIssue({ code: 'custom', message: mask.reason });
      return z.NEVER;
    }
    return normal;
  });

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const drawnPolygon = z
  .object({
    type: z.literal('Polygon', { error: 'expected a GeoJSON Polygon' }),
    coordinates: z
      .array(z.array(position).min(4, 'a ring needs at least 4 positions, the last equal to the first').max(2000, 'expected at most 2,000 positions'))
      .length(1, 'expected one ring (a drawn area has no holes)'),
  })
  .strict()
  .refine(
    (p) => {
      const ring = p.coordinates[0]!;
      const [first, last] = [ring[0]!, ring.at(-1)!];
      return first[0] === last[0] && first[1] === last[1];
    },
    { message: 'the ring is not closed: its last position must equal its first' },
  )
  .transform((p): GeoJSON.Polygon => ({ type: 'Polygon', coordinates: p.coordinates }));

const plannedDosage = z
  .object({
    visitsPerDay: z
      .number({ error: 'expected a whole number of visits' })
      .int('expected a whole number of visits')
      .min(1, 'expected 1..48')
      .max(48, 'expected 1..48'),
    minutesPerVisit: z
      .number({ error: 'expected a whole number of minutes' })
      .int('expected whole minutes')
      .min(1, 'expected 1..480')
      .max(480, 'expected 1..480'),
  })
  .strict()
  .nullable();

const resolution = z
  .number({ error: `expected a whole number ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}` })
  .int(`expected a whole number ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}`)
  .min(MIN_QUERY_RESOLUTION, `expected ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}`)
  .max(MAX_QUERY_RESOLUTION, `expected ${MIN_QUERY_RESOLUTION}..${MAX_QUERY_RESOLUTION}`);

const themeId = z.string({ error: 'expected a layer group or theme id' }).refine((id) => taskingThemeById(id) !== undefined, {
  message: `unknown theme; expected one of ${TASKING_THEMES.map((t) => t.id).join(', ')}, or give categories`,
});

const categories = z
  .array(z.string({ error: 'expected category slugs' }), { error: 'expected a list of category slugs' })
  .min(1, 'name at least one category')
  .transform((list, ctx) => {
    const checked = categoryList.safeParse(list.join(','));
    if (!checked.success || !checked.data) {
      ctx.addIssue({ code: 'custom', message: checked.error?.issues[0]?.message ?? 'name at least one category' });
      return z.NEVER;
    }
    return [...new Set(checked.data)];
  });

const evidenceWindow = z
  .object({
    from: isoDateText,
    to: isoDateText,
    hours: z.string().nullable().optional(),
    weekdays: z.string().nullable().optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.to <= w.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from (the window is [from, to))' });
  });

/** The fields a person sets on a tasking, as sent. */
const taskingFields = {
  title: text(120),
  theme: themeId.nullable(),
  categories,
  problem: text(2000),
  cells: z.array(z.string({ error: 'expected H3 cell ids' }), { error: 'expected a list of H3 cell ids' }).max(2000, 'expected at most 2,000 cells'),
  polygon: drawnPolygon.nullable(),
  resolution,
  timeBands: z
    .array(timeBand, { error: 'expected a list of time bands like { "weekdays": "mon-fri", "hours": "15-18" }' })
    .max(10, 'expected at most 10 time bands'),
  startDate: isoDateText,
  reviewDate: isoDateText,
  endDate: isoDateText.nullable(),
  objective: text(2000),
  tactics: z
    .array(z.string({ error: 'expected tactic ids' }), { error: 'expected a list of tactic ids' })
    .min(1, 'choose at least one tactic')
    .max(20, 'expected at most 20 tactics'),
  team: z.string({ error: 'expected a team id' }),
  owner: z.string({ error: 'expected a user name' }),
  plannedDosage,
};

export const createTaskingBody = z
  .object({
    ...taskingFields,
    theme: taskingFields.theme.optional(),
    categories: taskingFields.categories.optional(),
    cells: taskingFields.cells.optional(),
    polygon: taskingFields.polygon.optional(),
    resolution: taskingFields.resolution.optional(),
    timeBands: taskingFields.timeBands.default([]),
    endDate: taskingFields.endDate.optional(),
    owner: taskingFields.owner.optional(),
    plannedDosage: taskingFields.plannedDosage.optional(),
    status: z.enum(['proposed', 'active'], { error: 'expected proposed or active (closing is a decision)' }).default('proposed'),
    evidence: evidenceWindow.optional(),
  })
  .strict();
export type CreateTaskingBody = z.output<typeof createTaskingBody>;

const versionField = z.number({ error: 'expected the version you last read (a whole number)' }).int('expected a whole number').min(1, 'expected 1 or more');

export const patchTaskingBody = z
  .object({
    version: versionField,
    title: taskingFields.title.optional(),
    theme: taskingFields.theme.optional(),
    categories: taskingFields.categories.optional(),
    problem: taskingFields.problem.optional(),
    cells: taskingFields.cells.optional(),
    polygon: taskingFields.polygon.optional(),
    resolution: taskingFields.resolution.optional(),
    timeBands: taskingFields.timeBands.optional(),
    startDate: taskingFields.startDate.optional(),
    reviewDate: taskingFields.reviewDate.optional(),
    endDate: taskingFields.endDate.optional(),
    objective: taskingFields.objective.optional(),
    tactics: taskingFields.tactics.optional(),
    team: taskingFields.team.optional(),
    owner: taskingFields.owner.optional(),
    plannedDosage: taskingFields.plannedDosage.optional(),
    status: z.enum(['proposed', 'active'], { error: 'expected proposed or active; to close a tasking, record a close decision' }).optional(),
  })
  .strict();
export type PatchTaskingBody = z.output<typeof patchTaskingBody>;

/** What the planner role may change: who does the work and how much of it. */
export const PLANNER_FIELDS = ['team', 'owner', 'plannedDosage'] as const;

export const decisionBody = z
  .object({
    version: versionField,
    decision: z.enum(DECISIONS, { error: `expected one of ${DECISIONS.join(', ')}` }),
    note: text(2000),
    reviewDate: isoDateText.optional(),
  })
  .strict();

export const visitBody = z
  .object({
    startedAt: z.string({ error: 'expected a date and time, e.g. 2026-12-01T15:05 (London time)' }),
    endedAt: z.string({ error: 'expected a date and time, e.g. 2026-12-01T15:20 (London time)' }),
    officer: text(100),
    note: optionalText(1000).optional(),
    clientRef: z.string().trim().min(1).max(100, 'expected at most 100 characters').optional(),
  })
  .strict();

export const listQuery = z
  .object({
    status: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value.trim() === '') return null;
        const statuses = value.split(',').map((s) => s.trim());
        const unknown = statuses.filter((s) => !(TASKING_STATUSES as readonly string[]).includes(s));
        if (unknown.length > 0) {
          ctx.addIssue({ code: 'custom', message: `unknown status ${unknown.join(', ')}; expected ${TASKING_STATUSES.join(', ')}, comma-separated` });
          return z.NEVER;
        }
        return statuses;
      }),
    team: z.string().optional(),
    activeOn: isoDateText.optional(),
    withResults: z.enum(['true', 'false'], { error: 'expected true or false' }).optional(),
  })
  .strict();

export const idParam = z.object({ id: z.coerce.number().int('expected a tasking id').min(1, 'expected a tasking id') });

export const resultsQuery = z
  .object({
    bufferRings: z.coerce.number().int('expected a whole number 1..3').min(1, 'expected 1..3').max(3, 'expected 1..3').default(1),
    controlArea: z
      .string()
      .regex(/^[a-z0-9-]+:[^:]+$/, 'expected an area as kind:code, e.g. ward:E05009317')
      .optional(),
  })
  .strict();

const optionList = z
  .array(z.object({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as night-time-economy'), label: text(80) }).strict())
  .min(1, 'keep at least one option')
  .max(50, 'expected at most 50 options')
  .refine((list) => new Set(list.map((o) => o.id)).size === list.length, { message: 'ids must differ' });

export const optionsBody = z.object({ tactics: optionList, teams: optionList }).strict();
