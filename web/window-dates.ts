// Which days the map shows. The API's window is [from, to) in London local days; people
// think in inclusive days ("the 28 days to 3 March"), so the page speaks inclusive and
// sends exclusive. "Last N days" ends today, unless the data ends earlier: then the window
// is anchored at the end of the data and the page says so, instead of showing an empty map.
// "Last full month" serves police.uk data, known only to the month: a window from the 1st of
// a month to the 1st of the next holds those incidents whole.
import { isoDateOfDay, parseIsoDate, parseIsoMonth } from '../geo/time';
import { fail, ok, type Result } from '../geo/types';
import { MAX_WINDOW_DAYS as MAX_CUSTOM_DAYS } from '../geo/windows';

export const PRESET_DAYS = [7, 28] as const;
export type PresetDays = (typeof PRESET_DAYS)[number];

export type WindowChoice =
  | { kind: 'last'; days: PresetDays }
  /** The last calendar month that is wholly over, by the end of the data (or today). */
  | { kind: 'last-month' }
  /** Both ends inclusive, 'YYYY-MM-DD', as a date input gives them. */
  | { kind: 'custom'; from: string; through: string };

export interface ResolvedWindow {
  /** First day, 'YYYY-MM-DD'. */
  from: string;
  /** Day after the last day, 'YYYY-MM-DD' (the API's exclusive end). */
  to: string;
  /** Last day shown, inclusive. */
  through: string;
  windowDays: number;
  /** Set when "last N days" or "last full month" had to end at the end of the data rather than today. */
  dataEndNote: string | null;
}

const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** '2019-12-31' → '31 Dec 2019'. Day numbers are UTC-midnight based, so format in UTC. */
export function formatDay(isoDate: string): string {
  const day = parseIsoDate(isoDate);
  if (!day.ok) return isoDate;
  return DAY_FORMAT.format(new Date(day.value * 86_400_000));
}

/**
 * @param todayIso today's London date, 'YYYY-MM-DD'
 * @param dataLastDay last day with data (inclusive), or null when nothing is imported
 */
export function resolveWindow(choice: WindowChoice, todayIso: string, dataLastDay: string | null): Result<ResolvedWindow> {
  if (choice.kind === 'custom') {
    const from = parseIsoDate(choice.from);
    if (!from.ok) return fail(`From: ${from.reason}`);
    const through = parseIsoDate(choice.through);
    if (!through.ok) return fail(`To: ${through.reason}`);
    if (through.value < from.value) return fail('To is before From: pick a To date on or after the From date.');
    const windowDays = through.value - from.value + 1;
    if (windowDays > MAX_CUSTOM_DAYS) return fail(`That is ${windowDays} days; pick at most ${MAX_CUSTOM_DAYS} days.`);
    return ok({
      from: choice.from,
      to: isoDateOfDay(through.value + 1),
      through: choice.through,
      windowDays,
      dataEndNote: null,
    });
  }
  const today = parseIsoDate(todayIso);
  if (!today.ok) return fail(`today: ${today.reason}`);
  if (choice.kind === 'last-month') return lastFullMonth(today.value, dataLastDay);
  let lastDay = today.value;
  let dataEndNote: string | null = null;
  if (dataLastDay !== null) {
    const dataEnd = parseIsoDate(dataLastDay);
    if (dataEnd.ok && dataEnd.value < today.value) {
      lastDay = dataEnd.value;
      dataEndNote = `Data ends ${formatDay(dataLastDay)}: showing the ${choice.days} days to then.`;
    }
  }
  return ok({
    from: isoDateOfDay(lastDay - choice.days + 1),
    to: isoDateOfDay(lastDay + 1),
    through: isoDateOfDay(lastDay),
    windowDays: choice.days,
    dataEndNote,
  });
}

/**
 * The last month wholly before the end of the data, or before today: today is still under
 * way, so on 31 March the last full month is February. Data ending on 31 December makes
 * December the last full month.
 */
function lastFullMonth(today: number, dataLastDay: string | null): Result<ResolvedWindow> {
  let endExclusive = today;
  let anchoredAtData = false;
  if (dataLastDay !== null) {
    const dataEnd = parseIsoDate(dataLastDay);
    if (dataEnd.ok && dataEnd.value < today) {
      endExclusive = dataEnd.value + 1;
      anchoredAtData = true;
    }
  }
  // The 1st of the month holding endExclusive is the window's end: endExclusive is itself a 1st
  // exactly when the month before it is complete.
  const endMonth = parseIsoMonth(isoDateOfDay(endExclusive).slice(0, 7));
  if (!endMonth.ok) return fail(endMonth.reason);
  const month = parseIsoMonth(isoDateOfDay(endMonth.value.startDay - 1).slice(0, 7));
  if (!month.ok) return fail(month.reason);
  const { startDay, endDay } = month.value;
  const monthName = MONTH_FORMAT.format(new Date(startDay * 86_400_000));
  return ok({
    from: isoDateOfDay(startDay),
    to: isoDateOfDay(endDay),
    through: isoDateOfDay(endDay - 1),
    windowDays: endDay - startDay,
    dataEndNote: anchoredAtData && dataLastDay !== null ? `Data ends ${formatDay(dataLastDay)}: showing ${monthName}, the last full month.` : null,
  });
}

/** '4 Feb 2025 to 3 Mar 2025 (28 days)' */
export function describeWindow(window: ResolvedWindow): string {
  const days = window.windowDays === 1 ? '1 day' : `${window.windowDays} days`;
  return `${formatDay(window.from)} to ${formatDay(window.through)} (${days})`;
}

/**
 * The window the map opens on: the last 28 days, or, when every source is known only to the
 * month (police.uk data alone), the last full month with data, which a 28-day window could not
 * hold; with the reason to show.
 */
export function openingWindow(sources: readonly { precisions: readonly string[] }[]): { choice: WindowChoice; why: string | null } {
  const monthOnly = sources.length > 0 && sources.every((s) => s.precisions.length > 0 && s.precisions.every((p) => p === 'month'));
  return monthOnly
    ? { choice: { kind: 'last-month' }, why: 'The data is known only to the month (police.uk), so the map opens on the last full month with data.' }
    : { choice: { kind: 'last', days: 28 }, why: null };
}
