import { describe, expect, it } from 'vitest';
import { cellAt, cellsWithinDistance, outlineOfCells } from '../../geo/h3';
import { buildLayers } from '../build-layers';
import { labelsOf, outlineColour, TASKING_LAYER_IDS, taskingIdOfPick, taskingLayers, type OutlineFeature } from './tasking-layers';

const CENTRE = cellAt(-0.0597, 51.5194, 9);
const feature = (id: number, status: string): OutlineFeature =>
  Object.freeze({
    type: 'Feature',
    properties: Object.freeze({ id, title: `Tasking ${id}`, status, labelPoint: [-0.0597, 51.5194] as [number, number] }),
    geometry: outlineOfCells(cellsWithinDistance(CENTRE, 1)),
  });

describe('tasking layers', () => {
  it('draws outlines with a halo and labels on top of the view, and the drafted area', () => {
    const layers = buildLayers({
      data: { view: 'counts', cells: [], windowDays: 28 },
      h3Resolution: 9,
      selectedCell: null,
      labels: [],
      taskings: {
        features: [feature(1, 'active'), feature(2, 'review-due')],
        selectedId: 2,
        draft: {
          cells: [CENTRE],
          vertices: [
            [-0.06, 51.52],
            [-0.059, 51.52],
          ],
          closed: false,
        },
      },
    });
    const ids = layers.map((l) => l.id);
    expect(ids.slice(-6)).toEqual([
      TASKING_LAYER_IDS.halo,
      TASKING_LAYER_IDS.outline,
      TASKING_LAYER_IDS.labels,
      TASKING_LAYER_IDS.draftCells,
      TASKING_LAYER_IDS.draftPath,
      TASKING_LAYER_IDS.draftVertices,
    ]);
  });

  it('draws nothing without taskings or a draft', () => {
    expect(taskingLayers({ features: [], selectedId: null, draft: null })).toEqual([]);
  });

  it('marks review-due taskings and the selected one apart, and says so in the label', () => {
    const due = feature(2, 'review-due');
    expect(outlineColour(feature(1, 'active').properties, null)).not.toEqual(outlineColour(due.properties, null));
    expect(outlineColour(due.properties, 2)).not.toEqual(outlineColour(due.properties, null));
    expect(labelsOf([due])[0]!.text).toBe('Tasking 2 (review due)');
  });

  it('finds the tasking behind a picked outline or label, and nothing behind other layers', () => {
    expect(taskingIdOfPick(TASKING_LAYER_IDS.outline, feature(7, 'active'))).toBe(7);
    expect(taskingIdOfPick(TASKING_LAYER_IDS.labels, labelsOf([feature(8, 'active')])[0])).toBe(8);
    expect(taskingIdOfPick('cells-counted', { cell: CENTRE })).toBeNull();
    expect(taskingIdOfPick(undefined, null)).toBeNull();
  });
});
