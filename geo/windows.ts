// Successive windows of equal length ending at a day: N days each, or whole calendar months
// (police.uk data is known only to the month, so its windows must be months).
import { dayNumber, isoDateOfDay } from './time';

/** Longest window any query takes, in days (ten years and a few leap days). */
export const MAX_WINDOW_DAYS = 3660;

export type WindowLength = { unit: 'days'; days: number } | { unit: 'months'; months: number };

export interface DayWindow {
  fromDay: number;
  toDay: number;
}

/** The same day of the month `months` later (earlier when negative); month overflow rolls on as Date.UTC does. */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  return dayNumber(date.getUTCFullYear(), date.getUTCMonth() + 1 + months, date.getUTCDate());
}

/** The first day of the month after the one that holds `day`: where a month-only incident's span ends. */
export function dayAfterMonthOf(day: number): number {
  const date = new Date(day * 86_400_000);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 86_400_000);
}

/** The first day of the month that holds `day`. */
export function firstOfMonth(day: number): number {
  const date = new Date(day * 86_400_000);
  return dayNumber(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

export function isFirstOfMonth(day: number): boolean {
  return isoDateOfDay(day).endsWith('-01');
}

/** Whole calendar months between two firsts of months, or null when [fromDay, toDay) is not whole months. */
export function wholeMonthsBetween(fromDay: number, toDay: number): number | null {
  if (!isFirstOfMonth(fromDay) || !isFirstOfMonth(toDay)) return null;
  const [fy, fm] = isoDateOfDay(fromDay).split('-').map(Number) as [number, number];
  const [ty, tm] = isoDateOfDay(toDay).split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** `count` consecutive windows, oldest first, the last ending at toDay (exclusive). */
export function windowsEndingAt(toDay: number, count: number, length: WindowLength): DayWindow[] {
  const windows: DayWindow[] = [];
  let end = toDay;
  for (let i = 0; i < count; i++) {
    const start = length.unit === 'days' ? end - length.days : addMonths(end, -length.months);
    windows.push({ fromDay: start, toDay: end });
    end = start;
  }
  return windows.reverse();
}

/** The window of the given length that starts at fromDay. */
export function windowStartingAt(fromDay: number, length: WindowLength): DayWindow {
  return { fromDay, toDay: length.unit === 'days' ? fromDay + length.days : addMonths(fromDay, length.months) };
}

export function describeWindow(window: DayWindow): { from: string; to: string } {
  return { from: isoDateOfDay(window.fromDay), to: isoDateOfDay(window.toDay) };
}
