import { describe, expect, it } from 'vitest';
import { dayNumber, isoDateOfDay, londonWallClock, parseIsoDate, parseIsoMonth, parsePartnerDateTime, spanOfOccurredAt } from './time';

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
