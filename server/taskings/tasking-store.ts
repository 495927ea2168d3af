// The one owner of the taskings, tasking_events, tasking_visits and tasking_options tables.
// Rows become domain records here and nowhere else; writes that belong together (a change
// and its audit event) happen in one transaction, and a change applies only to the version
// it was based on, so two people editing at once cannot overwrite each other unseen.
import { z } from 'zod';
import type { TaskingFields } from '../../geo/taskings/tasking-fields';
import { DEFAULT_TACTICS, DEFAULT_TEAMS, type TaskingOption } from '../../geo/taskings/tasking-options';
import type { Principal } from '../app-env';
import type { Db } from '../db/open-database';

export interface EvidenceCell {
  cell: string;
  count: number;
  /** Gi* bin (+3 hot 99% .. -3 cold 99%), null when Gi* could not be computed for the window. */
  bin: number | null;
  z: number | null;
}

/** Why the place was tasked, as the data stood when it was: never rewritten by later imports. */
export interface EvidenceSnapshot {
  takenAt: string;
  window: { from: string; to: string; hours: string | null; weekdays: string | null };
  h3Resolution: number;
  categories: string[];
  /** Incidents of the categories in the tasking's cells in the window. */
  total: number;
  cells: EvidenceCell[];
  /** Significant hot cells (95% or more) among the tasking's cells. */
  hotCells: number;
  method: string;
  /** Why bins are missing, or other caveats; null when none. */
  note: string | null;
}

export interface TaskingRecord extends TaskingFields {
  id: number;
  evidence: EvidenceSnapshot;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface TaskingEvent {
  at: string;
  user: { id: string; name: string };
  action: 'create' | 'update' | 'decision' | 'visit';
  changes: FieldChanges;
  version: number;
}

export interface VisitRecord {
  id: number;
  taskingId: number;
  startedAt: string;
  endedAt: string;
  officer: string;
  note: string | null;
  clientRef: string | null;
  loggedAt: string;
  loggedBy: string;
}

// Stored JSON was written by this module; parsing it back checks the shape rather than trusting a cast.
const stringList = z.array(z.string());
const timeBands = z.array(z.object({ weekdays: z.string().nullable(), hours: z.string().nullable() }));
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) });
const evidence = z.object({
  takenAt: z.string(),
  window: z.object({ from: z.string(), to: z.string(), hours: z.string().nullable(), weekdays: z.string().nullable() }),
  h3Resolution: z.number(),
  categories: stringList,
  total: z.number(),
  cells: z.array(z.object({ cell: z.string(), count: z.number(), bin: z.number().nullable(), z: z.number().nullable() })),
  hotCells: z.number(),
  method: z.string(),
  note: z.string().nullable(),
});
const changes = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }));
const storedStatus = z.enum(['proposed', 'active', 'closed']);
const eventAction = z.enum(['create', 'update', 'decision', 'visit']);

interface TaskingRow {
  id: number;
  title: string;
  theme: string | null;
  categories_json: string;
  problem: string;
  evidence_json: string;
  h3_resolution: number;
  cells_json: string;
  polygon_json: string | null;
  time_bands_json: string;
  start_date: string;
  review_date: string;
  end_date: string | null;
  objective: string;
  tactics_json: string;
  team: string;
  owner: string;
  planned_visits_per_day: number | null;
  planned_minutes_per_visit: number | null;
  status: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

function recordOf(row: TaskingRow): TaskingRecord {
  return {
    id: row.id,
    title: row.title,
    theme: row.theme,
    categories: stringList.parse(JSON.parse(row.categories_json)),
    problem: row.problem,
    evidence: evidence.parse(JSON.parse(row.evidence_json)),
    h3Resolution: row.h3_resolution,
    cells: stringList.parse(JSON.parse(row.cells_json)),
    polygon: row.polygon_json === null ? null : (polygon.parse(JSON.parse(row.polygon_json)) as GeoJSON.Polygon),
    timeBands: timeBands.parse(JSON.parse(row.time_bands_json)),
    startDate: row.start_date,
    reviewDate: row.review_date,
    endDate: row.end_date,
    objective: row.objective,
    tactics: stringList.parse(JSON.parse(row.tactics_json)),
    team: row.team,
    owner: row.owner,
    plannedDosage:
      row.planned_visits_per_day === null || row.planned_minutes_per_visit === null
        ? null
        : { visitsPerDay: row.planned_visits_per_day, minutesPerVisit: row.planned_minutes_per_visit },
    status: storedStatus.parse(row.status),
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Column values of the fields a person sets, in the order the statements below name them. */
function fieldColumns(f: TaskingFields) {
  return {
    title: f.title,
    theme: f.theme,
    categories_json: JSON.stringify(f.categories),
    problem: f.problem,
    h3_resolution: f.h3Resolution,
    cells_json: JSON.stringify(f.cells),
    polygon_json: f.polygon ? JSON.stringify(f.polygon) : null,
    time_bands_json: JSON.stringify(f.timeBands),
    start_date: f.startDate,
    review_date: f.reviewDate,
    end_date: f.endDate,
    objective: f.objective,
    tactics_json: JSON.stringify(f.tactics),
    team: f.team,
    owner: f.owner,
    planned_visits_per_day: f.plannedDosage?.visitsPerDay ?? null,
    planned_minutes_per_visit: f.plannedDosage?.minutesPerVisit ?? null,
    status: f.status,
  };
}

// Every column fieldColumns writes, checked complete by the compiler.
const FIELD_COLUMNS = {
  title: true,
  theme: true,
  categories_json: true,
  problem: true,
  h3_resolution: true,
  cells_json: true,
  polygon_json: true,
  time_bands_json: true,
  start_date: true,
  review_date: true,
  end_date: true,
  objective: true,
  tactics_json: true,
  team: true,
  owner: true,
  planned_visits_per_day: true,
  planned_minutes_per_visit: true,
  status: true,
} satisfies Record<keyof ReturnType<typeof fieldColumns>, true>;
const FIELD_COLUMN_NAMES = Object.keys(FIELD_COLUMNS);

export function getTasking(db: Db, id: number): TaskingRecord | null {
  const row = db.prepare('SELECT * FROM taskings WHERE id = ?').get(id) as TaskingRow | undefined;
  return row ? recordOf(row) : null;
}

export function listTaskingRecords(db: Db): TaskingRecord[] {
  return (db.prepare('SELECT * FROM taskings ORDER BY id').all() as TaskingRow[]).map(recordOf);
}

function insertEvent(db: Db, taskingId: number, principal: Principal, at: string, action: TaskingEvent['action'], fieldChanges: FieldChanges, version: number) {
  db.prepare('INSERT INTO tasking_events (tasking_id, at, principal_id, principal_name, action, changes_json, version) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    taskingId,
    at,
    principal.id,
    principal.name,
    action,
    JSON.stringify(fieldChanges),
    version,
  );
}

/** Every field of a new record, as the create event's before (null) and after. */
export function creationChanges(fields: TaskingFields): FieldChanges {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, { before: null, after: value }]));
}

/** Inserts a tasking at version 1 with its create event, in one transaction. */
export function insertTasking(db: Db, fields: TaskingFields, snapshot: EvidenceSnapshot, principal: Principal, at: string): TaskingRecord {
  return db
    .transaction(() => {
      const columns = {
        ...fieldColumns(fields),
        evidence_json: JSON.stringify(snapshot),
        version: 1,
        created_at: at,
        created_by: principal.id,
        updated_at: at,
        updated_by: principal.id,
      };
      const names = Object.keys(columns);
      const result = db.prepare(`INSERT INTO taskings (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(columns);
      const id = Number(result.lastInsertRowid);
      insertEvent(db, id, principal, at, 'create', creationChanges(fields), 1);
      return getTasking(db, id)!;
    })
    .immediate();
}

export type UpdateOutcome = { ok: true; record: TaskingRecord } | { ok: false; current: TaskingRecord | null };

/**
 * Writes the new fields if the stored version is still `baseVersion`: version + 1 and one
 * audit event, in one transaction. Otherwise nothing is written and the current record comes back.
 */
export function updateTasking(
  db: Db,
  id: number,
  baseVersion: number,
  fields: TaskingFields,
  event: { action: 'update' | 'decision'; changes: FieldChanges },
  principal: Principal,
  at: string,
): UpdateOutcome {
  return db
    .transaction((): UpdateOutcome => {
      const assignments = FIELD_COLUMN_NAMES.map((n) => `${n} = @${n}`).join(', ');
      const result = db
        .prepare(`UPDATE taskings SET ${assignments}, version = version + 1, updated_at = @at, updated_by = @by WHERE id = @id AND version = @baseVersion`)
        .run({ ...fieldColumns(fields), at, by: principal.id, id, baseVersion });
      if (result.changes === 0) return { ok: false, current: getTasking(db, id) };
      insertEvent(db, id, principal, at, event.action, event.changes, baseVersion + 1);
      return { ok: true, record: getTasking(db, id)! };
    })
    .immediate();
}

export function listTaskingEvents(db: Db, taskingId: number): TaskingEvent[] {
  const rows = db
    .prepare('SELECT at, principal_id, principal_name, action, changes_json, version FROM tasking_events WHERE tasking_id = ? ORDER BY id')
    .all(taskingId) as { at: string; principal_id: string; principal_name: string; action: string; changes_json: string; version: number }[];
  return rows.map((r) => ({
    at: r.at,
    user: { id: r.principal_id, name: r.principal_name },
    action: eventAction.parse(r.action),
    changes: changes.parse(JSON.parse(r.changes_json)) as FieldChanges,
    version: r.version,
  }));
}

interface VisitRow {
  id: number;
  tasking_id: number;
  started_at: string;
  ended_at: string;
  officer: string;
  note: string | null;
  client_ref: string | null;
  logged_at: string;
  logged_by: string;
}

function visitOf(row: VisitRow): VisitRecord {
  return {
    id: row.id,
    taskingId: row.tasking_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    officer: row.officer,
    note: row.note,
    clientRef: row.client_ref,
    loggedAt: row.logged_at,
    loggedBy: row.logged_by,
  };
}

export function listVisits(db: Db, taskingId: number): VisitRecord[] {
  return (db.prepare('SELECT * FROM tasking_visits WHERE tasking_id = ? ORDER BY started_at, id').all(taskingId) as VisitRow[]).map(visitOf);
}

/** The visit a client already sent with this reference, if any (an offline phone sends again when unsure). */
export function findVisitByClientRef(db: Db, taskingId: number, clientRef: string): VisitRecord | null {
  const row = db.prepare('SELECT * FROM tasking_visits WHERE tasking_id = ? AND client_ref = ?').get(taskingId, clientRef) as VisitRow | undefined;
  return row ? visitOf(row) : null;
}

export type NewVisit = Omit<VisitRecord, 'id' | 'taskingId' | 'loggedAt' | 'loggedBy'>;

/**
 * Stores a visit and its audit event in one transaction. A visit sent again with the same
 * client reference is not stored twice: the first one comes back with `created: false`.
 */
export function insertVisit(db: Db, taskingId: number, visit: NewVisit, principal: Principal, at: string): { visit: VisitRecord; created: boolean } {
  return db
    .transaction(() => {
      if (visit.clientRef !== null) {
        const existing = db.prepare('SELECT * FROM tasking_visits WHERE tasking_id = ? AND client_ref = ?').get(taskingId, visit.clientRef) as
          VisitRow | undefined;
        if (existing) return { visit: visitOf(existing), created: false };
      }
      const result = db
        .prepare(
          'INSERT INTO tasking_visits (tasking_id, started_at, ended_at, officer, note, client_ref, logged_at, logged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(taskingId, visit.startedAt, visit.endedAt, visit.officer, visit.note, visit.clientRef, at, principal.id);
      const stored = visitOf(db.prepare('SELECT * FROM tasking_visits WHERE id = ?').get(result.lastInsertRowid) as VisitRow);
      const version = Number(db.prepare('SELECT version FROM taskings WHERE id = ?').pluck().get(taskingId));
      const { startedAt, endedAt, officer, note } = stored;
      insertEvent(db, taskingId, principal, at, 'visit', { visit: { before: null, after: { id: stored.id, startedAt, endedAt, officer, note } } }, version);
      return { visit: stored, created: true };
    })
    .immediate();
}

export interface TaskingOptionLists {
  tactics: TaskingOption[];
  teams: TaskingOption[];
}

/** The configured lists, or the defaults (geo/taskings/tasking-options.ts) where none is stored. */
export function getTaskingOptions(db: Db): TaskingOptionLists {
  const rows = db.prepare('SELECT list, id, label FROM tasking_options ORDER BY list, position').all() as { list: string; id: string; label: string }[];
  const of = (list: string) => rows.filter((r) => r.list === list).map(({ id, label }) => ({ id, label }));
  const tactics = of('tactic');
  const teams = of('team');
  return { tactics: tactics.length > 0 ? tactics : [...DEFAULT_TACTICS], teams: teams.length > 0 ? teams : [...DEFAULT_TEAMS] };
}

export function replaceTaskingOptions(db: Db, lists: TaskingOptionLists): void {
  db.transaction(() => {
    db.prepare('DELETE FROM tasking_options').run();
    const insert = db.prepare('INSERT INTO tasking_options (list, id, label, position) VALUES (?, ?, ?, ?)');
    lists.tactics.forEach((o, i) => insert.run('tactic', o.id, o.label, i));
    lists.teams.forEach((o, i) => insert.run('team', o.id, o.label, i));
  }).immediate();
}
