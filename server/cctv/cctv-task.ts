// CCTV coverage and redeployable siting (issue 12) on the compute worker, like the hotspot engine
// (decision 022): the window's counts and Gi* from the hotspot engine, the harm-weighted count of
// each cell, the covered fraction of each cell from the working cameras' views (geo/cctv/, kept
// per camera set and resolution: it changes only when cameras are imported), the shares watched,
// the blind hot spots, and the greedy siting of redeployable cameras.
import { blindHotspots, type BlindHotspot } from '../../geo/cctv/blind-hotspots';
import type { CameraView } from '../../geo/cctv/camera-views';
import { cellCoverage, coveredFractionByCell } from '../../geo/cctv/cell-coverage';
import { DEFAULT_COVERED_THRESHOLD, hotCellsCoveredShare, incidentsCoveredShare, type HotCellsCovered } from '../../geo/cctv/coverage-shares';
import { candidatesFromCells, siteRedeployableCameras, type SitingCandidate, type SitingResult } from '../../geo/cctv/siting';
import { harmWeightOf } from '../../geo/harm-weights';
import type { Coverage } from '../../geo/coverage';
import type { TimeFilter } from '../../geo/time-filter';
import { ok, type Result } from '../../geo/types';
import { findHotspots, type EngineFailure } from '../hotspots/hotspot-service';
import type { StudyGrid } from '../hotspots/study-grid';
import type { IncidentIndex } from '../incidents/incident-index';
import { aggregateCellsInWindow } from '../incidents/window-counts';

/** A camera as the task needs it: its effective view (geo/cameras.ts viewOf) and whether it works. */
export interface TaskCamera extends CameraView {
  working: boolean;
}

export interface CctvWindowQuery {
  categories: readonly string[];
  fromDay: number;
  toDay: number;
  h3Resolution: number;
  timeFilter: TimeFilter | null;
  cameras: readonly TaskCamera[];
  /** Changes when the stored cameras change: the key of the kept coverage. */
  camerasVersion: string;
  /** Covered fraction under which a hot cell is blind. */
  threshold: number;
}

export interface CctvCell {
  cell: string;
  coveredFraction: number;
  count: number;
  harmWeightedCount: number;
  bin: number;
}

export interface CctvCoverageResult {
  cells: CctvCell[];
  /** Share of the window's incidents in view, and of their harm (cell counts spread evenly over each cell). */
  incidentsCovered: { share: number | null; harmShare: number | null; incidents: number };
  hotCellsCovered: HotCellsCovered;
  blindHotspots: (BlindHotspot & { count: number })[];
  /** How each category was weighed for the ranking. */
  weights: { category: string; weight: number; basis: 'severity' | 'count' }[];
  workingCameras: number;
  coverageNote: string | null;
  outsideStudyArea: number;
  partialCount: number;
}

const KEPT_COVERAGES = 8;
const keptCoverage = new Map<string, Map<string, number>>();

/** The covered fraction of every cell the working cameras see, kept per camera set and resolution. */
function coverageOf(cameras: readonly TaskCamera[], version: string, h3Resolution: number): Map<string, number> {
  const key = `${version}|${h3Resolution}`;
  const kept = keptCoverage.get(key);
  if (kept) return kept;
  const fractions = coveredFractionByCell(
    cellCoverage(
      cameras.filter((c) => c.working),
      h3Resolution,
    ),
  );
  if (keptCoverage.size >= KEPT_COVERAGES) keptCoverage.delete(keptCoverage.keys().next().value!);
  keptCoverage.set(key, fractions);
  return fractions;
}

/** Crime Severity Score weights where a category has one; other categories (ASB, offences found by police activity) count 1 each. */
export function rankingWeights(categories: readonly string[]): CctvCoverageResult['weights'] {
  return categories.flatMap((category) => {
    const use = harmWeightOf(category);
    if (!use.ok || use.value.treatment === 'excluded') return [{ category, weight: 1, basis: 'count' as const }];
    return [{ category, weight: use.value.weight, basis: use.value.treatment === 'severity' ? ('severity' as const) : ('count' as const) }];
  });
}

export function findCctvCoverage(index: IncidentIndex, grid: StudyGrid, coverage: Coverage, query: CctvWindowQuery): Result<CctvCoverageResult, EngineFailure> {
  const window = { categories: query.categories, fromDay: query.fromDay, toDay: query.toDay, h3Resolution: query.h3Resolution, timeFilter: query.timeFilter };
  const hotspots = findHotspots(index, grid, coverage, { ...window, method: 'gistar', k: 1, correction: 'fdr', includeProactive: false });
  if (!hotspots.ok) return hotspots;
  const weights = rankingWeights(query.categories);
  const weightOf = new Map(weights.map((w) => [w.category, w.weight]));
  // Sums of decimal weights: two decimals, so 13604.64 does not come out as 13604.640000000009.
  const harm = new Map(aggregateCellsInWindow(index, window, (slug) => weightOf.get(slug) ?? 1).map((c) => [c.cell, Math.round(c.value * 100) / 100]));
  const fractions = coverageOf(query.cameras, query.camerasVersion, query.h3Resolution);

  const cells: CctvCell[] = [];
  for (const c of hotspots.value.cells) {
    const coveredFraction = fractions.get(c.cell) ?? 0;
    if (c.count === 0 && coveredFraction === 0 && c.bin === 0) continue;
    cells.push({ cell: c.cell, coveredFraction, count: c.count, harmWeightedCount: harm.get(c.cell) ?? 0, bin: c.bin });
  }
  const hot = cells.filter((c) => c.bin >= 2);
  const countOf = new Map(cells.map((c) => [c.cell, c.count]));
  const working = query.cameras.filter((c) => c.working);
  return ok({
    cells,
    incidentsCovered: {
      share: incidentsCoveredShare(
        cells.map((c) => ({ cell: c.cell, weight: c.count })),
        fractions,
      ),
      harmShare: incidentsCoveredShare(
        cells.map((c) => ({ cell: c.cell, weight: c.harmWeightedCount })),
        fractions,
      ),
      incidents: cells.reduce((sum, c) => sum + c.count, 0),
    },
    hotCellsCovered: hotCellsCoveredShare(
      hot.map((c) => c.cell),
      fractions,
      query.threshold,
    ),
    blindHotspots: blindHotspots(hot, fractions, working, { threshold: query.threshold }).map((b) => ({ ...b, count: countOf.get(b.cell) ?? 0 })),
    weights,
    workingCameras: working.length,
    coverageNote: hotspots.value.coverageNote,
    outsideStudyArea: hotspots.value.outsideStudyArea,
    partialCount: hotspots.value.partialCount,
  });
}

export interface CctvSitingQuery extends CctvWindowQuery {
  k: number;
  rangeMeters: number;
  /** Where a camera may go; null: the centres of the study cells at the resolution. */
  candidates: readonly SitingCandidate[] | null;
}

export interface CctvSitingResult {
  siting: SitingResult;
  candidates: number;
  /** The window's harm-weighted incidents not yet in view, the most any number of sites could add. */
  uncovered: number;
  weights: CctvCoverageResult['weights'];
  workingCameras: number;
}

export function findCctvSiting(index: IncidentIndex, grid: StudyGrid, coverage: Coverage, query: CctvSitingQuery): Result<CctvSitingResult, EngineFailure> {
  const neighbourhood = grid(query.h3Resolution, 1);
  if (!neighbourhood.ok) return neighbourhood;
  const weights = rankingWeights(query.categories);
  const weightOf = new Map(weights.map((w) => [w.category, w.weight]));
  const window = { categories: query.categories, fromDay: query.fromDay, toDay: query.toDay, h3Resolution: query.h3Resolution, timeFilter: query.timeFilter };
  const study = neighbourhood.value.indexOf;
  const fractions = coverageOf(query.cameras, query.camerasVersion, query.h3Resolution);
  const cells = aggregateCellsInWindow(index, window, (slug) => weightOf.get(slug) ?? 1)
    .filter((c) => c.count > 0 && study.has(c.cell))
    .map((c) => ({ cell: c.cell, harmWeightedCount: c.value, coveredFraction: fractions.get(c.cell) ?? 0 }));
  const candidates = query.candidates ?? candidatesFromCells(neighbourhood.value.cells);
  const siting = siteRedeployableCameras(cells, candidates, { k: query.k, rangeMeters: query.rangeMeters });
  return ok({
    siting,
    candidates: candidates.length,
    uncovered: cells.reduce((sum, c) => sum + c.harmWeightedCount * (1 - c.coveredFraction), 0),
    weights,
    workingCameras: query.cameras.filter((c) => c.working).length,
  });
}

export { DEFAULT_COVERED_THRESHOLD };
