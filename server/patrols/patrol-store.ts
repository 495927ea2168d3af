// The one owner of patrol_bases and patrol_plans (migration 013, decision 037).
import type { PatrolPlan } from '../../geo/patrols/plan-output';
import type { LngLat } from '../../geo/types';
import type { Db } from '../db/open-database';

export interface PatrolBase {
  id: number;
  name: string;
  point: LngLat;
  createdAt: string;
  createdBy: string;
}

/** What a plan was asked for: enough to compute its schedule again. */
export interface PlanRequest {
  team: string;
  date: string;
  shiftStart: string;
  shiftEnd: string;
  breakMinutes: number;
  officers: string[];
  start: LngLat;
  baseId: number | null;
  taskingIds: number[];
  /** A planner's order of visits (tasking ids, repeated for repeat visits); null = planned automatically. */
  visitOrder: number[] | null;
}

export interface StoredPlan extends PlanRequest {
  id: number;
  plan: PatrolPlan;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

interface BaseRow {
  id: number;
  name: string;
  lng: number;
  lat: number;
  created_at: string;
  created_by: string;
}

interface PlanRow {
  id: number;
  team: string;
  date: string;
  shift_start: string;
  shift_end: string;
  break_minutes: number;
  officers_json: string;
  start_json: string;
  base_id: number | null;
  tasking_ids_json: string;
  visit_order_json: string | null;
  plan_json: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

const baseOf = (row: BaseRow): PatrolBase => ({ id: row.id, name: row.name, point: [row.lng, row.lat], createdAt: row.created_at, createdBy: row.created_by });

const planOf = (row: PlanRow): StoredPlan => ({
  id: row.id,
  team: row.team,
  date: row.date,
  shiftStart: row.shift_start,
  shiftEnd: row.shift_end,
  breakMinutes: row.break_minutes,
  officers: JSON.parse(row.officers_json) as string[],
  start: JSON.parse(row.start_json) as LngLat,
  baseId: row.base_id,
  taskingIds: JSON.parse(row.tasking_ids_json) as number[],
  visitOrder: row.visit_order_json === null ? null : (JSON.parse(row.visit_order_json) as number[]),
  plan: JSON.parse(row.plan_json) as PatrolPlan,
  version: row.version,
  createdAt: row.created_at,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

export function listBases(db: Db): PatrolBase[] {
  return (db.prepare('SELECT * FROM patrol_bases ORDER BY name').all() as BaseRow[]).map(baseOf);
}

export function getBase(db: Db, id: number): PatrolBase | null {
  const row = db.prepare('SELECT * FROM patrol_bases WHERE id = ?').get(id) as BaseRow | undefined;
  return row ? baseOf(row) : null;
}

/** Adds a base; null when the name is taken. */
export function insertBase(db: Db, name: string, point: LngLat, by: string, at: string): PatrolBase | null {
  const taken = db.prepare('SELECT 1 FROM patrol_bases WHERE name = ? COLLATE NOCASE').get(name);
  if (taken) return null;
  const id = Number(
    db.prepare('INSERT INTO patrol_bases (name, lng, lat, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(name, point[0], point[1], at, by)
      .lastInsertRowid,
  );
  return getBase(db, id);
}

/** A plan's columns from team to plan_json, in the order both statements below name them. */
function requestValues(request: PlanRequest, plan: PatrolPlan) {
  return [
    request.team,
    request.date,
    request.shiftStart,
    request.shiftEnd,
    request.breakMinutes,
    JSON.stringify(request.officers),
    JSON.stringify(request.start),
    request.baseId,
    JSON.stringify(request.taskingIds),
    request.visitOrder === null ? null : JSON.stringify(request.visitOrder),
    JSON.stringify(plan),
  ] as const;
}

export function insertPlan(db: Db, request: PlanRequest, plan: PatrolPlan, by: string, at: string): StoredPlan {
  const id = Number(
    db
      .prepare(
        `INSERT INTO patrol_plans (team, date, shift_start, shift_end, break_minutes, officers_json, start_json, base_id, tasking_ids_json,
           visit_order_json, plan_json, version, created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
      )
      .run(...requestValues(request, plan), at, by, at, by).lastInsertRowid,
  );
  return getPlan(db, id)!;
}

/** Replaces a plan's request and schedule if `version` is still current; null when it is stale. */
export function updatePlan(db: Db, id: number, version: number, request: PlanRequest, plan: PatrolPlan, by: string, at: string): StoredPlan | null {
  const changed = db
    .prepare(
      `UPDATE patrol_plans SET team = ?, date = ?, shift_start = ?, shift_end = ?, break_minutes = ?, officers_json = ?, start_json = ?, base_id = ?,
         tasking_ids_json = ?, visit_order_json = ?, plan_json = ?, version = version + 1, updated_at = ?, updated_by = ?
       WHERE id = ? AND version = ?`,
    )
    .run(...requestValues(request, plan), at, by, id, version).changes;
  return changed === 1 ? getPlan(db, id) : null;
}

export function getPlan(db: Db, id: number): StoredPlan | null {
  const row = db.prepare('SELECT * FROM patrol_plans WHERE id = ?').get(id) as PlanRow | undefined;
  return row ? planOf(row) : null;
}

export interface PlanFilter {
  date?: string | undefined;
  team?: string | undefined;
  /** Plans on this date or later. */
  from?: string | undefined;
  /** Plans that name this user name among their officers (an officer's own plans, decision 038). */
  officer?: string | undefined;
}

export function listPlans(db: Db, filter: PlanFilter): StoredPlan[] {
  const rows = db
    .prepare(
      `SELECT * FROM patrol_plans WHERE (@date IS NULL OR date = @date) AND (@team IS NULL OR team = @team) AND (@from IS NULL OR date >= @from)
         AND (@officer IS NULL OR EXISTS (SELECT 1 FROM json_each(officers_json) WHERE value = @officer))
       ORDER BY date DESC, shift_start, id`,
    )
    .all({ date: filter.date ?? null, team: filter.team ?? null, from: filter.from ?? null, officer: filter.officer ?? null }) as PlanRow[];
  return rows.map(planOf);
}

/** Plans whose date is from `from` to `to` inclusive ('YYYY-MM-DD'), any team. */
export function listPlansBetween(db: Db, from: string, to: string): StoredPlan[] {
  return (db.prepare('SELECT * FROM patrol_plans WHERE date BETWEEN ? AND ? ORDER BY date, shift_start, id').all(from, to) as PlanRow[]).map(planOf);
}
