// A tasking's time bands: when the problem happens and so when patrols should be there,
// e.g. { weekdays: 'mon-fri', hours: '15-18' } for after school on weekdays. Same syntax as
// the weekdays= and hours= filters of the map (London time); a tasking may have several.
import { parseHours, parseWeekdays, WEEKDAY_NAMES } from '../time-filter';
import { fail, ok, type Result } from '../types';

export interface TimeBand {
  /** e.g. 'mon-fri' or 'sat,sun'; null = every day. */
  weekdays: string | null;
  /** e.g. '15-18' (15:00 to 18:00) or '22-2'; null = all day. */
  hours: string | null;
}

/** Hours in a week: index = weekday (Monday 0) * 24 + hour. */
export const WEEK_HOURS = 168;

/** The week-hours one band covers, or why its text is not a band. */
export function weekHoursOfBand(band: TimeBand): Result<Uint8Array> {
  if (band.weekdays === null && band.hours === null) return fail('a time band needs weekdays (e.g. mon-fri), hours (e.g. 15-18) or both');
  const days = band.weekdays === null ? ok(new Uint8Array(7).fill(1)) : parseWeekdays(band.weekdays);
  if (!days.ok) return days;
  const hours = band.hours === null ? ok(new Uint8Array(24).fill(1)) : parseHours(band.hours);
  if (!hours.ok) return hours;
  const mask = new Uint8Array(WEEK_HOURS);
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) mask[d * 24 + h] = days.value[d]! & hours.value[h]!;
  return ok(mask);
}

/** The union of the bands' week-hours; every hour of the week when there are no bands. */
export function weekHoursOfBands(bands: readonly TimeBand[]): Uint8Array {
  if (bands.length === 0) return new Uint8Array(WEEK_HOURS).fill(1);
  const mask = new Uint8Array(WEEK_HOURS);
  for (const band of bands) {
    const one = weekHoursOfBand(band);
    if (!one.ok) throw new Error(`stored time band is invalid: ${one.reason}`);
    for (let k = 0; k < WEEK_HOURS; k++) mask[k]! |= one.value[k]!;
  }
  return mask;
}

/** Banded hours on each weekday (Monday first): 0 where no band applies. */
export function bandHoursByWeekday(mask: Uint8Array): number[] {
  return Array.from({ length: 7 }, (_, d) => mask.subarray(d * 24, d * 24 + 24).reduce((sum, v) => sum + v, 0));
}

/** Plain words for a band, e.g. 'Mon-Fri 15:00-18:00'. */
export function describeBand(band: TimeBand): string {
  const days = band.weekdays === null ? 'every day' : band.weekdays.replace(/\b([a-z])/g, (c) => c.toUpperCase());
  if (band.hours === null) return `${days}, all day`;
  const hours = band.hours
    .split(',')
    .map((part) =>
      part
        .trim()
        .split('-')
        .map((h) => `${h.padStart(2, '0')}:00`)
        .join('-'),
    )
    .join(', ');
  return `${days} ${hours}`;
}

/** The band's text, trimmed and lower-cased as the filters read it; empty text means "not given". */
export function normaliseBand(band: { weekdays?: string | null | undefined; hours?: string | null | undefined }): TimeBand {
  const clean = (text: string | null | undefined) => (text === undefined || text === null || text.trim() === '' ? null : text.trim().toLowerCase());
  return { weekdays: clean(band.weekdays), hours: clean(band.hours) };
}

export { WEEKDAY_NAMES };
