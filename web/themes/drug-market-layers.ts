// The drug-market layer as deck.gl layers: cells coloured by persistence (persistent, new,
// fading), other hot cells outlined, the drug-market index as a circle on each of those, the
// hotspots numbered as in the table, and the hotspot picked in the table outlined. Pure.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { cellCentre } from '../../geo/h3';
import type { LngLat } from '../../geo/types';
import type { Rgb } from '../colour-scale';

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
const SELECTED_EDGE: Rgba = [0, 70, 190, 255];
const LABEL_COLOUR: Rgba = [255, 255, 255, 255];
const LABEL_BACKGROUND: Rgba = [20, 20, 30, 235];

/** Hot at 95% or more (Gi* bin 2 or 3) in the window asked, as the server counts hot cells. */
export const isHot = (c: DrugMarketCellOnMap) => c.bin >= 2;

/** Pixel radius of a cell's index circle: area in proportion to the index. */
export function indexRadiusPixels(index: number): number {
  return 2 + 1.6 * Math.sqrt(Math.max(0, index));
}

/** Where a hotspot's number goes: the centre of its cell nearest the middle of its cells. */
export function hotspotLabelPoint(cells: readonly string[]): LngLat | null {
  if (cells.length === 0) return null;
  const centres = cells.map(cellCentre);
  const mid: LngLat = [centres.reduce((s, c) => s + c[0], 0) / centres.length, centres.reduce((s, c) => s + c[1], 0) / centres.length];
  let best = centres[0]!;
  let bestDistance = Infinity;
  for (const c of centres) {
    // Degrees are fine for "nearest" within a hotspot a few hundred metres across.
    const d = (c[0] - mid[0]) ** 2 + ((c[1] - mid[1]) * 1.6) ** 2;
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

interface HotspotLabel {
  id: number;
  position: LngLat;
}

export function drugMarketLayers(data: DrugMarketLayerData): Layer[] {
  const classed = data.cells.filter((c) => c.persistence !== null);
  const hotOnly = data.cells.filter((c) => c.persistence === null && isHot(c));
  // The index where it matters: on the hot and classed cells (every cell with a record would bury the map).
  const withIndex = data.cells.filter((c) => c.index > 0 && (c.persistence !== null || isHot(c)));
  const selected = data.hotspots.find((h) => h.id === data.selectedHotspot) ?? null;
  const labels: HotspotLabel[] = data.hotspots.flatMap((h) => {
    const position = hotspotLabelPoint(h.cells);
    return position ? [{ id: h.id, position }] : [];
  });
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
  if (selected) {
    layers.push(
      new H3HexagonLayer<string>({
        id: DRUG_LAYER_IDS.selected,
        data: [...selected.cells],
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
  layers.push(
    new TextLayer<HotspotLabel>({
      id: DRUG_LAYER_IDS.labels,
      data: labels,
      getPosition: (d) => d.position,
      getText: (d) => String(d.id),
      getSize: 17,
      getColor: LABEL_COLOUR,
      background: true,
      getBackgroundColor: (d) => (d.id === data.selectedHotspot ? SELECTED_EDGE : LABEL_BACKGROUND),
      backgroundPadding: [5, 2],
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 700,
      characterSet: 'auto',
      pickable: true,
      updateTriggers: { getBackgroundColor: [data.selectedHotspot] },
    }),
  );
  return layers;
}
