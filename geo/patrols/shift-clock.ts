// A shift's clock: the shift runs in real minutes from its start, shown in London wall-clock time.
// On the night the clocks go forward a 22:00-06:00 shift lasts 7 hours, on the night they go back
// 9; a time band ('1-2': 01:00 to 02:00) is read on the wall clock, so it is missing on the first
// night and open twice on the second (decision 033).
import { dayNumber, instantOfLondonWallClock, isoDateOfDay, londonSkippedMinutes, londonWallClock, parseIsoDate, weekdayOfDay } from '../time';
import { fail, ok, type Result } from '../types';

export interface ShiftClock {
  /** Length of the shift in real minutes (elapsed time, not wall-clock difference). */
  minutes: number;
  /** London wall-clock minute (day number x 1440 + minute of the day) at `elapsed` minutes into the shift. */
  wallMinuteAt(elapsed: number): number;
  /** London wall-clock 'YYYY-MM-DDTHH:MM' at `elapsed` minutes into the shift. */
  wallClockAt(elapsed: number): string;
  /** The instant, ISO 8601 with Z, at `elapsed` minutes into the shift. */
  instantAt(elapsed: number): string;
  /** Week-hour (Monday 00:00-00:59 = 0) of each minute [m, m + 1) of the shift on the wall clock. */
  weekHours: Uint8Array;
  /** London day number of each minute of the shift on the wall clock. */
  wallDays: Int32Array;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const clockText = (minuteOfDay: number) => `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

/** Minute of the day of 'HH:MM', or why it is not a time. */
function parseClock(text: string, what: string): Result<number> {
  const m = CLOCK_TIME.exec(text);
  if (!m) return fail(`The shift's ${what} "${text}" is not a time of day; expected HH:MM on the 24-hour clock, e.g. 08:00 or 22:30`);
  return ok(Number(m[1]) * 60 + Number(m[2]));
}

/** Wall-clock minute count of a 'YYYY-MM-DDTHH:MM' London time. */
function wallMinuteOfText(text: string): number {
  const day = dayNumber(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
  return day * 1440 + Number(text.slice(11, 13)) * 60 + Number(text.slice(14, 16));
}

/** London's offset from UTC at an instant, in minutes: 0 in winter, 60 in summer time. */
function offsetMinutesAt(ms: number): number {
  return wallMinuteOfText(londonWallClock(new Date(ms))) - ms / 60_000;
}

/** The shift's instant of a wall-clock time, or why that time never happened in London. */
function instantOf(day: number, minuteOfDay: number, what: string): Result<number> {
  const skipped = londonSkippedMinutes(day);
  if (skipped && minuteOfDay >= skipped.from && minuteOfDay < skipped.to) {
    return fail(
      `The shift's ${what} ${clockText(minuteOfDay)} on ${isoDateOfDay(day)} does not exist in London: the clocks go forward from ` +
        `${clockText(skipped.from)} to ${clockText(skipped.to)} that night. Choose ${clockText(skipped.to)} or later, or before ${clockText(skipped.from)}`,
    );
  }
  const instant = instantOfLondonWallClock(`${isoDateOfDay(day)}T${clockText(minuteOfDay)}`);
  if (!instant.ok) return instant;
  return ok(instant.value.getTime());
}

/**
 * The clock of a shift on `date` from `shiftStart` to `shiftEnd` (London 'HH:MM'); an end at or
 * before the start is on the next day, an end equal to the start is refused. A start or end in
 * the hour the clocks repeat (01:00-01:59, last Sunday of October) is read as its first
 * occurrence, British Summer Time; one in the hour they skip is refused.
 */
export function shiftClock(date: string, shiftStart: string, shiftEnd: string): Result<ShiftClock> {
  const day = parseIsoDate(date);
  if (!day.ok) return fail(`The shift's date: ${day.reason}`);
  const from = parseClock(shiftStart, 'start time');
  if (!from.ok) return from;
  const to = parseClock(shiftEnd, 'end time');
  if (!to.ok) return to;
  if (from.value === to.value) {
    return fail(`The shift ends when it starts (${shiftStart}): give an end time other than the start; an end earlier than the start runs into the next day`);
  }
  const startMs = instantOf(day.value, from.value, 'start time');
  if (!startMs.ok) return startMs;
  const endMs = instantOf(to.value < from.value ? day.value + 1 : day.value, to.value, 'end time');
  if (!endMs.ok) return endMs;
  const minutes = Math.round((endMs.value - startMs.value) / 60_000);
  if (minutes <= 0) {
    // Only the repeated hour can do this, e.g. 01:50 to 01:10 read as the same summer-time night.
    return fail(`The shift from ${shiftStart} to ${shiftEnd} on ${date} has no length once the clocks go back; choose times outside 01:00-01:59`);
  }

  // London changes its offset at most once in a day: find the first shift minute after a change.
  const startOffset = offsetMinutesAt(startMs.value);
  const shift = offsetMinutesAt(endMs.value) - startOffset;
  let change = minutes;
  if (shift !== 0) {
    let lo = 0;
    let hi = minutes;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (offsetMinutesAt(startMs.value + mid * 60_000) === startOffset) lo = mid;
      else hi = mid;
    }
    change = hi;
  }
  const startWall = day.value * 1440 + from.value;
  const wallMinuteAt = (elapsed: number) => startWall + elapsed + (elapsed >= change ? shift : 0);

  const weekHours = new Uint8Array(minutes);
  const wallDays = new Int32Array(minutes);
  for (let m = 0; m < minutes; m++) {
    const wall = wallMinuteAt(m);
    const wallDay = Math.floor(wall / 1440);
    wallDays[m] = wallDay;
    weekHours[m] = weekdayOfDay(wallDay) * 24 + Math.floor((wall - wallDay * 1440) / 60);
  }
  return ok({
    minutes,
    wallMinuteAt,
    wallClockAt: (elapsed) => {
      const wall = wallMinuteAt(elapsed);
      const wallDay = Math.floor(wall / 1440);
      return `${isoDateOfDay(wallDay)}T${clockText(wall - wallDay * 1440)}`;
    },
    instantAt: (elapsed) => new Date(startMs.value + elapsed * 60_000).toISOString(),
    weekHours,
    wallDays,
  });
}
