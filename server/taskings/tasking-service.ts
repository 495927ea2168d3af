// Tasking operations behind the routes: checks that need the database (cells inside the
// study area, a known team, tactic or owner), the rules from geo/taskings, and the store.
// Expected refusals are values with the HTTP status the route should send.
import { categoriesOfGroup, CATEGORY_GROUPS } from '../../geo/categories';
import { outlineOfCells } from '../../geo/h3';
import { dosageWarnings } from '../../geo/taskings/koper';
import { applyDecision, effectiveStatus, type Decision } from '../../geo/taskings/status';
import { cellsOfDrawnArea, checkTaskingCells, labelPointOfCells } from '../../geo/taskings/tasking-area';
import type { TaskingFields } from '../../geo/taskings/tasking-fields';
import type { TaskingOption } from '../../geo/taskings/tasking-options';
import { isoDateOfDay, londonWallClock, parseInstant, parseIsoDate } from '../../geo/time';
import { parseHours, parseWeekdays } from '../../geo/time-filter';
import { fail, ok, type Result } from '../../geo/types';
import type { Principal } from '../app-env';
import { listStaffUsers } from '../auth/auth-queries';
import type { Db } from '../db/open-database';
import type { StudyGrid } from '../hotspots/study-grid';
import type { IncidentIndex } from '../incidents/incident-index';
import { timeFilterOf } from '../incidents/window-params';
import type { FieldProblem } from '../validation';
import { defaultEvidenceWindow, takeEvidenceSnapshot, type EvidenceWindow } from './tasking-evidence';
import { themeLabelOf } from './tasking-results';
import { PLANNER_FIELDS, type CreateTaskingBody, type PatchTaskingBody } from './tasking-schemas';
import {
  getTasking,
  getTaskingOptions,
  insertTasking,
  insertVisit,
  updateTasking,
  type FieldChanges,
  type TaskingRecord,
  type VisitRecord,
} from './tasking-store';

export interface TaskingDeps {
  db: Db;
  clock: () => Date;
  incidentIndex: () => IncidentIndex;
  studyGrid: StudyGrid;
}

export interface TaskingFailure {
  status: 400 | 403 | 404 | 409;
  code: string;
  message: string;
  fields?: FieldProblem[];
  /** On a version conflict: the stored tasking, so the client can show what changed. */
  current?: TaskingApi;
}

/** A visit may not end later than now plus this much clock difference between devices. */
const CLOCK_SKEW_MS = 60_000;
const MAX_VISIT_HOURS = 8;

export function todayOf(clock: () => Date): number {
  const day = parseIsoDate(londonWallClock(clock()).slice(0, 10));
  if (!day.ok) throw new Error(day.reason);
  return day.value;
}

function dayOf(iso: string): number {
  const day = parseIsoDate(iso);
  if (!day.ok) throw new Error(`stored date ${iso}: ${day.reason}`);
  return day.value;
}

/** The study cells at a resolution as a set, from the cached study grid. */
export function studyCellSets(grid: StudyGrid): (h3Resolution: number) => ReadonlySet<string> | null {
  const sets = new Map<number, ReadonlySet<string>>();
  return (h3Resolution) => {
    const neighbourhood = grid(h3Resolution, 1);
    if (!neighbourhood.ok) return null;
    let set = sets.get(h3Resolution);
    if (!set) {
      set = new Set(neighbourhood.value.cells);
      sets.set(h3Resolution, set);
    }
    return set;
  };
}

const invalid = (problems: FieldProblem[]): TaskingFailure => ({
  status: 400,
  code: 'invalid_field',
  message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
  fields: problems,
});

const notFound = (id: number): TaskingFailure => ({ status: 404, code: 'not_found', message: `There is no tasking ${id}.` });

// ---- What clients see ----

export interface ApiContext {
  today: number;
  ownerNames: ReadonlyMap<string, string>;
}

export function apiContext(deps: TaskingDeps): ApiContext {
  return { today: todayOf(deps.clock), ownerNames: new Map(listStaffUsers(deps.db).map((u) => [u.username, u.name])) };
}

export function taskingToApi(record: TaskingRecord, context: ApiContext) {
  const { h3Resolution, status, ...rest } = record;
  const reviewDay = dayOf(record.reviewDate);
  const warnings = dosageWarnings(record.plannedDosage, record.timeBands);
  if (record.endDate && record.endDate < record.reviewDate) {
    warnings.push(`The review date (${record.reviewDate}) is after the end date (${record.endDate}): the tasking ends before anyone reviews it.`);
  }
  return {
    ...rest,
    themeLabel: themeLabelOf(record.theme, record.categories),
    resolution: h3Resolution,
    ownerName: context.ownerNames.get(record.owner) ?? record.owner,
    status: effectiveStatus(status, reviewDay, context.today),
    /** Days from today to the review date; negative once it has passed. */
    daysToReview: reviewDay - context.today,
    warnings,
  };
}
export type TaskingApi = ReturnType<typeof taskingToApi>;

export function summaryOf(api: TaskingApi) {
  const { id, title, status, team, startDate, reviewDate, endDate, cells, version, theme, themeLabel, owner, ownerName, daysToReview, resolution } = api;
  return { id, title, status, team, startDate, reviewDate, endDate, cells, resolution, version, theme, themeLabel, owner, ownerName, daysToReview };
}

/** One feature per tasking: its area as the outline of its cells, for the map and for GIS. */
export function featureOf(api: TaskingApi) {
  return {
    type: 'Feature' as const,
    id: api.id,
    properties: {
      id: api.id,
      title: api.title,
      status: api.status,
      team: api.team,
      theme: api.theme,
      themeLabel: api.themeLabel,
      startDate: api.startDate,
      reviewDate: api.reviewDate,
      endDate: api.endDate,
      owner: api.owner,
      resolution: api.resolution,
      cellCount: api.cells.length,
      version: api.version,
      labelPoint: labelPointOfCells(api.cells),
    },
    geometry: outlineOfCells(api.cells),
  };
}

// ---- Checks that need the database ----

function checkOption(field: string, value: string, options: readonly TaskingOption[], what: string): FieldProblem | null {
  if (options.some((o) => o.id === value)) return null;
  return { field, message: `unknown ${what} "${value}"; expected one of ${options.map((o) => o.id).join(', ')}` };
}

function checkOwner(db: Db, owner: string): FieldProblem | null {
  if (listStaffUsers(db).some((u) => u.username === owner)) return null;
  return { field: 'owner', message: `"${owner}" is not a staff user; the owner must be someone who can sign in (not the public role)` };
}

interface AreaInput {
  cells?: string[] | undefined;
  polygon?: GeoJSON.Polygon | null | undefined;
  resolution?: number | undefined;
}

function resolveArea(input: AreaInput, studyCellsAt: (h3Resolution: number) => ReadonlySet<string> | null): Result<{ h3Resolution: number; cells: string[]; polygon: GeoJSON.Polygon | null }, FieldProblem[]> {
  const polygon = input.polygon ?? null;
  if (input.cells && input.cells.length > 0) {
    const area = checkTaskingCells(input.cells, studyCellsAt);
    if (!area.ok) return fail([{ field: 'cells', message: area.reason }]);
    if (input.resolution !== undefined && input.resolution !== area.value.h3Resolution) {
      return fail([{ field: 'resolution', message: `is ${input.resolution}, but the cells are at resolution ${area.value.h3Resolution}` }]);
    }
    return ok({ ...area.value, polygon });
  }
  if (polygon) {
    if (input.resolution === undefined) return fail([{ field: 'resolution', message: 'is needed with a drawn polygon: the cell size to cover it with, 7..10' }]);
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

function resolveTheme(theme: string | null | undefined, categories: string[] | undefined): Result<{ theme: string | null; categories: string[] }, FieldProblem[]> {
  if (theme && categories) return fail([{ field: 'categories', message: 'give a theme or categories, not both' }]);
  if (theme) return ok({ theme, categories: [...(categoriesOfGroup(theme) ?? [])] });
  if (categories) return ok({ theme: null, categories });
  return fail([{ field: 'theme', message: `give a theme (${CATEGORY_GROUPS.map((g) => g.id).join(', ')}) or categories` }]);
}

function checkDates(fields: Pick<TaskingFields, 'startDate' | 'reviewDate' | 'endDate'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.reviewDate < fields.startDate) problems.push({ field: 'reviewDate', message: `is before the start date (${fields.startDate}); review on or after the start` });
  if (fields.endDate !== null && fields.endDate < fields.startDate) problems.push({ field: 'endDate', message: `is before the start date (${fields.startDate})` });
  return problems;
}

function evidenceWindowOf(body: CreateTaskingBody, deps: TaskingDeps, categories: string[]): Result<EvidenceWindow, FieldProblem[]> {
  if (!body.evidence) return ok(defaultEvidenceWindow(deps.incidentIndex(), categories, todayOf(deps.clock), dayOf(body.startDate)));
  const { from, to, hours, weekdays } = body.evidence;
  const problems: FieldProblem[] = [];
  const hoursMask = hours ? parseHours(hours) : null;
  const weekdaysMask = weekdays ? parseWeekdays(weekdays) : null;
  if (hoursMask && !hoursMask.ok) problems.push({ field: 'evidence.hours', message: hoursMask.reason });
  if (weekdaysMask && !weekdaysMask.ok) problems.push({ field: 'evidence.weekdays', message: weekdaysMask.reason });
  if (problems.length > 0) return fail(problems);
  return ok({
    fromDay: dayOf(from),
    toDay: dayOf(to),
    timeFilter: timeFilterOf(hoursMask?.ok ? hoursMask.value : null, weekdaysMask?.ok ? weekdaysMask.value : null),
    hours: hours || null,
    weekdays: weekdays || null,
  });
}

const ownerOfPrincipal = (principal: Principal) => (principal.id.startsWith('user:') ? principal.id.slice('user:'.length) : null);

// ---- Operations ----

export function createTasking(deps: TaskingDeps, principal: Principal, body: CreateTaskingBody): Result<TaskingRecord, TaskingFailure> {
  const options = getTaskingOptions(deps.db);
  const studyCellsAt = studyCellSets(deps.studyGrid);
  const problems: FieldProblem[] = [];
  const theme = resolveTheme(body.theme, body.categories);
  if (!theme.ok) problems.push(...theme.reason);
  const area = resolveArea(body, studyCellsAt);
  if (!area.ok) problems.push(...area.reason);
  const endDate = body.endDate ?? null;
  problems.push(...checkDates({ startDate: body.startDate, reviewDate: body.reviewDate, endDate }));
  for (const [i, tactic] of body.tactics.entries()) {
    const problem = checkOption(`tactics.${i}`, tactic, options.tactics, 'tactic');
    if (problem) problems.push(problem);
  }
  const teamProblem = checkOption('team', body.team, options.teams, 'team');
  if (teamProblem) problems.push(teamProblem);
  const owner = body.owner ?? ownerOfPrincipal(principal);
  if (owner === null) problems.push({ field: 'owner', message: 'is required when an API token creates a tasking: the user name of the person responsible' });
  else {
    const ownerProblem = checkOwner(deps.db, owner);
    if (ownerProblem) problems.push(ownerProblem);
  }
  const window = theme.ok ? evidenceWindowOf(body, deps, theme.value.categories) : null;
  if (window && !window.ok) problems.push(...window.reason);
  if (problems.length > 0 || !theme.ok || !area.ok || !window?.ok || owner === null) return fail(invalid(problems));

  const fields: TaskingFields = {
    title: body.title,
    theme: theme.value.theme,
    categories: theme.value.categories,
    problem: body.problem,
    h3Resolution: area.value.h3Resolution,
    cells: area.value.cells,
    polygon: area.value.polygon,
    timeBands: body.timeBands,
    startDate: body.startDate,
    reviewDate: body.reviewDate,
    endDate,
    objective: body.objective,
    tactics: [...new Set(body.tactics)],
    team: body.team,
    owner,
    plannedDosage: body.plannedDosage ?? null,
    status: body.status,
  };
  const at = deps.clock().toISOString();
  const snapshot = takeEvidenceSnapshot(deps.incidentIndex(), deps.studyGrid, {
    categories: fields.categories,
    cells: fields.cells,
    h3Resolution: fields.h3Resolution,
    window: window.value,
    takenAt: at,
  });
  return ok(insertTasking(deps.db, fields, snapshot, principal, at));
}

function fieldsOf(record: TaskingRecord): TaskingFields {
  const { id: _id, evidence: _evidence, version: _version, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...fields } = record;
  return fields;
}

/** Field-by-field before/after of what differs. */
export function diffFields(before: TaskingFields, after: TaskingFields): FieldChanges {
  const changes: FieldChanges = {};
  for (const key of Object.keys(after) as (keyof TaskingFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { before: before[key], after: after[key] };
  }
  return changes;
}

function conflict(current: TaskingRecord | null, deps: TaskingDeps, id: number): TaskingFailure {
  if (!current) return notFound(id);
  return {
    status: 409,
    code: 'version_conflict',
    message: `Someone else changed this tasking first: it is now at version ${current.version}. Nothing was changed; look at the current record and try again.`,
    current: taskingToApi(current, apiContext(deps)),
  };
}

function refuseClosed(record: TaskingRecord): TaskingFailure {
  return { status: 409, code: 'tasking_closed', message: `Tasking ${record.id} is closed; its record is kept as it was. Create a new tasking to act on the place again.` };
}

export function patchTasking(deps: TaskingDeps, principal: Principal, id: number, body: PatchTaskingBody): Result<TaskingRecord, TaskingFailure> {
  const record = getTasking(deps.db, id);
  if (!record) return fail(notFound(id));
  const { version, ...changed } = body;
  const keys = Object.keys(changed) as (keyof typeof changed)[];
  if (principal.role === 'planner') {
    const notAllowed = keys.filter((k) => !(PLANNER_FIELDS as readonly string[]).includes(k));
    if (notAllowed.length > 0) {
      return fail({
        status: 403,
        code: 'forbidden',
        message: `The planner role may change only the team, owner and planned dosage; ask a chair or analyst to change ${notAllowed.join(', ')}.`,
      });
    }
  }
  if (record.status === 'closed') return fail(refuseClosed(record));
  if (version !== record.version) return fail(conflict(record, deps, id));

  const before = fieldsOf(record);
  const after: TaskingFields = { ...before };
  const problems: FieldProblem[] = [];
  const options = getTaskingOptions(deps.db);
  if (changed.title !== undefined) after.title = changed.title;
  if (changed.problem !== undefined) after.problem = changed.problem;
  if (changed.objective !== undefined) after.objective = changed.objective;
  if (changed.timeBands !== undefined) after.timeBands = changed.timeBands;
  if (changed.startDate !== undefined) after.startDate = changed.startDate;
  if (changed.reviewDate !== undefined) after.reviewDate = changed.reviewDate;
  if (changed.endDate !== undefined) after.endDate = changed.endDate;
  if (changed.plannedDosage !== undefined) after.plannedDosage = changed.plannedDosage;
  if (changed.theme !== undefined || changed.categories !== undefined) {
    const theme = resolveTheme(changed.theme, changed.categories);
    if (theme.ok) Object.assign(after, theme.value);
    else problems.push(...theme.reason);
  }
  if (changed.cells !== undefined || changed.polygon !== undefined || changed.resolution !== undefined) {
    // A new polygon alone means new cells; new cells alone drop the old polygon.
    const area = resolveArea(
      { cells: changed.cells, polygon: changed.polygon ?? (changed.cells ? null : record.polygon), resolution: changed.resolution ?? (changed.cells ? undefined : record.h3Resolution) },
      studyCellSets(deps.studyGrid),
    );
    if (area.ok) Object.assign(after, { h3Resolution: area.value.h3Resolution, cells: area.value.cells, polygon: area.value.polygon });
    else problems.push(...area.reason);
  }
  if (changed.tactics !== undefined) {
    for (const [i, tactic] of changed.tactics.entries()) {
      if (record.tactics.includes(tactic)) continue; // kept from before, even if the list has changed since
      const problem = checkOption(`tactics.${i}`, tactic, options.tactics, 'tactic');
      if (problem) problems.push(problem);
    }
    after.tactics = [...new Set(changed.tactics)];
  }
  if (changed.team !== undefined && changed.team !== record.team) {
    const problem = checkOption('team', changed.team, options.teams, 'team');
    if (problem) problems.push(problem);
    after.team = changed.team;
  }
  if (changed.owner !== undefined && changed.owner !== record.owner) {
    const problem = checkOwner(deps.db, changed.owner);
    if (problem) problems.push(problem);
    after.owner = changed.owner;
  }
  if (changed.status !== undefined && changed.status !== record.status) {
    if (changed.status === 'proposed') problems.push({ field: 'status', message: 'an active tasking cannot go back to proposed; record a decision instead' });
    else after.status = changed.status;
  }
  problems.push(...checkDates(after));
  if (problems.length > 0) return fail(invalid(problems));

  const changes = diffFields(before, after);
  if (Object.keys(changes).length === 0) return ok(record);
  const outcome = updateTasking(deps.db, id, version, after, { action: 'update', changes }, principal, deps.clock().toISOString());
  return outcome.ok ? ok(outcome.record) : fail(conflict(outcome.current, deps, id));
}

export function decideTasking(
  deps: TaskingDeps,
  principal: Principal,
  id: number,
  body: { version: number; decision: Decision; note: string; reviewDate?: string | undefined },
): Result<TaskingRecord, TaskingFailure> {
  const record = getTasking(deps.db, id);
  if (!record) return fail(notFound(id));
  if (record.status === 'closed') return fail(refuseClosed(record));
  if (body.version !== record.version) return fail(conflict(record, deps, id));
  const today = todayOf(deps.clock);
  const nextReview = body.reviewDate ? dayOf(body.reviewDate) : null;
  if (nextReview !== null && body.decision === 'close') return fail(invalid([{ field: 'reviewDate', message: 'a closed tasking has no next review; leave it out' }]));
  if (nextReview !== null && nextReview <= today) {
    return fail(invalid([{ field: 'reviewDate', message: `the next review must be after today (${isoDateOfDay(today)})` }]));
  }
  const outcome = applyDecision(
    { status: record.status, startDay: dayOf(record.startDate), reviewDay: dayOf(record.reviewDate), endDay: record.endDate ? dayOf(record.endDate) : null },
    body.decision,
    today,
    nextReview,
  );
  const before = fieldsOf(record);
  const after: TaskingFields = {
    ...before,
    status: outcome.status,
    reviewDate: isoDateOfDay(outcome.reviewDay),
    endDate: outcome.endDay === null ? null : isoDateOfDay(outcome.endDay),
  };
  const changes: FieldChanges = { decision: { before: null, after: body.decision }, note: { before: null, after: body.note }, ...diffFields(before, after) };
  const updated = updateTasking(deps.db, id, body.version, after, { action: 'decision', changes }, principal, deps.clock().toISOString());
  return updated.ok ? ok(updated.record) : fail(conflict(updated.current, deps, id));
}

export function logVisit(
  deps: TaskingDeps,
  principal: Principal,
  id: number,
  body: { startedAt: string; endedAt: string; officer: string; note?: string | undefined; clientRef?: string | undefined },
): Result<{ visit: VisitRecord; created: boolean }, TaskingFailure> {
  const record = getTasking(deps.db, id);
  if (!record) return fail(notFound(id));
  if (record.status === 'proposed') {
    return fail({
      status: 409,
      code: 'tasking_not_active',
      message: `Tasking ${id} is still proposed: the meeting has not agreed it, so visits cannot be logged against it yet.`,
    });
  }
  const problems: FieldProblem[] = [];
  const started = parseInstant(body.startedAt);
  const ended = parseInstant(body.endedAt);
  if (!started.ok) problems.push({ field: 'startedAt', message: started.reason });
  if (!ended.ok) problems.push({ field: 'endedAt', message: ended.reason });
  if (started.ok && ended.ok) {
    const [start, end] = [started.value.getTime(), ended.value.getTime()];
    const now = deps.clock().getTime();
    if (end <= start) problems.push({ field: 'endedAt', message: 'must be after the start of the visit' });
    else if (end - start > MAX_VISIT_HOURS * 3_600_000) problems.push({ field: 'endedAt', message: `the visit is longer than ${MAX_VISIT_HOURS} hours; log each visit of a shift apart` });
    if (end > now + CLOCK_SKEW_MS) problems.push({ field: 'endedAt', message: `is in the future (it is now ${londonWallClock(deps.clock()).replace('T', ' ')} in London)` });
    const startDate = londonWallClock(started.value).slice(0, 10);
    if (startDate < record.startDate) problems.push({ field: 'startedAt', message: `is before the tasking started (${record.startDate})` });
    if (record.endDate && startDate > record.endDate) problems.push({ field: 'startedAt', message: `is after the tasking ended (${record.endDate})` });
  }
  if (problems.length > 0 || !started.ok || !ended.ok) return fail(invalid(problems));
  return ok(
    insertVisit(
      deps.db,
      id,
      { startedAt: started.value.toISOString(), endedAt: ended.value.toISOString(), officer: body.officer, note: body.note?.trim() || null, clientRef: body.clientRef ?? null },
      principal,
      deps.clock().toISOString(),
    ),
  );
}
