import { describe, expect, it } from 'vitest';
import { describeWindow, formatDay, openingWindow, resolveWindow } from './window-dates';

function resolved(...args: Parameters<typeof resolveWindow>) {
  const result = resolveWindow(...args);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('resolveWindow', () => {
  it('ends "last 28 days" today, inclusive, when the data reaches today', () => {
    const w = resolved({ kind: 'last', days: 28 }, '2025-03-14', '2025-03-14');
    expect(w).toEqual({ from: '2025-02-15', to: '2025-03-15', through: '2025-03-14', windowDays: 28, dataEndNote: null });
  });

  it('ends "last 7 days" today when nothing is imported yet', () => {
    const w = resolved({ kind: 'last', days: 7 }, '2025-03-14', null);
    expect(w.from).toBe('2025-03-08');
    expect(w.to).toBe('2025-03-15');
    expect(w.dataEndNote).toBeNull();
  });

  it('anchors at the end of the data, and says so, when the data ends before today', () => {
    const w = resolved({ kind: 'last', days: 28 }, '2026-05-01', '2019-12-31');
    expect(w.from).toBe('2019-12-04');
    expect(w.to).toBe('2020-01-01');
    expect(w.dataEndNote).toBe('Data ends 31 Dec 2019: showing the 28 days to then.');
  });

  it('crosses a month and a leap day correctly', () => {
    const w = resolved({ kind: 'last', days: 7 }, '2024-03-02', null);
    expect(w.from).toBe('2024-02-25');
    expect(w.to).toBe('2024-03-03');
  });

  it('turns an inclusive custom range into the API exclusive end', () => {
    const w = resolved({ kind: 'custom', from: '2025-01-01', through: '2025-01-31' }, '2025-03-14', '2025-03-14');
    expect(w).toEqual({ from: '2025-01-01', to: '2025-02-01', through: '2025-01-31', windowDays: 31, dataEndNote: null });
    expect(resolved({ kind: 'custom', from: '2025-01-01', through: '2025-01-01' }, '2025-03-14', null).windowDays).toBe(1);
  });

  it('refuses custom ranges that are backwards, unreal or too long, saying what to do', () => {
    const backwards = resolveWindow({ kind: 'custom', from: '2025-02-01', through: '2025-01-01' }, '2025-03-14', null);
    expect(backwards).toEqual({ ok: false, reason: 'To is before From: pick a To date on or after the From date.' });
    const unreal = resolveWindow({ kind: 'custom', from: '2025-02-30', through: '2025-03-01' }, '2025-03-14', null);
    expect(unreal.ok).toBe(false);
    if (!unreal.ok) expect(unreal.reason).toMatch(/^From: /);
    const empty = resolveWindow({ kind: 'custom', from: '2025-02-01', through: '' }, '2025-03-14', null);
    expect(empty.ok).toBe(false);
    const long = resolveWindow({ kind: 'custom', from: '2000-01-01', through: '2025-01-01' }, '2025-03-14', null);
    expect(long.ok).toBe(false);
  });
});

describe('last full month', () => {
  it('is the month before the one the data ends in, anchored at the data and saying so', () => {
    const w = resolved({ kind: 'last-month' }, '2026-05-01', '2025-03-14');
    expect(w).toEqual({
      from: '2025-02-01',
      to: '2025-03-01',
      through: '2025-02-28',
      windowDays: 28,
      dataEndNote: 'Data ends 14 Mar 2025: showing February 2025, the last full month.',
    });
  });

  it("is the month the data ends in when it ends on that month's last day (police.uk months)", () => {
    const w = resolved({ kind: 'last-month' }, '2026-05-01', '2019-12-31');
    expect(w).toMatchObject({ from: '2019-12-01', to: '2020-01-01', through: '2019-12-31', windowDays: 31 });
    expect(w.dataEndNote).toBe('Data ends 31 Dec 2019: showing December 2019, the last full month.');
  });

  it("ends before today's month, as today is still under way, even on its last day", () => {
    expect(resolved({ kind: 'last-month' }, '2024-03-31', '2024-03-31')).toEqual({
      from: '2024-02-01',
      to: '2024-03-01',
      through: '2024-02-29',
      windowDays: 29,
      dataEndNote: null,
    });
    expect(resolved({ kind: 'last-month' }, '2025-01-01', null)).toMatchObject({ from: '2024-12-01', to: '2025-01-01', windowDays: 31 });
  });
});

describe('formatting', () => {
  it('formats days for a big screen, in words', () => {
    expect(formatDay('2019-12-31')).toBe('31 Dec 2019');
    expect(describeWindow(resolved({ kind: 'last', days: 28 }, '2025-03-14', null))).toBe('15 Feb 2025 to 14 Mar 2025 (28 days)');
  });
});

describe('the window the map opens on', () => {
  it('is the last 28 days, or the last full month when every source is known only to the month', () => {
    expect(openingWindow([{ precisions: ['minute'] }, { precisions: ['month'] }])).toEqual({ choice: { kind: 'last', days: 28 }, why: null });
    expect(openingWindow([{ precisions: ['month'] }])).toEqual({ choice: { kind: 'last-month' }, why: expect.stringContaining('known only to the month') });
    expect(openingWindow([])).toEqual({ choice: { kind: 'last', days: 28 }, why: null });
  });
});
