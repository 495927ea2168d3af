// The version of everything a statistics answer is computed from: the incident index the
// request was answered from, the study area, the covered months, the stop-and-search rows and
// the school calendar (schoolDays= answers change when term dates are imported) and the schools.
import { studyAreaVersion } from '../areas/area-queries';
import { sinceLastChange } from '../db/change-stamp';
import type { Db } from '../db/open-database';
import type { IncidentIndex } from '../incidents/incident-index';
import { schoolCalendarVersion } from '../schools/school-calendar-store';
import { schoolsVersion } from '../schools/school-store';
import { coverageVersion } from '../store/coverage-store';
import { stopSearchVersion } from '../stop-search/stop-search-store';

export function answerVersion(db: Db, index: IncidentIndex): string {
  const data = sinceLastChange(
    db,
    'answer-version',
    () => `${studyAreaVersion(db)}|${coverageVersion(db)}|${stopSearchVersion(db)}|${schoolCalendarVersion(db)}|${schoolsVersion(db)}`,
  );
  return `${index.version}|${data}`;
}
