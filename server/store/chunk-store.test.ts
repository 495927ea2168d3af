import { describe, expect, it } from 'vitest';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import type { IncidentDraft } from '../../geo/types';
import { migrate, openDatabase, type Db } from '../db/open-database';
import { buildIncidentIndex } from '../incidents/incident-index';
import { CHUNK_ROWS, readChunks, storedIncidentCount } from './chunk-store';
import { convertLegacyIncidents } from './legacy-incidents';
import { storeIncidents } from '../../tests/store-incidents';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const store = (db: Db, drafts: IncidentDraft[], source = 'cad') => storeIncidents(db, drafts, source);

const drafts: IncidentDraft[] = [
  { sourceRecordId: 'A1', category: 'robbery', occurredAt: '2024-03-01T21:15', precision: 'minute', lng: -0.0597, lat: 51.5194 },
  { sourceRecordId: null, category: 'anti-social-behaviour', occurredAt: '2024-02-29', precision: 'day', lng: -0.0177, lat: 51.5087 },
  { sourceRecordId: 'A "quoted", id', category: 'drugs', occurredAt: '2024-12-31T23:59', precision: 'minute', lng: -0.02351, lat: 51.527312 },
];

describe('incident chunks', () => {
  it('stores each field of each incident and gives it back through the incidents view', () => {
    const db = openDatabase(':memory:');
    store(db, drafts);
    expect(
      db
        .prepare(
          'SELECT id, source, source_record_id, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id FROM incidents ORDER BY id',
        )
        .all(),
    ).toEqual(
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
    // Three rows of Int32 millionths take 12 bytes; 8 bytes hold two.
    db.prepare('UPDATE incident_chunks SET lat = zeroblob(8)').run();
    expect(() => buildIncidentIndex(db)).toThrow(/incident chunk 1 is damaged: column lat has 2 values for 3 rows/);
  });
});

describe('upgrading a database written before incident chunks', () => {
  it('moves every legacy incident row into chunks, keeping ids, batches and values', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'legacy-')), 'old.db');
    const legacy = new Database(path);
    migrate(legacy, 1);
    legacy
      .prepare(
        "INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json) VALUES ('partner', 'cad', 'a.csv', 'x', 't', 'cli', 2, 2, 0, 0, 0, '{}')",
      )
      .run();
    legacy
      .prepare(
        "INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json) VALUES ('police-uk', 'police.uk', 'b.csv', 'y', 't', 'cli', 1, 1, 0, 0, 0, '{}')",
      )
      .run();
    const insert = legacy.prepare(
      `INSERT INTO incidents (source, source_record_id, dedupe_key, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id)
       VALUES (?, ?, 'k', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('cad', 'A1', 'robbery', '2024-03-01T21:15', 'minute', 19783, 19784, 1275, -0.0597, 51.5194, cellAt(-0.0597, 51.5194, 11), 1);
    insert.run('cad', null, 'drugs', '2024-03-02T01:05', 'minute', 19784, 19785, 65, -0.0177, 51.5087, cellAt(-0.0177, 51.5087, 11), 1);
    insert.run('police.uk', null, 'burglary', '2024-03', 'month', 19783, 19814, null, -0.02, 51.52, cellAt(-0.02, 51.52, 11), 2);
    const before = legacy
      .prepare(
        'SELECT id, source, source_record_id, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id FROM incidents ORDER BY id',
      )
      .all();
    legacy.close();

    const db = openDatabase(path);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'legacy_incidents'").pluck().get()).toBe(0);
    expect(
      db
        .prepare(
          'SELECT id, source, source_record_id, category, occurred_at, precision, start_day, end_day, minute_of_day, lng, lat, h3_r11, batch_id FROM incidents ORDER BY id',
        )
        .all(),
    ).toEqual(before);
    expect(convertLegacyIncidents(db)).toBe(0);
    // Re-importing the same rows after the upgrade adds nothing.
    expect(
      store(db, [{ sourceRecordId: 'A1', category: 'robbery', occurredAt: '2024-03-01T21:15', precision: 'minute', lng: -0.0597, lat: 51.5194 }]),
    ).toMatchObject({ imported: 0, duplicates: 1 });
    db.close();
  });

  describe('compact spellings of lng/lat and ids', () => {
    const base = drafts[0]!;
    const at = (lng: number, lat: number, sourceRecordId: string | null = null): IncidentDraft => ({ ...base, lng, lat, sourceRecordId });
    const columnsOf = (db: ReturnType<typeof openDatabase>) =>
      db.prepare('SELECT row_count AS n, length(lng) AS lngBytes, typeof(source_record_ids) AS idType FROM incident_chunks ORDER BY id').all();
    const readBack = (db: ReturnType<typeof openDatabase>) =>
      [...readChunks(db)].flatMap((c) => Array.from({ length: c.length }, (_, i) => [c.lng[i], c.lat[i], c.sourceRecordId.at(i) ?? null]));

    it('stores six-decimal points as millionths and gives back the same doubles', () => {
      const db = openDatabase(':memory:');
      const points = [at(-0.0597, 51.5194), at(-0.000001, 49.000001), at(179.999999, -89.999999), at(0, 51.5), at(-180, 90), at(-0.123456, 51.654321)];
      store(db, points);
      expect(columnsOf(db)).toEqual([{ n: points.length, lngBytes: points.length * 4, idType: 'null' }]);
      expect(readBack(db).map(([lng, lat]) => [lng, lat])).toEqual(points.map((p) => [p.lng, p.lat]));
    });

    it('keeps Float64 for a column of a chunk with any value millionths cannot spell exactly, -0 included', () => {
      const cases: [IncidentDraft, number, number][] = [
        [at(-0.05970001, 51.5194), 16, 8],
        [at(-0.0597, 51.51941234567), 8, 16],
        [at(-0, 51.5), 16, 8],
      ];
      for (const [odd, lngBytes, latBytes] of cases) {
        const db = openDatabase(':memory:');
        store(db, [at(-0.0597, 51.5194), odd]);
        expect(db.prepare('SELECT length(lng) AS lngBytes, length(lat) AS latBytes FROM incident_chunks').get()).toEqual({ lngBytes, latBytes });
        const back = readBack(db);
        expect(Object.is(back[1]![0], odd.lng) && Object.is(back[1]![1], odd.lat)).toBe(true);
      }
    });

    it('stores ids as NUL-separated UTF-8, and as JSON when an id could not be told apart that way', () => {
      const plain = [at(-0.05, 51.5, 'CAD-1'), at(-0.05, 51.5, null), at(-0.05, 51.5, 'Café, "quoted"\n€ 😀'), at(-0.05, 51.5, 'CAD-1')];
      const db = openDatabase(':memory:');
      store(db, plain);
      expect(columnsOf(db)).toEqual([{ n: 4, lngBytes: 16, idType: 'blob' }]);
      expect(readBack(db).map((r) => r[2])).toEqual(plain.map((p) => p.sourceRecordId));
      for (const odd of ['', 'A\0B']) {
        const other = openDatabase(':memory:');
        store(other, [at(-0.05, 51.5, 'CAD-1'), at(-0.05, 51.5, odd), at(-0.05, 51.5, null)]);
        expect(columnsOf(other)).toEqual([{ n: 3, lngBytes: 12, idType: 'text' }]);
        expect(readBack(other).map((r) => r[2])).toEqual(['CAD-1', odd, null]);
      }
    });
  });
});

describe('chunk format and encodings (docs/store-format.md)', () => {
  const insertBatch = (db: Database.Database) =>
    db
      .prepare(
        "INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json) VALUES ('partner', 'cad', 'a.csv', 'x', 't', 'cli', 2, 2, 0, 0, 0, '{}')",
      )
      .run();
  const f64 = (...v: number[]) => Buffer.from(Float64Array.from(v).buffer);
  const i32 = (...v: number[]) => Buffer.from(Int32Array.from(v).buffer);
  const u32 = (...v: number[]) => Buffer.from(Uint32Array.from(v).buffer);
  const cellHalves = (lng: number, lat: number) => {
    const cell = cellAt(lng, lat, STORED_H3_RESOLUTION);
    return [parseInt(cell.slice(0, -8), 16), parseInt(cell.slice(-8), 16)] as const;
  };
  const a = [-0.0597, 51.5194] as const;
  const b = [-0.0177, 51.508712345] as const;

  it('reads off the spelling of chunks written before encodings were recorded, and reads them back the same', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'chunks-v4-')), 'old.db');
    const old = new Database(path);
    migrate(old, 4);
    insertBatch(old);
    const insert = old.prepare(
      `INSERT INTO incident_chunks (batch_id, source, first_incident_id, row_count, first_day, last_day, categories, source_record_ids,
         category, precision, start_day, minute_of_day, lng, lat, cell_hi, cell_lo) VALUES (1, 'cad', ?, 2, 19783, 19785, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const categories = JSON.stringify(['robbery', 'drugs']);
    const [aHi, aLo] = cellHalves(...a);
    const [bHi, bLo] = cellHalves(...b);
    const common = [Buffer.from([0, 1]), Buffer.from([2, 2]), i32(19783, 19784), Buffer.from(Int16Array.of(1275, 65).buffer)] as const;
    // Chunk 1: Float64 points, JSON ids (one empty); chunk 2: millionths (lng) and Float64 (lat), NUL ids; chunk 3: no ids.
    insert.run(1, categories, JSON.stringify(['', 'B2']), ...common, f64(a[0], b[0]), f64(a[1], b[1]), u32(aHi, bHi), u32(aLo, bLo));
    insert.run(3, categories, Buffer.from('A1\0B2'), ...common, i32(-59700, -17700), f64(a[1], b[1]), u32(aHi, bHi), u32(aLo, bLo));
    insert.run(5, categories, null, ...common, i32(-59700, -17700), i32(51519400, 51508712), u32(aHi, bHi), u32(aLo, bLo));
    old.close();

    const db = openDatabase(path);
    const encodings = db.prepare('SELECT format, encoding FROM incident_chunks ORDER BY id').all();
    expect(encodings).toEqual([
      { format: 1, encoding: '{"lng":"float64","lat":"float64","ids":"json"}' },
      { format: 1, encoding: '{"lng":"int32-micro","lat":"float64","ids":"utf8-nul"}' },
      { format: 1, encoding: '{"lng":"int32-micro","lat":"int32-micro","ids":"none"}' },
    ]);
    const rows = [...readChunks(db)].map((c) => [c.lng[0], c.lat[0], c.lng[1], c.lat[1], c.sourceRecordId.at(0), c.sourceRecordId.at(1)]);
    expect(rows).toEqual([
      [a[0], a[1], b[0], b[1], '', 'B2'],
      [a[0], a[1], b[0], b[1], 'A1', 'B2'],
      [a[0], a[1], b[0], 51.508712, null, null],
    ]);
    db.close();
  });

  const written = () => {
    const path = join(mkdtempSync(join(tmpdir(), 'chunks-')), 'store.db');
    const db = openDatabase(path);
    store(db, drafts);
    return { db, path };
  };

  it('labels chunks an older build wrote after the upgrade (it knows no encoding column) when the database next opens', () => {
    const { db, path } = written();
    // What a build from before migration 005 writes: no format, no encoding (the columns' defaults).
    db.prepare(
      `INSERT INTO incident_chunks (batch_id, source, first_incident_id, row_count, first_day, last_day, categories, source_record_ids,
         category, precision, start_day, minute_of_day, lng, lat, cell_hi, cell_lo)
       SELECT batch_id, source, first_incident_id + 100, row_count, first_day, last_day, categories, NULL, category, precision, start_day,
         minute_of_day, lng, lat, cell_hi, cell_lo FROM incident_chunks WHERE id = 1`,
    ).run();
    expect(db.prepare('SELECT encoding FROM incident_chunks WHERE id = 2').pluck().get()).toBe('');
    db.close();
    const reopened = openDatabase(path);
    expect(reopened.prepare('SELECT encoding FROM incident_chunks WHERE id = 2').pluck().get()).toBe('{"lng":"int32-micro","lat":"int32-micro","ids":"none"}');
    const [first, second] = [...readChunks(reopened)];
    expect(Array.from(second!.lng)).toEqual(Array.from(first!.lng));
    reopened.close();
  });

  it('refuses to open a database whose chunks name a category it does not know', () => {
    const { db, path } = written();
    db.prepare(`UPDATE incident_chunks SET categories = json_insert(categories, '$[#]', 'cycle-theft-from-docks')`).run();
    db.close();
    expect(() => openDatabase(path)).toThrow(
      'Incident chunk 1 cannot be read: it names a category this version of Tasking Map does not know (cycle-theft-from-docks); the database was probably written by a newer Tasking Map; run that version (docs/store-format.md).',
    );
  });

  it("reports a category code past the chunk's list as damage instead of reading it as another category", () => {
    const { db } = written();
    db.prepare(`UPDATE incident_chunks SET categories = '["robbery"]'`).run();
    expect(() => [...readChunks(db)]).toThrow(/incident chunk 1 is damaged: row \d has category code \d+, past its list of 1/);
  });

  it('refuses a database at a schema version newer than it knows, and leaves it as it was', () => {
    const { db, path } = written();
    const version = Number(db.pragma('user_version', { simple: true }));
    db.pragma(`user_version = ${version + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(`The database is at schema version ${version + 1}, newer than this version of Tasking Map knows (${version})`);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(version + 1);
    raw.close();
  });

  it('records the spelling it chose for each chunk it writes', () => {
    const db = openDatabase(':memory:');
    store(db, [{ ...drafts[0]!, sourceRecordId: 'CAD-1', lng: -0.0597, lat: 51.51941234567 }]);
    expect(db.prepare('SELECT format, encoding FROM incident_chunks').get()).toEqual({
      format: 1,
      encoding: '{"lng":"int32-micro","lat":"float64","ids":"utf8-nul"}',
    });
  });

  it('refuses to open a database holding a chunk in a newer format, saying so, and leaves the file as it was', () => {
    const { db, path } = written();
    db.prepare('UPDATE incident_chunks SET format = 3').run();
    db.close();
    expect(() => openDatabase(path)).toThrow(
      'Incident chunk 1 cannot be read: it is in chunk format 3, and this version of Tasking Map reads formats 1 and 2 only: the database was written by a newer Tasking Map; run that version (docs/store-format.md).',
    );
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT format, row_count FROM incident_chunks').get()).toEqual({ format: 3, row_count: drafts.length });
    raw.close();
  });

  it('refuses a chunk whose encoding names a spelling it does not know, at open and on reading', () => {
    const { db, path } = written();
    const future = '{"lng":"zstd-float64","lat":"float64","ids":"none"}';
    db.prepare('UPDATE incident_chunks SET encoding = ?').run(future);
    expect(() => [...readChunks(db)]).toThrow(
      /incident chunk 1 cannot be read: its encoding .*zstd-float64.* names a spelling this version of Tasking Map does not know/,
    );
    db.close();
    expect(() => openDatabase(path)).toThrow(
      /Incident chunk 1 cannot be read: its encoding .* names a spelling this version of Tasking Map does not know \(it reads lng\/lat as float64 or int32-micro, ids as none, utf8-nul, json\)/,
    );
  });

  it('refuses an encoding that names a column it does not know, rather than ignoring it', () => {
    const { db } = written();
    db.prepare('UPDATE incident_chunks SET encoding = ?').run('{"lng":"float64","lat":"float64","ids":"none","minute_of_day":"int8"}');
    expect(() => [...readChunks(db)]).toThrow(/incident chunk 1 cannot be read/);
  });

  it('refuses ids whose stored type contradicts their encoding instead of reading them as something else', () => {
    const { db } = written();
    db.prepare(`UPDATE incident_chunks SET encoding = json_set(encoding, '$.ids', 'json')`).run();
    expect(() => [...readChunks(db)]).toThrow("incident chunk 1 is damaged: its ids are marked 'json' but stored as a BLOB");
  });
});
