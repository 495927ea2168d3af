// Colours, legend rows and words for the map's analytic views (hot spots, emerging, forecast).
// Pure data: build-layers.ts colours cells with it and the legends and cell panel print it,
// so a swatch in the legend is always the colour on the map.
import { EMERGING_PATTERNS, type EmergingPattern } from '../geo/emerging';
import type { Rgb } from './colour-scale';

export type MapViewName = 'counts' | 'hotspots' | 'emerging' | 'forecast';

export const VIEW_OPTIONS: readonly { view: MapViewName; label: string; hint: string }[] = [
  { view: 'counts', label: 'Counts', hint: 'incidents per cell' },
  { view: 'hotspots', label: 'Hot spots (Gi*)', hint: 'statistically significant clusters' },
  { view: 'emerging', label: 'Emerging', hint: 'new, growing and fading hot spots' },
  { view: 'forecast', label: 'Forecast (next window)', hint: 'where to patrol next' },
];

/**
 * Gi* confidence bins, +3..-3, in the diverging red-blue scheme ArcGIS Pro's Hot Spot Analysis
 * uses (ColorBrewer RdYlBu), so analysts read it as they already do. Bin 0 is drawn very light:
 * the study grid stays visible and clickable without looking like a finding. The cold 90% and 95%
 * blues are RdYlBu's 9-class ones: the 7-class palest blue was 3.4 CIEDE2000 from the grey of
 * bin 0 for a protanope (docs/decisions/034).
 */
export const BIN_COLOURS: Readonly<Record<number, Rgb>> = {
  3: [215, 48, 39],
  2: [252, 141, 89],
  1: [254, 224, 144],
  0: [240, 240, 240],
  [-1]: [171, 217, 233],
  [-2]: [116, 173, 209],
  [-3]: [69, 117, 180],
};

/** Not-significant cells: almost transparent, so the streets show through. */
export const NOT_SIGNIFICANT_ALPHA = 60;

export function colourOfBin(bin: number): Rgb {
  return BIN_COLOURS[bin] ?? BIN_COLOURS[0]!;
}

/** 'Hot spot, 99% confidence', 'Cold spot, 90% confidence' or 'Not significant'. */
export function describeBin(bin: number): string {
  const confidence = { 3: 99, 2: 95, 1: 90 }[Math.abs(bin)];
  if (bin === 0 || confidence === undefined) return 'Not significant';
  return `${bin > 0 ? 'Hot' : 'Cold'} spot, ${confidence}% confidence`;
}

export interface LegendRow {
  key: string;
  label: string;
  colour: Rgb;
  /** Cells in this class on screen, when known. */
  cells?: number;
}

/** Hot 99 first, cold 99 last, as ArcGIS lists them. */
export function binLegend(): LegendRow[] {
  return [3, 2, 1, 0, -1, -2, -3].map((bin) => ({ key: `bin${bin}`, label: describeBin(bin), colour: colourOfBin(bin) }));
}

/** The hot spot engine's summary names its bins thus (GET /api/hotspots `summary.bins`). */
const SUMMARY_KEY_OF_BIN: Readonly<Record<string, string>> = {
  bin3: 'hot99',
  bin2: 'hot95',
  bin1: 'hot90',
  bin0: 'notSignificant',
  'bin-1': 'cold90',
  'bin-2': 'cold95',
  'bin-3': 'cold99',
};

/** The bin legend with each class's cells, from a hot spot summary's `bins`. */
export function binLegendCounted(bins: Readonly<Record<string, number>>): LegendRow[] {
  return binLegend().map((row) => ({ ...row, cells: bins[SUMMARY_KEY_OF_BIN[row.key] ?? ''] ?? 0 }));
}

export const PATTERN_LABELS: Readonly<Record<EmergingPattern, string>> = {
  new: 'New',
  consecutive: 'Consecutive',
  intensifying: 'Intensifying',
  persistent: 'Persistent',
  diminishing: 'Diminishing',
  sporadic: 'Sporadic',
  oscillating: 'Oscillating',
  historical: 'Historical',
};

/**
 * Hot patterns: eight warm or purple colours (categorical, not a ramp: the patterns have no
 * order), the darkest reds for the patterns that matter most now (intensifying, persistent).
 * Chosen from well-known schemes (ColorBrewer YlOrRd, Reds and Set1, Okabe-Ito's orange, Paul
 * Tol's rose, purple and sand) so that every pair, hot and cold, stays at least 10 CIEDE2000
 * apart for the common colour-vision deficiencies (docs/decisions/034): the pinks and purples
 * used before turned into the cold blues for a deuteranope. Cold patterns share blues (ColorBrewer
 * RdBu and Blues), darker for the ones that matter now (ending cold).
 */
export const HOT_PATTERN_COLOURS: Readonly<Record<EmergingPattern, Rgb>> = {
  new: [230, 159, 0],
  consecutive: [239, 59, 44],
  intensifying: [128, 0, 38],
  persistent: [189, 0, 38],
  diminishing: [255, 255, 51],
  sporadic: [204, 102, 119],
  oscillating: [170, 51, 119],
  historical: [221, 204, 119],
};

export const COLD_PATTERN_COLOURS: Readonly<Record<EmergingPattern, Rgb>> = {
  new: [33, 102, 172],
  consecutive: [33, 102, 172],
  intensifying: [5, 48, 97],
  persistent: [67, 147, 195],
  diminishing: [146, 197, 222],
  sporadic: [146, 197, 222],
  oscillating: [146, 197, 222],
  historical: [222, 235, 247],
};

export function colourOfPattern(side: 'hot' | 'cold', pattern: EmergingPattern): Rgb {
  return side === 'hot' ? HOT_PATTERN_COLOURS[pattern] : COLD_PATTERN_COLOURS[pattern];
}

/** 'New hot spot', 'Persistent cold spot'. */
export function describePattern(side: 'hot' | 'cold', pattern: EmergingPattern): string {
  return `${PATTERN_LABELS[pattern]} ${side} spot`;
}

/** One row per hot pattern, then the cold patterns that occur, with their cell counts. */
export function patternLegend(patterns: Readonly<Record<string, number>>): LegendRow[] {
  const hot = EMERGING_PATTERNS.map((pattern) => ({
    key: `hot:${pattern}`,
    label: describePattern('hot', pattern),
    colour: colourOfPattern('hot', pattern),
    cells: patterns[`hot:${pattern}`] ?? 0,
  }));
  const cold = EMERGING_PATTERNS.filter((pattern) => (patterns[`cold:${pattern}`] ?? 0) > 0).map((pattern) => ({
    key: `cold:${pattern}`,
    label: describePattern('cold', pattern),
    colour: colourOfPattern('cold', pattern),
    cells: patterns[`cold:${pattern}`] ?? 0,
  }));
  return [...hot, ...cold];
}

/** The forecast highlights this share of the study area's cells: the coverage the backtest headline scores. */
export const FORECAST_TOP_SHARE = 0.05;
export const FORECAST_FILL: Rgb = [106, 61, 154];
export const FORECAST_EDGE: Rgb = [45, 0, 75];

/** How many of `studyCells` ranked cells make the top share (at least one when there are any). */
export function forecastTopCount(studyCells: number, share = FORECAST_TOP_SHARE): number {
  return studyCells === 0 ? 0 : Math.max(1, Math.ceil(studyCells * share));
}

export function legendTitleOf(view: MapViewName, harm: boolean): string {
  switch (view) {
    case 'counts':
      return 'Incidents per 28 days per cell';
    case 'hotspots':
      return harm ? 'Hot spots of harm (Gi*)' : 'Hot spots (Gi*)';
    case 'emerging':
      return 'Emerging hot spots';
    case 'forecast':
      return 'Forecast (next window)';
  }
}
