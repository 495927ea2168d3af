// What every theme with hotspots draws the same way: the hotspot's number where its table row
// says it is, and the outline of the hotspot picked in the table. Pure.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { TextLayer } from '@deck.gl/layers';
import { cellCentre } from '../../geo/h3';
import type { LngLat } from '../../geo/types';

type Rgba = [number, number, number, number];

export const SELECTED_EDGE: Rgba = [0, 70, 190, 255];
const LABEL_COLOUR: Rgba = [255, 255, 255, 255];
const LABEL_BACKGROUND: Rgba = [20, 20, 30, 235];

export interface HotspotOnMap {
  id: number;
  cells: readonly string[];
}

export interface HotspotLabel {
  id: number;
  position: LngLat;
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

/** The picked hotspot's outline (none when nothing is picked), then every hotspot's number. */
export function hotspotMarks(ids: { selected: string; labels: string }, hotspots: readonly HotspotOnMap[], selectedHotspot: number | null): Layer[] {
  const layers: Layer[] = [];
  const selected = hotspots.find((h) => h.id === selectedHotspot) ?? null;
  if (selected) {
    layers.push(
      new H3HexagonLayer<string>({
        id: ids.selected,
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
  const labels: HotspotLabel[] = hotspots.flatMap((h) => {
    const position = hotspotLabelPoint(h.cells);
    return position ? [{ id: h.id, position }] : [];
  });
  layers.push(
    new TextLayer<HotspotLabel>({
      id: ids.labels,
      data: labels,
      getPosition: (d) => d.position,
      getText: (d) => String(d.id),
      getSize: 17,
      getColor: LABEL_COLOUR,
      background: true,
      getBackgroundColor: (d) => (d.id === selectedHotspot ? SELECTED_EDGE : LABEL_BACKGROUND),
      backgroundPadding: [5, 2],
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 700,
      characterSet: 'auto',
      pickable: true,
      updateTriggers: { getBackgroundColor: [selectedHotspot] },
    }),
  );
  return layers;
}

/** The hotspot a click picked: from its number, or from any of its cells. */
export function pickedHotspot(hotspots: readonly HotspotOnMap[], labelsLayerId: string, layerId: string | null, object: unknown): number | null {
  if (layerId === labelsLayerId && typeof object === 'object' && object !== null && 'id' in object && typeof object.id === 'number') return object.id;
  const cell = typeof object === 'object' && object !== null && 'cell' in object && typeof object.cell === 'string' ? object.cell : null;
  return cell !== null ? (hotspots.find((h) => h.cells.includes(cell))?.id ?? null) : null;
}
