// A small, machine-readable summary of what the map shows, for end-to-end tests and for
// anyone debugging a screen: hidden from view and from assistive technology.

export interface MapStateSummary {
  role: string;
  group: string | null;
  /** The API window [from, to): `to` is exclusive. */
  from: string | null;
  to: string | null;
  resolution: number | null;
  windowDays: number | null;
  /** Coloured cells (at least one incident counted) in the data on screen. */
  cellsRendered: number;
  /** Grey-outlined cells: only month-level incidents overlap the window. */
  partialOnlyCells: number;
  totalCount: number | null;
  totalPartialCount: number | null;
  /** True once the base map is idle and deck.gl has drawn the cells for exactly these parameters. */
  layersReady: boolean;
  selectedCell: string | null;
  demo: boolean;
}

export function MapState({ summary }: { summary: MapStateSummary }) {
  return (
    <pre className="visually-hidden" data-testid="map-state" aria-hidden="true">
      {JSON.stringify(summary)}
    </pre>
  );
}
