// Partner flags (knife, firearm, corrosive, domestic, hate, victimUnder25, locationType): read from
// a partner CSV (default names or a --columns mapping), refused row by row when a value cannot be
// read, stored in the chunks (format 2) and carried into the window index; chunks written before
// flags existed read as "nothing recorded".
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellAt, STORED_H3_RESOLUTION } from '../../geo/h3';
import { decodeFlags, FLAGGED_SOURCE_BIT, flagMask } from '../../geo/incident-flags';
import { migrate, openDatabase } from '../db/open-database';
import { buildIncidentIndex } from '../incidents/incident-index';
import { aggregateCellsInWindow } from '../incidents/window-counts';
import { readChunks } from '../store/chunk-store';
import { parseColumnMapping, parsePartnerCsv } from './partner-csv';
import { runImport, type ImportRequest } from './run-import';

const NOW = new Date('2026-11-20T09:00:00Z');
const HEADER = 'id,occurred_at,category,lng,lat,knife,firearm,corrosive,domestic,hate,victimUnder25,locationType';
const FLAGGED = [
  HEADER,
  'F1,2024-03-01T21:15,robbery,-0.0597,51.5194,yes,no,N,0,false,Y,public',
  'F2,2024-03-01T22:00,violent-crime,-0.0597,51.5194,,,,TRUE,,,Dwelling',
  'F3,2024-03-02T09:05,public-order,-0.0600,51.5200,1,,,,yes,, private ',
  'F4,2024-03-02T10:00,burglary,-0.0600,51.5200,,,,,,,',
].join('\n');

function setup() {
  const db = openDatabase(':memory:');
  return { db, context: { db, importedBy: 'user:analyst', now: NOW } };
}

const partner = (columns = {}, source = 'met-cad'): ImportRequest => ({ kind: 'partner', source, columns, allowRejected: false });

describe('partner flag columns', () => {
  it('reads true/false, yes/no, Y/N and 1/0 in any case, empty as not recorded, and the location type', () => {
    const parsed = parsePartnerCsv(FLAGGED);
    if (!parsed.ok) throw new Error(parsed.reason.message);
    expect(parsed.value.rejected).toEqual([]);
    const flags = Array.from(parsed.value.rows.flags!.subarray(0, 4), decodeFlags);
    expect(flags).toEqual([
      { flagged: true, knife: true, firearm: false, corrosive: false, domestic: false, hate: false, victimUnder25: true, locationType: 'public' },
      { flagged: true, domestic: true, locationType: 'dwelling' },
      { flagged: true, knife: true, hate: true, locationType: 'private' },
      // A row of a flagged file with nothing filled in: from a flagged source, nothing recorded.
      { flagged: true },
    ]);
    // Flag columns are read, not reported as ignored.
    expect(parsed.value.notes.join(' ')).not.toMatch(/Ignored/);
  });

  it('takes the flag columns under other names through the column mapping', async () => {
    const mapping = parseColumnMapping('knife=WeaponKnife,victimUnder25="Victim under 25",locationType="Location type",domestic=DA');
    expect(mapping).toEqual({ ok: true, value: { knife: 'WeaponKnife', victimUnder25: 'Victim under 25', locationType: 'Location type', domestic: 'DA' } });
    const csv = [
      'id,occurred_at,category,lng,lat,WeaponKnife,DA,Victim under 25,Location type',
      'M1,2024-03-01T21:15,violent-crime,-0.0597,51.5194,Y,N,Y,public',
      'M2,2024-03-01T23:15,violent-crime,-0.0597,51.5194,N,Y,N,dwelling',
    ].join('\n');
    const { db, context } = setup();
    const outcome = await runImport(context, partner(mapping.ok ? mapping.value : {}), { input: { bytes: Buffer.from(csv) }, fileName: 'cad.csv' });
    expect(outcome.ok).toBe(true);
    expect(
      db
        .prepare('SELECT source_record_id, flags FROM incidents ORDER BY id')
        .all()
        .map((r) => decodeFlags((r as { flags: number }).flags)),
    ).toEqual([
      { flagged: true, knife: true, domestic: false, victimUnder25: true, locationType: 'public' },
      { flagged: true, knife: false, domestic: true, victimUnder25: false, locationType: 'dwelling' },
    ]);
  });

  it('refuses the whole file when a flag value cannot be read, naming the line, the column and what to write', async () => {
    const { db, context } = setup();
    const csv = [
      HEADER,
      'B1,2024-03-01T21:15,robbery,-0.0597,51.5194,yes,,,,,,public',
      'B2,2024-03-01T22:00,robbery,-0.0597,51.5194,maybe,,,,,,',
      'B3,2024-03-01T22:30,robbery,-0.0597,51.5194,,,,,,2,street',
    ].join('\n');
    const outcome = await runImport(context, partner(), { input: { bytes: Buffer.from(csv) }, fileName: 'cad.csv' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.message).toMatch(
      /^2 of 3 rows were rejected \(first: line 3: knife "maybe" is not a yes\/no value; write true\/false, yes\/no, Y\/N or 1\/0, or leave it empty/,
    );
    expect(outcome.summary?.rejections).toEqual([
      { line: 3, message: 'knife "maybe" is not a yes/no value; write true/false, yes/no, Y/N or 1/0, or leave it empty when it was not recorded' },
      {
        line: 4,
        message:
          'victimUnder25 "2" is not a yes/no value; write true/false, yes/no, Y/N or 1/0, or leave it empty when it was not recorded; ' +
          'locationType "street" is not a location type; write public, private, dwelling, or leave it empty when it was not recorded',
      },
    ]);
    expect(db.prepare('SELECT count(*) FROM incident_chunks').pluck().get()).toBe(0);
  });

  it('stores flagged rows as format-2 chunks and police.uk-like rows (no flag columns) as format 1, and the index carries them', async () => {
    const { db, context } = setup();
    await runImport(context, partner(), { input: { bytes: Buffer.from(FLAGGED) }, fileName: 'flagged.csv' });
    const plain = ['id,occurred_at,category,lng,lat', 'P1,2024-03-01T20:00,robbery,-0.0597,51.5194'].join('\n');
    await runImport(context, partner({}, 'council-asb'), { input: { bytes: Buffer.from(plain) }, fileName: 'plain.csv' });
    expect(db.prepare('SELECT format, flags IS NULL AS noFlags, row_count FROM incident_chunks ORDER BY id').all()).toEqual([
      { format: 2, noFlags: 0, row_count: 4 },
      { format: 1, noFlags: 1, row_count: 1 },
    ]);
    const index = buildIncidentIndex(db);
    expect(Array.from(index.flags).filter((f) => f !== 0).length).toBe(4);
    // A window kept by a flag rule: robbery, plus anything with a knife, leaving out dwellings.
    const base = { fromDay: 19700, toDay: 19900, h3Resolution: 9 };
    const cells = aggregateCellsInWindow(index, {
      ...base,
      categories: ['robbery'],
      flagRule: { anyFlags: flagMask(['knife', 'domestic']), excludeLocationTypes: ['dwelling'], onlyFlaggedSources: false },
    });
    // F1 (robbery, knife), F3 (public order, knife), P1 (robbery, no flags); F2 is domestic in a dwelling.
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(3);
    const flaggedOnly = aggregateCellsInWindow(index, {
      ...base,
      categories: ['robbery'],
      flagRule: { anyFlags: flagMask(['knife', 'domestic']), excludeLocationTypes: [], onlyFlaggedSources: true },
    });
    // F1, F2, F3: P1 comes from a file without flag columns.
    expect(flaggedOnly.reduce((sum, c) => sum + c.count, 0)).toBe(3);
    expect(index.flags.some((f) => (f & FLAGGED_SOURCE_BIT) === 0)).toBe(true);
  });

  it('keeps reading a database whose chunks were written before flags existed (schema 8), as nothing recorded', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'chunks-v8-')), 'old.db');
    const old = new Database(path);
    migrate(old, 8);
    old
      .prepare(
        "INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json) VALUES ('partner', 'cad', 'a.csv', 'x', 't', 'cli', 2, 2, 0, 0, 0, '{}')",
      )
      .run();
    const cell = cellAt(-0.0597, 51.5194, STORED_H3_RESOLUTION);
    const [hi, lo] = [parseInt(cell.slice(0, -8), 16), parseInt(cell.slice(-8), 16)];
    old
      .prepare(
        `INSERT INTO incident_chunks (batch_id, source, first_incident_id, row_count, first_day, last_day, format, encoding, categories, source_record_ids,
           category, precision, start_day, minute_of_day, lng, lat, cell_hi, cell_lo) VALUES (1, 'cad', 1, 2, 19783, 19785, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        '{"lng":"float64","lat":"float64","ids":"utf8-nul"}',
        JSON.stringify(['violent-crime']),
        Buffer.from('A1\0A2'),
        Buffer.from([0, 0]),
        Buffer.from([2, 2]),
        Buffer.from(Int32Array.of(19783, 19784).buffer),
        Buffer.from(Int16Array.of(1275, 65).buffer),
        Buffer.from(Float64Array.of(-0.0597, -0.0597).buffer),
        Buffer.from(Float64Array.of(51.5194, 51.5194).buffer),
        Buffer.from(Uint32Array.of(hi, hi).buffer),
        Buffer.from(Uint32Array.of(lo, lo).buffer),
      );
    old.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9);
    const [chunk] = [...readChunks(db)];
    expect(Array.from(chunk!.flags)).toEqual([0, 0]);
    expect(db.prepare('SELECT source_record_id, category, flags FROM incidents ORDER BY id').all()).toEqual([
      { source_record_id: 'A1', category: 'violent-crime', flags: 0 },
      { source_record_id: 'A2', category: 'violent-crime', flags: 0 },
    ]);
    const index = buildIncidentIndex(db);
    expect(Array.from(index.flags)).toEqual([0, 0]);
    db.close();
  });

  it('reports a format-2 chunk without its flags column as damage', () => {
    const { db } = setup();
    db.prepare(
      "INSERT INTO import_batches (kind, source, file_name, file_sha256, imported_at, imported_by, rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json) VALUES ('partner', 'cad', 'a.csv', 'x', 't', 'cli', 1, 1, 0, 0, 0, '{}')",
    ).run();
    db.prepare(
      `INSERT INTO incident_chunks (batch_id, source, first_incident_id, row_count, first_day, last_day, format, encoding, categories, source_record_ids,
         category, precision, start_day, minute_of_day, lng, lat, cell_hi, cell_lo) VALUES (1, 'cad', 1, 1, 19783, 19784, 2, '{"lng":"float64","lat":"float64","ids":"none"}', '["robbery"]', NULL, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      Buffer.from([0]),
      Buffer.from([2]),
      Buffer.from(Int32Array.of(19783).buffer),
      Buffer.from(Int16Array.of(60).buffer),
      Buffer.from(Float64Array.of(-0.06).buffer),
      Buffer.from(Float64Array.of(51.52).buffer),
      Buffer.from(Uint32Array.of(1).buffer),
      Buffer.from(Uint32Array.of(1).buffer),
    );
    expect(() => [...readChunks(db)]).toThrow('incident chunk 1 is damaged: it is in format 2 but its flags column is empty');
  });
});
