// The CCTV mode's state: which incidents (a layer group), the coverage answer for the window on
// screen, the cameras, the blind hot spot picked in the table, the siting asked for (it belongs to
// one coverage question: a new window or group clears it), and what the map draws. The staff map
// only wires this in.
import { useMemo, useState } from 'react';
import { useKeyed, type Loadable } from '../use-view-data';
import { fetchCameras, fetchCoverage, requestSiting, type CamerasResponse, type CctvQuery, type CoverageResponse, type SitingResponse } from './cctv-api';
import { camerasOnMap, cctvLayerDataOf, cctvSummaryOf, type CctvMapSummary } from './cctv-data';
import { pickedBlind, type CctvLayerData } from './cctv-layers';

export const DEFAULT_SITES = 5;

export interface CctvView {
  group: string;
  setGroup: (group: string) => void;
  query: CctvQuery | null;
  coverage: Loadable<CoverageResponse> | null;
  cameras: Loadable<CamerasResponse> | null;
  siting: Loadable<SitingResponse> | null;
  /** Ask for sites for this many redeployable cameras, for the question on screen. */
  suggestSites: (k: number) => void;
  selectedBlind: number | null;
  selectBlind: (rank: number | null) => void;
  layerData: CctvLayerData | null;
  summary: CctvMapSummary | null;
  /** A click on the map: selects the blind hot spot under it; true when it was one. */
  pick: (layerId: string | null, object: unknown) => boolean;
}

const keyOf = (q: CctvQuery) => `${q.group}|${q.from}|${q.to}|${q.resolution}`;

export function useCctvView(
  on: boolean,
  window: { from: string; to: string } | null,
  resolution: number,
  defaultGroup: string,
  closeUp: boolean,
  onSessionEnded: () => void,
): CctvView {
  const [group, setGroupState] = useState(defaultGroup);
  const [picked, setPicked] = useState<{ key: string; rank: number } | null>(null);
  const [sitesAsked, setSitesAsked] = useState<{ key: string; k: number } | null>(null);
  const query = on && window ? { group, from: window.from, to: window.to, resolution } : null;
  const key = query ? keyOf(query) : null;
  // Blind hot spot numbers belong to one answer: a new window or group forgets the pick.
  const selectedBlind = picked && picked.key === key ? picked.rank : null;
  const selectBlind = (rank: number | null) => setPicked(rank !== null && key ? { key, rank } : null);

  const cameras = useKeyed(on ? 'cameras' : null, (signal) => fetchCameras(signal), onSessionEnded);
  const coverage = useKeyed(key, (signal) => (query ? fetchCoverage(query, signal) : Promise.reject(new Error('no window'))), onSessionEnded);
  const sitingKey = sitesAsked && sitesAsked.key === key ? `${key}|${sitesAsked.k}` : null;
  const siting = useKeyed(
    sitingKey,
    (signal) => (query && sitesAsked ? requestSiting({ ...query, k: sitesAsked.k }, signal) : Promise.reject(new Error('no question'))),
    onSessionEnded,
  );

  const loadedCoverage = coverage?.status === 'loaded' ? coverage.value : null;
  const loadedCameras = cameras?.status === 'loaded' ? cameras.value : null;
  const loadedSiting = siting?.status === 'loaded' ? siting.value : null;
  const cameraPoints = useMemo(() => (loadedCameras ? camerasOnMap(loadedCameras) : []), [loadedCameras]);
  const layerData = useMemo(
    () => (on ? cctvLayerDataOf(loadedCoverage, cameraPoints, loadedSiting, closeUp, selectedBlind) : null),
    [on, loadedCoverage, cameraPoints, loadedSiting, closeUp, selectedBlind],
  );
  const summary = useMemo(
    () => (loadedCoverage && layerData ? cctvSummaryOf(loadedCoverage.meta, layerData, loadedSiting?.sites.map((s) => s.id) ?? []) : null),
    [loadedCoverage, layerData, loadedSiting],
  );

  return {
    group,
    setGroup: setGroupState,
    query,
    coverage,
    cameras,
    siting,
    suggestSites: (k) => {
      if (key) setSitesAsked({ key, k });
    },
    selectedBlind,
    selectBlind,
    layerData,
    summary,
    pick: (layerId, object) => {
      if (!layerData) return false;
      const rank = pickedBlind(layerData.blind, layerId, object);
      if (rank !== null) selectBlind(selectedBlind === rank ? null : rank);
      return rank !== null;
    },
  };
}
