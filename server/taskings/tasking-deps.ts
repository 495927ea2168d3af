// What the tasking operations need from the app: the database, the clock, the incident
// index and the study grid (a subset of AppDeps, so tests can pass just these).
import type { Coverage } from '../../geo/coverage';
import type { Db } from '../db/open-database';
import type { StudyGrid } from '../hotspots/study-grid';
import type { IncidentIndex } from '../incidents/incident-index';

export interface TaskingDeps {
  db: Db;
  clock: () => Date;
  incidentIndex: () => IncidentIndex;
  studyGrid: StudyGrid;
  coverage: () => Coverage;
}
