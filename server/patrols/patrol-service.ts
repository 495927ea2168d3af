// Patrol plans (issue 13, decision 037): a request (team, date, shift, officers, start, taskings)
// becomes a schedule by geo/patrols, from the taskings as they stand: each tasked area's centre,
// time bands and planned dosage. Without named taskings, the team's taskings running on the date
// whose time bands open during the shift are planned.
import { planPatrol } from '../../geo/patrols/patrol-plan';
import { prepareShift, type PatrolShift, type PatrolStop } from '../../geo/patrols/patrol-input';
import type { PatrolPlan } from '../../geo/patrols/plan-output';
import { scheduleInOrder } from '../../geo/patrols/schedule-in-order';
import { mondayOf, weekDosage, type WeekDosageRow } from '../../geo/patrols/week-dosage';
import { runsOnDate } from '../../geo/taskings/status';
import { weekHoursOfBands } from '../../geo/taskings/time-bands';
import { dayOfIsoDate, isoDateOfDay } from '../../geo/time';
import { stopOfTasking } from '../../geo/patrols/tasking-stop';
import { fail, ok, type LngLat, type Result } from '../../geo/types';
import { createAreaTest } from '../../geo/study-area';
import type { Db } from '../db/open-database';
import { getStudyArea } from '../areas/area-queries';
import { getTasking, listTaskingRecords, type TaskingRecord } from '../taskings/tasking-store';
import { getBase, getPlan, insertBase, insertPlan, listPlansBetween, updatePlan, type PatrolBase, type PlanRequest, type StoredPlan } from './patrol-store';

export interface PatrolFailure {
  status: 400 | 404 | 409 | 422;
  code: string;
  message: string;
  current?: StoredPlan;
}

const failure = (status: PatrolFailure['status'], code: string, message: string) => fail<PatrolFailure>({ status, code, message });

export interface NewPlanBody {
  team: string;
  date: string;
  shiftStart: string;
  shiftEnd: string;
  officers: string[];
  start?: LngLat | undefined;
  baseId?: number | undefined;
  taskingIds?: number[] | undefined;
  breakMinutes?: number | undefined;
}

export interface PlanPatchBody {
  version: number;
  shiftStart?: string | undefined;
  shiftEnd?: string | undefined;
  officers?: string[] | undefined;
  breakMinutes?: number | undefined;
  /** The visits in the planner's order (tasking ids, repeated for repeat visits; an area left out is dropped); null = plan automatically again. */
  order?: number[] | null | undefined;
}

function resolveStart(
  db: Db,
  body: { start?: LngLat | undefined; baseId?: number | undefined },
): Result<{ start: LngLat; baseId: number | null }, PatrolFailure> {
  if (body.baseId !== undefined) {
    const base = getBase(db, body.baseId);
    if (!base) return failure(404, 'not_found', `There is no base ${body.baseId}; the bases are listed by GET /api/bases.`);
    return ok({ start: base.point, baseId: base.id });
  }
  if (body.start) return ok({ start: body.start, baseId: null });
  return failure(400, 'invalid_field', 'start: give the start point as [longitude, latitude], or baseId: one of the bases');
}

/** The taskings of a new plan: those named (each must exist and run on the date), or the team's running on the date with bands open in the shift. */
function taskingsOf(db: Db, body: NewPlanBody, start: LngLat): Result<TaskingRecord[], PatrolFailure> {
  if (body.taskingIds && body.taskingIds.length > 0) {
    const records: TaskingRecord[] = [];
    for (const id of body.taskingIds) {
      const record = getTasking(db, id);
      if (!record) return failure(404, 'not_found', `There is no tasking ${id}.`);
      if (!runsOnDate(record, body.date))
        return failure(
          422,
          'tasking_not_running',
          `Tasking ${id} (${record.title}) is not running on ${body.date}: it is ${record.status}, from ${record.startDate}${record.endDate ? ` to ${record.endDate}` : ''}.`,
        );
      records.push(record);
    }
    return ok(records);
  }
  const running = listTaskingRecords(db).filter((r) => r.team === body.team && runsOnDate(r, body.date));
  if (running.length === 0)
    return failure(
      422,
      'no_taskings',
      `The ${body.team} team has no taskings running on ${body.date}; name the taskings to plan, or choose another team or date.`,
    );
  // Keep those whose time bands open during the shift.
  const shift: PatrolShift = {
    date: body.date,
    shiftStart: body.shiftStart,
    shiftEnd: body.shiftEnd,
    breakMinutes: 0,
    start,
    stops: running.map(stopOfTasking),
  };
  const prepared = prepareShift(shift);
  if (!prepared.ok) return failure(400, 'invalid_shift', prepared.reason);
  const open = new Set(prepared.value.stops.filter((s) => s.windows.length > 0).map((s) => s.stop.taskingId));
  const records = running.filter((r) => open.has(r.id));
  if (records.length === 0) {
    return failure(
      422,
      'no_taskings',
      `None of the ${body.team} team's ${running.length} running taskings has time bands open between ${body.shiftStart} and ${body.shiftEnd} on ${body.date}.`,
    );
  }
  return ok(records);
}

/** The schedule of a request, from the taskings as they stand now. */
function scheduleOf(db: Db, request: PlanRequest): Result<PatrolPlan, PatrolFailure> {
  const stops: PatrolStop[] = [];
  for (const id of request.taskingIds) {
    const record = getTasking(db, id);
    if (!record) return failure(404, 'not_found', `There is no tasking ${id}.`);
    stops.push(stopOfTasking(record));
  }
  const shift: PatrolShift = {
    date: request.date,
    shiftStart: request.shiftStart,
    shiftEnd: request.shiftEnd,
    breakMinutes: request.breakMinutes,
    start: request.start,
    stops,
  };
  const plan = request.visitOrder ? scheduleInOrder(shift, request.visitOrder) : planPatrol(shift);
  return plan.ok ? plan : failure(400, 'invalid_shift', plan.reason);
}

export function createPlan(db: Db, body: NewPlanBody, by: string, now: Date): Result<StoredPlan, PatrolFailure> {
  const start = resolveStart(db, body);
  if (!start.ok) return start;
  const taskings = taskingsOf(db, body, start.value.start);
  if (!taskings.ok) return taskings;
  const request: PlanRequest = {
    team: body.team,
    date: body.date,
    shiftStart: body.shiftStart,
    shiftEnd: body.shiftEnd,
    breakMinutes: body.breakMinutes ?? 30,
    officers: body.officers,
    ...start.value,
    taskingIds: taskings.value.map((t) => t.id),
    visitOrder: null,
  };
  const plan = scheduleOf(db, request);
  if (!plan.ok) return plan;
  return ok(insertPlan(db, request, plan.value, by, now.toISOString()));
}

export function patchPlan(db: Db, id: number, body: PlanPatchBody, by: string, now: Date): Result<StoredPlan, PatrolFailure> {
  const current = getPlan(db, id);
  if (!current) return failure(404, 'not_found', `There is no patrol plan ${id}.`);
  if (current.version !== body.version) {
    return fail({
      status: 409,
      code: 'stale',
      message: `Patrol plan ${id} was changed since you read it (now version ${current.version}); reload it and make your change again.`,
      current,
    });
  }
  const request: PlanRequest = {
    ...current,
    shiftStart: body.shiftStart ?? current.shiftStart,
    shiftEnd: body.shiftEnd ?? current.shiftEnd,
    officers: body.officers ?? current.officers,
    breakMinutes: body.breakMinutes ?? current.breakMinutes,
    visitOrder: body.order === undefined ? current.visitOrder : body.order,
  };
  const plan = scheduleOf(db, request);
  if (!plan.ok) return plan;
  const saved = updatePlan(db, id, body.version, request, plan.value, by, now.toISOString());
  if (!saved)
    return fail({
      status: 409,
      code: 'stale',
      message: `Patrol plan ${id} was changed while you saved; reload it and make your change again.`,
      current: getPlan(db, id)!,
    });
  return ok(saved);
}

export function createBase(db: Db, name: string, point: LngLat, by: string, now: Date): Result<PatrolBase, PatrolFailure> {
  const study = getStudyArea(db);
  if (study && !createAreaTest(study.geometry).contains(point[0], point[1])) {
    return failure(422, 'outside_study_area', `[${point.join(', ')}] is outside ${study.name}: a base must be inside the study area.`);
  }
  const base = insertBase(db, name, point, by, now.toISOString());
  return base ? ok(base) : failure(409, 'name_taken', `There is already a base called "${name}"; choose another name.`);
}

/** The plan as the API gives it: the request, the schedule's fields at the top level, and who and when. */
export function planToApi(stored: StoredPlan) {
  const { plan, ...request } = stored;
  return { ...request, ...plan };
}

/** What the week's plans (every team's) schedule for each tasking of this plan, against its planned dosage. */
export function weekOfPlan(db: Db, id: number): Result<WeekDosageRow[], PatrolFailure> {
  const plan = getPlan(db, id);
  if (!plan) return failure(404, 'not_found', `There is no patrol plan ${id}.`);
  const day = dayOfIsoDate(plan.date);
  const monday = mondayOf(day);
  const plans = listPlansBetween(db, isoDateOfDay(monday), isoDateOfDay(monday + 6)).map((p) => ({ day: dayOfIsoDate(p.date), visits: p.plan.visits }));
  const taskings = plan.taskingIds.flatMap((taskingId) => {
    const record = getTasking(db, taskingId);
    if (!record) return [];
    return [
      {
        taskingId,
        title: record.title,
        planned: record.plannedDosage,
        weekHours: weekHoursOfBands(record.timeBands),
        startDay: dayOfIsoDate(record.startDate),
        endDay: record.endDate ? dayOfIsoDate(record.endDate) : null,
      },
    ];
  });
  return ok(weekDosage(day, taskings, plans));
}
