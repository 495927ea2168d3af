// Study-area cells and their neighbourhoods per (resolution, k), cached until the study
// area changes. Every hotspot statistic runs over these cells and nothing outside.
import { buildNeighbourhood, studyAreaCells, type Neighbourhood } from '../../geo/study-cells';
import { fail, ok, type Result } from '../../geo/types';
import { getStudyArea, studyAreaVersion } from '../areas/area-queries';
import type { Db } from '../db/open-database';

export const NO_STUDY_AREA =
  'No study area is stored, so hot spots cannot be clipped to the borough. Import one: npm run import -- study-area <borough.geojson>.';

export type StudyGrid = (h3Resolution: number, k: number) => Result<Neighbourhood>;

export function createStudyGridCache(db: Db): StudyGrid {
  const cache = new Map<string, Neighbourhood>();
  let areaVersion = '';
  return (h3Resolution, k) => {
    const version = studyAreaVersion(db);
    if (version !== areaVersion) {
      cache.clear();
      areaVersion = version;
    }
    const key = `${h3Resolution}:${k}`;
    const cached = cache.get(key);
    if (cached) return ok(cached);
    const area = getStudyArea(db);
    if (!area) return fail(NO_STUDY_AREA);
    const cells = studyAreaCells(area.geometry, h3Resolution);
    if (!cells.ok) return cells;
    const neighbourhood = buildNeighbourhood(cells.value, k);
    if (!neighbourhood.ok) return neighbourhood;
    cache.set(key, neighbourhood.value);
    return neighbourhood;
  };
}
