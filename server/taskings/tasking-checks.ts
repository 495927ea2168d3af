// The checks on a tasking's fields that need the database or the study area: cells inside
// the borough, a drawn shape turned into cells, a known theme, tactic, team and owner, dates
// in order, the evidence window. Each problem names its field.
import { TASKING_THEMES, taskingThemeById } from '../../geo/themes';
import { cellsOfDrawnArea, checkTaskingCells, drawnAreaProblem } from '../../geo/taskings/tasking-area';
import type { TaskingFields } from '../../geo/taskings/tasking-fields';
import type { TaskingOption } from '../../geo/taskings/tasking-options';
import { dayOfIsoDate, londonToday } from '../../geo/time';
import { parseHours, parseWeekdays } from '../../geo/time-filter';
import { fail, ok, type Result } from '../../geo/types';
import { listStaffUsers } from '../auth/auth-queries';
import type { Db } from '../db/open-database';
import type { StudyGrid } from '../hotspots/study-grid';
import type { Neighbourhood } from '../../geo/study-cells';
import type { IncidentIndex } from '../incidents/incident-index';
import { timeFilterOf } from '../incidents/window-params';
import type { FieldProblem } from '../validation';
import { defaultEvidenceWindow, type EvidenceWindow } from './tasking-evidence';
import type { CreateTaskingBody } from './tasking-schemas';

// The study grid hands back the same neighbourhood until the study area changes, so a set
// keyed on it is built once per study area and resolution, and dropped with it.
const cellSets = new WeakMap<Neighbourhood, ReadonlySet<string>>();

/** The study cells at a resolution as a set, or null when no study area is stored. */
export function studyCellsOf(grid: StudyGrid, h3Resolution: number): ReadonlySet<string> | null {
  const neighbourhood = grid(h3Resolution, 1);
  if (!neighbourhood.ok) return null;
  let set = cellSets.get(neighbourhood.value);
  if (!set) {
    set = new Set(neighbourhood.value.cells);
    cellSets.set(neighbourhood.value, set);
  }
  return set;
}

export function checkOption(field: string, value: string, options: readonly TaskingOption[], what: string): FieldProblem | null {
  if (options.some((o) => o.id === value)) return null;
  return { field, message: `unknown ${what} "${value}"; expected one of ${options.map((o) => o.id).join(', ')}` };
}

export function checkOwner(db: Db, owner: string): FieldProblem | null {
  if (listStaffUsers(db).some((u) => u.username === owner)) return null;
  return { field: 'owner', message: `"${owner}" is not a staff user; the owner must be someone who can sign in (not the public role)` };
}

export interface AreaInput {
  cells?: string[] | undefined;
  polygon?: GeoJSON.Polygon | null | undefined;
  resolution?: number | undefined;
}

/** The tasking's cells from named cells (kept with a drawn polygon when both come), or from a drawn polygon and a resolution. */
export function resolveArea(input: AreaInput, grid: StudyGrid): Result<Pick<TaskingFields, 'h3Resolution' | 'cells' | 'polygon'>, FieldProblem[]> {
  const polygon = input.polygon ?? null;
  const studyCellsAt = (h3Resolution: number) => studyCellsOf(grid, h3Resolution);
  if (input.cells && input.cells.length > 0) {
    const area = checkTaskingCells(input.cells, studyCellsAt);
    if (!area.ok) return fail([{ field: 'cells', message: area.reason }]);
    if (input.resolution !== undefined && input.resolution !== area.value.h3Resolution) {
      return fail([{ field: 'resolution', message: `is ${input.resolution}, but the cells are at resolution ${area.value.h3Resolution}` }]);
    }
    return ok({ ...area.value, polygon });
  }
  if (polygon) {
    if (input.resolution === undefined)
      return fail([{ field: 'resolution', message: 'is needed with a drawn polygon: the cell size to cover it with, 7..10' }]);
    const tooLarge = drawnAreaProblem(polygon, input.resolution);
    if (tooLarge) return fail([{ field: 'polygon', message: tooLarge }]);
    const study = studyCellsAt(input.resolution);
    if (!study) return fail([{ field: 'polygon', message: 'no study area is stored, so a drawn area cannot be turned into cells; import one first' }]);
    const cells = cellsOfDrawnArea(polygon, input.resolution, study);
    if (cells.length === 0) return fail([{ field: 'polygon', message: `the drawn area covers no cell of the study area at resolution ${input.resolution}` }]);
    const area = checkTaskingCells(cells, studyCellsAt);
    if (!area.ok) return fail([{ field: 'polygon', message: area.reason }]);
    return ok({ ...area.value, polygon });
  }
  return fail([{ field: 'cells', message: 'give the area as H3 cells, or as a drawn polygon with a resolution' }]);
}

export function resolveTheme(
  theme: string | null | undefined,
  categories: string[] | undefined,
): Result<Pick<TaskingFields, 'theme' | 'categories'>, FieldProblem[]> {
  if (theme && categories) return fail([{ field: 'categories', message: 'give a theme or categories, not both' }]);
  if (theme) return ok({ theme, categories: [...(taskingThemeById(theme)?.categories ?? [])] });
  if (categories) return ok({ theme: null, categories });
  return fail([
    {
      field: 'theme',
      message: `give a theme (${TASKING_THEMES.filter((t) => t.id !== 'all')
        .map((t) => t.id)
        .join(', ')}) or categories`,
    },
  ]);
}

export function checkDates(fields: Pick<TaskingFields, 'startDate' | 'reviewDate' | 'endDate'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.reviewDate < fields.startDate)
    problems.push({ field: 'reviewDate', message: `is before the start date (${fields.startDate}); review on or after the start` });
  if (fields.endDate !== null && fields.endDate < fields.startDate)
    problems.push({ field: 'endDate', message: `is before the start date (${fields.startDate})` });
  return problems;
}

/** The window the evidence snapshot is taken over: the one asked for, else the latest data before the start. */
export function evidenceWindowOf(
  body: CreateTaskingBody,
  context: { index: IncidentIndex; now: Date },
  categories: readonly string[],
): Result<EvidenceWindow, FieldProblem[]> {
  if (!body.evidence) return ok(defaultEvidenceWindow(context.index, categories, londonToday(context.now), dayOfIsoDate(body.startDate)));
  const { from, to, hours, weekdays } = body.evidence;
  const problems: FieldProblem[] = [];
  const hoursMask = hours ? parseHours(hours) : null;
  const weekdaysMask = weekdays ? parseWeekdays(weekdays) : null;
  if (hoursMask && !hoursMask.ok) problems.push({ field: 'evidence.hours', message: hoursMask.reason });
  if (weekdaysMask && !weekdaysMask.ok) problems.push({ field: 'evidence.weekdays', message: weekdaysMask.reason });
  if (problems.length > 0) return fail(problems);
  return ok({
    fromDay: dayOfIsoDate(from),
    toDay: dayOfIsoDate(to),
    timeFilter: timeFilterOf(hoursMask?.ok ? hoursMask.value : null, weekdaysMask?.ok ? weekdaysMask.value : null),
    hours: hours || null,
    weekdays: weekdays || null,
  });
}
