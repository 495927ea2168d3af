// The drug-market index (issue 11; geo/themes.ts holds its components and weights): per cell
// a weighted sum of drug offences, drug-related ASB reports and drug searches with a positive
// outcome, each first divided by its own mean per study cell so that no source wins by sheer
// volume (police.uk drug offences outnumber partner reports many times). Pure.
import type { EmergingClass } from './emerging';
import { cellsWithinDistance } from './h3';

export interface ComponentSeries {
  id: string;
  label: string;
  weight: number;
  /** Per window (oldest first; the last is the window asked for), one value per study cell. */
  windows: readonly Float64Array[];
}

export interface IndexSeries {
  /** Per window, the index of every study cell. */
  windows: Float64Array[];
  /** Per component, the mean per study cell it was divided by (over all the windows), or null when it has no records. */
  scales: { id: string; meanPerCell: number | null }[];
  notes: string[];
}

/**
 * index = sum over components of weight x value / mean, the mean per study cell taken over all
 * the windows (so a component's rise over the windows still shows). A component without a
 * single record adds nothing, and a note says so.
 */
export function drugMarketIndex(components: readonly ComponentSeries[], cellCount: number): IndexSeries {
  const windowCount = components[0]?.windows.length ?? 0;
  const windows = Array.from({ length: windowCount }, () => new Float64Array(cellCount));
  const scales: IndexSeries['scales'] = [];
  const notes: string[] = [];
  for (const component of components) {
    const total = component.windows.reduce((sum, values) => sum + values.reduce((a, b) => a + b, 0), 0);
    const mean = cellCount > 0 && windowCount > 0 ? total / (cellCount * windowCount) : 0;
    if (mean === 0 || component.weight === 0) {
      scales.push({ id: component.id, meanPerCell: null });
      if (component.weight !== 0) notes.push(`No ${component.label.toLowerCase()} in these windows: the index is made of the other parts.`);
      continue;
    }
    scales.push({ id: component.id, meanPerCell: mean });
    component.windows.forEach((values, w) => {
      const index = windows[w]!;
      for (let i = 0; i < cellCount; i++) index[i]! += (component.weight * values[i]!) / mean;
    });
  }
  return { windows, scales, notes };
}

export type Persistence = 'persistent' | 'new' | 'fading';

/**
 * The meeting's three words for the emerging engine's hot patterns (decision 009). Persistent:
 * hot in at least 90% of the windows and in the last, whatever the trend of its intensity
 * (persistent, intensifying, diminishing: a market whose clustering weakens is still a market,
 * and with a handful of windows the trend is the least certain part; `pattern` keeps it). New:
 * hot only lately (new, consecutive). Fading: hot in most windows but no longer in the last
 * (historical). Sporadic, oscillating and cold spots get none.
 */
export function persistenceOf(emerging: Pick<EmergingClass, 'side' | 'pattern'>): Persistence | null {
  if (emerging.side !== 'hot') return null;
  switch (emerging.pattern) {
    case 'persistent':
    case 'intensifying':
    case 'diminishing':
      return 'persistent';
    case 'new':
    case 'consecutive':
      return 'new';
    case 'historical':
      return 'fading';
    default:
      return null;
  }
}

/** Hot cells grouped into hotspots: cells that touch (H3 neighbours) are one hotspot. Largest first. */
export function groupTouchingCells(cells: readonly string[]): string[][] {
  const remaining = new Set(cells);
  const groups: string[][] = [];
  for (const start of cells) {
    if (!remaining.has(start)) continue;
    remaining.delete(start);
    const group = [start];
    for (let k = 0; k < group.length; k++) {
      for (const next of cellsWithinDistance(group[k]!, 1)) {
        if (remaining.delete(next)) group.push(next);
      }
    }
    groups.push(group.sort());
  }
  return groups.sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
}
