// The officer's small map as a function of state: the walking route, every stop as a numbered
// dot (done ones grey), and the next stop large and dark. No geometry here: positions come from the plan.
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { LngLat } from '../../geo/types';

export interface PatrolMapStop {
  index: number;
  point: LngLat;
  done: boolean;
}

export interface PatrolMapState {
  route: readonly LngLat[];
  stops: readonly PatrolMapStop[];
  nextIndex: number | null;
}

const ROUTE: [number, number, number, number] = [0, 70, 190, 220];
const NEXT: [number, number, number] = [0, 0, 0];
const TODO: [number, number, number] = [0, 70, 190];
const DONE: [number, number, number] = [150, 150, 150];

export function buildPatrolLayers(state: PatrolMapState): Layer[] {
  const ordered = [...state.stops].sort((a, b) => (a.index === state.nextIndex ? 1 : 0) - (b.index === state.nextIndex ? 1 : 0));
  // A repeat visit to the next stop's area sits on the same point: only the next one's number is drawn there.
  const next = state.stops.find((s) => s.index === state.nextIndex);
  const numbered = ordered.filter((s) => !next || s === next || s.point[0] !== next.point[0] || s.point[1] !== next.point[1]);
  return [
    new PathLayer<{ path: LngLat[] }>({
      id: 'patrol-route',
      data: [{ path: [...state.route] }],
      getPath: (d) => d.path,
      getColor: ROUTE,
      getWidth: 4,
      widthUnits: 'pixels',
      pickable: false,
    }),
    new ScatterplotLayer<PatrolMapStop>({
      id: 'patrol-stops',
      data: ordered,
      getPosition: (d) => d.point,
      getRadius: (d) => (d.index === state.nextIndex ? 16 : 11),
      radiusUnits: 'pixels',
      getFillColor: (d) => (d.index === state.nextIndex ? NEXT : d.done ? DONE : TODO),
      getLineColor: [255, 255, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      stroked: true,
      pickable: false,
      updateTriggers: { getRadius: [state.nextIndex], getFillColor: [state.nextIndex, ordered.map((s) => s.done).join()] },
    }),
    new TextLayer<PatrolMapStop>({
      id: 'patrol-stop-numbers',
      data: numbered,
      getPosition: (d) => d.point,
      getText: (d) => String(d.index + 1),
      getSize: (d) => (d.index === state.nextIndex ? 17 : 13),
      getColor: [255, 255, 255],
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 700,
      pickable: false,
      updateTriggers: { getSize: [state.nextIndex] },
    }),
  ];
}
