// What a Safer Neighbourhood Board member (role public) sees: the borough and its wards,
// and a plain statement that no public layers are published yet. Cell counts are staff-only
// (GET /api/cells answers 403 to this role); public layers will need disclosure control first.
import { useMemo, useState } from 'react';
import { buildLayers } from './build-layers';
import type { BaseData } from './map-page';
import { MapState } from './map-state';
import { MapView } from './map-view';

const PUBLIC_KEY = 'public-boundaries';

export function PublicMap({ base, role }: { base: BaseData; role: string }) {
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const layers = useMemo(
    () => buildLayers({ data: { view: 'counts', cells: [], windowDays: 28 }, h3Resolution: 9, selectedCell: null, labels: base.labels }),
    [base.labels],
  );
  return (
    <main className="workspace">
      <div className="sidebar">
        <section className="public-note" role="note" aria-labelledby="public-note-title">
          <h2 id="public-note-title">No public layers are published yet</h2>
          <p>
            This map shows the borough and ward boundaries only. Incident maps for Safer Neighbourhood Board members will appear here once the Partnership
            publishes aggregated, disclosure-controlled layers.
          </p>
        </section>
      </div>
      <div className="map-area">
        <MapView
          baseAreas={base.areas}
          mapStyleUrl={base.mapStyleUrl}
          layers={layers}
          layersKey={PUBLIC_KEY}
          onPick={() => {}}
          drawing={false}
          onDrawn={setDrawnKey}
        />
      </div>
      <MapState
        summary={{
          role,
          group: null,
          from: null,
          to: null,
          resolution: null,
          windowDays: null,
          hours: null,
          weekdays: null,
          timeFilterNote: null,
          cellsRendered: 0,
          partialOnlyCells: 0,
          totalCount: null,
          totalPartialCount: null,
          layersReady: drawnKey === PUBLIC_KEY,
          selectedCell: null,
          demo: false,
          view: null,
          legendTitle: null,
          viewMessage: null,
          selectedCellBin: null,
          topCells: [],
          taskingOutlines: [],
          selectedTaskingId: null,
          draftCells: null,
          theme: null,
        }}
      />
    </main>
  );
}
