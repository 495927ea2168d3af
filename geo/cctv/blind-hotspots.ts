// Blind hot spots: significant hot cells (Gi* bin 2 or 3: 95% or 99%) that the cameras barely
// see (covered fraction under the threshold, default 25%), ranked by harm-weighted count, each
// with the nearest working camera and how far it is (docs/decisions/029-cctv-coverage-model.md).
import { cellCentre } from '../h3';
import { DEFAULT_COVERED_THRESHOLD } from './coverage-shares';
import { haversineMeters } from './local-plane';

export interface HotCell {
  cell: string;
  /** Gi* confidence bin: 3 = 99%, 2 = 95%, 1 = 90%, 0 = not significant, negative = cold. */
  bin: number;
  harmWeightedCount: number;
}

export interface CameraPoint {
  id: string;
  lng: number;
  lat: number;
}

export interface BlindHotspot {
  cell: string;
  bin: number;
  harmWeightedCount: number;
  coveredFraction: number;
  /** The nearest working camera to the cell's centre (haversine); null when there is none. */
  nearestWorkingCamera: { id: string; distanceMeters: number } | null;
}

export interface BlindHotspotOptions {
  /** Covered fraction under which a hot cell is blind; default 0.25. */
  threshold?: number;
  /** Lowest Gi* bin that counts as a hot spot; default 2 (95% or above). */
  minBin?: number;
}

/**
 * The blind hot cells, highest harm-weighted count first (then cell id). `workingCameras`
 * must hold only cameras that work: a faulty one is not "nearest" help.
 */
export function blindHotspots(
  hotCells: readonly HotCell[],
  coveredFraction: ReadonlyMap<string, number>,
  workingCameras: readonly CameraPoint[],
  options: BlindHotspotOptions = {},
): BlindHotspot[] {
  const threshold = options.threshold ?? DEFAULT_COVERED_THRESHOLD;
  const minBin = options.minBin ?? 2;
  const blind: BlindHotspot[] = [];
  for (const { cell, bin, harmWeightedCount } of hotCells) {
    if (bin < minBin) continue;
    const fraction = coveredFraction.get(cell) ?? 0;
    if (fraction >= threshold) continue;
    const centre = cellCentre(cell);
    let nearest: BlindHotspot['nearestWorkingCamera'] = null;
    for (const camera of workingCameras) {
      const distanceMeters = haversineMeters(centre, [camera.lng, camera.lat]);
      if (!nearest || distanceMeters < nearest.distanceMeters || (distanceMeters === nearest.distanceMeters && camera.id < nearest.id)) {
        nearest = { id: camera.id, distanceMeters };
      }
    }
    blind.push({ cell, bin, harmWeightedCount, coveredFraction: fraction, nearestWorkingCamera: nearest });
  }
  return blind.sort((a, b) => b.harmWeightedCount - a.harmWeightedCount || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
}
