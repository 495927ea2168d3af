// Incidents are stored as column chunks: one row of incident_chunks per (batch, up to
// CHUNK_ROWS incidents), each column a blob of a typed array. A row per incident with its
// identity index tops out near 100k rows/s in better-sqlite3 on our machines, below what
// parsing and H3 manage; chunks write at millions of rows/s, and the window index reads them
// back without parsing a value (docs/decisions/010-columnar-incident-store.md). How a chunk
// is spelled is chunk-codec.ts (docs/store-format.md); this file writes and reads the rows.
import { prepared } from '../db/statement-cache';
import type { Db } from '../db/open-database';
import {
  CHUNK_COLUMN_NAMES,
  decodeChunk,
  encodeChunk,
  unknownCategoriesReason,
  unreadableChunkReason,
  type ChunkColumns,
  type StoredChunk,
} from './chunk-codec';
import { endDayOf } from './incident-columns';

export const CHUNK_ROWS = 65_536;

function nextIncidentId(db: Db): number {
  return Number(db.prepare('SELECT coalesce(max(first_incident_id + row_count), 1) FROM incident_chunks').pluck().get());
}

/** Writes columns as chunks of one batch; call inside the batch's transaction. */
export function writeChunks(db: Db, batchId: number, source: string, columns: ChunkColumns): void {
  const insert = db.prepare(
    `INSERT INTO incident_chunks (batch_id, source, first_incident_id, row_count, first_day, last_day, format, encoding, categories,
       source_record_ids, category, precision, start_day, minute_of_day, lng, lat, cell_hi, cell_lo, flags)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
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
    const c = encodeChunk(columns, from, to);
    insert.run(
      batchId,
      source,
      firstId,
      to - from,
      firstDay,
      lastDay,
      c.format,
      c.encoding,
      c.categories,
      c.sourceRecordIds,
      c.category,
      c.precision,
      c.startDay,
      c.minuteOfDay,
      c.lng,
      c.lat,
      c.cellHi,
      c.cellLo,
      c.flags,
    );
    firstId += to - from;
  }
}

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

/** How many chunks are stored, the newest chunk's id, and how many incidents they hold: what the window index is keyed on. */
export interface ChunkState {
  chunks: number;
  maxChunkId: number;
  rows: number;
}

export function chunkState(db: Db): ChunkState {
  return prepared(
    db,
    'SELECT count(*) AS chunks, coalesce(max(id), 0) AS maxChunkId, coalesce(sum(row_count), 0) AS rows FROM incident_chunks',
  ).get() as ChunkState;
}

/** How many chunks there are and the newest one's id, from an index (no chunk is read): cheap enough for every request. */
export function chunkCountAndLastId(db: Db): { chunks: number; maxChunkId: number } {
  return prepared(db, 'SELECT count(*) AS chunks, coalesce(max(id), 0) AS maxChunkId FROM incident_chunks').get() as { chunks: number; maxChunkId: number };
}

/** How many chunks, and incidents in them, were stored after the chunk `afterId`. */
export function chunksAfter(db: Db, afterId: number): { chunks: number; rows: number } {
  return db.prepare('SELECT count(*) AS chunks, coalesce(sum(row_count), 0) AS rows FROM incident_chunks WHERE id > ?').get(afterId) as {
    chunks: number;
    rows: number;
  };
}

export function storedIncidentCount(db: Db): number {
  return Number(db.prepare('SELECT coalesce(sum(row_count), 0) FROM incident_chunks').pluck().get());
}

/**
 * Records the spellings of chunks that carry none: those stored before migration 005, and any
 * an older build (which knows no `encoding` column) wrote since. Format 1 told them apart
 * exactly: lng/lat are Int32 millionths when the blob holds 4 bytes a row (Float64 holds 8; a
 * chunk is never empty), ids NUL-separated UTF-8 when a BLOB, JSON when TEXT, none when NULL.
 * Finds them through the (format, encoding) index; returns how many it labelled.
 */
export function labelUnlabelledChunks(db: Db): number {
  return db
    .prepare(
      `UPDATE incident_chunks SET encoding = json_object(
         'lng', CASE WHEN length(lng) = row_count * 4 THEN 'int32-micro' ELSE 'float64' END,
         'lat', CASE WHEN length(lat) = row_count * 4 THEN 'int32-micro' ELSE 'float64' END,
         'ids', CASE typeof(source_record_ids) WHEN 'null' THEN 'none' WHEN 'blob' THEN 'utf8-nul' ELSE 'json' END)
       WHERE format = 1 AND encoding = ''`,
    )
    .run().changes;
}

/**
 * Throws, naming the chunks and what to do, when some stored chunk is in a format or encoding
 * this build cannot read, or names a category it does not know: better to refuse to open than
 * to fail on the first map request. Reads the (format, encoding) index and the chunks' small
 * leading columns, never their arrays.
 */
export function checkChunkFormats(db: Db): void {
  const kinds = db.prepare('SELECT format, encoding, count(*) AS chunks, min(id) AS first FROM incident_chunks GROUP BY format, encoding').all() as {
    format: number;
    encoding: string;
    chunks: number;
    first: number;
  }[];
  for (const kind of kinds) {
    const reason = unreadableChunkReason(kind.format, kind.encoding);
    if (reason) {
      const which = kind.chunks === 1 ? `Incident chunk ${kind.first}` : `${kind.chunks} incident chunks (the first is ${kind.first})`;
      throw new Error(`${which} cannot be read: ${reason}`);
    }
  }
  const lists = db.prepare('SELECT categories, min(id) AS first FROM incident_chunks GROUP BY categories').all() as { categories: string; first: number }[];
  for (const list of lists) {
    const reason = unknownCategoriesReason(list.categories);
    if (reason) throw new Error(`Incident chunk ${list.first} cannot be read: ${reason}`);
  }
}
