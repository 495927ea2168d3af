// MapLibre draws the base (offline style or MAP_STYLE_URL); deck.gl draws the cells on a
// canvas above it through MapboxOverlay (overlaid, not interleaved: the simplest mode, and
// the cells never need to sit between basemap layers). This component only wires the two
// together: the layers arrive ready-made from buildLayers(state).
import type { Layer, PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
// Vite emits MapLibre's worker as its own file and gives its URL. Without this MapLibre looks
// for the worker next to the bundled script, which does not exist ("Worker failed to load"),
// and GeoJSON sources never load. See docs/decisions/006-map-rendering.md.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { cellCentre, cellRing } from '../geo/h3';
import type { LngLat } from '../geo/types';
import { taskingIdOfPick } from './taskings/tasking-layers';
import { FALLBACK_BOUNDS, areaLayers, areaSources, boundsOfCollection, buildLocalStyle, type BaseAreas } from './map-style';

setWorkerUrl(maplibreWorkerUrl);

/** A small handle for end-to-end tests and debugging: where is a cell on screen? */
export interface TaskingMapHandle {
  /** Viewport pixel [x, y] of a cell's centre, or null when it is off the map. */
  projectCell(cell: string): [number, number] | null;
  /** Viewport pixel [x, y] of a point, or null when it is off the map. */
  projectPoint(point: LngLat): [number, number] | null;
}

/** What a click on the map hit: a tasking's outline or label, a drawn cell, and where. */
export interface MapPick {
  taskingId: number | null;
  cell: string | null;
  lngLat: LngLat | null;
  /** The deck.gl layer and datum under the click, for layers whose data is not a cell (a theme's schools). */
  layerId: string | null;
  object: unknown;
}

declare global {
  interface Window {
    __taskingMap?: TaskingMapHandle;
  }
}

export interface MapViewProps {
  baseAreas: BaseAreas;
  mapStyleUrl: string | null;
  layers: Layer[];
  /** Identifies the data in `layers`; reported back through onDrawn once it is on screen. */
  layersKey: string;
  /** Every click: the tasking or the cell (whichever view's layer drew it) under it, and its position. */
  onPick: (pick: MapPick) => void;
  /** While a shape is drawn, double clicks add points instead of zooming, and the cursor is a crosshair. */
  drawing: boolean;
  /** Cells to bring into view (an opened tasking's area); the map moves when `key` changes. */
  focus?: { key: string; cells: readonly string[] } | null;
  /** Pixels kept around a focused area (a phone's small map needs less than a meeting screen). */
  focusPadding?: number;
  /** Called when the base map is idle and deck.gl has drawn the layers for `key`. */
  onDrawn: (key: string) => void;
  /** When this changes the page's layout has changed the map's size: it fits the study area again. */
  fitKey?: string;
  /** The map's zoom, once made and after each zoom (the CCTV views are drawn only close up). */
  onZoom?: (zoom: number) => void;
}

/** Every view's cells carry their H3 id as `cell` (see build-layers.ts). */
function cellOf(value: unknown): string | null {
  return typeof value === 'object' && value !== null && 'cell' in value && typeof value.cell === 'string' ? value.cell : null;
}

export function MapView({
  baseAreas,
  mapStyleUrl,
  layers,
  layersKey,
  onPick,
  onDrawn,
  drawing,
  focus = null,
  focusPadding = 160,
  fitKey = '',
  onZoom,
}: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  // Callbacks and the pending key live in a ref so the map is created once, not per render.
  const live = useRef({
    layers,
    onPick,
    onDrawn,
    onZoom,
    drawing,
    pendingKey: layersKey as string | null,
    mapIdle: false,
    reportIfDrawn: () => {},
  });
  live.current.onPick = onPick;
  live.current.onDrawn = onDrawn;
  live.current.onZoom = onZoom;
  live.current.drawing = drawing;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const bounds = boundsOfCollection(baseAreas.studyArea) ?? FALLBACK_BOUNDS;
    const map = new MapLibreMap({
      container,
      style: mapStyleUrl ?? buildLocalStyle(baseAreas),
      bounds,
      fitBoundsOptions: { padding: 24 },
      dragRotate: false,
      pitchWithRotate: false,
      attributionControl: mapStyleUrl ? {} : false,
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false, visualizePitch: false }), 'bottom-right');
    if (mapStyleUrl) {
      map.on('load', () => {
        for (const [id, source] of Object.entries(areaSources(baseAreas))) map.addSource(id, source);
        for (const layer of areaLayers('remote')) map.addLayer(layer);
      });
    }

    const reportIfDrawn = () => {
      const state = live.current;
      if (state.pendingKey === null || !state.mapIdle) return;
      if (!state.layers.every((layer) => layer.isLoaded)) return;
      const key = state.pendingKey;
      state.pendingKey = null;
      state.onDrawn(key);
    };
    live.current.reportIfDrawn = reportIfDrawn;

    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: live.current.layers,
      onAfterRender: reportIfDrawn,
      onClick: (info: PickingInfo) => {
        const taskingId = taskingIdOfPick(info.layer?.id, info.object);
        const [lng, lat] = info.coordinate ?? [];
        live.current.onPick({
          taskingId,
          cell: taskingId === null ? cellOf(info.object) : null,
          lngLat: lng !== undefined && lat !== undefined ? [lng, lat] : null,
          layerId: info.layer?.id ?? null,
          object: info.object ?? null,
        });
      },
      // The overlay canvas takes no pointer events, so the cursor is set on MapLibre's canvas.
      onHover: (info: PickingInfo) => {
        // Anything pickable under the pointer: a tasking, a cell, or a theme's school or hotspot.
        const over = info.object !== undefined && info.object !== null;
        map.getCanvas().style.cursor = live.current.drawing ? 'crosshair' : over ? 'pointer' : '';
      },
    });
    overlayRef.current = overlay;
    mapRef.current = map;
    map.addControl(overlay);
    map.on('zoomend', () => live.current.onZoom?.(map.getZoom()));
    live.current.onZoom?.(map.getZoom());
    map.on('idle', () => {
      live.current.mapIdle = true;
      reportIfDrawn();
    });

    const projectPoint = (lngLat: LngLat): [number, number] | null => {
      const point = map.project(lngLat);
      const box = container.getBoundingClientRect();
      if (point.x < 0 || point.y < 0 || point.x > box.width || point.y > box.height) return null;
      return [box.left + point.x, box.top + point.y];
    };
    window.__taskingMap = { projectCell: (cell) => projectPoint(cellCentre(cell)), projectPoint };

    return () => {
      delete window.__taskingMap;
      overlayRef.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, [baseAreas, mapStyleUrl]);

  useEffect(() => {
    live.current.layers = layers;
    live.current.pendingKey = layersKey;
    overlayRef.current?.setProps({ layers });
    // onAfterRender reports once deck.gl has drawn; if the new layers needed no redraw, the
    // check two frames on (after deck.gl's own frame) still reports them.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => live.current.reportIfDrawn());
    });
    return () => cancelAnimationFrame(frame);
  }, [layers, layersKey]);

  const focusKey = focus?.key ?? null;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !focus || focus.cells.length === 0) return;
    const positions = focus.cells.flatMap(cellRing);
    const lngs = positions.map((p) => p[0]);
    const lats = positions.map((p) => p[1]);
    // Near enough to see the streets, far enough to keep the neighbourhood around it.
    map.fitBounds(
      [
        [Math.min(...lngs), Math.min(...lats)],
        [Math.max(...lngs), Math.max(...lats)],
      ],
      { padding: focusPadding, maxZoom: 14, duration: 500 },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- moves once per key: a new answer for the same tasking must not pull the map back
  }, [focusKey]);

  // The map fitted the study area when it was made; only a later layout change needs a new fit.
  const fittedFor = useRef(fitKey);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || fittedFor.current === fitKey) return;
    fittedFor.current = fitKey;
    map.resize();
    map.fitBounds(boundsOfCollection(baseAreas.studyArea) ?? FALLBACK_BOUNDS, { padding: 24, duration: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fits once per layout: new areas make a new map anyway
  }, [fitKey]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = drawing ? 'crosshair' : '';
  }, [drawing]);

  return <div className="map-canvas" ref={containerRef} role="region" aria-label="Map of incident cells" />;
}
