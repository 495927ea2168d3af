// The serious-violence layer as deck.gl layers: each counted cell in its Gi* colour (the hot
// spots view's red-blue scheme, so a chair reads it as on the rest of the map), not-significant
// cells faint, the hotspots (touching hot cells) numbered as in the table, and the one picked in
// the table outlined. Pure.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { colourOfBin, NOT_SIGNIFICANT_ALPHA } from '../view-colours';
import { hotspotMarks, type HotspotOnMap } from './hotspot-marks';

export interface ViolenceCellOnMap {
  cell: string;
  count: number;
  /** Gi* bin, -3..3: 2 or 3 is hot at 95% or more. */
  bin: number;
}

export interface ViolenceLayerData {
  theme: 'serious-violence';
  cells: readonly ViolenceCellOnMap[];
  hotspots: readonly HotspotOnMap[];
  selectedHotspot: number | null;
}

export const VIOLENCE_LAYER_IDS = {
  cells: 'theme-violence-cells',
  selected: 'theme-violence-hotspot-selected',
  labels: 'theme-violence-hotspot-labels',
} as const;

export const SIGNIFICANT_ALPHA = 205;
const HOT_EDGE: [number, number, number, number] = [90, 10, 20, 255];

/** Hot at 95% or more, as the server groups hotspots. */
export const isViolenceHot = (c: ViolenceCellOnMap) => c.bin >= 2;

export function violenceFill(c: ViolenceCellOnMap): [number, number, number, number] {
  const [r, g, b] = colourOfBin(c.bin);
  return [r, g, b, c.bin === 0 ? NOT_SIGNIFICANT_ALPHA : SIGNIFICANT_ALPHA];
}

export function violenceLayers(data: ViolenceLayerData): Layer[] {
  // Hot cells last, so their edges are not drawn over by their neighbours.
  const cells = [...data.cells].sort((a, b) => a.bin - b.bin);
  return [
    new H3HexagonLayer<ViolenceCellOnMap>({
      id: VIOLENCE_LAYER_IDS.cells,
      data: cells,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: true,
      getFillColor: violenceFill,
      stroked: true,
      getLineColor: (d) => (isViolenceHot(d) ? HOT_EDGE : [0, 0, 0, 0]),
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (isViolenceHot(d) ? 1.5 : 0),
      pickable: true,
    }),
    ...hotspotMarks(VIOLENCE_LAYER_IDS, data.hotspots, data.selectedHotspot),
  ];
}
