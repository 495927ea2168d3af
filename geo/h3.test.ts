import { describe, expect, it } from 'vitest';
import { cellAt, cellsWithinDistance, groupTouchingCells } from './h3';

describe('groupTouchingCells', () => {
  it('joins neighbours into one hotspot and keeps a cell apart from them alone', () => {
    const centre = cellAt(-0.0597, 51.5194, 10);
    const ring = cellsWithinDistance(centre, 1).filter((c) => c !== centre);
    const far = cellAt(-0.02, 51.5, 10);
    const groups = groupTouchingCells([far, ring[0]!, centre, ring[3]!]);
    expect(groups).toEqual([[centre, ring[0]!, ring[3]!].sort(), [far]]);
  });
});
