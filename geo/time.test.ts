import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  isoDateOfDay,
  instantOfLondonWallClock,
  LONDON_CLOCK_CHANGES_BEFORE_MINUTE,
  londonSkippedMinutes,
  londonWallClock,
  parseInstant,
  parseIsoDate,
  parseIsoMonth,
  parsePartnerDateTime,
  parsePartnerTime,
  plainPartnerTimeAt,
  spanOfOccurredAt,
  type PartnerTime,
} from './time';
import { fail, ok, type Result } from './types';

describe('London day arithmetic', () => {
  it('round-trips day numbers and dates', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(isoDateOfDay(dayNumber(2024, 2, 29))).toBe('2024-02-29');
  });

  it('rejects impossible dates and months with messages that say what to send', () => {
    expect(parseIsoDate('2023-02-29')).toEqual({ ok: false, reason: '"2023-02-29" is not a real calendar date' });
    expect(parseIsoDate('29/02/2024')).toMatchObject({ ok: false, reason: expect.stringContaining('expected YYYY-MM-DD') });
    expect(parseIsoMonth('2019-13')).toMatchObject({ ok: false, reason: expect.stringContaining('expected 01..12') });
  });

  it('gives a month its whole span, end exclusive', () => {
    const span = parseIsoMonth('2024-02');
    expect(span.ok && span.value.endDay - span.value.startDay).toBe(29);
    expect(spanOfOccurredAt('2019-12', 'month')).toEqual({ startDay: dayNumber(2019, 12, 1), endDay: dayNumber(2020, 1, 1), minuteOfDay: null });
    expect(spanOfOccurredAt('2024-06-01T21:45', 'minute')).toEqual({
      startDay: dayNumber(2024, 6, 1),
      endDay: dayNumber(2024, 6, 2),
      minuteOfDay: 21 * 60 + 45,
    });
  });

  it('reads partner date-times as London wall-clock time', () => {
    expect(parsePartnerDateTime('2024-06-01T21:45')).toEqual({ ok: true, value: '2024-06-01T21:45' });
    expect(parsePartnerDateTime('01/06/2024 21:45:10')).toEqual({ ok: true, value: '2024-06-01T21:45' });
    // 20:45 UTC is 21:45 British Summer Time; in January London is on UTC.
    expect(parsePartnerDateTime('2024-06-01T20:45:00Z')).toEqual({ ok: true, value: '2024-06-01T21:45' });
    expect(parsePartnerDateTime('2024-01-15T23:30:00+00:00')).toEqual({ ok: true, value: '2024-01-15T23:30' });
    expect(parsePartnerDateTime('2024-06-31T10:00')).toMatchObject({ ok: false });
    expect(parsePartnerDateTime('yesterday')).toMatchObject({ ok: false, reason: expect.stringContaining('DD/MM/YYYY HH:MM') });
  });

  it('converts instants across the clock change', () => {
    // 2024-03-31 01:00 UTC: clocks went forward, London jumps from 00:59 GMT to 02:00 BST.
    expect(londonWallClock(new Date('2024-03-31T00:59:00Z'))).toBe('2024-03-31T00:59');
    expect(londonWallClock(new Date('2024-03-31T01:00:00Z'))).toBe('2024-03-31T02:00');
  });
});

/** What the full parser makes of a partner date-time, as day and minute: the reference for the fast readers. */
function reference(text: string): Result<PartnerTime> {
  const parsed = parsePartnerDateTime(text);
  if (!parsed.ok) return fail(parsed.reason);
  const span = spanOfOccurredAt(parsed.value, 'minute');
  return ok({ day: span.startDay, minute: span.minuteOfDay ?? -1 });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Month lengths written out here, so the loop does not lean on the code under test. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

describe('plainPartnerTimeAt and parsePartnerTime', () => {
  it('agree with parsePartnerDateTime + spanOfOccurredAt on every day 1900-01-01..2100-12-31', () => {
    const times = [
      [0, 0, 0],
      [9, 5, 0],
      [12, 0, 30],
      [21, 45, 59],
      [23, 59, 59],
    ] as const;
    const wrong: string[] = [];
    let day = dayNumber(1900, 1, 1);
    let k = 0;
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let dayOfMonth = 1; dayOfMonth <= daysInMonth(year, month); dayOfMonth++, day++) {
          const [hour, minute, seconds] = times[k++ % times.length]!;
          const date = `${year}-${pad(month)}-${pad(dayOfMonth)}`;
          const clock = `${pad(hour)}:${pad(minute)}`;
          // The day number comes from counting days, not from the code under test.
          const want = { day, minute: hour * 60 + minute };
          for (const text of [`${date}T${clock}`, `${date} ${clock}:${pad(seconds)}`, `${date}T${clock}:${pad(seconds)}`]) {
            const ref = reference(text);
            const fast = plainPartnerTimeAt(text, 0, text.length);
            // The same spelling inside a CSV line, with neighbours that would spoil it if read.
            const inLine = plainPartnerTimeAt(`9,${text},9`, 2, 2 + text.length);
            const parsed = parsePartnerTime(text);
            const agrees =
              ref.ok &&
              ref.value.day === want.day &&
              ref.value.minute === want.minute &&
              fast === want.day * 1440 + want.minute &&
              inLine === fast &&
              parsed.ok &&
              parsed.value.day === want.day &&
              parsed.value.minute === want.minute;
            if (!agrees && wrong.length < 10)
              wrong.push(`${text}: reference ${JSON.stringify(ref)}, plain ${fast}, in line ${inLine}, parsePartnerTime ${JSON.stringify(parsed)}`);
          }
          // Non-plain spellings of the same day go through the full parser, with its answer.
          if (k % 7 === 0) {
            for (const text of [`${pad(dayOfMonth)}/${pad(month)}/${year} ${clock}`, `${date}T${clock}:00Z`, `${date}T${clock}+01:00`]) {
              const ref = reference(text);
              const parsed = parsePartnerTime(text);
              if (plainPartnerTimeAt(text, 0, text.length) !== -1 || JSON.stringify(parsed) !== JSON.stringify(ref)) {
                if (wrong.length < 10) wrong.push(`${text}: reference ${JSON.stringify(ref)}, parsePartnerTime ${JSON.stringify(parsed)}`);
              }
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(day).toBe(dayNumber(2101, 1, 1));
  });

  it('return -1 for impossible dates and times, and then fail as parsePartnerDateTime does', () => {
    const impossible = [
      '2023-02-29T10:00',
      '1900-02-29 10:00',
      '2024-13-01T10:00',
      '2024-00-10T10:00',
      '2024-04-31T10:00',
      '2024-03-00T10:00',
      '2024-03-01T25:00',
      '2024-03-01T24:00',
      '2024-03-01T10:60',
      '2024-03-01 10:60:00',
    ];
    for (const text of impossible) {
      expect(plainPartnerTimeAt(text, 0, text.length), text).toBe(-1);
      const parsed = parsePartnerTime(text);
      expect(parsed, text).toEqual(parsePartnerDateTime(text));
      expect(parsed.ok, text).toBe(false);
    }
  });

  it('send every other spelling through the full parser, with the same result', () => {
    const others = [
      '01/03/2024 10:00',
      '01/03/2024T10:00:05',
      '31/02/2024 10:00',
      '2024-06-01T20:45:00Z',
      '2024-06-01T20:45Z',
      '2024-06-01 20:45:00+01:00',
      '2024-01-15T23:30:00-0500',
      '2024-03-31T00:59:00Z',
      '2024-03-31T01:00:00Z',
      '2024-10-27T00:30:00Z',
      '2024-10-27T01:30:00Z',
      '2024-06-01T20:45:00.123',
      '2024-03-01T10:00:60', // seconds 60: the full parser takes them, so the fast reader leaves them to it
      ' 2024-06-01T20:45',
      '2024-06-01T20:45 ',
      '2024-6-1T20:45',
      '2024/06/01T20:45',
      '2024-06-01t20:45',
      '2024-06-01_20:45',
      '２０２４-06-01T20:45',
      '20x4-06-01T20:45', // a letter in the year: once read as NaN, and by the fast import road as 1970-01-01
      '2O24-06-01 20:45:00',
      '-024-06-01T20:45',
      '20240601T2045',
      '2024-06-01T20',
      '',
      'yesterday',
      '0024-03-01T10:00',
      '0999-12-31 23:59:59',
      '01/03/0024 10:00',
      '0024-03-01T10:00Z',
      '9999-12-31T23:30:00-01:00',
    ];
    for (const text of others) {
      const plain = plainPartnerTimeAt(text, 0, text.length);
      // Negative: not a plain spelling, or before 1970 (both go to the full parser).
      expect(plain, text).toBeLessThan(0);
      expect(JSON.stringify(parsePartnerTime(text)), text).toBe(JSON.stringify(reference(text)));
    }
    expect(parsePartnerTime('2024-06-01T20:45:00Z')).toEqual({ ok: true, value: { day: dayNumber(2024, 6, 1), minute: 21 * 60 + 45 } });
    expect(parsePartnerTime('01/03/2024T10:00:05')).toEqual({ ok: true, value: { day: dayNumber(2024, 3, 1), minute: 600 } });
  });

  it('refuses years outside 1000..9999 as a value, not an exception', () => {
    // A two-digit year padded with zeros (0024 for 2024) used to come back as "24-03-01T10:00",
    // which spanOfOccurredAt then threw on, and with it the whole import.
    for (const text of ['0024-03-01T10:00', '01/03/0024 10:00', '0024-03-01T10:00Z', '0999-12-31T23:59', '9999-12-31T23:30:00-01:00']) {
      expect(parsePartnerDateTime(text), text).toEqual({
        ok: false,
        reason: `"${text}" is not in the years 1000..9999; expected a four-digit year such as 2024`,
      });
      expect(() => parsePartnerTime(text)).not.toThrow();
    }
    expect(parsePartnerTime('1000-01-01T00:00')).toEqual({ ok: true, value: { day: dayNumber(1000, 1, 1), minute: 0 } });
  });
});

describe('partner times in the hours the clocks change', () => {
  it('refuses a time the clocks skipped, on both roads, saying when they went forward and what to do', () => {
    const reason =
      '"2025-03-30T01:30" does not exist in London: the clocks went forward from 01:00 to 02:00 on 2025-03-30. ' +
      'Correct it; if the system recorded UTC (GMT), add a Z: 2025-03-30T01:30Z is 02:30 London time';
    expect(parsePartnerDateTime('2025-03-30T01:30')).toEqual({ ok: false, reason });
    expect(plainPartnerTimeAt('2025-03-30T01:30', 0, 16)).toBe(-1);
    expect(parsePartnerTime('2025-03-30T01:30')).toEqual({ ok: false, reason });
    for (const text of ['2025-03-30T01:00', '2025-03-30 01:59:59', '30/03/2025 01:15', '2024-03-31T01:00']) {
      expect(plainPartnerTimeAt(text, 0, text.length), text).toBe(-1);
      expect(parsePartnerTime(text), text).toEqual({
        ok: false,
        reason: expect.stringContaining('does not exist in London: the clocks went forward from 01:00 to 02:00'),
      });
    }
    // Either side of the gap, and the same time as UTC, are real.
    expect(parsePartnerTime('2025-03-30T00:59')).toEqual({ ok: true, value: { day: dayNumber(2025, 3, 30), minute: 59 } });
    expect(parsePartnerTime('2025-03-30T02:00')).toEqual({ ok: true, value: { day: dayNumber(2025, 3, 30), minute: 120 } });
    expect(parsePartnerTime('2025-03-30T01:30Z')).toEqual({ ok: true, value: { day: dayNumber(2025, 3, 30), minute: 150 } });
    // 1975's clocks went forward at 02:00 GMT, from the time zone database, not today's rule.
    expect(parsePartnerDateTime('1975-03-16T02:30')).toMatchObject({ ok: false, reason: expect.stringContaining('from 02:00 to 03:00 on 1975-03-16') });
    expect(parsePartnerDateTime('1975-03-16T01:30')).toEqual({ ok: true, value: '1975-03-16T01:30' });
  });

  it('stores a time in the hour that happens twice as that wall-clock time, whichever of the two it was', () => {
    // 01:00-01:59 on 2025-10-26 happened first in summer time (00:xx UTC), then in GMT (01:xx UTC).
    expect(parsePartnerTime('2025-10-26T01:30')).toEqual({ ok: true, value: { day: dayNumber(2025, 10, 26), minute: 90 } });
    expect(parsePartnerDateTime('2025-10-26T00:30Z')).toEqual({ ok: true, value: '2025-10-26T01:30' });
    expect(parsePartnerDateTime('2025-10-26T01:30Z')).toEqual({ ok: true, value: '2025-10-26T01:30' });
  });

  it("finds the skipped hours from the time zone database: before 04:00 since 1847, and 01:00-02:00 on March's last Sunday since 1981", () => {
    const lastSundayOfMarch = (year: number) => {
      const day = dayNumber(year, 3, 31);
      // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays.
      return day - ((day + 4) % 7);
    };
    const found: string[] = [];
    for (let day = dayNumber(1847, 1, 1); day < dayNumber(2101, 1, 1); day++) {
      const skipped = londonSkippedMinutes(day);
      if (!skipped) continue;
      expect(skipped.to, isoDateOfDay(day)).toBeLessThanOrEqual(LONDON_CLOCK_CHANGES_BEFORE_MINUTE);
      if (day >= dayNumber(1981, 1, 1)) found.push(`${isoDateOfDay(day)} ${skipped.from}-${skipped.to}`);
    }
    const expected: string[] = [];
    for (let year = 1981; year <= 2100; year++) expected.push(`${isoDateOfDay(lastSundayOfMarch(year))} 60-120`);
    expect(found).toEqual(expected);
  });
});

describe('London wall-clock times as instants', () => {
  it('reads GMT in winter and BST in summer', () => {
    const winter = instantOfLondonWallClock('2026-12-01T15:05');
    expect(winter.ok && winter.value.toISOString()).toBe('2026-12-01T15:05:00.000Z');
    const summer = instantOfLondonWallClock('2026-07-06T15:30:20');
    expect(summer.ok && summer.value.toISOString()).toBe('2026-07-06T14:30:20.000Z');
  });

  it('refuses the hour the clocks skip and reads the repeated hour as summer time', () => {
    expect(instantOfLondonWallClock('2026-03-29T01:30')).toEqual({ ok: false, reason: expect.stringContaining('does not exist in London') });
    const repeated = instantOfLondonWallClock('2026-10-25T01:30');
    expect(repeated.ok && repeated.value.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('takes Z and offsets as given, and refuses what is not a date and time', () => {
    const zoned = parseInstant('2026-07-06T15:30:00+01:00');
    expect(zoned.ok && zoned.value.toISOString()).toBe('2026-07-06T14:30:00.000Z');
    expect(parseInstant('2026-02-30T10:00')).toEqual({ ok: false, reason: '"2026-02-30T10:00" is not a real date and time' });
    expect(parseInstant('2026-02-30T10:00:00Z')).toEqual({ ok: false, reason: '"2026-02-30T10:00:00Z" is not a real date and time' });
    expect(parseInstant('yesterday')).toEqual({ ok: false, reason: expect.stringContaining('expected YYYY-MM-DDTHH:MM') });
  });
});
