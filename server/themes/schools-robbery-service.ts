// Robbery near schools after school (issue 11): the stored open schools, the cells covering a
// buffer around each, and the incident counts in those cells for the asked band (15:00-18:00
// on school days by default), the same hours on other days, the other hours of school days,
// and the period before. When the data cannot meet the band (police.uk months), the layer
// becomes "robbery near schools, any time (monthly data)" and says so.
import { z } from 'zod';
import { themeCategoriesParam } from './theme-categories-param';
import {
  cellsNearPoint,
  cellsNearSchools,
  compareWithBoroughRate,
  rankSchoolsByNearbyCount,
  type AboveBoroughRate,
  type SchoolPoint,
  type SchoolRobbery,
} from '../../geo/schools-robbery';
import { parseHours, type TimeFilter } from '../../geo/time-filter';
import { themeById } from '../../geo/themes';
import type { AppDeps } from '../app-deps';
import type { IncidentIndex } from '../incidents/incident-index';
import { countCellsInWindow, precisionsInWindow, reportTimeFilter, type TimeFilterReport } from '../incidents/window-counts';
import { isoDay, resolutionParam, schoolDayFilter } from '../incidents/window-params';
import { SCHOOL_PHASES, type SchoolPhase } from '../schools/school-phases';
import { listSchools, type StoredSchool } from '../schools/school-store';

const THEME = themeById('schools-robbery')!;
const setting = (parameter: string) => THEME.settings.find((s) => s.parameter === parameter)!;
const BUFFER = setting('bufferMeters');
const BUFFER_RANGE = BUFFER.allowed as { min: number; max: number };
export const MAX_SCHOOLS_ROBBERY_WINDOW_DAYS = 366;

const hoursOrAny = z
  .string()
  .default(String(setting('hours').default))
  .transform((text, ctx) => {
    if (text.trim() === 'any') return null;
    const hours = parseHours(text);
    if (!hours.ok) {
      ctx.addIssue({ code: 'custom', message: `${hours.reason}, or any` });
      return z.NEVER;
    }
    return { text, mask: hours.value };
  });

export const schoolsRobberyQuerySchema = z
  .object({
    from: isoDay('from'),
    to: isoDay('to'),
    bufferMeters: z.coerce
      .number({ error: `expected metres ${BUFFER_RANGE.min}..${BUFFER_RANGE.max}` })
      .int(`expected whole metres ${BUFFER_RANGE.min}..${BUFFER_RANGE.max}`)
      .min(BUFFER_RANGE.min, `expected ${BUFFER_RANGE.min}..${BUFFER_RANGE.max} metres`)
      .max(BUFFER_RANGE.max, `expected ${BUFFER_RANGE.min}..${BUFFER_RANGE.max} metres`)
      .default(Number(BUFFER.default)),
    hours: hoursOrAny,
    schoolDays: z
      .enum(['only', 'exclude', 'any'], { error: 'expected only (school days), exclude (other days) or any' })
      .default(setting('schoolDays').default as 'only'),
    categories: themeCategoriesParam(THEME, THEME.selectableCategories.join(' and/or ')),
    phases: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined || text.trim() === '') return [] as SchoolPhase[];
        const phases = text.split(',').map((s) => s.trim());
        const unknown = phases.filter((p) => !SCHOOL_PHASES.some((known) => known === p));
        if (unknown.length > 0) {
          ctx.addIssue({ code: 'custom', message: `unknown phase ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${SCHOOL_PHASES.join(', ')}` });
          return z.NEVER;
        }
        return phases as SchoolPhase[];
      }),
    resolution: resolutionParam.default(10),
  })
  .superRefine((q, ctx) => {
    if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from (the window is [from, to))' });
    if (q.to - q.from > MAX_SCHOOLS_ROBBERY_WINDOW_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the window may span at most ${MAX_SCHOOLS_ROBBERY_WINDOW_DAYS} days` });
  });

export type SchoolsRobberyQuery = z.output<typeof schoolsRobberyQuerySchema>;

export interface SchoolsRobberyAnswer {
  /** `band`: the asked hours and school days; `any-time-monthly`: the data is monthly, so any time. */
  mode: 'band' | 'any-time-monthly';
  label: string;
  schools: (Omit<SchoolRobbery, 'cells'> & { position: [number, number]; cells: number; aboveBoroughRate: AboveBoroughRate | null })[];
  cells: { cell: string; count: number; schools: number }[];
  previousPeriod: { fromDay: number; toDay: number };
  timeFilter: TimeFilterReport | null;
  schoolsWithoutLocation: number;
  notes: string[];
}

const toMap = (counts: readonly { cell: string; count: number }[]) => new Map(counts.map((c) => [c.cell, c.count]));

/** The cells around a point for a buffer and resolution: pure, so kept by point, buffer and resolution. */
const cellsNearby = new Map<string, string[]>();
const MAX_KEPT_BUFFERS = 20_000;

/** '15-18' as 15:00-18:00; other hour lists as given. */
function hoursInWords(text: string): string {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  return m ? `${m[1]!.padStart(2, '0')}:00-${m[2]!.padStart(2, '0')}:00` : `hours ${text}`;
}

export function schoolsRobbery(deps: AppDeps, index: IncidentIndex, q: SchoolsRobberyQuery): SchoolsRobberyAnswer {
  const stored = listSchools(deps.db, { phases: q.phases, includeClosed: false });
  const located = stored.filter((s): s is StoredSchool & { location: [number, number] } => s.location !== null);
  const schools: SchoolPoint[] = located.map((s) => ({ urn: String(s.urn), name: s.name, phase: s.phase, position: s.location }));
  const cellsOf = (school: SchoolPoint) => {
    const key = `${school.position[0]},${school.position[1]}|${q.bufferMeters}|${q.resolution}`;
    let cells = cellsNearby.get(key);
    if (!cells) {
      if (cellsNearby.size >= MAX_KEPT_BUFFERS) cellsNearby.clear();
      cellsNearby.set(key, (cells = cellsNearPoint(school.position, q.bufferMeters, q.resolution)));
    }
    return cells;
  };

  const base = { categories: q.categories, h3Resolution: q.resolution };
  const window = { fromDay: q.from, toDay: q.to };
  const previous = { fromDay: q.from - (q.to - q.from), toDay: q.from };
  const precisions = precisionsInWindow(index, { ...base, ...window });
  const wantsHours = q.hours !== null;
  const wantsDays = q.schoolDays !== 'any';
  const judgeable = (wantsHours ? precisions.has('minute') : true) && (wantsDays ? precisions.has('minute') || precisions.has('day') : true);
  const notes: string[] = [];

  if ((wantsHours || wantsDays) && !judgeable) {
    const counts = {
      asked: toMap(countCellsInWindow(index, { ...base, ...window })),
      nonSchoolDays: null,
      otherHours: null,
      previousPeriod: toMap(countCellsInWindow(index, { ...base, ...previous })),
    };
    notes.push(
      precisions.size === 0
        ? 'No incidents of these categories in the window.'
        : 'These incidents are known only to the month (police.uk data), so the after-school hours and school days cannot be told apart: the layer shows every robbery near a school in the window, at any time.',
    );
    return answerOf('any-time-monthly', THEME.monthlyFallback!, rankSchoolsByNearbyCount(schools, cellsOf, counts), counts.asked, null);
  }

  const keep = q.schoolDays === 'only' ? 'school' : q.schoolDays === 'exclude' ? 'non-school' : null;
  const filter = (hours: Uint8Array | null, days: 'school' | 'non-school' | null): TimeFilter | null =>
    hours || days ? { hours, weekdays: null, schoolDays: schoolDayFilter(deps.schoolCalendar, days) } : null;
  const asked = filter(q.hours?.mask ?? null, keep);
  const otherHours = q.hours ? Uint8Array.from(q.hours.mask, (v) => 1 - v) : null;
  const counts = {
    asked: toMap(countCellsInWindow(index, { ...base, ...window, timeFilter: asked })),
    nonSchoolDays: keep === 'school' ? toMap(countCellsInWindow(index, { ...base, ...window, timeFilter: filter(q.hours?.mask ?? null, 'non-school') })) : null,
    otherHours: otherHours ? toMap(countCellsInWindow(index, { ...base, ...window, timeFilter: filter(otherHours, keep) })) : null,
    previousPeriod: toMap(countCellsInWindow(index, { ...base, ...previous, timeFilter: asked })),
  };
  const report = asked
    ? reportTimeFilter(index, { ...base, ...window, timeFilter: asked }, { hours: q.hours?.text, weekdays: undefined, schoolDays: q.schoolDays })
    : null;
  const what = q.categories.includes('theft-from-the-person')
    ? q.categories.includes('robbery')
      ? 'Robbery and theft from the person'
      : 'Theft from the person'
    : 'Robbery';
  const label = `${what} near schools${q.hours ? `, ${hoursInWords(q.hours.text)}` : ''}${keep === 'school' ? ' on school days' : keep === 'non-school' ? ' on other days' : ''}`;
  return answerOf('band', label, rankSchoolsByNearbyCount(schools, cellsOf, counts), counts.asked, report);

  function answerOf(
    mode: SchoolsRobberyAnswer['mode'],
    label: string,
    ranked: SchoolRobbery[],
    asked: ReadonlyMap<string, number>,
    report: TimeFilterReport | null,
  ): SchoolsRobberyAnswer {
    const positions = new Map(schools.map((s) => [s.urn, s.position as [number, number]]));
    if (schools.length === 0) notes.push('No open schools with a location are stored: import the schools file (npm run import -- schools).');
    const grid = deps.studyGrid(q.resolution, 1);
    const total = [...asked.values()].reduce((sum, v) => sum + v, 0);
    const rates = grid.ok
      ? compareWithBoroughRate(
          ranked.map((s) => ({ count: s.count, cellCount: s.cells.length })),
          total,
          grid.value.cells.length,
        )
      : null;
    if (!rates) notes.push(`Schools cannot be compared with the borough's average: ${grid.ok ? '' : grid.reason.message}`);
    return {
      mode,
      label,
      schools: ranked.map(({ cells, ...school }, k) => ({
        ...school,
        position: positions.get(school.urn)!,
        cells: cells.length,
        aboveBoroughRate: rates?.[k] ?? null,
      })),
      cells: cellsNearSchools(ranked, asked),
      previousPeriod: previous,
      timeFilter: report,
      schoolsWithoutLocation: stored.length - located.length,
      notes,
    };
  }
}
