import { describe, expect, it } from 'vitest';
import { cellAt } from '../../geo/h3';
import { seededRandom } from '../../geo/seeded-random';
import { dayNumber, isoDateOfDay } from '../../geo/time';
import type { IncidentDraft } from '../../geo/types';
import { storeIncidents } from '../../tests/store-incidents';
import { openDatabase } from '../db/open-database';
import { buildIncidentIndex, createIndexCache } from './incident-index';
import { aggregateCellsInWindow } from './window-counts';

function drafts(seed: number, n: number, fromDay: number, days: number, prefix: string): IncidentDraft[] {
  const random = seededRandom(seed);
  const categories = ['robbery', 'burglary', 'drugs', 'violent-crime'];
  return Array.from({ length: n }, (_, k) => {
    const minute = Math.floor(random() * 1440);
    return {
      sourceRecordId: `${prefix}-${k}`,
      category: categories[k % categories.length]!,
      occurredAt: `${isoDateOfDay(fromDay + Math.floor(random() * days))}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      precision: 'minute',
      // Some points repeat exactly (snap points), some are new.
      lng: Number((-0.07 + Math.floor(random() * 40) * 0.001).toFixed(6)),
      lat: Number((51.5 + Math.floor(random() * 30) * 0.001).toFixed(6)),
    };
  });
}

const FIRST = dayNumber(2026, 1, 1);

describe('the incident index cache', () => {
  it('merges appended chunks into the index it has: the same arrays a rebuild gives', () => {
    const db = openDatabase(':memory:');
    storeIncidents(db, drafts(1, 3000, FIRST, 120, 'a'));
    const cache = createIndexCache(db);
    const before = cache();
    expect(before.cellsAt(9).cells.length).toBeGreaterThan(0); // a memo to extend
    // Overlapping days, new and repeated points, a month-only batch with a new category.
    storeIncidents(db, drafts(2, 2000, FIRST + 60, 120, 'b'));
    storeIncidents(db, [{ sourceRecordId: null, category: 'shoplifting', occurredAt: '2026-03', precision: 'month', lng: -0.05, lat: 51.52 }], 'police.uk');
    const extended = cache();
    const rebuilt = buildIncidentIndex(db);
    expect(extended).not.toBe(before);
    expect(extended.version).toBe(rebuilt.version);
    expect(extended.size).toBe(5001);
    for (const column of ['startDay', 'endDay', 'minuteOfDay', 'precision', 'categoryIndex', 'locationIndex'] as const) {
      expect(extended[column], column).toEqual(rebuilt[column]);
    }
    expect(extended.categories).toEqual(rebuilt.categories);
    for (const resolution of [8, 9, 10]) expect(extended.cellsAt(resolution)).toEqual(rebuilt.cellsAt(resolution));
    const query = { categories: ['robbery', 'shoplifting'], fromDay: FIRST + 59, toDay: FIRST + 120, h3Resolution: 9 };
    expect(aggregateCellsInWindow(extended, query)).toEqual(aggregateCellsInWindow(rebuilt, query));
    // The old index still answers for what it held.
    expect(before.size).toBe(3000);
    expect(before.cellsAt(9).cellOfLocation.length).toBe(before.locationCount);
    // The appended month-only incident sits in its point's own cell.
    const located = extended.cellsAt(10);
    const shoplifting = extended.categoryIndex.indexOf(extended.categories.indexOf('shoplifting'));
    expect(located.cells[located.cellOfLocation[extended.locationIndex[shoplifting]!]!]).toBe(cellAt(-0.05, 51.52, 10));
  });

  it('leaves the index untouched when a re-import stores nothing', () => {
    const db = openDatabase(':memory:');
    const file = drafts(3, 500, FIRST, 30, 'c');
    storeIncidents(db, file);
    const cache = createIndexCache(db);
    const index = cache();
    expect(storeIncidents(db, file)).toMatchObject({ imported: 0, duplicates: 500 });
    expect(cache()).toBe(index);
  });
});
