// A small map of the next stop: the public basemap (officers do not read the staff areas), the
// walking route and the stops (web/patrol/patrol-layers.ts), centred on the next stop's area.
import { useEffect, useMemo, useState } from 'react';
import type { LngLat } from '../../geo/types';
import { fetchMapConfig } from '../api-client';
import type { BaseAreas } from '../map-style';
import { MapView } from '../map-view';
import { fetchPublicBasemap } from '../public/public-api';
import { buildPatrolLayers, type PatrolMapState } from './patrol-layers';

export interface PatrolMapProps extends PatrolMapState {
  /** The next stop's area (H3 cells), to bring into view. */
  focusCells: readonly string[];
  focusKey: string;
}

export function PatrolMap({ route, stops, nextIndex, focusCells, focusKey }: PatrolMapProps) {
  const [base, setBase] = useState<{ areas: BaseAreas; styleUrl: string | null } | null>(null);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState<string | null>(null);
  useEffect(() => {
    void Promise.all([fetchPublicBasemap(), fetchMapConfig()]).then(([areas, config]) => {
      if (areas.ok) setBase({ areas: areas.value, styleUrl: config.mapStyleUrl });
      else setFailed(true);
    });
  }, []);
  const layers = useMemo(() => buildPatrolLayers({ route: route as LngLat[], stops, nextIndex }), [route, stops, nextIndex]);
  const layersKey = `${focusKey}|${stops.map((s) => (s.done ? 1 : 0)).join('')}`;
  if (failed) return <p className="patrol-map-missing">The map cannot load without a connection; the stop and its times are above.</p>;
  if (!base) return <div className="patrol-map" aria-busy="true" />;
  return (
    <div className="patrol-map" data-drawn={drawn === layersKey ? 'true' : 'false'}>
      <MapView
        baseAreas={base.areas}
        mapStyleUrl={base.styleUrl}
        layers={layers}
        layersKey={layersKey}
        onPick={() => {}}
        drawing={false}
        focus={{ key: focusKey, cells: focusCells }}
        focusPadding={40}
        onDrawn={setDrawn}
      />
    </div>
  );
}
