// Emerging hot spot patterns, following the definitions of ArcGIS Pro's Emerging Hot Spot
// Analysis (Space Time Pattern Mining), written down in docs/decisions/009-emerging-hot-spots.md.
// Input per cell: its significance class in each window, oldest first (+1 significant hot,
// -1 significant cold, 0 neither, after multiple-testing correction) and its Gi* z series,
// whose Mann-Kendall trend separates intensifying, persistent and diminishing spots.
import { mannKendall, type TrendTest } from './mann-kendall';

export const EMERGING_PATTERNS = ['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical'] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];

export interface EmergingClass {
  /** 'hot' or 'cold' side of the pattern; null when no pattern is detected. */
  side: 'hot' | 'cold' | null;
  pattern: EmergingPattern | null;
  hotWindows: number;
  coldWindows: number;
  trend: TrendTest;
}

/** ArcGIS: a location is "mostly" hot when at least 90% of its windows are significant hot spots. */
export const MOSTLY_SHARE = 0.9;

function classifySide(states: readonly number[], side: 1 | -1, trend: TrendTest): EmergingPattern | null {
  const n = states.length;
  const isSide = (s: number) => s === side;
  const count = states.filter(isSide).length;
  const finalOnSide = isSide(states[n - 1]!);
  const mostly = count >= MOSTLY_SHARE * n;
  if (!finalOnSide) return mostly ? 'historical' : null;
  if (mostly) {
    // Intensifying means clustering grows stronger: rising z for hot spots, falling z for cold.
    if (trend.direction === side) return 'intensifying';
    if (trend.direction === -side) return 'diminishing';
    return 'persistent';
  }
  if (count === 1) return 'new';
  let runStart = n - 1;
  while (runStart > 0 && isSide(states[runStart - 1]!)) runStart -= 1;
  const onSideBeforeRun = states.slice(0, runStart).some(isSide);
  if (!onSideBeforeRun) return 'consecutive';
  if (states.slice(0, n - 1).some((s) => s === -side)) return 'oscillating';
  return 'sporadic';
}

/**
 * Classifies one cell. Hot patterns are looked for first; a cell that is cold in the final
 * window (or mostly cold) gets the mirrored cold pattern.
 */
export function classifyEmerging(states: readonly number[], zSeries: readonly number[], alpha = 0.05): EmergingClass {
  if (states.length !== zSeries.length || states.length < 2) {
    throw new Error(`classifyEmerging needs two or more windows with one z per window (got ${states.length} states, ${zSeries.length} z)`);
  }
  const trend = mannKendall(zSeries, alpha);
  const hotWindows = states.filter((s) => s === 1).length;
  const coldWindows = states.filter((s) => s === -1).length;
  const hot = classifySide(states, 1, trend);
  if (hot) return { side: 'hot', pattern: hot, hotWindows, coldWindows, trend };
  const cold = classifySide(states, -1, trend);
  if (cold) return { side: 'cold', pattern: cold, hotWindows, coldWindows, trend };
  return { side: null, pattern: null, hotWindows, coldWindows, trend };
}
