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
    return ok(londonWallClock(instant));
  } else {
    return fail(`"${text}" is not a date-time; expected YYYY-MM-DDTHH:MM (London time), ISO 8601 with an offset, or DD/MM/YYYY HH:MM`);
  }
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return fail(`"${text}" is not a real date-time`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return ok(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`);
}
