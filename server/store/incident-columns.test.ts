import { describe, expect, it } from 'vitest';
import { dayNumber, spanOfOccurredAt } from '../../geo/time';
import type { IncidentDraft } from '../../geo/types';
import {
  categoryCode,
  endDayOf,
  GRID_CODES,
  IdPool,
  IncidentRowsBuilder,
  occurredAtText,
  parsedFromDrafts,
  PRECISION_CODES,
  rowsFromDrafts,
  type IncidentRows,
} from './incident-columns';

/** Gregorian month lengths written out here, so the checks do not lean on Date. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Every calendar day from 1900-01-01 to 2100-12-31, counted from a day number, not from Date. */
function* everyDay(): Generator<{ year: number; month: number; dayOfMonth: number; day: number }> {
  let day = dayNumber(1900, 1, 1);
  for (let year = 1900; year <= 2100; year++) {
    for (let month = 1; month <= 12; month++) {
      for (let dayOfMonth = 1; dayOfMonth <= daysInMonth(year, month); dayOfMonth++) {
        yield { year, month, dayOfMonth, day };
        day += 1;
      }
    }
  }
}

describe('IdPool', () => {
  function idAt(i: number): string | null {
    // Nulls every 7th row, empty-length never (the importers store null for "no id"), lengths 1..40.
    if (i % 7 === 3) return null;
    return `ID-${i}-${'x'.repeat(i % 31)}`;
  }

  it('gives back every id and null across block boundaries, growing from capacity 1', () => {
    const pool = new IdPool(1);
    const n = 3 * 4096 + 17;
    for (let i = 0; i < n; i++) pool.push(idAt(i));
    expect(pool.length).toBe(n);
    const wrong: string[] = [];
    for (let i = 0; i < n; i++) if (pool.at(i) !== idAt(i) && wrong.length < 10) wrong.push(`${i}: ${pool.at(i)} instead of ${idAt(i)}`);
    expect(wrong).toEqual([]);
    expect(pool.at(-1)).toBeUndefined();
    expect(pool.at(n)).toBeUndefined();
  });

  it('stays right when rows are read while their block is still being filled', () => {
    // A read of the newest row seals the block early; pushes after it start a new block.
    const pool = new IdPool(16);
    const n = 2 * 4096 + 100;
    const wrong: string[] = [];
    for (let i = 0; i < n; i++) {
      pool.push(idAt(i));
      if (i % 5 === 0 || i % 4096 === 4095) {
        for (const j of [i, Math.floor(i / 2), i - 1]) {
          if (j >= 0 && pool.at(j) !== idAt(j) && wrong.length < 10) wrong.push(`after push ${i}, row ${j}: ${pool.at(j)}`);
        }
      }
    }
    for (let i = 0; i < n; i++) if (pool.at(i) !== idAt(i) && wrong.length < 20) wrong.push(`at the end, row ${i}: ${pool.at(i)}`);
    expect(wrong).toEqual([]);
  });

  it('grows from capacity 0 and keeps empty and non-ASCII ids', () => {
    const pool = new IdPool(0);
    const ids = ['', 'A', null, 'Ünïcödé-ÿ', '', '🚓-12', null, ' spaced '];
    for (const id of ids) pool.push(id);
    expect(pool.length).toBe(ids.length);
    expect(ids.map((_, i) => pool.at(i))).toEqual(ids);
  });

  it('gives back ids stored as spans of a source text, mixed with copied ids, and hashes both alike', () => {
    const source = 'id,x\nCAD-1,a\nÜ-2,b\nCAD-1,c\n';
    const pool = new IdPool(2, source);
    const spanOf = (id: string, from: number) => [source.indexOf(id, from), source.indexOf(id, from) + id.length] as const;
    pool.pushSpan(...spanOf('CAD-1', 0));
    pool.push('CAD-1');
    pool.push(null);
    pool.pushSpan(...spanOf('Ü-2', 0));
    pool.pushSpan(...spanOf('CAD-1', 12));
    pool.push('Ü-2');
    expect(Array.from({ length: pool.length }, (_, i) => pool.at(i))).toEqual(['CAD-1', 'CAD-1', null, 'Ü-2', 'CAD-1', 'Ü-2']);
    const hashes = Array.from({ length: pool.length }, (_, i) => pool.hashAt(i));
    expect(hashes[2]).toBeNull();
    expect(new Set([hashes[0], hashes[1], hashes[4]]).size).toBe(1);
    expect(hashes[3]).toBe(hashes[5]);
    expect(hashes[0]).not.toBe(hashes[3]);
    expect(pool.hashAt(99)).toBeNull();
  });

  it('joins ASCII ids into NUL-separated bytes, and declines any other id', () => {
    const source = 'x,CAD-7,y,Ü-1';
    const pool = new IdPool(4, source);
    const ids: (string | null)[] = [];
    for (let i = 0; i < 3 * 4096 + 50; i++) {
      const r = i % 5;
      const id = r === 0 ? null : r === 1 ? 'CAD-7' : `R${i}`;
      ids.push(id);
      if (r === 1) pool.pushSpan(2, 7);
      else pool.push(id);
    }
    const expected = (from: number, to: number) =>
      Buffer.from(
        ids
          .slice(from, to)
          .map((id) => id ?? '')
          .join('\0'),
        'latin1',
      );
    for (const [from, to] of [
      [0, ids.length],
      [1, 2],
      [4095, 4100],
      [ids.length - 3, ids.length],
      [7, 7],
    ] as const) {
      const got = pool.asciiJoined(from, to);
      if (from === to) expect(got).toBeNull();
      else expect(got?.equals(expected(from, to)), `${from}..${to}`).toBe(true);
    }
    expect(pool.asciiJoined(0, 1)).toBeNull(); // only a row without an id
    // Through a row map, as an import that keeps some rows reads them.
    const kept = Uint32Array.from([1, 2, 4096, 4097, 9000, ids.length - 1]);
    const expectedKept = Buffer.from([...kept].map((i) => ids[i] ?? '').join('\0'), 'latin1');
    expect(pool.asciiJoined(0, kept.length, kept)?.equals(expectedKept)).toBe(true);
    expect(pool.asciiJoined(2, 4, kept)?.equals(Buffer.from(`${ids[4096] ?? ''}\0${ids[4097] ?? ''}`, 'latin1'))).toBe(true);
    expect(pool.asciiJoined(0, 1, Uint32Array.of(ids.length + 5))).toBeUndefined();
    pool.pushSpan(10, 13); // 'Ü-1'
    expect(pool.asciiJoined(ids.length - 2, ids.length + 1)).toBeUndefined();
    pool.push('');
    expect(pool.asciiJoined(ids.length + 1, ids.length + 2)).toBeUndefined();
    pool.push('A\0B');
    expect(pool.asciiJoined(ids.length + 2, ids.length + 3)).toBeUndefined();
    expect(pool.asciiJoined(0, ids.length + 10)).toBeUndefined();
  });

  it('stores only nulls without a block', () => {
    const pool = new IdPool(4);
    for (let i = 0; i < 5000; i++) pool.push(null);
    expect(pool.length).toBe(5000);
    expect(pool.at(0)).toBeNull();
    expect(pool.at(4999)).toBeNull();
  });
});

describe('endDayOf', () => {
  it('ends a month-precision incident at the first of the next month, December and leap February included', () => {
    const wrong: string[] = [];
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        const start = dayNumber(year, month, 1);
        const end = endDayOf(PRECISION_CODES.month, start);
        if (end !== start + daysInMonth(year, month) && wrong.length < 10) wrong.push(`${year}-${pad(month)}: ${end - start} days`);
      }
    }
    expect(wrong).toEqual([]);
    expect(endDayOf(PRECISION_CODES.month, dayNumber(2024, 2, 1))).toBe(dayNumber(2024, 3, 1));
    expect(endDayOf(PRECISION_CODES.month, dayNumber(2023, 2, 1))).toBe(dayNumber(2023, 3, 1));
    expect(endDayOf(PRECISION_CODES.month, dayNumber(1900, 2, 1)) - dayNumber(1900, 2, 1)).toBe(28);
    expect(endDayOf(PRECISION_CODES.month, dayNumber(2000, 2, 1)) - dayNumber(2000, 2, 1)).toBe(29);
    expect(endDayOf(PRECISION_CODES.month, dayNumber(2024, 12, 1))).toBe(dayNumber(2025, 1, 1));
  });

  it('ends a day- or minute-precision incident the next day', () => {
    for (const day of [dayNumber(1969, 12, 31), 0, dayNumber(2024, 2, 29), dayNumber(2024, 12, 31)]) {
      expect(endDayOf(PRECISION_CODES.day, day)).toBe(day + 1);
      expect(endDayOf(PRECISION_CODES.minute, day)).toBe(day + 1);
    }
  });
});

describe('occurredAtText', () => {
  it('spell every day 1900-2100 in all three precisions, and spanOfOccurredAt reads them back', () => {
    const minutes = [0, 59, 60, 9 * 60 + 5, 1439];
    const wrong: string[] = [];
    let k = 0;
    for (const { year, month, dayOfMonth, day } of everyDay()) {
      const date = `${year}-${pad(month)}-${pad(dayOfMonth)}`;
      const minute = minutes[k++ % minutes.length]!;
      const expected = {
        month: `${year}-${pad(month)}`,
        day: date,
        minute: `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`,
      };
      const monthStart = day - dayOfMonth + 1;
      const got = {
        month: occurredAtText(PRECISION_CODES.month, monthStart, -1),
        day: occurredAtText(PRECISION_CODES.day, day, -1),
        minute: occurredAtText(PRECISION_CODES.minute, day, minute),
      };
      if (got.month !== expected.month || got.day !== expected.day || got.minute !== expected.minute) {
        if (wrong.length < 10) wrong.push(`${date}: ${JSON.stringify(got)}`);
      }
      const span = spanOfOccurredAt(got.minute, 'minute');
      if ((span.startDay !== day || span.minuteOfDay !== minute) && wrong.length < 10) wrong.push(`${got.minute} reads back as ${JSON.stringify(span)}`);
    }
    expect(wrong).toEqual([]);
    expect(k).toBe(73_414); // 201 years, 49 of them leap
  });
});

describe('IncidentRowsBuilder', () => {
  it('keeps every column through growth and hands over contiguous chunks covering all rows', () => {
    const chunks: [number, number][] = [];
    const rows = new IncidentRowsBuilder(1, {
      rows: 1000,
      onChunk: (_rows, from, to) => {
        chunks.push([from, to]);
      },
    });
    const n = 5_321;
    for (let i = 0; i < n; i++) {
      rows.push(i + 2, i % 3 === 0 ? null : `R${i}`, i % 18, PRECISION_CODES.minute, 19_000 + (i % 400), i % 1440, i % 2, -0.05 - i * 1e-6, 51.5 + i * 1e-6);
    }
    const done = rows.finish();
    expect(chunks).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 3000],
      [3000, 4000],
      [4000, 5000],
      [5000, 5321],
    ]);
    expect(done.length).toBe(n);
    for (const i of [0, 1, 15, 16, 17, 1023, 1024, 4095, 4096, n - 1]) {
      expect({
        line: done.line[i],
        id: done.sourceRecordId.at(i),
        category: done.category[i],
        precision: done.precision[i],
        startDay: done.startDay[i],
        minuteOfDay: done.minuteOfDay[i],
        grid: done.grid[i],
        x: done.x[i],
        y: done.y[i],
      }).toEqual({
        line: i + 2,
        id: i % 3 === 0 ? null : `R${i}`,
        category: i % 18,
        precision: PRECISION_CODES.minute,
        startDay: 19_000 + (i % 400),
        minuteOfDay: i % 1440,
        grid: i % 2,
        x: -0.05 - i * 1e-6,
        y: 51.5 + i * 1e-6,
      });
    }
  });

  it('hands nothing over twice when the rows end on a chunk boundary', () => {
    const chunks: [number, number][] = [];
    const rows = new IncidentRowsBuilder(16, { rows: 10, onChunk: (_r, from, to) => chunks.push([from, to]) });
    for (let i = 0; i < 20; i++) rows.push(i + 2, null, 0, PRECISION_CODES.day, 0, -1, GRID_CODES.wgs84, 0, 51);
    rows.finish();
    expect(chunks).toEqual([
      [0, 10],
      [10, 20],
    ]);
  });
});

describe('rowsFromDrafts and parsedFromDrafts', () => {
  const drafts: (IncidentDraft & { line?: number })[] = [
    { sourceRecordId: 'A-1', category: 'robbery', occurredAt: '2024-03-01T21:15', precision: 'minute', lng: -0.0597, lat: 51.5194 },
    { sourceRecordId: null, category: 'anti-social-behaviour', occurredAt: '2024-02', precision: 'month', lng: -0.01, lat: 51.5 },
    { sourceRecordId: 'B', category: 'knife-crime', occurredAt: '2024-12-31', precision: 'day', lng: -0.02, lat: 51.51, line: 40 },
  ];

  function columns(rows: IncidentRows) {
    return Array.from({ length: rows.length }, (_, i) => [
      rows.line[i],
      rows.sourceRecordId.at(i),
      rows.category[i],
      rows.precision[i],
      rows.startDay[i],
      rows.minuteOfDay[i],
      rows.grid[i],
      rows.x[i],
      rows.y[i],
    ]);
  }

  it('writes drafts as columns: WGS84, line = index + 2 unless given', () => {
    expect(columns(rowsFromDrafts(drafts))).toEqual([
      [2, 'A-1', categoryCode('robbery'), PRECISION_CODES.minute, dayNumber(2024, 3, 1), 21 * 60 + 15, GRID_CODES.wgs84, -0.0597, 51.5194],
      [3, null, categoryCode('anti-social-behaviour'), PRECISION_CODES.month, dayNumber(2024, 2, 1), -1, GRID_CODES.wgs84, -0.01, 51.5],
      [40, 'B', categoryCode('knife-crime'), PRECISION_CODES.day, dayNumber(2024, 12, 31), -1, GRID_CODES.wgs84, -0.02, 51.51],
    ]);
    const parsed = parsedFromDrafts(drafts);
    expect(parsed.rowsRead).toBe(3);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.notes).toEqual([]);
    expect(columns(parsed.rows)).toEqual(columns(rowsFromDrafts(drafts)));
    expect(rowsFromDrafts([]).length).toBe(0);
  });

  it('refuses a category slug it does not know', () => {
    expect(() => categoryCode('stabbing')).toThrow('unknown category slug "stabbing"');
  });
});
