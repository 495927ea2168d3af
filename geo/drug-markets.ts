// The drug-market index (issue 11; geo/themes.ts holds its components and weights): per cell
// a weighted sum of drug offences, drug-related ASB reports and drug searches with a positive
// outcome, each first divided by its own mean per study cell so that no source wins by sheer
// volume (police.uk drug offences outnumber partner reports many times). Pure.

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
 * The meeting's three words for a cell's run of windows (oldest first; 1 = a significant hot
 * spot in that window). Persistent: hot now and in at least two thirds of the windows. New: hot
 * now, only in a run of the latest windows, and not yet for two thirds of them. Fading: not hot
 * now, but hot in at least half of the windows before. Anything else (on and off, cold) gets
 * none. Looser than ArcGIS's 90% for "persistent" (decision 009: with six windows one quiet
 * window would end a market's persistence), so the emerging engine's own pattern is kept
 * beside it (decision 025).
 */
export function persistenceOf(states: readonly number[]): Persistence | null {
  const n = states.length;
  if (n === 0) return null;
  const hot = states.filter((s) => s === 1).length;
  const hotNow = states[n - 1] === 1;
  if (hotNow && hot >= Math.ceil((2 * n) / 3)) return 'persistent';
  if (hotNow) {
    let runStart = n - 1;
    while (runStart > 0 && states[runStart - 1] === 1) runStart -= 1;
    return states.slice(0, runStart).some((s) => s === 1) ? null : 'new';
  }
  const before = states.slice(0, n - 1);
  return before.filter((s) => s === 1).length >= Math.ceil(before.length / 2) ? 'fading' : null;
}
