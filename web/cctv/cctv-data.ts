// The CCTV answers as map data, and the small summary of what is drawn for the map-state element
// the end-to-end story reads. Pure.
import type { CamerasResponse, CoverageResponse, SitingResponse } from './cctv-api';
import { camerasWithViews, isHotCell, siteName, type CameraOnMap, type CctvLayerData } from './cctv-layers';

export function camerasOnMap(response: Pick<CamerasResponse, 'features'>): CameraOnMap[] {
  return response.features.map((f) => {
    const [lng, lat] = f.geometry.coordinates;
    const p = f.properties;
    return {
      id: p.id,
      type: p.type,
      status: p.status,
      position: [lng, lat],
      // A full circle has no bearing; the geometry takes 0 with a 360° view (as the server does).
      view: { id: p.id, lng, lat, bearing: p.bearing ?? 0, fieldOfView: p.fieldOfView, rangeMeters: p.rangeMeters },
    };
  });
}

export function cctvLayerDataOf(
  coverage: Pick<CoverageResponse, 'cells' | 'blindHotspots'> | null,
  cameras: readonly CameraOnMap[],
  siting: Pick<SitingResponse, 'sites' | 'meta'> | null,
  closeUp: boolean,
  selectedBlind: number | null,
): CctvLayerData {
  return {
    cells: coverage ? coverage.cells.map((c) => ({ cell: c.cell, coveredFraction: c.coveredFraction, count: c.count, bin: c.bin })) : [],
    cameras,
    blind: coverage ? coverage.blindHotspots.map((b, k) => ({ rank: k + 1, cell: b.cell })) : [],
    sites: siting ? siting.sites.map((s, k) => ({ rank: k + 1, position: [s.lng, s.lat], rangeMeters: siting.meta.rangeMeters })) : [],
    closeUp,
    selectedBlind,
  };
}

/** What the map draws in the CCTV mode, in a few testable figures. */
export interface CctvMapSummary {
  group: string;
  from: string;
  to: string;
  resolution: number;
  /** Cells shaded; hot cells (bin ≥ 2); blind hot cells outlined and numbered. */
  cells: number;
  hotCells: number;
  blindCells: string[];
  /** Camera points drawn, and the views drawn (only close up). */
  cameras: number;
  views: number;
  closeUp: boolean;
  /** Proposed sites drawn: their names (S1...) and cells (ids). */
  sites: string[];
  siteIds: string[];
  selectedBlind: number | null;
}

export function cctvSummaryOf(
  meta: Pick<CoverageResponse['meta'], 'from' | 'to' | 'resolution' | 'group'>,
  data: CctvLayerData,
  siteIds: readonly string[],
): CctvMapSummary {
  return {
    group: meta.group ?? '',
    from: meta.from,
    to: meta.to,
    resolution: meta.resolution,
    cells: data.cells.length,
    hotCells: data.cells.filter(isHotCell).length,
    blindCells: data.blind.map((b) => b.cell),
    cameras: data.cameras.length,
    views: data.closeUp ? camerasWithViews(data.cameras).length : 0,
    closeUp: data.closeUp,
    sites: data.sites.map((s) => siteName(s.rank)),
    siteIds: [...siteIds],
    selectedBlind: data.selectedBlind,
  };
}
