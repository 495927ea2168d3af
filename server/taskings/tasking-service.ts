// Tasking operations behind the routes: create, change, decide and log a visit. The field
// checks are in tasking-checks.ts, what clients see in tasking-view.ts, the rules in
// geo/taskings and the tables in tasking-store.ts. Expected refusals are values with the
// HTTP status the route should send.
import { applyDecision, type Decision } from '../../geo/taskings/status';
import type { TaskingFields } from '../../geo/taskings/tasking-fields';
import { dayOfIsoDate, isoDateOfDay, londonToday, londonWallClock, parseInstant } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import type { Principal } from '../app-env';
import type { FieldProblem } from '../validation';
import { checkDates, checkOption, checkOwner, evidenceWindowOf, resolveArea, resolveTheme } from './tasking-checks';
import type { TaskingDeps } from './tasking-deps';
import { takeEvidenceSnapshot } from './tasking-evidence';
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
import { apiContext, taskingToApi, type TaskingApi } from './tasking-view';

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

const invalid = (problems: FieldProblem[]): TaskingFailure => ({
  status: 400,
  code: 'invalid_field',
  message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
  fields: problems,
});

export const notFound = (id: number): TaskingFailure => ({ status: 404, code: 'not_found', message: `There is no tasking ${id}.` });

const ownerOfPrincipal = (principal: Principal) => (principal.id.startsWith('user:') ? principal.id.slice('user:'.length) : null);

// ---- Operations ----

export function createTasking(deps: TaskingDeps, principal: Principal, body: CreateTaskingBody): Result<TaskingRecord, TaskingFailure> {
  const options = getTaskingOptions(deps.db);
  const problems: FieldProblem[] = [];
  const theme = resolveTheme(body.theme, body.categories);
  if (!theme.ok) problems.push(...theme.reason);
  const area = resolveArea(body, deps.studyGrid);
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
  const window = theme.ok ? evidenceWindowOf(body, { index: deps.incidentIndex(), now: deps.clock() }, theme.value.categories) : null;
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
  const snapshot = takeEvidenceSnapshot(deps.incidentIndex(), deps.studyGrid, deps.coverage(), {
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
  return {
    status: 409,
    code: 'tasking_closed',
    message: `Tasking ${record.id} is closed; its record is kept as it was. Create a new tasking to act on the place again.`,
  };
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
  const newCells = changed.cells && changed.cells.length > 0 ? changed.cells : undefined;
  if (newCells !== undefined || changed.polygon || changed.resolution !== undefined) {
    // New cells replace the area (and drop an old drawn shape unless a new one comes); a new
    // shape alone is turned into cells at the resolution sent, or the tasking's own.
    const area = resolveArea(
      {
        cells: newCells,
        polygon: changed.polygon ?? (newCells ? null : record.polygon),
        resolution: changed.resolution ?? (newCells ? undefined : record.h3Resolution),
      },
      deps.studyGrid,
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
  const today = londonToday(deps.clock());
  const nextReview = body.reviewDate ? dayOfIsoDate(body.reviewDate) : null;
  if (nextReview !== null && body.decision === 'close')
    return fail(invalid([{ field: 'reviewDate', message: 'a closed tasking has no next review; leave it out' }]));
  if (nextReview !== null && nextReview <= today) {
    return fail(invalid([{ field: 'reviewDate', message: `the next review must be after today (${isoDateOfDay(today)})` }]));
  }
  const outcome = applyDecision(
    {
      status: record.status,
      startDay: dayOfIsoDate(record.startDate),
      reviewDay: dayOfIsoDate(record.reviewDate),
      endDay: record.endDate ? dayOfIsoDate(record.endDate) : null,
    },
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
  const dateProblems = checkDates(after);
  if (dateProblems.length > 0) return fail(invalid(dateProblems));
  const changes: FieldChanges = { decision: { before: null, after: body.decision }, note: { before: null, after: body.note }, ...diffFields(before, after) };
  const updated = updateTasking(deps.db, id, body.version, after, { action: 'decision', changes }, principal, deps.clock().toISOString());
  return updated.ok ? ok(updated.record) : fail(conflict(updated.current, deps, id));
}

export function logVisit(
  deps: TaskingDeps,
  principal: Principal,
  id: number,
  body: { startedAt: string; endedAt: string; officer: string; note?: string | undefined; clientRef?: string | undefined },
): Result<{ visit: VisitRecord; created: boolean; tasking: TaskingRecord }, TaskingFailure> {
  const record = getTasking(deps.db, id);
  if (!record) return fail(notFound(id));
  if (record.status === 'proposed') {
    return fail({
      status: 409,
      code: 'tasking_not_active',
      message: `Tasking ${id} is still proposed: the meeting has not agreed it, so visits cannot be logged against it yet.`,
    });
  }
  if (record.status === 'closed' && record.endDate === null) {
    return fail({ status: 409, code: 'tasking_closed', message: `Tasking ${id} was closed before it started, so it has no visits.` });
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
    else if (end - start > MAX_VISIT_HOURS * 3_600_000)
      problems.push({ field: 'endedAt', message: `the visit is longer than ${MAX_VISIT_HOURS} hours; log each visit of a shift apart` });
    if (end > now + CLOCK_SKEW_MS)
      problems.push({ field: 'endedAt', message: `is in the future (it is now ${londonWallClock(deps.clock()).replace('T', ' ')} in London)` });
    const startDate = londonWallClock(started.value).slice(0, 10);
    if (startDate < record.startDate) problems.push({ field: 'startedAt', message: `is before the tasking started (${record.startDate})` });
    if (record.endDate && startDate > record.endDate) problems.push({ field: 'startedAt', message: `is after the tasking ended (${record.endDate})` });
  }
  if (problems.length > 0 || !started.ok || !ended.ok) return fail(invalid(problems));
  const stored = insertVisit(
    deps.db,
    id,
    {
      startedAt: started.value.toISOString(),
      endedAt: ended.value.toISOString(),
      officer: body.officer,
      note: body.note?.trim() || null,
      clientRef: body.clientRef ?? null,
    },
    principal,
    deps.clock().toISOString(),
  );
  return ok({ ...stored, tasking: record });
}
