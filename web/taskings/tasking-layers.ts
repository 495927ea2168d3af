// deck.gl layers for taskings, drawn on top of whichever view is on screen: each tasking's
// area as a labelled outline, and the area being drafted (picked cells, a shape being drawn).
// Pure, like build-layers.ts: state in, layers out, testable without WebGL.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { LngLat } from '../../geo/types';

export interface OutlineProperties {
  id: number;
  title: string;
  status: string;
  labelPoint: LngLat;
}

export type OutlineFeature = GeoJSON.Feature<GeoJSON.MultiPolygon, OutlineProperties>;

export interface DraftArea {
  /** Cells picked on the map (or the preview of a drawn shape's cells). */
  cells: readonly string[];
  /** Vertices of a shape being drawn, [lng, lat]. */
  vertices: readonly LngLat[];
  closed: boolean;
}

export interface TaskingOverlay {
  features: readonly OutlineFeature[];
  selectedId: number | null;
  draft: DraftArea | null;
}

export const TASKING_LAYER_IDS = {
  halo: 'tasking-outline-halo',
  outline: 'tasking-outline',
  labels: 'tasking-labels',
  draftCells: 'tasking-draft-cells',
  draftPath: 'tasking-draft-path',
  draftVertices: 'tasking-draft-vertices',
} as const;

type Rgba = [number, number, number, number];
// Near-black outlines with a white halo read over every view's palette (YlOrRd, the hot/cold
// bins, the emerging patterns); review-due taskings are drawn in a deep magenta that none of
// those palettes uses, and the selected one in the page's accent blue.
export const OUTLINE: Rgba = [20, 20, 30, 255];
export const REVIEW_DUE: Rgba = [150, 0, 110, 255];
export const SELECTED: Rgba = [0, 70, 190, 255];
const HALO: Rgba = [255, 255, 255, 230];
const DRAFT_FILL: Rgba = [0, 70, 190, 90];
const DRAFT_EDGE: Rgba = [0, 70, 190, 255];

export function outlineColour(properties: OutlineProperties, selectedId: number | null): Rgba {
  if (properties.id === selectedId) return SELECTED;
  return properties.status === 'review-due' ? REVIEW_DUE : OUTLINE;
}

export interface TaskingLabel {
  id: number;
  status: string;
  position: LngLat;
  text: string;
}

export function labelsOf(features: readonly OutlineFeature[]): TaskingLabel[] {
  return features.map((f) => ({
    id: f.properties.id,
    status: f.properties.status,
    position: f.properties.labelPoint,
    text: f.properties.status === 'review-due' ? `${f.properties.title} (review due)` : f.properties.title,
  }));
}

/** The tasking id a picked object of these layers stands for, or null. */
export function taskingIdOfPick(layerId: string | undefined, object: unknown): number | null {
  if (layerId !== TASKING_LAYER_IDS.outline && layerId !== TASKING_LAYER_IDS.labels && layerId !== TASKING_LAYER_IDS.halo) return null;
  if (typeof object !== 'object' || object === null) return null;
  if (
    'properties' in object &&
    typeof object.properties === 'object' &&
    object.properties !== null &&
    'id' in object.properties &&
    typeof object.properties.id === 'number'
  ) {
    return object.properties.id;
  }
  return 'id' in object && typeof object.id === 'number' ? object.id : null;
}

export function taskingLayers(overlay: TaskingOverlay): Layer[] {
  const layers: Layer[] = [];
  const { features, selectedId, draft } = overlay;
  if (features.length > 0) {
    layers.push(
      new GeoJsonLayer<OutlineProperties>({
        id: TASKING_LAYER_IDS.halo,
        data: [...features],
        filled: false,
        stroked: true,
        getLineColor: HALO,
        lineWidthUnits: 'pixels',
        getLineWidth: 9,
        pickable: true,
      }),
      new GeoJsonLayer<OutlineProperties>({
        id: TASKING_LAYER_IDS.outline,
        data: [...features],
        filled: false,
        stroked: true,
        getLineColor: (f) => outlineColour(f.properties, selectedId),
        lineWidthUnits: 'pixels',
        getLineWidth: (f) => (f.properties.id === selectedId ? 6 : 4),
        pickable: true,
        updateTriggers: { getLineColor: [selectedId], getLineWidth: [selectedId] },
      }),
      new TextLayer<TaskingLabel>({
        id: TASKING_LAYER_IDS.labels,
        data: labelsOf(features),
        getPosition: (d) => d.position,
        getText: (d) => d.text,
        getSize: 16,
        getColor: [255, 255, 255, 255],
        background: true,
        getBackgroundColor: (d) => outlineColour({ id: d.id, status: d.status, title: d.text, labelPoint: d.position }, selectedId),
        backgroundPadding: [6, 3],
        fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
        fontWeight: 700,
        characterSet: 'auto',
        getPixelOffset: [0, -18],
        pickable: true,
        updateTriggers: { getBackgroundColor: [selectedId] },
      }),
    );
  }
  if (draft) {
    if (draft.cells.length > 0) {
      layers.push(
        new H3HexagonLayer<string>({
          id: TASKING_LAYER_IDS.draftCells,
          data: [...draft.cells],
          getHexagon: (d) => d,
          extruded: false,
          filled: true,
          getFillColor: DRAFT_FILL,
          stroked: true,
          getLineColor: DRAFT_EDGE,
          lineWidthUnits: 'pixels',
          getLineWidth: 2,
          pickable: false,
        }),
      );
    }
    if (draft.vertices.length > 0) {
      const path = draft.closed && draft.vertices.length > 2 ? [...draft.vertices, draft.vertices[0]!] : [...draft.vertices];
      layers.push(
        new PathLayer<LngLat[]>({
          id: TASKING_LAYER_IDS.draftPath,
          data: [path],
          getPath: (d) => d,
          getColor: DRAFT_EDGE,
          widthUnits: 'pixels',
          getWidth: 3,
          pickable: false,
        }),
        new ScatterplotLayer<LngLat>({
          id: TASKING_LAYER_IDS.draftVertices,
          data: [...draft.vertices],
          getPosition: (d) => d,
          getFillColor: [255, 255, 255, 255],
          getLineColor: DRAFT_EDGE,
          stroked: true,
          radiusUnits: 'pixels',
          getRadius: 6,
          lineWidthUnits: 'pixels',
          getLineWidth: 3,
          pickable: false,
        }),
      );
    }
  }
  return layers;
}
