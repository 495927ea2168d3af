// The robbery-near-schools layer as deck.gl layers: the buffer circle around each school, the
// cells with their counts, the schools as points sized by their count, the schools that stand
// out ringed and numbered as in the table, and the school picked in the table ringed and named. Pure: data in, layers out; the
// circle geometry is made here (Turf), never in a component.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import circle from '@turf/circle';
import type { LngLat } from '../../geo/types';
import type { Rgb } from '../colour-scale';

type Rgba = [number, number, number, number];

export interface SchoolOnMap {
  urn: string;
  name: string;
  /** Its row in the ranked table, 1 = most. */
  rank: number;
  /** [lng, lat] */
  position: readonly [number, number];
  count: number;
  standsOut: boolean;
}

export interface SchoolsLayerData {
  theme: 'schools-robbery';
  schools: readonly SchoolOnMap[];
  cells: readonly { cell: string; count: number }[];
  bufferMeters: number;
  selectedUrn: string | null;
}

export const SCHOOL_LAYER_IDS = {
  buffers: 'theme-school-buffers',
  cells: 'theme-school-cells',
  points: 'theme-schools',
  standsOut: 'theme-schools-stand-out',
  selected: 'theme-school-selected',
  ranks: 'theme-school-ranks',
  labels: 'theme-school-labels',
} as const;

/**
 * Count classes of a cell near a school (incidents in the window), lower bounds. Counts, not
 * rates: the table beside the map gives the same counts, so the map and the table agree.
 */
export const SCHOOL_CELL_CLASSES: readonly { min: number; colour: Rgb; key: string }[] = [
  { min: 1, colour: [254, 217, 118], key: 'school-count-1' },
  { min: 2, colour: [253, 141, 60], key: 'school-count-2' },
  { min: 4, colour: [227, 26, 28], key: 'school-count-3' },
  { min: 8, colour: [128, 0, 38], key: 'school-count-4' },
];

/** The class of a cell's count, or null for none. */
export function schoolCellClass(count: number): (typeof SCHOOL_CELL_CLASSES)[number] | null {
  let found: (typeof SCHOOL_CELL_CLASSES)[number] | null = null;
  for (const cls of SCHOOL_CELL_CLASSES) if (count >= cls.min) found = cls;
  return found;
}

/** '1', '2–3', '4–7', '8 or more'. */
export function schoolCellClassLabel(index: number): string {
  const cls = SCHOOL_CELL_CLASSES[index]!;
  const next = SCHOOL_CELL_CLASSES[index + 1];
  if (!next) return `${cls.min} or more`;
  return next.min - 1 === cls.min ? String(cls.min) : `${cls.min}–${next.min - 1}`;
}

export const CELL_ALPHA = 200;
const CELL_EDGE: Rgba = [90, 50, 20, 170];
const BUFFER_LINE: Rgba = [40, 40, 55, 200];
const BUFFER_FILL: Rgba = [255, 255, 255, 0];
export const SCHOOL_FILL: Rgba = [255, 255, 255, 255];
export const SCHOOL_EDGE: Rgba = [20, 20, 30, 255];
/** Schools that stand out: filled black and ringed in the demo-banner yellow, clear in greyscale too. */
export const STANDS_OUT_FILL: Rgba = [20, 20, 30, 255];
export const STANDS_OUT_RING: Rgba = [255, 212, 0, 255];
export const SELECTED_RING: Rgba = [0, 70, 190, 255];
const LABEL_COLOUR: Rgba = [20, 20, 30, 255];
const LABEL_BACKGROUND: Rgba = [255, 255, 255, 240];
const RANK_COLOUR: Rgba = [255, 255, 255, 255];

/** Pixel radius of a school's point: its area grows with the count, and a school with none still shows. */
export function schoolRadiusPixels(count: number): number {
  return 5 + 2 * Math.sqrt(Math.max(0, count));
}

/** 64-step circles: within 0.2% of the true radius, as the server's buffer (geo/schools-robbery.ts). */
const CIRCLE_STEPS = 64;

/** The ring of `bufferMeters` around a point, as [lng, lat] positions (closed). */
export function bufferRing(position: readonly [number, number], bufferMeters: number): LngLat[] {
  const polygon = circle([position[0], position[1]], bufferMeters, { units: 'meters', steps: CIRCLE_STEPS });
  return polygon.geometry.coordinates[0]!.map(([lng, lat]) => [lng!, lat!] as LngLat);
}

export interface BufferShape {
  urn: string;
  ring: LngLat[];
}

export function bufferShapes(schools: readonly SchoolOnMap[], bufferMeters: number): BufferShape[] {
  return schools.map((s) => ({ urn: s.urn, ring: bufferRing(s.position, bufferMeters) }));
}

const position = (s: SchoolOnMap): [number, number] => [s.position[0], s.position[1]];

export function schoolLayers(data: SchoolsLayerData): Layer[] {
  const selected = data.schools.find((s) => s.urn === data.selectedUrn) ?? null;
  const counted = data.cells.filter((c) => c.count > 0);
  // Those that stand out on top; otherwise smallest last, so a small point is never hidden under a large one.
  const bySize = [...data.schools].sort((a, b) => Number(a.standsOut) - Number(b.standsOut) || b.count - a.count || a.urn.localeCompare(b.urn));
  // Schools that stand out carry their row number (short, so a cluster of them stays legible);
  // the school picked in the table carries its name.
  const numbered = data.schools.filter((s) => s.standsOut);
  const layers: Layer[] = [
    new PolygonLayer<BufferShape>({
      id: SCHOOL_LAYER_IDS.buffers,
      data: bufferShapes(data.schools, data.bufferMeters),
      getPolygon: (d) => d.ring,
      filled: false,
      getFillColor: BUFFER_FILL,
      stroked: true,
      getLineColor: BUFFER_LINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: false,
    }),
    new H3HexagonLayer<{ cell: string; count: number }>({
      id: SCHOOL_LAYER_IDS.cells,
      data: counted,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: true,
      getFillColor: (d) => {
        const [r, g, b] = schoolCellClass(d.count)?.colour ?? [128, 128, 128];
        return [r, g, b, CELL_ALPHA];
      },
      stroked: true,
      getLineColor: CELL_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: false,
    }),
    new ScatterplotLayer<SchoolOnMap>({
      id: SCHOOL_LAYER_IDS.points,
      data: bySize,
      getPosition: position,
      getRadius: (d) => schoolRadiusPixels(d.count),
      radiusUnits: 'pixels',
      getFillColor: (d) => (d.standsOut ? STANDS_OUT_FILL : SCHOOL_FILL),
      stroked: true,
      getLineColor: SCHOOL_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
    }),
    // Over every point, so a neighbour never hides the ring of a school that stands out.
    new ScatterplotLayer<SchoolOnMap>({
      id: SCHOOL_LAYER_IDS.standsOut,
      data: data.schools.filter((s) => s.standsOut),
      getPosition: position,
      getRadius: (d) => schoolRadiusPixels(d.count) + 5,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: STANDS_OUT_RING,
      lineWidthUnits: 'pixels',
      getLineWidth: 5,
      pickable: false,
    }),
  ];
  if (selected) {
    layers.push(
      new ScatterplotLayer<SchoolOnMap>({
        id: SCHOOL_LAYER_IDS.selected,
        data: [selected],
        getPosition: position,
        getRadius: (d) => schoolRadiusPixels(d.count) + (d.standsOut ? 11 : 5),
        radiusUnits: 'pixels',
        filled: false,
        stroked: true,
        getLineColor: SELECTED_RING,
        lineWidthUnits: 'pixels',
        getLineWidth: 5,
        pickable: false,
      }),
    );
  }
  layers.push(
    new TextLayer<SchoolOnMap>({
      id: SCHOOL_LAYER_IDS.ranks,
      data: numbered,
      getPosition: position,
      getText: (d) => String(d.rank),
      getSize: 15,
      getColor: RANK_COLOUR,
      getTextAnchor: 'start',
      getAlignmentBaseline: 'bottom',
      getPixelOffset: (d) => [0.7 * schoolRadiusPixels(d.count) + 5, -(0.7 * schoolRadiusPixels(d.count) + 5)],
      background: true,
      getBackgroundColor: STANDS_OUT_FILL,
      backgroundPadding: [4, 1],
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 700,
      characterSet: 'auto',
      pickable: false,
    }),
    new TextLayer<SchoolOnMap>({
      id: SCHOOL_LAYER_IDS.labels,
      data: selected ? [selected] : [],
      getPosition: position,
      getText: (d) => d.name,
      getSize: 16,
      getColor: LABEL_COLOUR,
      // Centred under the point on two or three short lines: a long name beside its point would
      // run off the map's edge.
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'top',
      getPixelOffset: (d) => [0, schoolRadiusPixels(d.count) + (d.standsOut ? 12 : 7)],
      maxWidth: 9,
      wordBreak: 'break-word',
      lineHeight: 1.15,
      // A white box over the ward names beneath, so the two never read as one.
      background: true,
      getBackgroundColor: LABEL_BACKGROUND,
      backgroundPadding: [4, 2],
      getBorderColor: SELECTED_RING,
      getBorderWidth: 2,
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 700,
      characterSet: 'auto',
      pickable: false,
    }),
  );
  return layers;
}
