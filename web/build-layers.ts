// The map is a function of state: this module turns the page's state into deck.gl layers
// and nothing else. It holds no React and needs no WebGL, so it is unit-tested in Node.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { TextLayer } from '@deck.gl/layers';
import type { AreaLabel } from './area-labels';
import { colourOfCount, type Rgb } from './colour-scale';

export interface CellCount {
  cell: string;
  /** Incidents wholly inside the window. */
  count: number;
  /** Month-only incidents whose month straddles the window: never in `count`. */
  partialCount: number;
}

export interface MapLayerState {
  cells: readonly CellCount[];
  h3Resolution: number;
  windowDays: number;
  selectedCell: string | null;
  labels: readonly AreaLabel[];
}

export const LAYER_IDS = {
  counted: 'cells-counted',
  partialOnly: 'cells-partial-only',
  selected: 'cell-selected',
  labels: 'area-labels',
} as const;

/** Fill opacity of counted cells: opaque enough to read, translucent enough to keep the streets. */
export const CELL_ALPHA = 215;
const CELL_EDGE: [number, number, number, number] = [70, 40, 20, 160];
const PARTIAL_ONLY_EDGE: [number, number, number, number] = [95, 95, 95, 230];
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

export function buildLayers(state: MapLayerState): Layer[] {
  const { counted, partialOnly } = splitCells(state.cells);
  const { windowDays, h3Resolution } = state;
  const layers: Layer[] = [
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
  if (state.labels.length > 0) {
    layers.push(
      new TextLayer<AreaLabel>({
        id: LAYER_IDS.labels,
        data: state.labels,
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
    );
  }
  return layers;
}
