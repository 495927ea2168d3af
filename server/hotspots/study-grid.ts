// Study-area cells and their neighbourhoods per (resolution, k), cached until the study
// area changes. Every hotspot statistic runs over these cells and nothing outside.
import area from '@turf/area';
import { averageCellAreaSquareMetres } from '../../geo/h3';
import { buildNeighbourhood, studyAreaCells, type Neighbourhood } from '../../geo/study-cells';
import { fail, ok, type Result } from '../../geo/types';
import { getStudyArea, studyAreaVersion } from '../areas/area-queries';
import type { Db } from '../db/open-database';

export const NO_STUDY_AREA =
  'No study area is stored, so hot spots cannot be clipped to the borough. Import one: npm run import -- study-area <borough.geojson>.';

/**
 * Study cells a statistic may run over. Tower Hamlets is about 1,300 cells at resolution 10; a
 * London-sized study area is about 105,000 there, where Gi* took 18 s. Past the limit a request
 * is refused with 413 and told to use a coarser resolution (README: Limits).
 */
export const MAX_STUDY_CELLS = 50_000;

export interface GridFailure {
  status: 409 | 413;
  code: 'no_study_area' | 'too_many_cells';
  message: string;
}

export type StudyGrid = (h3Resolution: number, k: number) => Result<Neighbourhood, GridFailure>;

const tooMany = (about: number, h3Resolution: number): GridFailure => ({
  status: 413,
  code: 'too_many_cells',
  message: `The study area covers about ${Math.round(about).toLocaleString('en-GB')} H3 cells at resolution ${h3Resolution}; statistics run over at most ${MAX_STUDY_CELLS.toLocaleString('en-GB')} so that answers stay quick. Choose resolution ${h3Resolution - 1} or coarser, or import a smaller study area.`,
});

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
    const studyArea = getStudyArea(db);
    if (!studyArea) return fail<GridFailure>({ status: 409, code: 'no_study_area', message: NO_STUDY_AREA });
    // Estimated from the area first, so a huge area is refused before its cells are listed.
    const estimate = area(studyArea.geometry) / averageCellAreaSquareMetres(h3Resolution);
    if (estimate > MAX_STUDY_CELLS * 1.5) return fail(tooMany(estimate, h3Resolution));
    const cells = studyAreaCells(studyArea.geometry, h3Resolution);
    if (!cells.ok) return fail<GridFailure>({ status: 409, code: 'no_study_area', message: cells.reason });
    if (cells.value.length > MAX_STUDY_CELLS) return fail(tooMany(cells.value.length, h3Resolution));
    const neighbourhood = buildNeighbourhood(cells.value, k);
    if (!neighbourhood.ok) return fail<GridFailure>({ status: 409, code: 'no_study_area', message: neighbourhood.reason });
    cache.set(key, neighbourhood.value);
    return neighbourhood;
  };
}
