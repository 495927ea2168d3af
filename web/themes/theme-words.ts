// The theme layers' numbers in words: every figure on screen carries its unit ("12
// robberies", "35% of 40 drug searches"), and no API parameter name reaches a reader.
// Pure, so the wording is unit-tested.
import { isoDateOfDay, parseIsoDate } from '../../geo/time';
import type { ApiFailure } from '../api-client';
import { busiestHours, hourBandText, peakHour } from '../hour-grid';
import { formatDay } from '../window-dates';

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** What the robbery-near-schools layer counts, as a noun for one and for many. */
export function countedNoun(categories: readonly string[]): { one: string; many: string } {
  const robbery = categories.includes('robbery');
  const theft = categories.includes('theft-from-the-person');
  if (robbery && theft) return { one: 'robbery or theft', many: 'robberies and thefts' };
  if (theft) return { one: 'theft from the person', many: 'thefts from the person' };
  return { one: 'robbery', many: 'robberies' };
}

/** A count with its noun: '1 robbery', '12 robberies'. */
export function countOf(n: number, categories: readonly string[]): string {
  const noun = countedNoun(categories);
  return plural(n, noun.one, noun.many);
}

/** '+3', '−2' (a true minus sign) or 'no change'. */
export function signedChange(change: number): string {
  if (change === 0) return 'no change';
  return change > 0 ? `+${change.toLocaleString('en-GB')}` : `−${Math.abs(change).toLocaleString('en-GB')}`;
}

/** 1.25 → '1.3'; 12 → '12'. */
export function oneDecimal(value: number): string {
  return (Math.round(value * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

export interface AboveBoroughRate {
  expected: number;
  standsOut: boolean;
}

/** The table's verdict on a school against the borough's average density, in two parts: 'Stands out:' and '4.8 expected'. */
export function standsOutParts(rate: AboveBoroughRate | null): { verdict: string; expected: string | null } {
  if (!rate) return { verdict: 'cannot compare', expected: null };
  return { verdict: rate.standsOut ? 'Stands out:' : 'No:', expected: `${oneDecimal(rate.expected)} expected` };
}

/** 'Stands out: 4.8 expected', 'No: 0.9 expected'. */
export function standsOutText(rate: AboveBoroughRate | null): string {
  const { verdict, expected } = standsOutParts(rate);
  return expected ? `${verdict} ${expected}` : verdict;
}

/** 0.3456 → '35%'. */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export interface PositiveOutcome {
  positive: number;
  of: number;
  rate: number | null;
}

/** '35% (14 of 40)', or words when no search had a known outcome. */
export function rateCell(outcome: PositiveOutcome): string {
  if (outcome.rate === null || outcome.of === 0) return 'no searches with a known outcome';
  return `${percent(outcome.rate)} (${outcome.positive.toLocaleString('en-GB')} of ${outcome.of.toLocaleString('en-GB')})`;
}

/** 'Borough-wide, 35% of 40 drug searches had an outcome other than no further action (14 of 40).' */
export function boroughRateSentence(outcome: PositiveOutcome, measureLabel: string): string {
  if (outcome.rate === null || outcome.of === 0) return 'Borough-wide, no drug search in the window has a known outcome, so there is no positive outcome rate.';
  return `Borough-wide, ${percent(outcome.rate)} of ${plural(outcome.of, 'drug search', 'drug searches')} with a known outcome had an ${measureLabel} (${outcome.positive.toLocaleString('en-GB')} of ${outcome.of.toLocaleString('en-GB')}).`;
}

/** '1 Oct 2018 – 31 Oct 2018' from an API window [from, to). */
export function apiWindowInWords(window: { from: string; to: string }): string {
  const to = parseIsoDate(window.to);
  const through = to.ok ? isoDateOfDay(to.value - 1) : window.to;
  return `${formatDay(window.from)} – ${formatDay(through)}`;
}

/** 'Six windows of one calendar month each, 1 May 2018 – 31 Oct 2018'. */
export function persistenceWindowsText(
  windows: readonly { from: string; to: string }[],
  length: { unit: 'months'; months: number } | { unit: 'days'; days: number },
): string {
  const first = windows[0];
  const last = windows.at(-1);
  const each = length.unit === 'months' ? plural(length.months, 'calendar month', 'calendar months') : plural(length.days, 'day', 'days');
  const span = first && last ? `, ${apiWindowInWords({ from: first.from, to: last.to })}` : '';
  return `${plural(windows.length, 'window', 'windows')} of ${each} each${span}`;
}

export interface CalendarInUse {
  assumed: boolean;
  years: readonly { schoolYear: string; source: string }[];
}

/** Which school years the layer judges on assumed term dates, or null when all are imported. */
export function assumedCalendarText(calendar: CalendarInUse): string | null {
  const assumed = calendar.years.filter((y) => y.source !== 'imported').map((y) => y.schoolYear);
  if (assumed.length === 0) return null;
  const years = assumed.length === 1 ? `school year ${assumed[0]}` : `school years ${assumed.slice(0, -1).join(', ')} and ${assumed.at(-1)}`;
  return `Term dates for ${years} are assumed (the default Tower Hamlets calendar): no school calendar is imported for ${assumed.length === 1 ? 'it' : 'them'}.`;
}

/**
 * The server's message as a reader should see it: a refused request names the parameter it
 * refused ("to: the window may span at most 92 days"), which a reader never typed, so the name
 * goes and the rest is the server's own words.
 */
export function messageForScreen(failure: ApiFailure): string {
  if (failure.code !== 'invalid_parameter') return failure.message;
  return failure.message
    .split('; ')
    .map((part) => part.replace(/^[A-Za-z][A-Za-z0-9.]*: /, ''))
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

/** What the tasking view leaves out of the map, and what the borough total still counts, in words. */
export function dwellingsSentence(response: {
  meta: { definition: string; includeDwellings: string };
  totals: { layer: number; borough: number; dwellingsLeftOut: number };
}): string {
  const { meta, totals } = response;
  if (meta.definition !== 'partner') {
    return 'police.uk records do not say whether an incident was inside a home, so domestic abuse at home cannot be left out of this map.';
  }
  if (meta.includeDwellings === 'include') {
    return `Domestic abuse and other incidents inside homes are counted: ${plural(totals.layer, 'incident', 'incidents')} on the map, the borough total.`;
  }
  return (
    `${plural(totals.dwellingsLeftOut, 'incident', 'incidents')} inside a home (domestic abuse at home) ${totals.dwellingsLeftOut === 1 ? 'is' : 'are'} left out of the map, ` +
    `which shows ${plural(totals.layer, 'incident', 'incidents')}; the borough total of ${totals.borough.toLocaleString('en-GB')} counts them.`
  );
}

/** 'busiest 20:00–23:00 (38%), peak hour 21:00' or 'none with a time of day'. */
export function busiestHoursInWords(byHour: readonly number[]): string {
  const band = busiestHours(byHour);
  const peak = peakHour(byHour);
  if (!band || peak === null) return 'none with a time of day';
  return `busiest ${hourBandText(band)} (${percent(band.share)}), peak hour ${String(peak).padStart(2, '0')}:00`;
}
