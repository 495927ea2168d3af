// How much of a window's crime the cameras watch: the share of incidents inside coverage and
// the share of hot-spot cells covered (docs/decisions/029-cctv-coverage-model.md).
import { type CameraView, viewTest } from './camera-views';
import { createLocalPlane } from './local-plane';

/** A cell counts as covered when at least this share of its area is in view; under it, blind. */
export const DEFAULT_COVERED_THRESHOLD = 0.25;

export interface WeightedCell {
  cell: string;
  /** Incidents in the cell (or their harm-weighted count). */
  weight: number;
}

/**
 * Σ w·f / Σ w over the cells: the expected share of incidents in view when each cell's
 * incidents are spread evenly over it (the model when only cell counts are known; police.uk
 * snap points are not where the crime happened anyway). Null when the weights sum to 0.
 */
export function incidentsCoveredShare(cells: readonly WeightedCell[], coveredFraction: ReadonlyMap<string, number>): number | null {
  let total = 0;
  let covered = 0;
  for (const { cell, weight } of cells) {
    total += weight;
    covered += weight * (coveredFraction.get(cell) ?? 0);
  }
  return total > 0 ? covered / total : null;
}

export interface WeightedPoint {
  lng: number;
  lat: number;
  /** 1 when absent. */
  weight?: number;
}

/** Cameras bucketed on a square grid in a flat frame, so a point meets only the cameras near it. */
const BUCKET_METERS = 250;

/**
 * The share of incidents (weighted) whose exact point lies in some camera's true view
 * (circle or sector, boundary included; camera-views.ts viewTest): for partner data with
 * exact positions, no even-spread assumption. Null when the weights sum to 0.
 */
export function pointsCoveredShare(points: readonly WeightedPoint[], cameras: readonly CameraView[]): number | null {
  const first = cameras[0];
  const plane = createLocalPlane(first?.lng ?? 0, first?.lat ?? 51.5);
  const buckets = new Map<string, number[]>();
  const tests = cameras.map((camera, index) => {
    const [x, y] = plane.toPlane(camera.lng, camera.lat);
    // The shared frame's scale drifts from the camera's own by under 0.1% over the borough: 1% and 1 m spare.
    const reach = camera.rangeMeters * 1.01 + 1;
    for (let bx = Math.floor((x - reach) / BUCKET_METERS); bx <= Math.floor((x + reach) / BUCKET_METERS); bx++) {
      for (let by = Math.floor((y - reach) / BUCKET_METERS); by <= Math.floor((y + reach) / BUCKET_METERS); by++) {
        const key = `${bx},${by}`;
        const list = buckets.get(key);
        if (list) list.push(index);
        else buckets.set(key, [index]);
      }
    }
    return viewTest(camera);
  });
  let total = 0;
  let covered = 0;
  for (const { lng, lat, weight = 1 } of points) {
    total += weight;
    const [x, y] = plane.toPlane(lng, lat);
    const near = buckets.get(`${Math.floor(x / BUCKET_METERS)},${Math.floor(y / BUCKET_METERS)}`);
    if (near?.some((index) => tests[index]!(lng, lat))) covered += weight;
  }
  return total > 0 ? covered / total : null;
}

export interface HotCellsCovered {
  /** Hot cells whose covered fraction is at least the threshold. */
  covered: number;
  total: number;
  /** covered / total; null when there are no hot cells. */
  share: number | null;
}

/** The share of hot-spot cells that are covered (covered fraction ≥ threshold, default 25%). */
export function hotCellsCoveredShare(
  hotCells: readonly string[],
  coveredFraction: ReadonlyMap<string, number>,
  threshold: number = DEFAULT_COVERED_THRESHOLD,
): HotCellsCovered {
  const covered = hotCells.filter((cell) => (coveredFraction.get(cell) ?? 0) >= threshold).length;
  return { covered, total: hotCells.length, share: hotCells.length > 0 ? covered / hotCells.length : null };
}
