// The map is a function of state: this module turns the page's state into deck.gl layers
// and nothing else. It holds no React and needs no WebGL, so it is unit-tested in Node.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { cellCentre } from '../geo/h3';
import type { EmergingPattern } from '../geo/emerging';
import type { AreaLabel } from './area-labels';
import { colourOfCount, type Rgb } from './colour-scale';
import { taskingLayers, type TaskingOverlay } from './taskings/tasking-layers';
import { themeLayers, type ThemeLayerData } from './themes/theme-layers';
import { FORECAST_EDGE, FORECAST_FILL, NOT_SIGNIFICANT_ALPHA, colourOfBin, colourOfPattern, forecastTopCount } from './view-colours';

export interface CellCount {
  cell: string;
  /** Incidents wholly inside the window. */
  count: number;
  /** Month-only incidents whose month straddles the window: never in `count`. */
  partialCount: number;
}

export interface HotspotCell {
  cell: string;
  /** Gi* confidence bin: +3 hot 99% .. -3 cold 99%, 0 not significant. */
  bin: number;
}

export interface EmergingCell {
  cell: string;
  side: 'hot' | 'cold';
  pattern: EmergingPattern;
}

export interface ForecastCell {
  cell: string;
  /** 1 = highest forecast score. */
  rank: number;
}

/** What the map draws: one analytic view's cells. */
export type ViewData =
  | { view: 'counts'; cells: readonly CellCount[]; windowDays: number }
  /** In harm mode, proactive offences (drugs, weapons possession) come as counts apart, drawn as circles. */
  | { view: 'hotspots'; cells: readonly HotspotCell[]; proactive?: readonly { cell: string; count: number }[] }
  | { view: 'emerging'; cells: readonly EmergingCell[] }
  /** Every study cell, ranked; the top share is highlighted. */
  | { view: 'forecast'; cells: readonly ForecastCell[] };

export interface MapLayerState {
  data: ViewData;
  h3Resolution: number;
  selectedCell: string | null;
  labels: readonly AreaLabel[];
  /** Tasking outlines and the area being drafted, drawn on top of every view. */
  taskings?: TaskingOverlay;
  /** A theme on screen (web/themes/): its layers, once its answer is in, replace the view's; null for a layer group. */
  theme?: { data: ThemeLayerData | null } | null;
}

export const LAYER_IDS = {
  counted: 'cells-counted',
  partialOnly: 'cells-partial-only',
  notSignificant: 'cells-not-significant',
  significant: 'cells-significant',
  proactive: 'cells-proactive-counts',
  emerging: 'cells-emerging',
  forecastTop: 'cells-forecast-top',
  selected: 'cell-selected',
  labels: 'area-labels',
} as const;

/** Fill opacity of counted cells: opaque enough to read, translucent enough to keep the streets. */
export const CELL_ALPHA = 215;
const CELL_EDGE: [number, number, number, number] = [70, 40, 20, 160];
const PARTIAL_ONLY_EDGE: [number, number, number, number] = [95, 95, 95, 230];
const NOT_SIGNIFICANT_EDGE: [number, number, number, number] = [150, 150, 150, 90];
const SELECTED_EDGE: [number, number, number, number] = [0, 70, 190, 255];
const LABEL_COLOUR: [number, number, number, number] = [35, 35, 35, 255];
const FALLBACK_FILL: Rgb = [128, 128, 128];

export interface SplitCells {
  /** Cells with at least one incident counted in the window: coloured. */
  counted: CellCount[];
  /** Cells with only month-level incidents overlapping the window: grey outline, no fill. */
  partialOnly: CellCount[];
}

export function splitCells(cells: readonly CellCount[]): SplitCells {
  const counted: CellCount[] = [];
  const partialOnly: CellCount[] = [];
  for (const cell of cells) {
    if (cell.count > 0) counted.push(cell);
    else if (cell.partialCount > 0) partialOnly.push(cell);
  }
  return { counted, partialOnly };
}

export function cellFillColour(cell: CellCount, windowDays: number, h3Resolution: number): [number, number, number, number] {
  const [red, green, blue] = colourOfCount(cell.count, windowDays, h3Resolution) ?? FALLBACK_FILL;
  return [red, green, blue, CELL_ALPHA];
}

/** Significant cells (drawn on top) and the rest of the study grid (drawn very light). */
export function splitHotspots(cells: readonly HotspotCell[]): { significant: HotspotCell[]; notSignificant: HotspotCell[] } {
  const significant: HotspotCell[] = [];
  const notSignificant: HotspotCell[] = [];
  for (const cell of cells) (cell.bin === 0 ? notSignificant : significant).push(cell);
  return { significant, notSignificant };
}

/** The forecast's highlighted cells: ranks 1..top share of the study cells. */
export function forecastTop(cells: readonly ForecastCell[]): ForecastCell[] {
  const top = forecastTopCount(cells.length);
  return cells.filter((c) => c.rank <= top);
}

/** Cells the view colours in: what the map-state summary reports as rendered. */
export function renderedCellCount(data: ViewData): number {
  switch (data.view) {
    case 'counts':
      return splitCells(data.cells).counted.length;
    case 'hotspots':
      return splitHotspots(data.cells).significant.length;
    case 'emerging':
      return data.cells.length;
    case 'forecast':
      return forecastTop(data.cells).length;
  }
}

const rgba = ([red, green, blue]: Rgb, alpha: number): [number, number, number, number] => [red, green, blue, alpha];

function hexagons<T extends { cell: string }>(
  id: string,
  data: readonly T[],
  style: { fill?: (d: T) => [number, number, number, number]; line: [number, number, number, number]; lineWidth: number; trigger?: unknown[] },
): Layer {
  return new H3HexagonLayer<T>({
    id,
    data,
    getHexagon: (d) => d.cell,
    extruded: false,
    filled: style.fill !== undefined,
    ...(style.fill ? { getFillColor: style.fill } : {}),
    stroked: true,
    getLineColor: style.line,
    lineWidthUnits: 'pixels',
    getLineWidth: style.lineWidth,
    // No autoHighlight: a tinted cell would show a colour that is not in the legend.
    pickable: true,
    ...(style.trigger ? { updateTriggers: { getFillColor: style.trigger } } : {}),
  });
}

function countLayers(cells: readonly CellCount[], windowDays: number, h3Resolution: number): Layer[] {
  const { counted, partialOnly } = splitCells(cells);
  return [
    new H3HexagonLayer<CellCount>({
      id: LAYER_IDS.partialOnly,
      data: partialOnly,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: false,
      stroked: true,
      getLineColor: PARTIAL_ONLY_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
    }),
    new H3HexagonLayer<CellCount>({
      id: LAYER_IDS.counted,
      data: counted,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: true,
      stroked: true,
      getFillColor: (d) => cellFillColour(d, windowDays, h3Resolution),
      getLineColor: CELL_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      // No autoHighlight: a tinted cell would show a colour that is not in the legend.
      // Hover shows a pointer; the selected cell gets an outline of its own.
      pickable: true,
      // Colours depend on the window length and resolution as well as the data.
      updateTriggers: { getFillColor: [windowDays, h3Resolution] },
    }),
  ];
}

function viewLayers(data: ViewData, h3Resolution: number): Layer[] {
  switch (data.view) {
    case 'counts':
      return countLayers(data.cells, data.windowDays, h3Resolution);
    case 'hotspots': {
      const { significant, notSignificant } = splitHotspots(data.cells);
      const layers = [
        hexagons(LAYER_IDS.notSignificant, notSignificant, {
          fill: () => rgba(colourOfBin(0), NOT_SIGNIFICANT_ALPHA),
          line: NOT_SIGNIFICANT_EDGE,
          lineWidth: 1,
        }),
        hexagons(LAYER_IDS.significant, significant, { fill: (d) => rgba(colourOfBin(d.bin), CELL_ALPHA), line: CELL_EDGE, lineWidth: 1 }),
      ];
      if (data.proactive && data.proactive.length > 0) layers.push(proactiveCircles(data.proactive));
      return layers;
    }
    case 'emerging':
      return [hexagons(LAYER_IDS.emerging, data.cells, { fill: (d) => rgba(colourOfPattern(d.side, d.pattern), CELL_ALPHA), line: CELL_EDGE, lineWidth: 1 })];
    case 'forecast':
      return [hexagons(LAYER_IDS.forecastTop, forecastTop(data.cells), { fill: () => rgba(FORECAST_FILL, 170), line: rgba(FORECAST_EDGE, 255), lineWidth: 3 })];
  }
}

/** Proactive offences as circles on their cells, area proportional to the count: beside the harm map, not in it. */
export const PROACTIVE_FILL: [number, number, number, number] = [40, 40, 60, 210];

function proactiveCircles(cells: readonly { cell: string; count: number }[]): Layer {
  return new ScatterplotLayer<{ cell: string; count: number }>({
    id: LAYER_IDS.proactive,
    data: cells,
    getPosition: (d) => cellCentre(d.cell),
    getRadius: (d) => 3 + 2.5 * Math.sqrt(d.count),
    radiusUnits: 'pixels',
    getFillColor: PROACTIVE_FILL,
    stroked: true,
    getLineColor: [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    pickable: true,
  });
}

export function buildLayers(state: MapLayerState): Layer[] {
  // A theme names its own places (schools, numbered hotspots): the ward names go beneath them,
  // and tasking outlines stay with the taskings column, which a theme's table replaces.
  if (state.theme) return [...wardLabels(state.labels), ...(state.theme.data ? themeLayers(state.theme.data) : [])];
  const layers: Layer[] = viewLayers(state.data, state.h3Resolution);
  if (state.selectedCell) {
    layers.push(
      new H3HexagonLayer<string>({
        id: LAYER_IDS.selected,
        data: [state.selectedCell],
        getHexagon: (d) => d,
        extruded: false,
        filled: false,
        stroked: true,
        getLineColor: SELECTED_EDGE,
        lineWidthUnits: 'pixels',
        getLineWidth: 5,
        pickable: false,
      }),
    );
  }
  layers.push(...wardLabels(state.labels));
  if (state.taskings) layers.push(...taskingLayers(state.taskings));
  return layers;
}

/** Ward names with a white halo, above the cells (the public ward map draws them too). */
export function wardLabels(labels: readonly AreaLabel[]): Layer[] {
  if (labels.length === 0) return [];
  return [
    new TextLayer<AreaLabel>({
      id: LAYER_IDS.labels,
      data: labels,
      getPosition: (d) => d.position,
      getText: (d) => d.name,
      getSize: 15,
      getColor: LABEL_COLOUR,
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 600,
      // A white halo keeps ward names legible over coloured cells.
      fontSettings: { sdf: true },
      outlineWidth: 4,
      outlineColor: [255, 255, 255, 235],
      characterSet: 'auto',
      pickable: false,
    }),
  ];
}
