import type { Db } from './db/open-database';
import type { StudyGrid } from './hotspots/study-grid';
import type { IncidentIndex } from './incidents/incident-index';

export interface AppDeps {
  db: Db;
  /** Injected so tests control "now". */
  clock: () => Date;
  /** The current in-memory incident index, rebuilt when a batch lands. */
  incidentIndex: () => IncidentIndex;
  /** Study-area cells and neighbourhoods per (resolution, k), cached until the study area changes. */
  studyGrid: StudyGrid;
  /** Secure cookies need HTTPS or localhost; off only for plain-HTTP deployments behind a proxy. */
  secureCookies: boolean;
}
