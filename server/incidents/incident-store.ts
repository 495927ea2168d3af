// Incidents are stored as column chunks: one row of incident_chunks per (batch, up to
// CHUNK_ROWS incidents), each column a blob of a typed array. A row per incident with its
// identity index tops out near 100k rows/s in better-sqlite3 on our machines, below what
// parsing and H3 manage; chunks write at millions of rows/s, and the window index reads them
// back without parsing a value (docs/decisions/010-columnar-incident-store.md). An
// `incidents` virtual table gives SQL a row view of the chunks for checks and ad-hoc queries.
//
// Two columns have a compact spelling, chosen per chunk and recognised on reading, so
// chunks written either way read the same:
// - lng/lat: Int32 millionths of a degree (4 bytes) when every value of the chunk is exactly
//   k / 1e6 (imports round projected points to 6 decimals, and most inputs have no more),
//   else Float64. The blob's length tells which.
// - source_record_ids: a BLOB of the ids in UTF-8, separated by NUL, an empty entry for a
//   row without one (imported text cannot hold NUL: read-input refuses it); a TEXT JSON array
//   when some id is empty or holds a NUL. NULL when no row has an id.
import { endianness } from 'node:os';
import { z } from 'zod';
import { CATEGORIES } from '../../geo/categories';
import type { Db } from '../db/open-database';
import { categoryCode, endDayOf, occurredAtText, PRECISIONS, type IdColumn } from './incident-rows';

export const CHUNK_ROWS = 65_536;

if (endianness() !== 'LE') {
  // Chunks hold typed arrays in the platform's byte order; every platform we run on is little-endian.
  throw new Error('Tasking Map stores incidents as little-endian arrays and cannot run on a big-endian machine.');
}

/** Columns of a chunk in memory: what is written, and what is read back. */
export interface ChunkColumns {
  length: number;
  sourceRecordId: IdColumn;
  /** Index into CATEGORIES. */
  category: Uint8Array;
  precision: Uint8Array;
  startDay: Int32Array;
  minuteOfDay: Int16Array;
  lng: Float64Array;
  lat: Float64Array;
  cellHi: Uint32Array;
  cellLo: Uint32Array;
}

export interface StoredChunk extends ChunkColumns {
  id: number;
  batchId: number;
  source: string;
  firstIncidentId: number;
}

const blob = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A fresh, aligned copy of a blob as a typed array (SQLite buffers may be unaligned views). */
function readArray<T>(buffer: Buffer, make: (b: ArrayBuffer) => T): T {
  return make(new Uint8Array(buffer).buffer);
}

function nextIncidentId(db: Db): number {
  return Number(db.prepare('SELECT coalesce(max(first_incident_id + row_count), 1) FROM incident_chunks').pluck().get());
}

/** Writes columns as chunks of one batch; call inside the batch's transaction. */
export function writeChunks(db: Db, batchId: number, source: string, columns: ChunkColumns): void {
  const insert = db.prepare(
    `INSERT INTO incident_chunks (batch_id, source, first_incident_id, row_count, first_day, last_day, categories,
       source_record_ids, category, precision, start_day, minute_of_day, lng, lat, cell_hi, cell_lo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const categories = JSON.stringify(CATEGORIES.map((c) => c.slug));
  let firstId = nextIncidentId(db);
  for (let from = 0; from < columns.length; from += CHUNK_ROWS) {
    const to = Math.min(columns.length, from + CHUNK_ROWS);
    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (let i = from; i < to; i++) {
      const start = columns.startDay[i]!;
      if (start < firstDay) firstDay = start;
      const end = endDayOf(columns.precision[i]!, start);
      if (end > lastDay) lastDay = end;
    }
    insert.run(
      batchId,
      source,
      firstId,
      to - from,
      firstDay,
      lastDay,
      categories,
      encodeIds(columns.sourceRecordId, from, to),
      blob(columns.category.subarray(from, to)),
      blob(columns.precision.subarray(from, to)),
      blob(columns.startDay.subarray(from, to)),
      blob(columns.minuteOfDay.subarray(from, to)),
      encodeDegrees(columns.lng.subarray(from, to)),
      encodeDegrees(columns.lat.subarray(from, to)),
      blob(columns.cellHi.subarray(from, to)),
      blob(columns.cellLo.subarray(from, to)),
    );
    firstId += to - from;
  }
}

const MICRO = 1e6;

/** Degrees as Int32 millionths when that spelling gives back every value exactly, else Float64. */
function encodeDegrees(values: Float64Array): Buffer {
  const micro = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const k = Math.round(v * MICRO);
    // k / 1e6 is one correctly rounded division: equal to v exactly when v is the double
    // nearest k millionths. -0 and NaN fail the check and keep the Float64 spelling.
    if (k / MICRO !== v || Object.is(v, -0) || k > 0x7fffffff || k < -0x80000000) return blob(values);
    micro[i] = k;
  }
  return blob(micro);
}

function decodeDegrees(buffer: Buffer, n: number): Float64Array {
  // Any length but n Int32s reads as Float64s; a wrong count is then reported as damage.
  if (buffer.length !== n * 4) return readArray(buffer.subarray(0, buffer.length - (buffer.length % 8)), (b) => new Float64Array(b));
  const micro = readArray(buffer, (b) => new Int32Array(b));
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = micro[i]! / MICRO;
  return values;
}

/** Ids [from, to): NUL-separated UTF-8, or JSON when an id is empty or holds a NUL; null when none. */
function encodeIds(ids: IdColumn, from: number, to: number): Buffer | string | null {
  // ASCII ids (most references) are copied straight into the blob, without a string each.
  const ascii = ids.asciiJoined?.(from, to);
  if (ascii !== undefined) return ascii;
  const list = new Array<string | null>(to - from);
  let any = false;
  let plain = true;
  for (let k = 0; k < list.length; k++) {
    const id = ids.at(from + k) ?? null;
    list[k] = id;
    if (id === null) continue;
    any = true;
    if (id === '' || id.includes('\0')) plain = false;
  }
  if (!any) return null;
  return plain ? Buffer.from(list.join('\0'), 'utf8') : JSON.stringify(list);
}

function decodeIds(stored: Buffer | string | null, n: number): (string | null)[] {
  if (stored === null) return new Array<string | null>(n).fill(null);
  if (typeof stored === 'string') return idList.parse(JSON.parse(stored));
  const ids: (string | null)[] = stored.toString('utf8').split('\0');
  for (let i = 0; i < ids.length; i++) if (ids[i] === '') ids[i] = null;
  return ids;
}

const chunkRow = z.object({
  id: z.number(),
  batch_id: z.number(),
  source: z.string(),
  first_incident_id: z.number(),
  row_count: z.number(),
  categories: z.string(),
  source_record_ids: z.union([z.string(), z.instanceof(Buffer)]).nullable(),
  category: z.instanceof(Buffer),
  precision: z.instanceof(Buffer),
  start_day: z.instanceof(Buffer),
  minute_of_day: z.instanceof(Buffer),
  lng: z.instanceof(Buffer),
  lat: z.instanceof(Buffer),
  cell_hi: z.instanceof(Buffer),
  cell_lo: z.instanceof(Buffer),
});
const idList = z.array(z.string().nullable());
const slugList = z.array(z.string());

function decodeChunk(raw: unknown): StoredChunk {
  const row = chunkRow.parse(raw);
  const n = row.row_count;
  // Category codes are indexes into the CATEGORIES list written with the chunk; map them
  // onto today's list so a reordered or extended list never mislabels stored incidents.
  const stored = slugList.parse(JSON.parse(row.categories));
  const recode = stored.map((slug) => categoryCode(slug));
  const category = readArray(row.category, (b) => new Uint8Array(b));
  for (let i = 0; i < n; i++) category[i] = recode[category[i]!]!;
  const columns: StoredChunk = {
    id: row.id,
    batchId: row.batch_id,
    source: row.source,
    firstIncidentId: row.first_incident_id,
    length: n,
    sourceRecordId: decodeIds(row.source_record_ids, n),
    category,
    precision: readArray(row.precision, (b) => new Uint8Array(b)),
    startDay: readArray(row.start_day, (b) => new Int32Array(b)),
    minuteOfDay: readArray(row.minute_of_day, (b) => new Int16Array(b)),
    lng: decodeDegrees(row.lng, n),
    lat: decodeDegrees(row.lat, n),
    cellHi: readArray(row.cell_hi, (b) => new Uint32Array(b)),
    cellLo: readArray(row.cell_lo, (b) => new Uint32Array(b)),
  };
  for (const [name, a] of Object.entries(columns)) {
    if ((ArrayBuffer.isView(a) || Array.isArray(a)) && (a as { length: number }).length !== n) {
      throw new Error(`incident chunk ${row.id} is damaged: column ${name} has ${(a as { length: number }).length} values for ${n} rows`);
    }
  }
  return columns;
}

const CHUNK_COLUMN_NAMES = [
  'id',
  'batch_id',
  'source',
  'first_incident_id',
  'row_count',
  'categories',
  'source_record_ids',
  'category',
  'precision',
  'start_day',
  'minute_of_day',
  'lng',
  'lat',
  'cell_hi',
  'cell_lo',
] as const;
const CHUNK_COLUMNS = CHUNK_COLUMN_NAMES.join(', ');

/** Every stored chunk, oldest first. */
export function* readChunks(db: Db): Generator<StoredChunk> {
  for (const raw of db.prepare(`SELECT ${CHUNK_COLUMNS} FROM incident_chunks ORDER BY id`).iterate()) yield decodeChunk(raw);
}

/** The chunks stored after the chunk `afterId`, oldest first. */
export function* readChunksAfter(db: Db, afterId: number): Generator<StoredChunk> {
  for (const raw of db.prepare(`SELECT ${CHUNK_COLUMNS} FROM incident_chunks WHERE id > ? ORDER BY id`).iterate(afterId)) yield decodeChunk(raw);
}

/** The chunks of one source whose days overlap [firstDay, lastDay). */
export function* readOverlappingChunks(db: Db, source: string, firstDay: number, lastDay: number): Generator<StoredChunk> {
  const rows = db
    .prepare(`SELECT ${CHUNK_COLUMNS} FROM incident_chunks WHERE source = ? AND first_day < ? AND last_day > ? ORDER BY id`)
    .iterate(source, lastDay, firstDay);
  for (const raw of rows) yield decodeChunk(raw);
}

export function storedIncidentCount(db: Db): number {
  return Number(db.prepare('SELECT coalesce(sum(row_count), 0) FROM incident_chunks').pluck().get());
}

/** H3 index text of a cell stored as two 32-bit halves. */
export function cellText(hi: number, lo: number): string {
  return hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/**
 * Registers the `incidents` view on a connection: one row per stored incident, unpacked
 * from the chunks by a table-valued function (a TEMP view, so the file's schema stays plain
 * SQLite). For tests, checks and ad-hoc SQL; the app itself reads chunks.
 */
export function registerIncidentsView(db: Db): void {
  db.table('incident_chunk_rows', {
    columns: ['row_number', 'source_record_id', 'category', 'occurred_at', 'precision', 'start_day', 'end_day', 'minute_of_day', 'lng', 'lat', 'h3_r11'],
    parameters: CHUNK_COLUMN_NAMES.map((name) => `chunk_${name}`),
    *rows(...values: unknown[]) {
      const raw: Record<string, unknown> = Object.fromEntries(CHUNK_COLUMN_NAMES.map((name, i) => [name, values[i]]));
      // A NULL argument would make SQLite skip the call altogether, so the view passes ''.
      if (raw.source_record_ids === '') raw.source_record_ids = null;
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
        };
      }
    },
  });
  db.exec(`CREATE TEMP VIEW IF NOT EXISTS incidents AS
    SELECT c.first_incident_id + r.row_number AS id, c.source, r.source_record_id, r.category, r.occurred_at, r.precision,
      r.start_day, r.end_day, r.minute_of_day, r.lng, r.lat, r.h3_r11, c.batch_id
    FROM incident_chunks AS c, incident_chunk_rows(${CHUNK_COLUMN_NAMES.map((n) => `ifnull(c.${n}, '')`).join(', ')}) AS r`);
}
