import { describe, expect, it } from 'vitest';
import { dayNumber } from '../time';
import { dosageWarnings, KOPER } from './koper';
import { applyDecision, defaultNextReviewDay, effectiveStatus } from './status';
import { describeBand, normaliseBand, weekHoursOfBand, weekHoursOfBands } from './time-bands';

describe('time bands', () => {
  it('covers the weekday x hour cells of a band: mon-fri 15-18 is 5 x 3 = 15 week-hours', () => {
    const mask = weekHoursOfBand({ weekdays: 'mon-fri', hours: '15-18' });
    expect(mask.ok && mask.value.reduce((a, b) => a + b, 0)).toBe(15);
    expect(mask.ok && [mask.value[15], mask.value[17], mask.value[18], mask.value[5 * 24 + 15]]).toEqual([1, 1, 0, 0]);
  });

  it('joins bands, and is every hour without any', () => {
    const mask = weekHoursOfBands([
      { weekdays: 'mon-fri', hours: '15-18' },
      { weekdays: 'fri-sat', hours: '22-2' },
    ]);
    // 15 + 2 days x 4 hours (22, 23, 0, 1), none shared.
    expect(mask.reduce((a, b) => a + b, 0)).toBe(23);
    expect(weekHoursOfBands([]).reduce((a, b) => a + b, 0)).toBe(168);
  });

  it('refuses empty and malformed bands with the filter syntax in the message', () => {
    expect(weekHoursOfBand({ weekdays: null, hours: null })).toEqual({ ok: false, reason: expect.stringContaining('needs weekdays') });
    expect(weekHoursOfBand({ weekdays: 'mon-fri', hours: '25-3' })).toEqual({ ok: false, reason: expect.stringContaining('expected e.g. 15-18') });
    expect(weekHoursOfBand({ weekdays: 'weekdays', hours: null })).toEqual({ ok: false, reason: expect.stringContaining('expected e.g. mon-fri') });
  });

  it('normalises and describes bands', () => {
    expect(normaliseBand({ weekdays: ' Mon-Fri ', hours: '' })).toEqual({ weekdays: 'mon-fri', hours: null });
    expect(describeBand({ weekdays: 'mon-fri', hours: '15-18' })).toBe('Mon-Fri 15:00-18:00');
    expect(describeBand({ weekdays: null, hours: '22-2' })).toBe('every day 22:00-02:00');
  });
});

describe('Koper guidance warns, never refuses', () => {
  const afterSchool = [{ weekdays: 'mon-fri', hours: '15-18' }];
  it('is quiet inside the guidance: 2 visits of 15 minutes in 3 hours', () => {
    expect(dosageWarnings({ visitsPerDay: 2, minutesPerVisit: 15 }, afterSchool)).toEqual([]);
  });
  it('warns about short and long visits', () => {
    expect(dosageWarnings({ visitsPerDay: 2, minutesPerVisit: 5 }, afterSchool)[0]).toContain('shorter than the 10-16 minutes');
    expect(dosageWarnings({ visitsPerDay: 2, minutesPerVisit: 30 }, afterSchool)[0]).toContain('longer than the 10-16 minutes');
  });
  it('warns when visits are more than two hours apart: 1 visit in 3 hours needs 2', () => {
    expect(dosageWarnings({ visitsPerDay: 1, minutesPerVisit: 15 }, afterSchool)).toEqual([
      '1 visit in 3 hours leaves about 3 hours between visits; the Koper curve suggests returning at least every two hours (2 visits).',
    ]);
  });
  it('warns when the visits do not fit in the bands', () => {
    expect(dosageWarnings({ visitsPerDay: 13, minutesPerVisit: 15 }, afterSchool)).toEqual([
      '13 visits of 15 minutes do not fit in the 3 hours of the time bands.',
    ]);
  });
  it('states the guidance', () => {
    expect(KOPER.guidance).toBe('Koper curve: visits of 10-16 minutes, repeated at least every two hours, deter most.');
  });
});

describe('status and decisions', () => {
  const start = dayNumber(2026, 11, 2);
  const review = dayNumber(2026, 11, 30);
  it('derives review-due from the review date for active taskings only', () => {
    expect(effectiveStatus('active', review, review - 1)).toBe('active');
    expect(effectiveStatus('active', review, review)).toBe('review-due');
    expect(effectiveStatus('proposed', review, review + 5)).toBe('proposed');
    expect(effectiveStatus('closed', review, review + 5)).toBe('closed');
  });

  it('continues for the first review interval (28 days) from today unless a date is given', () => {
    const today = review + 2;
    expect(defaultNextReviewDay(start, review, today)).toBe(today + 28);
    expect(applyDecision({ status: 'active', startDay: start, reviewDay: review, endDay: null }, 'continue', today, null)).toEqual({
      status: 'active',
      reviewDay: today + 28,
      endDay: null,
    });
    expect(applyDecision({ status: 'active', startDay: start, reviewDay: review, endDay: null }, 'amend', today, today + 7).reviewDay).toBe(today + 7);
    // A tasking reviewed after 3 days still gets a week.
    expect(defaultNextReviewDay(start, start + 3, today)).toBe(today + 7);
  });

  it('closes today, keeps an earlier end, and leaves a not-yet-started end alone', () => {
    const today = review + 2;
    expect(applyDecision({ status: 'active', startDay: start, reviewDay: review, endDay: null }, 'close', today, null)).toEqual({
      status: 'closed',
      reviewDay: review,
      endDay: today,
    });
    expect(applyDecision({ status: 'active', startDay: start, reviewDay: review, endDay: review - 3 }, 'close', today, null).endDay).toBe(review - 3);
    expect(applyDecision({ status: 'proposed', startDay: today + 10, reviewDay: today + 30, endDay: null }, 'close', today, null).endDay).toBeNull();
  });

  it('escalates without changing status or review unless a date is given', () => {
    expect(applyDecision({ status: 'active', startDay: start, reviewDay: review, endDay: null }, 'escalate', review, null)).toEqual({
      status: 'active',
      reviewDay: review,
      endDay: null,
    });
  });
});
