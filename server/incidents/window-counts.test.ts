import { describe, expect, it } from 'vitest';
import { cellAt } from '../../geo/h3';
import { dayNumber } from '../../geo/time';
import type { IncidentDraft } from '../../geo/types';
import { openDatabase, type Db } from '../db/open-database';
import { commitImport } from '../store/commit-import';
import { parsedFromDrafts } from '../store/incident-columns';
import { draftsToCommit } from '../import/locate-rows';
import { buildIncidentIndex, createIndexCache } from './incident-index';
import { countCategoriesInCell, countCellsInWindow } from './window-counts';
import { storeIncidents } from '../../tests/store-incidents';

const WHITECHAPEL: [number, number] = [-0.0597, 51.5194];
const MILE_END: [number, number] = [-0.0333, 51.5252];

const store = (db: Db, drafts: IncidentDraft[], source = 'test') => storeIncidents(db, drafts, source);

const at = (occurredAt: string, [lng, lat]: [number, number], category = 'robbery'): IncidentDraft => ({
  sourceRecordId: null,
  category,
  occurredAt,
  precision: occurredAt.length === 7 ? 'month' : 'minute',
  lng,
  lat,
});

describe('countCellsInWindow', () => {
  const db = openDatabase(':memory:');
  store(db, [
    at('2024-06-03T21:00', WHITECHAPEL),
    at('2024-06-09T23:59', WHITECHAPEL),
    at('2024-06-10T00:00', WHITECHAPEL), // first minute after a [06-03, 06-10) window
    at('2024-06-05T12:00', MILE_END, 'violent-crime'),
  ]);
  store(db, [at('2024-06', MILE_END), at('2024-05', MILE_END), at('2024-05', MILE_END)], 'police.uk');
  const index = buildIncidentIndex(db);

  it('counts minute-precision incidents inside [from, to) and nothing else', () => {
    const cells = countCellsInWindow(index, {
      categories: ['robbery'],
      fromDay: dayNumber(2024, 6, 3),
      toDay: dayNumber(2024, 6, 10),
      h3Resolution: 9,
    });
    expect(cells).toEqual([
      { cell: cellAt(...WHITECHAPEL, 9), count: 2, partialCount: 0 },
      { cell: cellAt(...MILE_END, 9), count: 0, partialCount: 1 },
    ]);
  });

  it('counts a month-only incident only when its whole month is inside the window', () => {
    const june = { categories: ['robbery'], fromDay: dayNumber(2024, 6, 1), toDay: dayNumber(2024, 7, 1), h3Resolution: 10 };
    expect(countCellsInWindow(index, june).find((c) => c.cell === cellAt(...MILE_END, 10))).toEqual({
      cell: cellAt(...MILE_END, 10),
      count: 1,
      partialCount: 0,
    });
    const mayToMidJune = { ...june, fromDay: dayNumber(2024, 5, 1), toDay: dayNumber(2024, 6, 15) };
    expect(countCellsInWindow(index, mayToMidJune).find((c) => c.cell === cellAt(...MILE_END, 10))).toEqual({
      cell: cellAt(...MILE_END, 10),
      count: 2,
      partialCount: 1,
    });
  });

  it('counts each incident in the resolution-7 cell that contains its point', () => {
    const cells = countCellsInWindow(index, {
      categories: ['robbery', 'violent-crime'],
      fromDay: dayNumber(2024, 1, 1),
      toDay: dayNumber(2025, 1, 1),
      h3Resolution: 7,
    });
    const total = cells.reduce((sum, c) => sum + c.count, 0);
    expect(total).toBe(7);
    expect(cells.map((c) => c.cell).sort()).toEqual([...new Set([cellAt(...WHITECHAPEL, 7), cellAt(...MILE_END, 7)])].sort());
  });

  it('breaks a cell down by category', () => {
    const cell = cellAt(...MILE_END, 8);
    const rows = countCategoriesInCell(index, { categories: ['robbery', 'violent-crime'], fromDay: dayNumber(2024, 6, 1), toDay: dayNumber(2024, 7, 1) }, cell);
    expect(rows).toEqual([
      { category: 'robbery', count: 1, partialCount: 0 },
      { category: 'violent-crime', count: 1, partialCount: 0 },
    ]);
  });

  it('rebuilds the cached index when a batch lands', () => {
    const current = createIndexCache(db);
    const before = current();
    expect(current()).toBe(before);
    store(db, [at('2024-06-04T10:00', WHITECHAPEL)]);
    expect(current()).not.toBe(before);
    expect(current().size).toBe(before.size + 1);
  });
});

describe('commitImport', () => {
  it('imports a police.uk multiset once: real repeats kept, re-imports add nothing', () => {
    const db = openDatabase(':memory:');
    const file = [at('2024-05', MILE_END), at('2024-05', MILE_END), at('2024-05', WHITECHAPEL)];
    expect(store(db, file, 'police.uk')).toMatchObject({ imported: 3, duplicates: 0 });
    expect(store(db, file, 'police.uk')).toMatchObject({ imported: 0, duplicates: 3 });
    // A later extract with one more crime at the same snap point adds only that one.
    expect(store(db, [...file, at('2024-05', MILE_END)], 'police.uk')).toMatchObject({ imported: 1, duplicates: 3 });
    expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(4);
  });

  it('refuses a file with rejected rows unless asked, leaving the database as it was', () => {
    const db = openDatabase(':memory:');
    const result = commitImport(db, {
      kind: 'partner',
      source: 'cad',
      fileName: 'bad.csv',
      fileSha256: 'x',
      importedBy: 'test',
      importedAt: '2024-07-01T00:00:00Z',
      located: draftsToCommit([at('2024-06-03T21:00', WHITECHAPEL)]).located,
      parsed: {
        ...parsedFromDrafts([at('2024-06-03T21:00', WHITECHAPEL)]),
        rowsRead: 2,
        rejected: [{ line: 3, message: 'Latitude "abc" is not a number' }],
      },
      area: null,
      allowRejected: false,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('line 3: Latitude "abc" is not a number');
    expect(db.prepare('SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM import_batches)').pluck().get()).toBe(0);
  });
});
