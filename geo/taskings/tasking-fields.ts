// The fields of a tasking a person sets (the server adds id, evidence, version and who and
// when). One type for the store, the service and the demo generator.
import type { PlannedDosage } from './koper';
import type { StoredStatus } from './status';
import type { TimeBand } from './time-bands';

export interface TaskingFields {
  title: string;
  /** Layer group id (geo/categories.ts), or null when categories were named. */
  theme: string | null;
  categories: string[];
  problem: string;
  h3Resolution: number;
  /** Sorted H3 cell ids at h3Resolution. */
  cells: string[];
  /** The shape drawn on the map, when the area came from one. */
  polygon: GeoJSON.Polygon | null;
  timeBands: TimeBand[];
  /** London dates, 'YYYY-MM-DD'. */
  startDate: string;
  reviewDate: string;
  endDate: string | null;
  objective: string;
  tactics: string[];
  team: string;
  /** A staff user's user name. */
  owner: string;
  plannedDosage: PlannedDosage | null;
  status: StoredStatus;
}
