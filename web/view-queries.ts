// What each analytic view asks the server for, derived from the window on screen. Pure, so
// the rules (month windows for month data, the forecast starts where the window ends, the time
// filter reaches every windowed view but the forecast) are tested.
import { parseIsoDate } from '../geo/time';
import { wholeMonthsBetween } from '../geo/windows';
import type { ApiFailure, EmergingQuery, ForecastQuery } from './api-client';
import type { TimeFilterChoice } from './time-filter-choice';

/** Windows the emerging view compares: a year of 28-day windows, as ArcGIS examples use. */
export const EMERGING_WINDOWS = 12;

/** True when [from, to) runs from the first of a month to the first of a (later) month. */
export function isWholeMonths(from: string, to: string): boolean {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  return start.ok && end.ok && end.value > start.value && wholeMonthsBetween(start.value, end.value) !== null;
}

export interface ViewWindow extends TimeFilterChoice {
  group: string;
  from: string;
  /** Exclusive. */
  to: string;
  windowDays: number;
  resolution: number;
}

/** Windows of the on-screen window's length, the last ending where it ends; calendar months when it is whole months. */
export function emergingQueryOf(w: ViewWindow): EmergingQuery {
  return {
    group: w.group,
    to: w.to,
    windows: EMERGING_WINDOWS,
    length: isWholeMonths(w.from, w.to) ? { unit: 'month' } : { unit: 'days', days: w.windowDays },
    resolution: w.resolution,
    hours: w.hours,
    weekdays: w.weekdays,
  };
}

/**
 * The next window after the one on screen: a month after whole months (police.uk data is monthly), else a week.
 * No time filter: the forecast scores whole windows, all hours and days (the legend says so).
 */
export function forecastQueryOf(w: ViewWindow): ForecastQuery {
  return { group: w.group, asOf: w.to, horizon: isWholeMonths(w.from, w.to) ? 'month' : 'week', resolution: w.resolution };
}

/** What the page adds to the server's refusal of a day window over month-only data: the choices that fix it. */
export const MONTH_WINDOW_ADVICE = 'Choose Last full month or Custom dates from the 1st of a month.';

/** The server's message, plus the page's own advice when the window is finer than the data. */
export function failureMessageOf(failure: ApiFailure): string {
  return failure.code === 'window_finer_than_data' ? `${failure.message} ${MONTH_WINDOW_ADVICE}` : failure.message;
}
