// Calendar arithmetic on London local dates. Incidents are stored as local wall-clock
// times because the meeting thinks in local days ("last Friday night"), and month-only
// police.uk data has no time zone at all. Day numbers count days since 1970-01-01.
import { fail, ok, type Result, type TimePrecision } from './types';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export interface TimeSpan {
  /** First local day the incident may have happened on (day number). */
  startDay: number;
  /** Day after the last local day it may have happened on (exclusive). */
  endDay: number;
  /** Minute of the local day, 0..1439, when the time of day is known. */
  minuteOfDay: number | null;
}

/** The number written by `length` ASCII digits at `start`; NaN when any is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Weekday of a day number, Monday = 0 (1970-01-01, day 0, was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** 'YYYY-MM-DD' for a day number. */
export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** Parses 'YYYY-MM-DD' into a day number. */
export function parseIsoDate(text: string): Result<number> {
  const m = ISO_DATE.exec(text);
  if (!m) return fail(`"${text}" is not a date; expected YYYY-MM-DD`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return fail(`"${text}" is not a real calendar date`);
  return ok(dayNumber(year, month, day));
}

/** The day number of a date the app stored or already checked; throws on anything else (a bug, not input). */
export function dayOfIsoDate(text: string): number {
  const day = parseIsoDate(text);
  if (!day.ok) throw new Error(`internal: stored date ${text}: ${day.reason}`);
  return day.value;
}

/** Today's London date as a day number. */
export function londonToday(now: Date): number {
  return dayOfIsoDate(londonWallClock(now).slice(0, 10));
}

/** Parses 'YYYY-MM' (police.uk Month) into the month's day span. */
export function parseIsoMonth(text: string): Result<{ startDay: number; endDay: number }> {
  const m = ISO_MONTH.exec(text);
  if (!m) return fail(`"${text}" is not a month; expected YYYY-MM`);
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) return fail(`"${text}" has month ${m[2]}; expected 01..12`);
  return ok({ startDay: dayNumber(year, month, 1), endDay: dayNumber(year, month + 1, 1) });
}

/** The day span of a stored incident time ('YYYY-MM', 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'). */
export function spanOfOccurredAt(occurredAt: string, precision: TimePrecision): TimeSpan {
  if (precision === 'month') {
    const span = parseIsoMonth(occurredAt);
    if (!span.ok) throw new Error(span.reason);
    return { ...span.value, minuteOfDay: null };
  }
  // Hot path of every import: fixed-position digits, no regex, no allocation.
  const year = digits(occurredAt, 0, 4);
  const month = digits(occurredAt, 5, 2);
  const dayOfMonth = digits(occurredAt, 8, 2);
  if (!isRealDate(year, month, dayOfMonth) || occurredAt[4] !== '-' || occurredAt[7] !== '-') {
    throw new Error(`"${occurredAt}" is not a stored ${precision} time`);
  }
  const day = dayNumber(year, month, dayOfMonth);
  const minuteOfDay = precision === 'minute' ? digits(occurredAt, 11, 2) * 60 + digits(occurredAt, 14, 2) : null;
  return { startDay: day, endDay: day + 1, minuteOfDay };
}

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** London local wall-clock 'YYYY-MM-DDTHH:MM' of an instant. */
export function londonWallClock(instant: Date): string {
  const parts: Record<string, string> = {};
  for (const part of LONDON_PARTS.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const LONDON_SECONDS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** London's offset from UTC at an instant (ms since 1970, whole seconds), in ms: 0 in winter, 3,600,000 in summer time. */
function londonOffsetMs(utcMs: number): number {
  const parts: Record<string, string> = {};
  for (const part of LONDON_SECONDS.formatToParts(utcMs)) parts[part.type] = part.value;
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - utcMs;
}

/** Minutes [from, to) of a London day that never happened: the clocks went forward over them. */
export interface SkippedMinutes {
  from: number;
  to: number;
}

/**
 * Every London clock change in the time zone database (since 1847) happened in the small hours,
 * so a wall-clock time from 04:00 on exists whatever the day (geo/time.test.ts checks this
 * against the database, 1847-2100): the importer's hot path asks about earlier times only.
 */
export const LONDON_CLOCK_CHANGES_BEFORE_MINUTE = 240;

const skippedByDay = new Map<number, SkippedMinutes | null>();

/**
 * The minutes of a London day (day number) that the clocks skipped, e.g. 60..120 (01:00-01:59)
 * on the last Sunday of March; null on every other day. From the time zone database through
 * Intl, so the rules of earlier years (double summer time, 1968-71) come right too; cached per day.
 */
export function londonSkippedMinutes(day: number): SkippedMinutes | null {
  let skipped = skippedByDay.get(day);
  if (skipped === undefined) {
    skipped = findSkippedMinutes(day);
    skippedByDay.set(day, skipped);
  }
  return skipped;
}

function findSkippedMinutes(day: number): SkippedMinutes | null {
  // The day's wall clock as if it were UTC; London is never more than 3 h from UTC.
  const dayStart = day * MS_PER_DAY;
  let before = dayStart - 3 * 3_600_000;
  let after = dayStart + MS_PER_DAY + 3_600_000;
  const offsetBefore = londonOffsetMs(before);
  const offsetAfter = londonOffsetMs(after);
  if (offsetAfter <= offsetBefore) return null;
  // The instant of the change, to the second.
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (londonOffsetMs(middle) === offsetBefore) before = middle;
    else after = middle;
  }
  // Wall-clock times from the change at the old offset up to it at the new one never happened.
  const from = Math.max(0, Math.ceil((after + offsetBefore - dayStart) / 60_000));
  const to = Math.min(1440, Math.ceil((after + offsetAfter - dayStart) / 60_000));
  return from < to ? { from, to } : null;
}

/** The skipped minutes a London wall-clock minute of a day falls in, or null when it happened. */
function skippedAt(day: number, minute: number): SkippedMinutes | null {
  if (minute >= LONDON_CLOCK_CHANGES_BEFORE_MINUTE) return null;
  const skipped = londonSkippedMinutes(day);
  return skipped && minute >= skipped.from && minute < skipped.to ? skipped : null;
}

const clockText = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Why a wall-clock time of a skipped hour is refused, and what to do about it. */
function skippedTimeProblem(text: string, day: number, minute: number, skipped: SkippedMinutes): string {
  const date = isoDateOfDay(day);
  const asUtc = londonWallClock(new Date(day * MS_PER_DAY + minute * 60_000)).slice(11);
  return (
    `"${text}" does not exist in London: the clocks went forward from ${clockText(skipped.from)} to ${clockText(skipped.to)} on ${date}. ` +
    `Correct it; if the system recorded UTC (GMT), add a Z: ${date}T${clockText(minute)}Z is ${asUtc} London time`
  );
}

/** Only years 1000..9999 fit the stored 'YYYY-MM-DD' spelling; in partner files others are typos (0024 for 2024). */
function yearProblem(text: string): string {
  return `"${text}" is not in the years 1000..9999; expected a four-digit year such as 2024`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const UK_DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Parses a partner date-time to London local 'YYYY-MM-DDTHH:MM'. Accepts ISO 8601 local
 * time (taken as London time), ISO with a Z or offset (converted to London time) and the
 * UK 'DD/MM/YYYY HH:MM[:SS]' that council systems export.
 */
export function parsePartnerDateTime(text: string): Result<string> {
  const trimmed = text.trim();
  let m = LOCAL_DATE_TIME.exec(trimmed);
  let year: number, month: number, day: number, hour: number, minute: number;
  if (m) {
    [year, month, day, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  } else if ((m = UK_DATE_TIME.exec(trimmed))) {
    [day, month, year, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  } else if (ZONED_DATE_TIME.test(trimmed)) {
    const instant = new Date(trimmed.replace(' ', 'T'));
    if (Number.isNaN(instant.getTime())) return fail(`"${text}" is not a real date-time`);
    const wall = londonWallClock(instant);
    // Only years 1000..9999 fit the stored 'YYYY-MM-DDTHH:MM' (an offset can push 9999 into 10000).
    if (wall.length !== 16 || wall.charCodeAt(0) === 48) return fail(yearProblem(text));
    return ok(wall);
  } else {
    return fail(`"${text}" is not a date-time; expected YYYY-MM-DDTHH:MM (London time), ISO 8601 with an offset, or DD/MM/YYYY HH:MM`);
  }
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return fail(`"${text}" is not a real date-time`);
  if (year < 1000) return fail(yearProblem(text));
  const dayOfYear = dayNumber(year, month, day);
  const skipped = skippedAt(dayOfYear, hour * 60 + minute);
  if (skipped) return fail(skippedTimeProblem(trimmed, dayOfYear, hour * 60 + minute, skipped));
  const pad = (n: number) => String(n).padStart(2, '0');
  return ok(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`);
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** dayNumber without Date: days from 1970-01-01 to a valid Gregorian date. */
function civilDayNumber(year: number, month: number, day: number): number {
  const y = year - 1;
  const leapDays = Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return (year - 1970) * 365 + leapDays - 477 + DAYS_BEFORE_MONTH[month - 1]! + (leap && month > 2 ? 1 : 0) + day - 1;
}

/**
 * Minutes since 1970-01-01 00:00 (London wall clock, day * 1440 + minute) of a partner time
 * spelled exactly 'YYYY-MM-DDTHH:MM[:SS]' (or with a space) in text[start, end), for years from
 * 1970; a negative number for any other spelling, an earlier year or a time the clocks skipped,
 * which parsePartnerDateTime then reads (and refuses). The import's hot path: no regex, no string.
 */
export function plainPartnerTimeAt(text: string, start: number, end: number): number {
  const n = end - start;
  if (n !== 16 && n !== 19) return -1;
  // No helper closures here: under tsx every closure created per call also pays for __name.
  const t = text.charCodeAt(start + 10);
  if (
    text.charCodeAt(start + 4) !== 45 ||
    text.charCodeAt(start + 7) !== 45 ||
    (t !== 84 && t !== 32) ||
    text.charCodeAt(start + 13) !== 58 ||
    (n === 19 && text.charCodeAt(start + 16) !== 58)
  ) {
    return -1;
  }
  const year = digits(text, start, 4);
  const month = digits(text, start + 5, 2);
  const dayOfMonth = digits(text, start + 8, 2);
  const hour = digits(text, start + 11, 2);
  const minute = digits(text, start + 14, 2);
  const seconds = n === 19 ? digits(text, start + 17, 2) : 0;
  // NaN fails every comparison below, so a non-digit falls through to the full parser
  // (the year too: isRealDate alone would let a NaN year through).
  if (!(year >= 0 && isRealDate(year, month, dayOfMonth) && hour <= 23 && minute <= 59 && seconds <= 59)) return -1;
  const day = civilDayNumber(year, month, dayOfMonth);
  const minuteOfDay = hour * 60 + minute;
  // Days before 1970 come out negative, which already sends them to the full parser.
  if (day >= 0 && skippedAt(day, minuteOfDay)) return -1;
  return day * 1440 + minuteOfDay;
}

/** Day number and minute of the London day of a partner date-time. */
export interface PartnerTime {
  day: number;
  minute: number;
}

/**
 * parsePartnerDateTime as day and minute, for the import's hot path: the common
 * 'YYYY-MM-DDTHH:MM[:SS]' spelling is read digit by digit without a regex or a string;
 * every other spelling goes through parsePartnerDateTime, so both agree by construction.
 */
export function parsePartnerTime(text: string): Result<PartnerTime> {
  const fast = plainPartnerTimeAt(text, 0, text.length);
  if (fast >= 0) return ok({ day: Math.floor(fast / 1440), minute: fast % 1440 });
  const parsed = parsePartnerDateTime(text);
  if (!parsed.ok) return parsed;
  const span = spanOfOccurredAt(parsed.value, 'minute');
  return ok({ day: span.startDay, minute: span.minuteOfDay ?? 0 });
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant of a London wall-clock time 'YYYY-MM-DDTHH:MM[:SS]'. A time the clocks skip
 * (01:00-01:59 on the last Sunday of March) is refused; a time they repeat (01:00-01:59 on
 * the last Sunday of October) is read as the first of the two, British Summer Time.
 */
export function instantOfLondonWallClock(text: string): Result<Date> {
  const m = WALL_CLOCK.exec(text);
  if (!m) return fail(`"${text}" is not a date and time; expected YYYY-MM-DDTHH:MM (London time)`);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0)) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return fail(`"${text}" is not a real date and time`);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wanted = text.slice(0, 16);
  // London is UTC+0 or UTC+1: try summer time first, so a repeated hour reads as its first occurrence.
  for (const offsetHours of [1, 0]) {
    const instant = new Date(asUtc - offsetHours * 3_600_000);
    if (londonWallClock(instant) === wanted) return ok(instant);
  }
  return fail(`${wanted.replace('T', ' ')} does not exist in London: the clocks go forward from 01:00 to 02:00 that night`);
}

/** An instant given with Z or an offset (2026-12-01T15:05:00Z), or as London wall-clock time (2026-12-01T15:05). */
export function parseInstant(text: string): Result<Date> {
  const trimmed = text.trim();
  if (INSTANT_WITH_OFFSET.test(trimmed)) {
    // Date rolls 30 February on to 2 March: check the calendar date first.
    const instant = new Date(trimmed);
    if (!parseIsoDate(trimmed.slice(0, 10)).ok || Number.isNaN(instant.getTime())) return fail(`"${text}" is not a real date and time`);
    return ok(instant);
  }
  return instantOfLondonWallClock(trimmed);
}
