// A small, machine-readable summary of what the map shows, for end-to-end tests and for
// anyone debugging a screen: hidden from view and from assistive technology.
import type { CctvMapSummary } from './cctv/cctv-data';
import type { ThemeMapSummary } from './themes/theme-layers';

export interface MapStateSummary {
  role: string;
  group: string | null;
  /** The API window [from, to): `to` is exclusive. */
  from: string | null;
  to: string | null;
  resolution: number | null;
  windowDays: number | null;
  /** The API's hours= and weekdays= on every windowed request but the forecast's; null = no filter. */
  hours: string | null;
  weekdays: string | null;
  /** The server's note on incidents the time filter cannot judge (meta.timeFilter.note), as shown in the summary. */
  timeFilterNote: string | null;
  /** Coloured cells in the data on screen: counted cells, significant hot/cold spots, patterned cells or the forecast's top 5%. */
  cellsRendered: number;
  /** Grey-outlined cells: only month-level incidents overlap the window. */
  partialOnlyCells: number;
  totalCount: number | null;
  totalPartialCount: number | null;
  /** True once the base map is idle and deck.gl has drawn the cells for exactly these parameters. */
  layersReady: boolean;
  selectedCell: string | null;
  demo: boolean;
  /** Which analytic view is on screen (counts, hotspots, emerging, forecast); null on the public map. */
  view: string | null;
  legendTitle: string | null;
  /** The server's message when the view could not be computed (shown on the page too). */
  viewMessage: string | null;
  /** Gi* bin (+3..-3) of the selected cell in the hot spot view, else null. */
  selectedCellBin: number | null;
  /** Up to 10 cells the view ranks highest (hot spots by z, forecast by score, counts by count). */
  topCells: string[];
  /** Ids of the taskings drawn as outlines. */
  taskingOutlines: number[];
  /** The tasking open in the Taskings column, if any. */
  selectedTaskingId: number | null;
  /** Cells of the area being drafted for a new tasking (picked, or a drawn shape's preview); null without a draft. */
  draftCells: number | null;
  /** The theme on screen (robbery near schools, drug markets) and what its layers draw; null for a layer group. */
  theme: ThemeMapSummary | null;
  /** The CCTV coverage mode's drawing (web/cctv/); null otherwise. */
  cctv?: CctvMapSummary | null;
}

export function MapState({ summary }: { summary: MapStateSummary }) {
  return (
    <pre className="visually-hidden" data-testid="map-state" aria-hidden="true">
      {JSON.stringify(summary)}
    </pre>
  );
}
