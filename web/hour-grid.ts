// The "When" grid of the cell panel: hour of day x day of week, from /api/profile. Pure
// helpers so the peak the caption names is tested, not eyeballed.

export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface Peak {
  weekday: number;
  hour: number;
  count: number;
}

/** The busiest weekday-hour; ties go to the earliest in the week (Mon 00:00 first). Null when empty. */
export function peakOf(hourByWeekday: readonly (readonly number[])[]): Peak | null {
  let peak: Peak | null = null;
  hourByWeekday.forEach((hours, weekday) =>
    hours.forEach((count, hour) => {
      if (count > 0 && (peak === null || count > peak.count)) peak = { weekday, hour, count };
    }),
  );
  return peak;
}

const hh = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;

/** 'Peak: Fri 22:00–23:00' (4 incidents), or a sentence saying there are no timed incidents. */
export function peakCaption(hourByWeekday: readonly (readonly number[])[]): string {
  const peak = peakOf(hourByWeekday);
  if (!peak) return 'No incidents with a time of day in this window';
  const ties = hourByWeekday.flat().filter((count) => count === peak.count).length;
  const incidents = `${peak.count} ${peak.count === 1 ? 'incident' : 'incidents'}`;
  const also = ties > 1 ? `; ${ties - 1} other hours as busy` : '';
  return `Peak: ${WEEKDAY_LABELS[peak.weekday] ?? '?'} ${hh(peak.hour)}–${hh(peak.hour + 1)} (${incidents}${also})`;
}

/** Background of one grid square: white for none, darkening to deep red at the cell's busiest hour. */
export function shadeOf(count: number, max: number): string {
  if (count <= 0 || max <= 0) return 'rgb(255 255 255)';
  const t = Math.min(1, count / max);
  // From YlOrRd's light end (255,237,160) to its dark end (177,0,38).
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(255, 177)} ${mix(237, 0)} ${mix(160, 38)})`;
}

export interface HourBand {
  /** First hour of the band, 0..23. */
  start: number;
  /** Hours in the band. */
  hours: number;
  count: number;
  /** Of the timed incidents. */
  share: number;
}

/**
 * The `width` consecutive hours (wrapping past midnight) with the most incidents: when to be
 * there. Ties go to the earliest start. Null when no incident has a time of day.
 */
export function busiestHours(byHour: readonly number[], width = 3): HourBand | null {
  const total = byHour.reduce((a, b) => a + b, 0);
  if (total <= 0 || byHour.length !== 24) return null;
  let best: HourBand | null = null;
  for (let start = 0; start < 24; start++) {
    let count = 0;
    for (let k = 0; k < width; k++) count += byHour[(start + k) % 24]!;
    if (best === null || count > best.count) best = { start, hours: width, count, share: count / total };
  }
  return best;
}

/** '20:00–23:00', '23:00–02:00'. */
export function hourBandText(band: Pick<HourBand, 'start' | 'hours'>): string {
  return `${hh(band.start)}–${hh(band.start + band.hours)}`;
}

/** The busiest hour of a series, or null when it has none. Ties go to the earliest. */
export function peakHour(byHour: readonly number[]): number | null {
  const max = Math.max(0, ...byHour);
  return max > 0 ? byHour.indexOf(max) : null;
}
