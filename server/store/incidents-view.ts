// The `incidents` view: one row per stored incident, unpacked from the chunks, for tests,
// checks and ad-hoc SQL. The app itself reads chunks (chunk-store.ts).
import { CATEGORIES } from '../../geo/categories';
import type { Db } from '../db/open-database';
import { cellText, CHUNK_COLUMN_NAMES, decodeChunk } from './chunk-codec';
import { endDayOf, occurredAtText, PRECISIONS } from './incident-columns';

/**
 * Registers the view on a connection, through a table-valued function (a TEMP view, so the
 * file's schema stays plain SQLite).
 */
export function registerIncidentsView(db: Db): void {
  db.table('incident_chunk_rows', {
    columns: [
      'row_number',
      'source_record_id',
      'category',
      'occurred_at',
      'precision',
      'start_day',
      'end_day',
      'minute_of_day',
      'lng',
      'lat',
      'h3_r11',
      'flags',
    ],
    parameters: CHUNK_COLUMN_NAMES.map((name) => `chunk_${name}`),
    *rows(...values: unknown[]) {
      const raw: Record<string, unknown> = Object.fromEntries(CHUNK_COLUMN_NAMES.map((name, i) => [name, values[i]]));
      // A NULL argument would make SQLite skip the call altogether, so the view passes ''.
      if (raw.source_record_ids === '') raw.source_record_ids = null;
      if (raw.flags === '') raw.flags = null;
      const chunk = decodeChunk(raw);
      for (let i = 0; i < chunk.length; i++) {
        const precision = chunk.precision[i]!;
        const start = chunk.startDay[i]!;
        const minute = chunk.minuteOfDay[i]!;
        yield {
          row_number: i,
          source_record_id: chunk.sourceRecordId.at(i) ?? null,
          category: CATEGORIES[chunk.category[i]!]!.slug,
          occurred_at: occurredAtText(precision, start, minute),
          precision: PRECISIONS[precision]!,
          start_day: start,
          end_day: endDayOf(precision, start),
          minute_of_day: minute < 0 ? null : minute,
          lng: chunk.lng[i]!,
          lat: chunk.lat[i]!,
          h3_r11: cellText(chunk.cellHi[i]!, chunk.cellLo[i]!),
          flags: chunk.flags[i]!,
        };
      }
    },
  });
  db.exec(`CREATE TEMP VIEW IF NOT EXISTS incidents AS
    SELECT c.first_incident_id + r.row_number AS id, c.source, r.source_record_id, r.category, r.occurred_at, r.precision,
      r.start_day, r.end_day, r.minute_of_day, r.lng, r.lat, r.h3_r11, r.flags, c.batch_id
    FROM incident_chunks AS c, incident_chunk_rows(${CHUNK_COLUMN_NAMES.map((n) => `ifnull(c.${n}, '')`).join(', ')}) AS r`);
}
