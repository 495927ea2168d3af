// The cell colour scale. Cells are coloured by their RATE per 28 days, not their raw count,
// with class breaks fixed per H3 resolution: switching from the last 28 days to the last 7
// does not recolour the map when the underlying rate is the same, and a quiet week does not
// make a cold cell look hot (which data-driven breaks such as quantiles would do).

export const RATE_PERIOD_DAYS = 28;

/** RGB, 0..255. */
export type Rgb = [red: number, green: number, blue: number];

/**
 * ColorBrewer YlOrRd (Brewer, Penn State), familiar from crime maps, sampled at seven points of
 * its nine-class ramp as d3-scale-chromatic's interpolateYlOrRd B-spline draws it (t = 0, 0.142,
 * 0.333, 0.52, 0.667, 0.833, 1), spaced for even steps: ColorBrewer's own 7-class YlOrRd has
 * neighbours only 5.3 CIEDE2000 apart for a deuteranope, these at least 8.5 for every common
 * colour-vision deficiency (docs/decisions/034, checked by palettes.test.ts).
 */
export const CLASS_COLOURS: readonly Rgb[] = [
  [255, 255, 204],
  [255, 234, 155],
  [254, 191, 91],
  [253, 128, 57],
  [242, 61, 38],
  [200, 10, 34],
  [128, 0, 38],
];

/**
 * Lower bounds (incidents per 28 days per cell) of classes 1..6; class 0 is anything above
 * zero and below the first break. Resolution 9 (about 0.1 km² per cell) doubles from 1. Each
 * coarser H3 resolution has about 7 times the cell area, so the same density of incidents
 * gives about 7 times the count: the breaks scale by ~7 per step, rounded to numbers a
 * meeting can read off a legend.
 */
export const BREAKS_BY_RESOLUTION: Readonly<Record<number, readonly number[]>> = {
  7: [50, 100, 200, 400, 800, 1600],
  8: [7, 14, 28, 56, 112, 224],
  9: [1, 2, 4, 8, 16, 32],
  10: [0.15, 0.3, 0.6, 1.2, 2.5, 5],
};

export function breaksOf(h3Resolution: number): readonly number[] {
  const breaks = BREAKS_BY_RESOLUTION[h3Resolution];
  if (!breaks) throw new Error(`no colour breaks for H3 resolution ${h3Resolution}; expected 7..10`);
  return breaks;
}

/** Incidents per 28 days: count × 28 / windowDays. */
export function ratePer28Days(count: number, windowDays: number): number {
  if (windowDays <= 0) throw new Error(`windowDays must be positive, got ${windowDays}`);
  return (count * RATE_PERIOD_DAYS) / windowDays;
}

/** Class index 0..6 of a rate, or null when the rate is zero (nothing to colour). */
export function classOfRate(rate: number, h3Resolution: number): number | null {
  if (!(rate > 0)) return null;
  const breaks = breaksOf(h3Resolution);
  let cls = 0;
  for (const lower of breaks) if (rate >= lower) cls += 1;
  return cls;
}

/** Fill colour of a cell's counted incidents, or null when it has none. */
export function colourOfCount(count: number, windowDays: number, h3Resolution: number): Rgb | null {
  const cls = classOfRate(ratePer28Days(count, windowDays), h3Resolution);
  return cls === null ? null : CLASS_COLOURS[cls]!;
}

export interface LegendClass {
  label: string;
  colour: Rgb;
}

function formatRate(value: number): string {
  return value >= 1 ? String(value) : value.toFixed(2).replace(/0+$/, '');
}

/** The legend: one row per class, labelled in incidents per 28 days per cell. */
export function legendClasses(h3Resolution: number): LegendClass[] {
  const breaks = breaksOf(h3Resolution);
  return CLASS_COLOURS.map((colour, cls) => {
    const lower = cls === 0 ? null : breaks[cls - 1]!;
    const upper = breaks[cls];
    const label =
      lower === null
        ? `under ${formatRate(upper!)}`
        : upper === undefined
          ? `${formatRate(lower)} or more`
          : `${formatRate(lower)} to under ${formatRate(upper)}`;
    return { label, colour };
  });
}

export function cssColour([red, green, blue]: Rgb): string {
  return `rgb(${red} ${green} ${blue})`;
}
