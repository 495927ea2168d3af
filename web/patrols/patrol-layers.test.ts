import { describe, expect, it } from 'vitest';
import { patrolLayers, PATROL_LAYER_IDS, stopsOfVisits } from './patrol-layers';

const visit = (taskingId: number, area: string, point: [number, number]) => ({ taskingId, area, point });

describe('the patrol plan on the map', () => {
  it('numbers each area with every visit to it, in the plan order', () => {
    const stops = stopsOfVisits([visit(7, 'Brick Lane', [-0.07, 51.52]), visit(3, 'Chrisp Street', [-0.01, 51.51]), visit(7, 'Brick Lane', [-0.07, 51.52])]);
    expect(stops.map((s) => [s.area, s.numbers])).toEqual([
      ['Brick Lane', [1, 3]],
      ['Chrisp Street', [2]],
    ]);
  });

  it('draws the areas, the route, the start and the numbered stops; no route for a plan with no visits', () => {
    const layers = patrolLayers({
      start: [-0.03, 51.515],
      route: [
        [-0.03, 51.515],
        [-0.07, 51.52],
        [-0.03, 51.515],
      ],
      visits: [visit(7, 'Brick Lane', [-0.07, 51.52])],
      areas: [{ taskingId: 7, cells: ['89194ad3003ffff'] }],
      selectedTaskingId: null,
    });
    expect(layers.map((l) => l.id)).toEqual([
      PATROL_LAYER_IDS.areas,
      PATROL_LAYER_IDS.route,
      PATROL_LAYER_IDS.start,
      PATROL_LAYER_IDS.stops,
      PATROL_LAYER_IDS.numbers,
    ]);
    const byId = (id: string) => layers.find((l) => l.id === id)!.props.data as unknown[];
    expect(byId(PATROL_LAYER_IDS.route)).toHaveLength(1);
    expect(byId(PATROL_LAYER_IDS.numbers)).toHaveLength(1);
    const empty = patrolLayers({ start: [-0.03, 51.515], route: [[-0.03, 51.515]], visits: [], areas: [], selectedTaskingId: null });
    expect(empty.find((l) => l.id === PATROL_LAYER_IDS.route)!.props.data).toEqual([]);
  });
});
