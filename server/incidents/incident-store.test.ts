import { describe, expect, it } from 'vitest';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import type { IncidentDraft } from '../../geo/types';
import { migrate, openDatabase } from '../db/open-database';
import { parsedFromDrafts } from './incident-rows';
import { buildIncidentIndex } from './incident-index';
import { commitImport } from './commit-import';
import { CHUNK_ROWS, readChunks, storedIncidentCount } from './incident-store';
import { convertLegacyIncidents } from './legacy-incidents';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function store(db: ReturnType<typeof openDatabase>, drafts: IncidentDraft[], source = 'cad') {
  const result = commitImport(db, {
    kind: source === 'police.uk' ? 'police-uk' : 'partner',
    source,
    fileName: 'f.csv',
    fileSha256: 'x',
    importedBy: 'test',
    importedAt: '2026-01-01T00:00:00Z',
    parsed: parsedFromDrafts(drafts),
    area: null,
    allowRejected: false,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.summary;
}

const drafts: IncidentDraft[] = [
  { sourceRecordId: 'A1', category: 'robbery', occurredAt: '2024-03-01T21:15', precision: 'minute', lng: -0.0597, lat: 51.5194 },
  { sourceRecordId: null, category: 'anti-social-behaviour', occurredAt: '2024-02-29', precision: 'day', lng: -0.0177, lat: 51.5087 },
  { sourceRecordId: 'A "quoted", id', category: 'drugs', occurredAt: '2024-12-31T23:59', precision: 'minute', lng: -0.02351, lat: 51.527312 },
];

describe('incident chunks', () => {
  it('stores each field of each incident and gives it back through the incidents view', () => {
    const db = openDatabase(':memory:');
    store(db, drafts);
    expect(db.prepare('SELECT id, source, source_record_id, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id FROM incidents ORDER BY id').all()).toEqual(
      drafts.map((d, i) => ({
        id: i + 1,
        source: 'cad',
        source_record_id: d.sourceRecordId,
        category: d.category,
        occurred_at: d.occurredAt,
        precision: d.precision,
        start_day: expect.any(Number),
        end_day: expect.any(Number),
        minute_of_day: d.precision === 'minute' ? Number(d.occurredAt.slice(11, 13)) * 60 + Number(d.occurredAt.slice(14, 16)) : null,
        lng: d.lng,
        lat: d.lat,
        h3_r11: cellAt(d.lng, d.lat, STORED_H3_RESOLUTION),
        batch_id: 1,
      })),
    );
    const month = db.prepare("SELECT start_day, end_day FROM incidents WHERE source_record_id = 'A1'").get() as { start_day: number; end_day: number };
    expect(month.end_day - month.start_day).toBe(1);
  });

  it('splits a large batch into chunks with consecutive incident ids', () => {
    const db = openDatabase(':memory:');
    const many: IncidentDraft[] = Array.from({ length: CHUNK_ROWS + 10 }, (_, i) => ({
      sourceRecordId: `R${i}`,
      category: 'burglary',
      occurredAt: '2024-05',
      precision: 'month',
      lng: -0.05 + (i % 1000) * 1e-5,
      lat: 51.52,
    }));
    store(db, many, 'police.uk');
    const chunks = [...readChunks(db)];
    expect(chunks.map((c) => [c.firstIncidentId, c.length])).toEqual([
      [1, CHUNK_ROWS],
      [CHUNK_ROWS + 1, 10],
    ]);
    expect(storedIncidentCount(db)).toBe(CHUNK_ROWS + 10);
    expect(db.prepare('SELECT min(id), max(id), count(DISTINCT id) FROM incidents').raw().get()).toEqual([1, CHUNK_ROWS + 10, CHUNK_ROWS + 10]);
    expect(buildIncidentIndex(db).size).toBe(CHUNK_ROWS + 10);
  });

  it('refuses a damaged chunk loudly instead of reading wrong values', () => {
    const db = openDatabase(':memory:');
    store(db, drafts);
    db.prepare('UPDATE incident_chunks SET lat = zeroblob(8)').run();
    expect(() => buildIncidentIndex(db)).toThrow(/incident chunk 1 is damaged: column lat has 1 values for 3 rows/);
  });
});

describe('upgrading a database written before incident chunks', () => {
  it('moves every legacy incident row into chunks, keeping ids, batches and values', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'legacy-')), 'old.db');
    const legacy = new Database(path);
    migrate(legacy, 1);
    legacy.prepare("INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json) VALUES ('partner', 'cad', 'a.csv', 'x', 't', 'cli', 2, 2, 0, 0, 0, '{}')").run();
    legacy.prepare("INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json) VALUES ('police-uk', 'police.uk', 'b.csv', 'y', 't', 'cli', 1, 1, 0, 0, 0, '{}')").run();
    const insert = legacy.prepare(
      `INSERT INTO incidents (source, source_record_id, dedupe_key, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id)
       VALUES (?, ?, 'k', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('cad', 'A1', 'robbery', '2024-03-01T21:15', 'minute', 19783, 19784, 1275, -0.0597, 51.5194, cellAt(-0.0597, 51.5194, 11), 1);
    insert.run('cad', null, 'drugs', '2024-03-02T01:05', 'minute', 19784, 19785, 65, -0.0177, 51.5087, cellAt(-0.0177, 51.5087, 11), 1);
    insert.run('police.uk', null, 'burglary', '2024-03', 'month', 19783, 19814, null, -0.02, 51.52, cellAt(-0.02, 51.52, 11), 2);
    const before = legacy.prepare('SELECT id, source, source_record_id, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id FROM incidents ORDER BY id').all();
    legacy.close();

    const db = openDatabase(path);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'legacy_incidents'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT id, source, source_record_id, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id FROM incidents ORDER BY id').all()).toEqual(before);
    expect(convertLegacyIncidents(db)).toBe(0);
    // Re-importing the same rows after the upgrade adds nothing.
    expect(store(db, [{ sourceRecordId: 'A1', category: 'robbery', occurredAt: '2024-03-01T21:15', precision: 'minute', lng: -0.0597, lat: 51.5194 }])).toMatchObject({ imported: 0, duplicates: 1 });
    db.close();
  });
});
