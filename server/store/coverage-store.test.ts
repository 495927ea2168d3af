import { describe, expect, it } from 'vitest';
import type { IncidentDraft } from '../../geo/types';
import { storeIncidents } from '../../tests/store-incidents';
import { openDatabase } from '../db/open-database';
import { backfillCoverage, listBatchCategoryMonths } from './coverage-store';

const draft = (category: string, occurredAt: string, precision: IncidentDraft['precision'], k: number): IncidentDraft => ({
  sourceRecordId: `C-${category}-${occurredAt}-${k}`,
  category,
  occurredAt,
  precision,
  lng: -0.05 + k * 1e-4,
  lat: 51.52,
});

describe('coverage months', () => {
  it('are written with each batch, per category and month of the start day, month-only rows in their month', () => {
    const db = openDatabase(':memory:');
    storeIncidents(db, [
      draft('robbery', '2026-01-31T23:30', 'minute', 1),
      draft('robbery', '2026-02-01T00:10', 'minute', 2),
      draft('burglary', '2026-02-14', 'day', 3),
    ]);
    storeIncidents(db, [draft('violent-crime', '2016-06', 'month', 4), draft('violent-crime', '2016-06', 'month', 5)], 'police.uk');
    const stored = listBatchCategoryMonths(db).map((b) => [b.batchId, b.category, Object.fromEntries(b.months)]);
    expect(stored).toEqual([
      [1, 'burglary', { '2026-02': 1 }],
      [1, 'robbery', { '2026-01': 1, '2026-02': 1 }],
      [2, 'violent-crime', { '2016-06': 2 }],
    ]);
  });

  it('are filled from the stored chunks for a database made before they existed', () => {
    const db = openDatabase(':memory:');
    storeIncidents(db, [draft('robbery', '2026-01-05T10:00', 'minute', 1), draft('drugs', '2026-03-05T10:00', 'minute', 2)]);
    const written = listBatchCategoryMonths(db);
    db.prepare('DELETE FROM coverage_months').run();
    expect(backfillCoverage(db)).toBe(1);
    expect(listBatchCategoryMonths(db)).toEqual(written);
    // Once filled, opening again does nothing.
    expect(backfillCoverage(db)).toBe(0);
  });
});
