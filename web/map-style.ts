// The map's base layers. The default style is built here, in code, from the areas the
// server holds (study area, wards, Thames, main roads): it needs no network, no tiles, no
// glyphs and no sprites, so it renders offline and in CI. Text labels are drawn by deck.gl
// (bundled font atlas) because MapLibre symbol layers would need a glyph server.
// With MAP_STYLE_URL set, the same area layers go on top of that basemap instead.
import type { MapOptions } from 'maplibre-gl';

// maplibre-gl 6 does not re-export the style-spec types; derive them from its own options.
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpecification = StyleSpecification['layers'][number];
export type SourceSpecification = StyleSpecification['sources'][string];

export type AreaCollection = GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;

export interface BaseAreas {
  studyArea: AreaCollection;
  wards: AreaCollection;
  water: AreaCollection;
  roads: AreaCollection;
}

/** Area kinds as the server stores them (GET /api/areas?kind=...). */
export const AREA_KINDS: Record<keyof BaseAreas, string> = {
  studyArea: 'study-area',
  wards: 'ward',
  water: 'water',
  roads: 'road',
};

export const EMPTY_AREAS: BaseAreas = {
  studyArea: { type: 'FeatureCollection', features: [] },
  wards: { type: 'FeatureCollection', features: [] },
  water: { type: 'FeatureCollection', features: [] },
  roads: { type: 'FeatureCollection', features: [] },
};

/** Muted base colours so the YlOrRd cells carry the contrast (legible on a meeting-room projector). */
export const BASE_COLOURS = {
  outside: '#d6d4ce',
  borough: '#fbfaf7',
  water: '#9fc5e6',
  waterEdge: '#6f9fca',
  road: '#c9c3b6',
  wardEdge: '#5d5d5d',
  boroughEdge: '#111111',
} as const;

const SOURCE_ID: Record<keyof BaseAreas, string> = {
  studyArea: 'tm-study-area',
  wards: 'tm-wards',
  water: 'tm-water',
  roads: 'tm-roads',
};

export function areaSources(areas: BaseAreas): Record<string, SourceSpecification> {
  const sources: Record<string, SourceSpecification> = {};
  for (const key of Object.keys(SOURCE_ID) as (keyof BaseAreas)[]) {
    sources[SOURCE_ID[key]] = { type: 'geojson', data: areas[key] };
  }
  return sources;
}

/**
 * Area layers, bottom to top. On a remote basemap only the outlines are drawn: the basemap
 * already has water and roads, and an opaque borough fill would hide it.
 */
export function areaLayers(basemap: 'local' | 'remote'): LayerSpecification[] {
  const outlines: LayerSpecification[] = [
    {
      id: 'tm-wards-outline',
      type: 'line',
      source: SOURCE_ID.wards,
      paint: { 'line-color': BASE_COLOURS.wardEdge, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'tm-study-area-outline',
      type: 'line',
      source: SOURCE_ID.studyArea,
      paint: { 'line-color': BASE_COLOURS.boroughEdge, 'line-width': 3 },
    },
  ];
  if (basemap === 'remote') return outlines;
  return [
    { id: 'tm-study-area-fill', type: 'fill', source: SOURCE_ID.studyArea, paint: { 'fill-color': BASE_COLOURS.borough } },
    {
      id: 'tm-water-fill',
      type: 'fill',
      source: SOURCE_ID.water,
      paint: { 'fill-color': BASE_COLOURS.water, 'fill-outline-color': BASE_COLOURS.waterEdge },
    },
    // The TfL road polygons have holes; MapLibre fills honour them.
    { id: 'tm-roads-fill', type: 'fill', source: SOURCE_ID.roads, paint: { 'fill-color': BASE_COLOURS.road } },
    ...outlines,
  ];
}

export function buildLocalStyle(areas: BaseAreas): StyleSpecification {
  return {
    version: 8,
    name: 'Tasking Map offline',
    sources: areaSources(areas),
    layers: [{ id: 'tm-background', type: 'background', paint: { 'background-color': BASE_COLOURS.outside } }, ...areaLayers('local')],
  };
}

export type Bounds = [[west: number, south: number], [east: number, north: number]];

/** Bounding box of every polygon in a collection, or null when it has none. */
export function boundsOfCollection(collection: AreaCollection): Bounds | null {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const [lng, lat] of polygon[0] ?? []) {
        if (lng === undefined || lat === undefined) continue;
        west = Math.min(west, lng);
        east = Math.max(east, lng);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  return west === Infinity
    ? null
    : [
        [west, south],
        [east, north],
      ];
}

/** Tower Hamlets, for when no study area is imported yet. */
export const FALLBACK_BOUNDS: Bounds = [
  [-0.0802, 51.4845],
  [0.0099, 51.5447],
];
