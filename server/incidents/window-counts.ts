// Window counts over the in-memory incident index. The counting rule, everywhere: an
// incident counts in [fromDay, toDay) when its whole time span lies inside; a
// month-precision incident whose month straddles an edge is reported apart as partial.
import { cellResolution } from '../../geo/h3';
import { MAX_SPAN_DAYS, type IncidentIndex } from './incident-index';

export const COUNT_RULE =
  'An incident counts when its whole time span lies in [from, to). police.uk incidents are known only to the month, ' +
  'so they count only when their whole month lies inside the window; those whose month straddles an edge are ' +
  'reported separately as partialCount and never added to count.';

export interface WindowQuery {
  categories: readonly string[];
  fromDay: number;
  /** Exclusive. */
  toDay: number;
  h3Resolution: number;
}

export interface CellWindowCount {
  cell: string;
  count: number;
  partialCount: number;
}

/** Calls visit(i, whole) for each incident of the wanted categories overlapping the window. */
function scanWindow(index: IncidentIndex, query: WindowQuery, visit: (i: number, whole: boolean) => void): void {
  const wanted = new Uint8Array(Math.max(1, index.categories.length));
  const slugs = new Set(query.categories);
  index.categories.forEach((slug, k) => {
    if (slugs.has(slug)) wanted[k] = 1;
  });
  const { startDay, endDay, categoryIndex } = index;
  const { fromDay, toDay } = query;
  const stop = index.firstAtOrAfter(toDay);
  for (let i = index.firstAtOrAfter(fromDay - MAX_SPAN_DAYS); i < stop; i++) {
    if (wanted[categoryIndex[i]!] === 0) continue;
    const end = endDay[i]!;
    if (end <= fromDay) continue;
    visit(i, startDay[i]! >= fromDay && end <= toDay);
  }
}

export function countCellsInWindow(index: IncidentIndex, query: WindowQuery): CellWindowCount[] {
  const whole = new Int32Array(index.cells.length);
  const partial = new Int32Array(index.cells.length);
  const { cellIndex } = index;
  scanWindow(index, query, (i, isWhole) => {
    if (isWhole) whole[cellIndex[i]!]! += 1;
    else partial[cellIndex[i]!]! += 1;
  });
  const parents = index.parentsAt(query.h3Resolution);
  const byCell = new Map<string, CellWindowCount>();
  for (let k = 0; k < whole.length; k++) {
    if (whole[k] === 0 && partial[k] === 0) continue;
    const cell = parents[k]!;
    let entry = byCell.get(cell);
    if (!entry) {
      entry = { cell, count: 0, partialCount: 0 };
      byCell.set(cell, entry);
    }
    entry.count += whole[k]!;
    entry.partialCount += partial[k]!;
  }
  return [...byCell.values()].sort((a, b) => b.count - a.count || (a.cell < b.cell ? -1 : 1));
}

export interface CategoryCount {
  category: string;
  count: number;
  partialCount: number;
}

/** Per-category counts inside one cell (any resolution 7..11) for a window. */
export function countCategoriesInCell(index: IncidentIndex, query: Omit<WindowQuery, 'h3Resolution'>, cell: string): CategoryCount[] {
  const parents = index.parentsAt(cellResolution(cell));
  const inCell = new Uint8Array(index.cells.length);
  parents.forEach((parent, k) => {
    if (parent === cell) inCell[k] = 1;
  });
  const whole = new Int32Array(index.categories.length);
  const partial = new Int32Array(index.categories.length);
  scanWindow(index, { ...query, h3Resolution: cellResolution(cell) }, (i, isWhole) => {
    if (inCell[index.cellIndex[i]!] === 0) return;
    const c = index.categoryIndex[i]!;
    if (isWhole) whole[c]! += 1;
    else partial[c]! += 1;
  });
  return index.categories
    .map((category, c) => ({ category, count: whole[c]!, partialCount: partial[c]! }))
    .filter((row) => row.count > 0 || row.partialCount > 0)
    .sort((a, b) => b.count - a.count);
}
