// The drug-market layer as deck.gl layers: cells coloured by persistence (persistent, new,
// fading), other hot cells outlined, the drug-market index as a circle on each of those, the
// hotspots numbered as in the table, and the hotspot picked in the table outlined
// (hotspot-marks.ts, shared with serious violence). Pure.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import { cellCentre } from '../../geo/h3';
import type { Rgb } from '../colour-scale';
import { hotspotMarks } from './hotspot-marks';

type Rgba = [number, number, number, number];
export type Persistence = 'persistent' | 'new' | 'fading';

export interface DrugMarketCellOnMap {
  cell: string;
  index: number;
  /** Gi* bin in the window asked: 2 or 3 is hot at 95% or more. */
  bin: number;
  persistence: Persistence | null;
}

export interface DrugMarketHotspotOnMap {
  id: number;
  cells: readonly string[];
  persistence: Persistence | null;
}

export interface DrugMarketLayerData {
  theme: 'drug-markets';
  cells: readonly DrugMarketCellOnMap[];
  hotspots: readonly DrugMarketHotspotOnMap[];
  selectedHotspot: number | null;
}

export const DRUG_LAYER_IDS = {
  hot: 'theme-drug-hot-cells',
  persistence: 'theme-drug-persistence',
  index: 'theme-drug-index',
  selected: 'theme-drug-hotspot-selected',
  labels: 'theme-drug-hotspot-labels',
} as const;

/**
 * Persistence in a purple-orange scheme (ColorBrewer PuOr ends: safe for the common colour-vision
 * deficiencies) that also differs in lightness, dark to light, and in outline weight, so the
 * three classes stay apart in greyscale. The legend's swatches use the same colours
 * (web/styles.css, checked by the unit test).
 */
export const PERSISTENCE_STYLES: Readonly<Record<Persistence, { fill: Rgb; line: Rgba; lineWidth: number; name: string; meaning: string }>> = {
  persistent: {
    fill: [84, 39, 136],
    line: [10, 10, 20, 255],
    lineWidth: 3,
    name: 'Persistent',
    meaning: 'hot in at least two thirds of the windows, the last included',
  },
  new: { fill: [230, 97, 1], line: [10, 10, 20, 255], lineWidth: 2, name: 'New', meaning: 'hot only in the latest windows' },
  fading: { fill: [254, 224, 182], line: [90, 90, 90, 255], lineWidth: 2, name: 'Fading', meaning: 'hot before, no longer in the last window' },
};
export const PERSISTENCE_ORDER: readonly Persistence[] = ['persistent', 'new', 'fading'];

export const PERSISTENCE_ALPHA = 215;
const HOT_EDGE: Rgba = [60, 60, 60, 255];
export const INDEX_FILL: Rgba = [255, 255, 255, 230];
export const INDEX_EDGE: Rgba = [20, 20, 30, 255];

/** Hot at 95% or more (Gi* bin 2 or 3) in the window asked, as the server counts hot cells. */
export const isHot = (c: DrugMarketCellOnMap) => c.bin >= 2;

/** Pixel radius of a cell's index circle: area in proportion to the index. */
export function indexRadiusPixels(index: number): number {
  return 2 + 1.6 * Math.sqrt(Math.max(0, index));
}

export function drugMarketLayers(data: DrugMarketLayerData): Layer[] {
  const classed = data.cells.filter((c) => c.persistence !== null);
  const hotOnly = data.cells.filter((c) => c.persistence === null && isHot(c));
  // The index where it matters: on the hot and classed cells (every cell with a record would bury the map).
  const withIndex = data.cells.filter((c) => c.index > 0 && (c.persistence !== null || isHot(c)));
  const layers: Layer[] = [
    new H3HexagonLayer<DrugMarketCellOnMap>({
      id: DRUG_LAYER_IDS.hot,
      data: hotOnly,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: false,
      stroked: true,
      getLineColor: HOT_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
    }),
    new H3HexagonLayer<DrugMarketCellOnMap>({
      id: DRUG_LAYER_IDS.persistence,
      data: classed,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: true,
      getFillColor: (d) => {
        const [r, g, b] = PERSISTENCE_STYLES[d.persistence ?? 'fading'].fill;
        return [r, g, b, PERSISTENCE_ALPHA];
      },
      stroked: true,
      getLineColor: (d) => PERSISTENCE_STYLES[d.persistence ?? 'fading'].line,
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => PERSISTENCE_STYLES[d.persistence ?? 'fading'].lineWidth,
      pickable: true,
    }),
    new ScatterplotLayer<DrugMarketCellOnMap>({
      id: DRUG_LAYER_IDS.index,
      data: withIndex,
      getPosition: (d) => cellCentre(d.cell),
      getRadius: (d) => indexRadiusPixels(d.index),
      radiusUnits: 'pixels',
      getFillColor: INDEX_FILL,
      stroked: true,
      getLineColor: INDEX_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: true,
    }),
  ];
  layers.push(...hotspotMarks(DRUG_LAYER_IDS, data.hotspots, data.selectedHotspot));
  return layers;
}
