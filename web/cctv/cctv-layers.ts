// CCTV coverage as deck.gl layers (issue 12): each cell shaded by the share of it a working
// camera sees (a sequential blue scheme), hot cells outlined, blind hot cells in a heavy red
// outline and numbered as in their table, the cameras coloured by status and lettered by type, their
// views (geo/cctv/camera-views.ts viewPolygon, never shapes of our own) only when the map is close
// enough to read them, and proposed redeployable sites with their range circles. Pure.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { cellCentre } from '../../geo/h3';
import { viewPolygon, type CameraView } from '../../geo/cctv/camera-views';
import type { LngLat } from '../../geo/types';
import type { Rgb } from '../colour-scale';

type Rgba = [number, number, number, number];

export type CameraStatusName = 'working' | 'faulty' | 'removed';
export type CameraTypeName = 'fixed' | 'ptz' | 'anpr' | 'redeployable';

export interface CctvCellOnMap {
  cell: string;
  /** Share of the cell in view of a working camera, 0..1. */
  coveredFraction: number;
  count: number;
  /** Gi* bin, -3..3: 2 or 3 is a hot cell (95% or more). */
  bin: number;
}

export interface CameraOnMap {
  id: string;
  type: CameraTypeName;
  status: CameraStatusName;
  position: LngLat;
  /** The effective view (the type's default where the file gave none). */
  view: CameraView;
}

export interface BlindOnMap {
  /** Its row in the blind hot spot table, from 1. */
  rank: number;
  cell: string;
}

export interface SiteOnMap {
  /** Its row in the proposed sites table, from 1. */
  rank: number;
  position: LngLat;
  rangeMeters: number;
}

export interface CctvLayerData {
  cells: readonly CctvCellOnMap[];
  cameras: readonly CameraOnMap[];
  blind: readonly BlindOnMap[];
  sites: readonly SiteOnMap[];
  /** Zoomed in far enough (VIEW_ZOOM) to draw the cameras' views and type letters. */
  closeUp: boolean;
  /** The blind hot spot picked in the table (its rank), outlined. */
  selectedBlind: number | null;
}

export const CCTV_LAYER_IDS = {
  cells: 'cctv-cells',
  blind: 'cctv-blind-cells',
  selected: 'cctv-blind-selected',
  views: 'cctv-camera-views',
  siteRanges: 'cctv-site-ranges',
  cameras: 'cctv-cameras',
  cameraLetters: 'cctv-camera-letters',
  sites: 'cctv-sites',
  siteLabels: 'cctv-site-labels',
  blindLabels: 'cctv-blind-labels',
} as const;

/** The map's zoom from which the cameras' views and type letters are drawn (street level). */
export const VIEW_ZOOM = 15;

/**
 * The share of a cell in view, in five classes (sequential blues, light to dark); the 25% edge is
 * the route's default threshold, under which a hot cell is blind.
 */
export const COVERAGE_CLASSES: readonly { key: string; from: number; label: string; colour: Rgb; alpha: number }[] = [
  { key: 'coverage-none', from: 0, label: 'None in view', colour: [236, 236, 232], alpha: 150 },
  { key: 'coverage-1', from: 0, label: 'Under 25%', colour: [198, 219, 239], alpha: 200 },
  { key: 'coverage-2', from: 0.25, label: '25–50%', colour: [107, 174, 214], alpha: 205 },
  { key: 'coverage-3', from: 0.5, label: '50–75%', colour: [33, 113, 181], alpha: 210 },
  { key: 'coverage-4', from: 0.75, label: '75% or more', colour: [8, 48, 107], alpha: 215 },
];

export function coverageClass(fraction: number): number {
  // Any share above 0 is in view, however small: only a cell no view touches is "none".
  if (!(fraction > 0)) return 0;
  for (let k = COVERAGE_CLASSES.length - 1; k > 1; k--) if (fraction >= COVERAGE_CLASSES[k]!.from) return k;
  return 1;
}

export function coverageFill(c: CctvCellOnMap): Rgba {
  const cls = COVERAGE_CLASSES[coverageClass(c.coveredFraction)]!;
  return [...cls.colour, cls.alpha];
}

export const isHotCell = (c: CctvCellOnMap) => c.bin >= 2;

/** Hot cells covered: a dark outline; blind hot cells: a heavy red one (BLIND_EDGE). */
export const HOT_EDGE: Rgba = [25, 25, 35, 255];
export const BLIND_EDGE: Rgba = [215, 25, 28, 255];
export const SELECTED_EDGE: Rgba = [0, 70, 190, 255];

export const STATUS_COLOURS: Readonly<Record<CameraStatusName, Rgb>> = {
  working: [0, 140, 70],
  faulty: [245, 150, 0],
  removed: [125, 125, 125],
};
export const STATUS_LABELS: Readonly<Record<CameraStatusName, string>> = { working: 'Working', faulty: 'Faulty', removed: 'Removed' };

/** The letter drawn on a camera at street level, and its dot's radius in pixels further out. */
export const TYPE_MARKS: Readonly<Record<CameraTypeName, { letter: string; label: string; radius: number }>> = {
  fixed: { letter: 'F', label: 'Fixed', radius: 3.5 },
  ptz: { letter: 'P', label: 'Pan-tilt-zoom (PTZ)', radius: 4.5 },
  anpr: { letter: 'A', label: 'Number-plate reader (ANPR)', radius: 3 },
  redeployable: { letter: 'R', label: 'Redeployable', radius: 5.5 },
};

export const VIEW_FILL: Rgba = [0, 140, 70, 45];
export const VIEW_EDGE: Rgba = [0, 110, 55, 170];
export const SITE_COLOUR: Rgb = [200, 0, 140];
const SITE_RANGE_FILL: Rgba = [200, 0, 140, 35];
const LABEL_TEXT: Rgba = [255, 255, 255, 255];
const BLIND_LABEL_BACKGROUND: Rgba = [150, 10, 15, 240];
const FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';

export const siteName = (rank: number) => `S${rank}`;

/** Cameras drawn with a view: working ones (a faulty or removed camera watches nothing). */
export function camerasWithViews(cameras: readonly CameraOnMap[]): CameraOnMap[] {
  return cameras.filter((c) => c.status === 'working');
}

export function cameraRadius(c: CameraOnMap, closeUp: boolean): number {
  return closeUp ? 8 : TYPE_MARKS[c.type].radius;
}

export function cctvLayers(data: CctvLayerData): Layer[] {
  // Hot cells last, so their outlines are not drawn over by their neighbours.
  const cells = [...data.cells].sort((a, b) => Number(isHotCell(a)) - Number(isHotCell(b)));
  const blindCells = new Set(data.blind.map((b) => b.cell));
  const layers: Layer[] = [
    new H3HexagonLayer<CctvCellOnMap>({
      id: CCTV_LAYER_IDS.cells,
      data: cells,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: true,
      getFillColor: coverageFill,
      stroked: true,
      getLineColor: (d) => (isHotCell(d) && !blindCells.has(d.cell) ? HOT_EDGE : [0, 0, 0, 0]),
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (isHotCell(d) && !blindCells.has(d.cell) ? 2 : 0),
      pickable: true,
      updateTriggers: { getLineColor: [data.blind], getLineWidth: [data.blind] },
    }),
    new H3HexagonLayer<BlindOnMap>({
      id: CCTV_LAYER_IDS.blind,
      data: data.blind,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: false,
      stroked: true,
      getLineColor: BLIND_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 4,
      pickable: true,
    }),
  ];
  const selected = data.blind.find((b) => b.rank === data.selectedBlind);
  if (selected) {
    layers.push(
      new H3HexagonLayer<BlindOnMap>({
        id: CCTV_LAYER_IDS.selected,
        data: [selected],
        getHexagon: (d) => d.cell,
        extruded: false,
        filled: false,
        stroked: true,
        getLineColor: SELECTED_EDGE,
        lineWidthUnits: 'pixels',
        getLineWidth: 6,
        pickable: false,
      }),
    );
  }
  if (data.closeUp) layers.push(viewLayer(data.cameras));
  if (data.sites.length > 0) {
    layers.push(
      new ScatterplotLayer<SiteOnMap>({
        id: CCTV_LAYER_IDS.siteRanges,
        data: data.sites,
        getPosition: (d) => d.position,
        getRadius: (d) => d.rangeMeters,
        radiusUnits: 'meters',
        filled: true,
        getFillColor: SITE_RANGE_FILL,
        stroked: true,
        getLineColor: [...SITE_COLOUR, 230],
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
        pickable: false,
      }),
    );
  }
  layers.push(...cameraLayers(data.cameras, data.closeUp));
  if (data.sites.length > 0) layers.push(...siteMarks(data.sites));
  layers.push(blindLabels(data.blind, data.selectedBlind));
  return layers;
}

function viewLayer(cameras: readonly CameraOnMap[]): Layer {
  const views = camerasWithViews(cameras).map((c) => ({ id: c.id, polygon: viewPolygon(c.view).coordinates[0]! as LngLat[] }));
  return new PolygonLayer<{ id: string; polygon: LngLat[] }>({
    id: CCTV_LAYER_IDS.views,
    data: views,
    getPolygon: (d) => d.polygon,
    filled: true,
    getFillColor: VIEW_FILL,
    stroked: true,
    getLineColor: VIEW_EDGE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: false,
  });
}

function cameraLayers(cameras: readonly CameraOnMap[], closeUp: boolean): Layer[] {
  // Working cameras on top: a faulty one beside a working one should not hide it.
  const order: Record<CameraStatusName, number> = { removed: 0, faulty: 1, working: 2 };
  const sorted = [...cameras].sort((a, b) => order[a.status] - order[b.status]);
  const layers: Layer[] = [
    new ScatterplotLayer<CameraOnMap>({
      id: CCTV_LAYER_IDS.cameras,
      data: sorted,
      getPosition: (d) => d.position,
      getRadius: (d) => cameraRadius(d, closeUp),
      radiusUnits: 'pixels',
      getFillColor: (d) => [...STATUS_COLOURS[d.status], 255],
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (d.type === 'redeployable' ? 2.5 : 1),
      pickable: true,
      updateTriggers: { getRadius: [closeUp] },
    }),
  ];
  if (closeUp) {
    layers.push(
      new TextLayer<CameraOnMap>({
        id: CCTV_LAYER_IDS.cameraLetters,
        data: sorted,
        getPosition: (d) => d.position,
        getText: (d) => TYPE_MARKS[d.type].letter,
        getSize: 11,
        getColor: LABEL_TEXT,
        fontFamily: FONT,
        fontWeight: 700,
        characterSet: 'auto',
        pickable: false,
      }),
    );
  }
  return layers;
}

function siteMarks(sites: readonly SiteOnMap[]): Layer[] {
  return [
    new ScatterplotLayer<SiteOnMap>({
      id: CCTV_LAYER_IDS.sites,
      data: sites,
      getPosition: (d) => d.position,
      getRadius: 6,
      radiusUnits: 'pixels',
      getFillColor: [...SITE_COLOUR, 255],
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: false,
    }),
    new TextLayer<SiteOnMap>({
      id: CCTV_LAYER_IDS.siteLabels,
      data: sites,
      getPosition: (d) => d.position,
      getText: (d) => siteName(d.rank),
      getSize: 15,
      getColor: LABEL_TEXT,
      background: true,
      getBackgroundColor: [...SITE_COLOUR, 240],
      backgroundPadding: [4, 2],
      // Up and to the right of the marker: the marker and a blind hot spot's number at the same cell stay readable.
      getTextAnchor: 'start',
      getAlignmentBaseline: 'bottom',
      getPixelOffset: [7, -7],
      fontFamily: FONT,
      fontWeight: 700,
      characterSet: 'auto',
      pickable: false,
    }),
  ];
}

function blindLabels(blind: readonly BlindOnMap[], selectedBlind: number | null): Layer {
  return new TextLayer<BlindOnMap & { position: LngLat }>({
    id: CCTV_LAYER_IDS.blindLabels,
    data: blind.map((b) => ({ ...b, position: cellCentre(b.cell) })),
    getPosition: (d) => d.position,
    getText: (d) => String(d.rank),
    getSize: 15,
    getColor: LABEL_TEXT,
    background: true,
    getBackgroundColor: (d) => (d.rank === selectedBlind ? [0, 70, 190, 255] : BLIND_LABEL_BACKGROUND),
    backgroundPadding: [4, 1],
    fontFamily: FONT,
    fontWeight: 700,
    characterSet: 'auto',
    pickable: true,
    updateTriggers: { getBackgroundColor: [selectedBlind] },
  });
}

/** The blind hot spot a click picked (its rank): from its number or its cell. */
export function pickedBlind(blind: readonly BlindOnMap[], layerId: string | null, object: unknown): number | null {
  if (typeof object !== 'object' || object === null) return null;
  if (layerId === CCTV_LAYER_IDS.blindLabels && 'rank' in object && typeof object.rank === 'number') return object.rank;
  if (layerId !== CCTV_LAYER_IDS.blind && layerId !== CCTV_LAYER_IDS.cells) return null;
  const cell = 'cell' in object && typeof object.cell === 'string' ? object.cell : null;
  return cell !== null ? (blind.find((b) => b.cell === cell)?.rank ?? null) : null;
}
