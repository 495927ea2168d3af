// deck.gl layers of a patrol plan for the planner's map (issue 13): the tasked areas' cells, the
// walking route from the start and back, numbered stops (an area visited twice carries both
// numbers, "1, 4") and the start. Pure: plan in, layers out, testable without WebGL.
import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { LngLat } from '../../geo/types';

export const PATROL_LAYER_IDS = {
  areas: 'patrol-areas',
  route: 'patrol-route',
  stops: 'patrol-stops',
  numbers: 'patrol-stop-numbers',
  start: 'patrol-start',
} as const;

type Rgba = [number, number, number, number];
const ROUTE: Rgba = [0, 70, 190, 255];
const AREA_FILL: Rgba = [0, 70, 190, 45];
const AREA_EDGE: Rgba = [0, 70, 190, 200];
const STOP_FILL: Rgba = [255, 255, 255, 255];
const INK: Rgba = [20, 20, 30, 255];
const SELECTED: Rgba = [255, 212, 0, 255];

export interface PatrolMapStop {
  /** The visits' numbers in the plan (1-based), for an area visited more than once. */
  numbers: number[];
  taskingId: number;
  area: string;
  point: LngLat;
}

export interface PatrolMapState {
  start: LngLat;
  route: readonly LngLat[];
  visits: readonly { taskingId: number; area: string; point: LngLat }[];
  /** Each tasking's cells, drawn as its area. */
  areas: readonly { taskingId: number; cells: readonly string[] }[];
  selectedTaskingId: number | null;
}

/** One marker per area, numbered with every visit to it in the plan's order. */
export function stopsOfVisits(visits: PatrolMapState['visits']): PatrolMapStop[] {
  const byArea = new Map<number, PatrolMapStop>();
  visits.forEach((visit, k) => {
    const stop = byArea.get(visit.taskingId);
    if (stop) stop.numbers.push(k + 1);
    else byArea.set(visit.taskingId, { numbers: [k + 1], taskingId: visit.taskingId, area: visit.area, point: visit.point });
  });
  return [...byArea.values()];
}

export function patrolLayers(state: PatrolMapState): Layer[] {
  const stops = stopsOfVisits(state.visits);
  const cells = state.areas.flatMap((a) => a.cells.map((cell) => ({ cell, taskingId: a.taskingId })));
  return [
    new H3HexagonLayer<{ cell: string; taskingId: number }>({
      id: PATROL_LAYER_IDS.areas,
      data: cells,
      getHexagon: (d) => d.cell,
      extruded: false,
      filled: true,
      getFillColor: (d) => (d.taskingId === state.selectedTaskingId ? [255, 212, 0, 110] : AREA_FILL),
      stroked: true,
      getLineColor: AREA_EDGE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: false,
      updateTriggers: { getFillColor: [state.selectedTaskingId] },
    }),
    new PathLayer<readonly LngLat[]>({
      id: PATROL_LAYER_IDS.route,
      data: state.route.length > 1 ? [state.route] : [],
      getPath: (d) => d as LngLat[],
      getColor: ROUTE,
      widthUnits: 'pixels',
      getWidth: 4,
      pickable: false,
    }),
    new ScatterplotLayer<LngLat>({
      id: PATROL_LAYER_IDS.start,
      data: [state.start],
      getPosition: (d) => d,
      radiusUnits: 'pixels',
      getRadius: 9,
      getFillColor: INK,
      stroked: true,
      getLineColor: STOP_FILL,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
    new ScatterplotLayer<PatrolMapStop>({
      id: PATROL_LAYER_IDS.stops,
      data: stops,
      getPosition: (d) => d.point,
      radiusUnits: 'pixels',
      getRadius: 15,
      getFillColor: (d) => (d.taskingId === state.selectedTaskingId ? SELECTED : STOP_FILL),
      stroked: true,
      getLineColor: INK,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      pickable: true,
      updateTriggers: { getFillColor: [state.selectedTaskingId] },
    }),
    new TextLayer<PatrolMapStop>({
      id: PATROL_LAYER_IDS.numbers,
      data: stops,
      getPosition: (d) => d.point,
      getText: (d) => d.numbers.join(', '),
      getSize: 15,
      getColor: INK,
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 700,
      fontSettings: { sdf: true },
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 255],
      characterSet: 'auto',
      pickable: false,
    }),
  ];
}
