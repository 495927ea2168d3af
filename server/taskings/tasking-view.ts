// What clients see of taskings: the record with its derived status and warnings, list
// summaries (filtered and ordered for the meeting), GeoJSON features, visits in London
// time, and results with the control area a request names.
import { outlineOfCells } from '../../geo/h3';
import { visitInsideBands, visitMinutes } from '../../geo/taskings/dosage';
import { dosageWarnings, isKoperLength } from '../../geo/taskings/koper';
import { effectiveStatus, runsOnDate } from '../../geo/taskings/status';
import { labelPointOfCells } from '../../geo/taskings/tasking-area';
import { weekHoursOfBands } from '../../geo/taskings/time-bands';
import { dayOfIsoDate, londonToday, londonWallClock } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import { listAreas } from '../areas/area-queries';
import { listStaffUsers } from '../auth/auth-queries';
import { studyCellsOf } from './tasking-checks';
import { taskingResults, themeLabelOf, type TaskingResults } from './tasking-results';
import type { TaskingDeps } from './tasking-deps';
import { listTaskingRecords, listVisits, type TaskingRecord, type VisitRecord } from './tasking-store';

export interface ApiContext {
  today: number;
  ownerNames: ReadonlyMap<string, string>;
}

export function apiContext(deps: TaskingDeps): ApiContext {
  return { today: londonToday(deps.clock()), ownerNames: new Map(listStaffUsers(deps.db).map((u) => [u.username, u.name])) };
}

export function taskingToApi(record: TaskingRecord, context: ApiContext) {
  const { h3Resolution, status, ...rest } = record;
  const reviewDay = dayOfIsoDate(record.reviewDate);
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

export interface ListFilter {
  /** Effective statuses to keep; null keeps all. */
  status: string[] | null;
  team?: string | undefined;
  /** 'YYYY-MM-DD': taskings agreed and running on that day. */
  activeOn?: string | undefined;
}

const STATUS_ORDER = { 'review-due': 0, active: 1, proposed: 2, closed: 3 } as const;

/** Taskings for the meeting: review-due first, then active, proposed and closed, each by review date. */
export function listTaskings(deps: TaskingDeps, filter: ListFilter): { record: TaskingRecord; api: TaskingApi }[] {
  const context = apiContext(deps);
  return listTaskingRecords(deps.db)
    .map((record) => ({ record, api: taskingToApi(record, context) }))
    .filter(({ record, api }) => {
      if (filter.team && record.team !== filter.team) return false;
      if (filter.status && !filter.status.includes(api.status)) return false;
      return filter.activeOn ? runsOnDate(record, filter.activeOn) : true;
    })
    .sort((a, b) => STATUS_ORDER[a.api.status] - STATUS_ORDER[b.api.status] || a.api.reviewDate.localeCompare(b.api.reviewDate) || a.api.id - b.api.id);
}

export function visitToApi(visit: VisitRecord, record: TaskingRecord) {
  const minutes = visitMinutes(visit);
  return {
    ...visit,
    startedAtLondon: londonWallClock(new Date(visit.startedAt)),
    endedAtLondon: londonWallClock(new Date(visit.endedAt)),
    minutes,
    koperLength: isKoperLength(minutes),
    insideTimeBands: record.timeBands.length === 0 ? null : visitInsideBands(visit, weekHoursOfBands(record.timeBands)),
  };
}

/** The results of a tasking, against the rest of the study area or a named area ('ward:<code>'). */
export function resultsOfTasking(
  deps: TaskingDeps,
  record: TaskingRecord,
  query: { bufferRings: number; controlArea?: string | undefined },
): Result<TaskingResults, string> {
  let controlArea = null;
  if (query.controlArea) {
    const [kind, code] = query.controlArea.split(':') as [string, string];
    const area = listAreas(deps.db, kind).find((a) => a.code === code);
    if (!area) return fail(`there is no ${kind} with code ${code}; see GET /api/areas?kind=${kind}`);
    controlArea = { kind, code, name: area.name, geometry: area.geometry };
  }
  const studyCells = studyCellsOf(deps.studyGrid, record.h3Resolution) ?? new Set<string>();
  return ok(
    taskingResults(deps.incidentIndex(), studyCells, record, listVisits(deps.db, record.id), londonToday(deps.clock()), {
      bufferRings: query.bufferRings,
      controlArea,
      coverage: deps.coverage(),
    }),
  );
}
