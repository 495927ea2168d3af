// The version of everything a statistics answer is computed from: the incident index the
// request was answered from, the study area and the covered months.
import { studyAreaVersion } from '../areas/area-queries';
import type { Db } from '../db/open-database';
import type { IncidentIndex } from '../incidents/incident-index';
import { coverageVersion } from '../store/coverage-store';

export function answerVersion(db: Db, index: IncidentIndex): string {
  return `${index.version}|${studyAreaVersion(db)}|${coverageVersion(db)}`;
}
