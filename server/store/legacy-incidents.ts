// Databases written before migration 002 hold a row per incident. The migration renames that
// table to legacy_incidents; this moves its rows into column chunks, batch by batch and in
// one transaction, then drops it, so nothing stored before the upgrade is lost.
import type { Db } from '../db/open-database';
import { categoryCode, PRECISION_CODES } from './incident-columns';
import type { ChunkColumns } from './chunk-codec';
import { writeChunks } from './chunk-store';

interface LegacyRow {
  source: string;
  source_record_id: string | null;
  category: string;
  precision: keyof typeof PRECISION_CODES;
  start_day: number;
  minute_of_day: number | null;
  lng: number;
  lat: number;
  h3_r11: string;
  batch_id: number;
}

/** Converts legacy rows, if any; returns how many incidents were moved. */
export function convertLegacyIncidents(db: Db): number {
  const hasLegacyTable = () => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'legacy_incidents'").get() !== undefined;
  if (!hasLegacyTable()) return 0;
  let moved = 0;
  // Immediate, and checked again inside: another process opening the file at once may have converted them.
  db.transaction(() => {
    if (!hasLegacyTable()) return;
    const batches = db.prepare('SELECT DISTINCT batch_id, source FROM legacy_incidents ORDER BY batch_id').all() as {
      batch_id: number;
      source: string;
    }[];
    const rowsOf = db.prepare(
      `SELECT source, source_record_id, category, precision, start_day, minute_of_day, lng, lat, h3_r11, batch_id
       FROM legacy_incidents WHERE batch_id = ? AND source = ? ORDER BY id`,
    );
    for (const { batch_id: batchId, source } of batches) {
      const rows = rowsOf.all(batchId, source) as LegacyRow[];
      const n = rows.length;
      const columns: ChunkColumns = {
        length: n,
        sourceRecordId: rows.map((r) => r.source_record_id),
        category: Uint8Array.from(rows, (r) => categoryCode(r.category)),
        precision: Uint8Array.from(rows, (r) => PRECISION_CODES[r.precision]),
        startDay: Int32Array.from(rows, (r) => r.start_day),
        minuteOfDay: Int16Array.from(rows, (r) => r.minute_of_day ?? -1),
        lng: Float64Array.from(rows, (r) => r.lng),
        lat: Float64Array.from(rows, (r) => r.lat),
        cellHi: Uint32Array.from(rows, (r) => parseInt(r.h3_r11.slice(0, -8), 16)),
        cellLo: Uint32Array.from(rows, (r) => parseInt(r.h3_r11.slice(-8), 16)),
        // Rows from before chunks never recorded flags.
        flags: new Uint16Array(n),
      };
      writeChunks(db, batchId, source, columns);
      moved += n;
    }
    db.exec('DROP TABLE legacy_incidents');
  }).immediate();
  return moved;
}
