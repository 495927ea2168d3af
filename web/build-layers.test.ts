import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { CLASS_COLOURS } from './colour-scale';
import {
  CELL_ALPHA,
  LAYER_IDS,
  buildLayers,
  forecastTop,
  renderedCellCount,
  splitCells,
  type CellCount,
  type ForecastCell,
  type HotspotCell,
  type MapLayerState,
  type ViewData,
} from './build-layers';
import { BIN_COLOURS, FORECAST_FILL, HOT_PATTERN_COLOURS, COLD_PATTERN_COLOURS, NOT_SIGNIFICANT_ALPHA } from './view-colours';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// Whitechapel station's res-9 cell (h3-js latLngToCell(51.5194, -0.0597, 9)) and two neighbours.
const HOT = '89194ad355bffff';
const WARM = '89194ad342fffff';
const MONTH_ONLY = '89194ad3097ffff';
const COLD = '89194ad3427ffff';

const cells: CellCount[] = [
  { cell: HOT, count: 40, partialCount: 3 },
  { cell: WARM, count: 2, partialCount: 0 },
  { cell: MONTH_ONLY, count: 0, partialCount: 5 },
];

function counts(list: readonly CellCount[] = cells, windowDays = 28): ViewData {
  return { view: 'counts', cells: list, windowDays };
}

function state(overrides: Partial<MapLayerState> = {}): MapLayerState {
  return deepFreeze({ data: counts(), h3Resolution: 9, selectedCell: null, labels: [], ...overrides });
}

function layerById(layers: Layer[], id: string): Layer {
  const layer = layers.find((l) => l.id === id);
  if (!layer) throw new Error(`no layer ${id}; have ${layers.map((l) => l.id).join(', ')}`);
  return layer;
}

/** Calls a layer's accessor the way deck.gl does. */
function accessor<T>(layer: Layer, name: string, datum: T): unknown {
  const value: unknown = (layer.props as Record<string, unknown>)[name];
  return typeof value === 'function' ? value(datum, { index: 0, data: [], target: [] }) : value;
}

describe('buildLayers', () => {
  it('splits cells into counted (filled) and month-only (outlined) without mixing them', () => {
    const split = splitCells(cells);
    expect(split.counted.map((c) => c.cell)).toEqual([HOT, WARM]);
    expect(split.partialOnly.map((c) => c.cell)).toEqual([MONTH_ONLY]);
  });

  it('draws month-only cells below counted cells, as outlines only', () => {
    const layers = buildLayers(state());
    expect(layers.map((l) => l.id)).toEqual([LAYER_IDS.partialOnly, LAYER_IDS.counted]);
    const partial = layerById(layers, LAYER_IDS.partialOnly);
    expect(partial.props.data).toEqual([cells[2]]);
    expect(accessor(partial, 'filled', null)).toBe(false);
    expect(accessor(partial, 'stroked', null)).toBe(true);
  });

  it('colours counted cells by rate per 28 days with the fixed classes', () => {
    const counted = layerById(buildLayers(state()), LAYER_IDS.counted);
    // 40 in 28 days at res 9 is the top class (32+); 2 in 28 days is class 2 (2 to under 4).
    expect(accessor(counted, 'getFillColor', cells[0])).toEqual([...CLASS_COLOURS[6]!, CELL_ALPHA]);
    expect(accessor(counted, 'getFillColor', cells[1])).toEqual([...CLASS_COLOURS[2]!, CELL_ALPHA]);
    expect(accessor(counted, 'getHexagon', cells[0])).toBe(HOT);
    expect(accessor(counted, 'pickable', null)).toBe(true);
    expect(accessor(counted, 'extruded', null)).toBe(false);
  });

  it('keeps a cell the same colour when a 7-day window holds a quarter of the 28-day count', () => {
    const week = layerById(buildLayers(state({ data: counts([{ cell: HOT, count: 10, partialCount: 0 }], 7) })), LAYER_IDS.counted);
    const month = layerById(buildLayers(state({ data: counts([{ cell: HOT, count: 40, partialCount: 0 }], 28) })), LAYER_IDS.counted);
    expect(accessor(week, 'getFillColor', { cell: HOT, count: 10, partialCount: 0 })).toEqual(
      accessor(month, 'getFillColor', { cell: HOT, count: 40, partialCount: 0 }),
    );
  });

  it('tells deck.gl to recolour when the window length or resolution changes', () => {
    const counted = layerById(buildLayers(state({ data: counts(cells, 7), h3Resolution: 8 })), LAYER_IDS.counted);
    expect(counted.props.updateTriggers).toEqual({ getFillColor: [7, 8] });
  });

  it('outlines the selected cell on top', () => {
    const layers = buildLayers(state({ selectedCell: HOT }));
    expect(layers.at(-1)!.id).toBe(LAYER_IDS.selected);
    expect(layerById(layers, LAYER_IDS.selected).props.data).toEqual([HOT]);
  });

  it('writes area labels with deck.gl text (no glyph server needed), above everything', () => {
    const labels = [{ name: 'Whitechapel', position: [-0.06, 51.517] as [number, number] }];
    const layers = buildLayers(state({ labels, selectedCell: HOT }));
    const text = layerById(layers, LAYER_IDS.labels);
    expect(layers.at(-1)).toBe(text);
    expect(accessor(text, 'getText', labels[0])).toBe('Whitechapel');
    expect(accessor(text, 'getPosition', labels[0])).toEqual([-0.06, 51.517]);
  });

  it('builds empty layers for an empty window rather than failing', () => {
    const layers = buildLayers(state({ data: counts([]) }));
    expect(layers.map((l) => l.props.data)).toEqual([[], []]);
  });
});

describe('buildLayers for the hot spot view', () => {
  const bins: HotspotCell[] = [
    { cell: HOT, bin: 3 },
    { cell: WARM, bin: 1 },
    { cell: MONTH_ONLY, bin: 0 },
    { cell: COLD, bin: -2 },
  ];
  const hotspots = state({ data: { view: 'hotspots', cells: bins } });

  it('draws significant cells above a very light study grid, coloured by bin', () => {
    const layers = buildLayers(hotspots);
    expect(layers.map((l) => l.id)).toEqual([LAYER_IDS.notSignificant, LAYER_IDS.significant]);
    const significant = layerById(layers, LAYER_IDS.significant);
    expect((significant.props.data as HotspotCell[]).map((c) => c.cell)).toEqual([HOT, WARM, COLD]);
    expect(accessor(significant, 'getFillColor', bins[0])).toEqual([...BIN_COLOURS[3]!, CELL_ALPHA]);
    expect(accessor(significant, 'getFillColor', bins[3])).toEqual([...BIN_COLOURS[-2]!, CELL_ALPHA]);
    const grid = layerById(layers, LAYER_IDS.notSignificant);
    expect(grid.props.data).toEqual([bins[2]]);
    expect(accessor(grid, 'getFillColor', bins[2])).toEqual([...BIN_COLOURS[0]!, NOT_SIGNIFICANT_ALPHA]);
    expect(accessor(grid, 'pickable', null)).toBe(true);
  });

  it('counts only significant cells as rendered', () => {
    expect(renderedCellCount(hotspots.data)).toBe(3);
  });
});

describe('buildLayers for the emerging view', () => {
  it('colours each cell by its side and pattern', () => {
    const data: ViewData = {
      view: 'emerging',
      cells: [
        { cell: HOT, side: 'hot', pattern: 'new' },
        { cell: COLD, side: 'cold', pattern: 'persistent' },
      ],
    };
    const [layer, ...rest] = buildLayers(state({ data }));
    expect(rest).toEqual([]);
    expect(layer!.id).toBe(LAYER_IDS.emerging);
    expect(accessor(layer!, 'getFillColor', data.cells[0])).toEqual([...HOT_PATTERN_COLOURS.new, CELL_ALPHA]);
    expect(accessor(layer!, 'getFillColor', data.cells[1])).toEqual([...COLD_PATTERN_COLOURS.persistent, CELL_ALPHA]);
    expect(renderedCellCount(data)).toBe(2);
  });
});

describe('buildLayers for the forecast view', () => {
  // 41 ranked study cells: the top 5% is ceil(2.05) = 3 cells.
  const ranked: ForecastCell[] = Array.from({ length: 41 }, (_, i) => ({ cell: i === 0 ? HOT : `cell-${i}`, rank: i + 1 }));

  it('highlights the top 5% of ranked cells, filled and outlined, and nothing else', () => {
    const data: ViewData = { view: 'forecast', cells: [...ranked].reverse() };
    const layers = buildLayers(state({ data, selectedCell: HOT }));
    expect(layers.map((l) => l.id)).toEqual([LAYER_IDS.forecastTop, LAYER_IDS.selected]);
    const top = layerById(layers, LAYER_IDS.forecastTop);
    expect((top.props.data as ForecastCell[]).map((c) => c.rank).sort()).toEqual([1, 2, 3]);
    expect(accessor(top, 'getFillColor', ranked[0])).toEqual([...FORECAST_FILL, 170]);
    expect(accessor(top, 'getLineWidth', ranked[0])).toBe(3);
    expect(renderedCellCount(data)).toBe(3);
  });

  it('highlights one cell even when the study area has few cells', () => {
    expect(forecastTop(ranked.slice(0, 4)).map((c) => c.rank)).toEqual([1]);
    expect(forecastTop([])).toEqual([]);
  });
});
