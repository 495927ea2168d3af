// What the map draws for the analytic view on screen, and its highest-ranked cells for the
// map-state summary. Pure: the staff map calls these with its state.
import type { ViewData } from './build-layers';
import type { CellsResponse, Meta, WindowQuery } from './api-client';
import type { Loadable, ViewAnswer } from './use-view-data';
import type { MapViewName } from './view-colours';
import type { ResolvedWindow } from './window-dates';

/** The cells on screen for a layer group and window. */
export interface Shown {
  key: string;
  query: WindowQuery;
  window: ResolvedWindow;
  response: CellsResponse;
}

/** The cells of the view on screen; empty while its answer loads or when it failed. */
export function viewDataOf(view: MapViewName, shown: Shown | null, answer: Loadable<ViewAnswer> | null): ViewData {
  const loaded = answer?.status === 'loaded' ? answer.value : null;
  switch (view) {
    case 'counts':
      return { view, cells: shown?.response.cells ?? [], windowDays: shown?.window.windowDays ?? 28 };
    case 'hotspots':
      return {
        view,
        cells: loaded?.view === 'hotspots' ? loaded.response.cells : [],
        proactive: loaded?.view === 'hotspots' && loaded.harm ? (loaded.response.meta.harm?.proactive.cells ?? []) : [],
      };
    case 'emerging':
      return { view, cells: loaded?.view === 'emerging' ? loaded.response.cells : [] };
    case 'forecast':
      return { view, cells: loaded?.view === 'forecast' ? loaded.response.cells : [] };
  }
}

const TOP_CELLS = 10;

/** The view's highest-ranked cells, for the map-state summary. */
export function topCellsOf(data: ViewData): string[] {
  switch (data.view) {
    case 'counts':
      return [...data.cells]
        .sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell))
        .slice(0, TOP_CELLS)
        .map((c) => c.cell);
    case 'hotspots':
      return data.cells
        .filter((c) => c.bin > 0)
        .slice(0, TOP_CELLS)
        .map((c) => c.cell);
    case 'emerging':
      return data.cells
        .filter((c) => c.side === 'hot')
        .slice(0, TOP_CELLS)
        .map((c) => c.cell);
    case 'forecast':
      return [...data.cells]
        .sort((a, b) => a.rank - b.rank)
        .slice(0, TOP_CELLS)
        .map((c) => c.cell);
  }
}

/** 'Violence and sexual offences: Jan 2016 to Dec 2016 and Jun 2018; Possession of weapons: ...' for the layer's imported categories. */
export function layerCoverageText(meta: Meta, categories: readonly string[]): string | null {
  const rows = meta.categoryCoverage.filter((c) => categories.includes(c.category));
  return rows.length === 0 ? null : rows.map((c) => `${c.label}: ${c.text}`).join('; ');
}
