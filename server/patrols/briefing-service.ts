// The printed patrol briefing (issue 13, decision 039): a stored plan with, per tasked area in
// it, what the officers need on paper: the tasking's problem, what to look for, tactics, time
// bands in words, planned dosage against the Koper guidance, and when the area's incidents
// happened over the last eight weeks (hour of day x weekday, from the incident index).
import { categoryBySlug } from '../../geo/categories';
import { dosageWarnings, KOPER, type PlannedDosage } from '../../geo/taskings/koper';
import { describeBand } from '../../geo/taskings/time-bands';
import { dayOfIsoDate, isoDateOfDay } from '../../geo/time';
import type { AppDeps } from '../app-deps';
import type { IncidentIndex } from '../incidents/incident-index';
import { profileCells } from '../incidents/temporal-profile';
import { dataEndDayOf } from '../incidents/window-counts';
import { getTasking, getTaskingOptions, type TaskingRecord } from '../taskings/tasking-store';
import { planToApi } from './patrol-service';
import { getBase, type StoredPlan } from './patrol-store';

/** The briefing's "recent": the eight weeks before the plan's date (or before the data ends, when sooner). */
export const RECENT_WEEKS = 8;

export interface RecentIncidents {
  /** London dates; `to` is exclusive. */
  from: string;
  to: string;
  weeks: number;
  /** counts[weekday][hour], Monday first, London time: incidents with a time of day only. */
  hourByWeekday: number[][];
  /** The same summed over the week: incidents by hour of day. */
  byHour: number[];
  /** Incidents of the tasking's categories in its cells in the window, with or without a time of day. */
  total: number;
  /** Of those, known only to the month or day (police.uk is monthly): not in the grid. */
  withoutTime: number;
  note: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** When the area's incidents happened in the eight weeks before `planDate` (or before the data of its categories ends). */
export function recentIncidentsOf(index: IncidentIndex, record: Pick<TaskingRecord, 'categories' | 'cells'>, planDate: string): RecentIncidents {
  const planDay = dayOfIsoDate(planDate);
  const dataEnd = dataEndDayOf(index, record.categories);
  const toDay = dataEnd !== null && dataEnd < planDay ? dataEnd : planDay;
  const fromDay = toDay - RECENT_WEEKS * 7;
  const profile = profileCells(index, { categories: record.categories, fromDay, toDay }, record.cells);
  const byHour = Array.from({ length: 24 }, (_, hour) => profile.hourByWeekday.reduce((sum, day) => sum + day[hour]!, 0));
  const notes: string[] = [];
  if (toDay < planDay) notes.push(`The data ends on ${isoDateOfDay(toDay - 1)}, so these are the ${RECENT_WEEKS} weeks up to then.`);
  if (profile.total > 0 && profile.excludedWithoutTime === profile.total) {
    notes.push(
      `The data for these categories is monthly (police.uk) and has no times of day: none of the ${plural(profile.total, 'incident')} can be placed by hour, ` +
        'and only months wholly inside these weeks count.',
    );
  } else if (profile.excludedWithoutTime > 0) {
    notes.push(
      `${profile.excludedWithoutTime} of the ${plural(profile.total, 'incident')} have no time of day (police.uk data is monthly) and are not in the grid.`,
    );
  }
  return {
    from: isoDateOfDay(fromDay),
    to: isoDateOfDay(toDay),
    weeks: RECENT_WEEKS,
    hourByWeekday: profile.hourByWeekday,
    byHour,
    total: profile.total,
    withoutTime: profile.excludedWithoutTime,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}

function dosageText(dosage: PlannedDosage | null): string {
  if (!dosage) return `No planned dosage: visits of ${KOPER.minMinutes}-${KOPER.maxMinutes} minutes, back at least every two hours in the time bands.`;
  return `${plural(dosage.visitsPerDay, 'visit')} a day of ${dosage.minutesPerVisit} minutes.`;
}

export interface BriefingArea {
  taskingId: number;
  title: string;
  team: string;
  categories: { slug: string; label: string }[];
  problem: string;
  /** What to look for: the tasking's objective. */
  objective: string;
  tactics: { id: string; label: string }[];
  timeBands: { weekdays: string | null; hours: string | null; text: string }[];
  timeBandsText: string;
  plannedDosage: PlannedDosage | null;
  dosageText: string;
  koper: string;
  /** Planned dosage outside the Koper guidance or the bands, in words. */
  warnings: string[];
  /** The plan's visit numbers (1 = first visit of the shift) to this area. */
  visitNumbers: number[];
  /** What the shift cannot deliver here, or null. */
  shortfall: string | null;
  h3Resolution: number;
  cells: string[];
  incidents: RecentIncidents;
}

function areaOf(record: TaskingRecord, stored: StoredPlan, index: IncidentIndex, tacticLabels: ReadonlyMap<string, string>): BriefingArea {
  const visitNumbers = stored.plan.visits.flatMap((v, k) => (v.taskingId === record.id ? [k + 1] : []));
  return {
    taskingId: record.id,
    title: record.title,
    team: record.team,
    categories: record.categories.map((slug) => ({ slug, label: categoryBySlug(slug)?.label ?? slug })),
    problem: record.problem,
    objective: record.objective,
    tactics: record.tactics.map((id) => ({ id, label: tacticLabels.get(id) ?? id })),
    timeBands: record.timeBands.map((band) => ({ ...band, text: describeBand(band) })),
    timeBandsText: record.timeBands.length === 0 ? 'Any time: no time bands' : record.timeBands.map(describeBand).join('; '),
    plannedDosage: record.plannedDosage,
    dosageText: dosageText(record.plannedDosage),
    koper: KOPER.guidance,
    warnings: dosageWarnings(record.plannedDosage, record.timeBands),
    visitNumbers,
    shortfall: stored.plan.shortfalls.find((s) => s.taskingId === record.id)?.message ?? null,
    h3Resolution: record.h3Resolution,
    cells: record.cells,
    incidents: recentIncidentsOf(index, record, stored.date),
  };
}

/** The plan and its areas in the order the shift first visits them; areas it never reaches come last. */
export async function briefingOf(deps: Pick<AppDeps, 'db' | 'compute'>, stored: StoredPlan) {
  const records = stored.taskingIds.map((id) => getTasking(deps.db, id)).filter((r): r is TaskingRecord => r !== null);
  const missing = stored.taskingIds.filter((id) => !records.some((r) => r.id === id));
  const index = await deps.compute.index([...new Set(records.map((r) => r.h3Resolution))]);
  const firstVisit = (id: number) => {
    const k = stored.plan.visits.findIndex((v) => v.taskingId === id);
    return k < 0 ? Number.MAX_SAFE_INTEGER : k;
  };
  const ordered = [...records].sort((a, b) => firstVisit(a.id) - firstVisit(b.id) || a.id - b.id);
  const options = getTaskingOptions(deps.db);
  const tacticLabels = new Map(options.tactics.map((t) => [t.id, t.label]));
  const base = stored.baseId === null ? null : getBase(deps.db, stored.baseId);
  return {
    plan: planToApi(stored),
    teamLabel: options.teams.find((t) => t.id === stored.team)?.label ?? stored.team,
    base: base ? { id: base.id, name: base.name } : null,
    koper: KOPER.guidance,
    areas: ordered.map((record) => areaOf(record, stored, index, tacticLabels)),
    notes: missing.map((id) => `Tasking ${id} of this plan is no longer stored; its visits are in the schedule only.`),
  };
}
export type Briefing = Awaited<ReturnType<typeof briefingOf>>;
