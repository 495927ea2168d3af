// How a chunk of incidents is spelled in an incident_chunks row, and read back. The format is
// written down in docs/store-format.md; this file is its one implementation.
//
// Every chunk names its own layout: `format` (the layout version, CHUNK_FORMAT) and
// `encoding` (which spelling each column with a choice uses, as JSON). A reader that meets a
// format or an encoding it does not know refuses the chunk with a message, never guesses:
// a database written by a newer Tasking Map is not misread by an older one (as PMTiles
// readers refuse an unknown spec version).
//
// Columns with a choice of spelling, chosen per chunk when it is written:
// - lng/lat: 'int32-micro' (Int32 millionths of a degree, 4 bytes) when every value of the
//   chunk is exactly k / 1e6 (imports round projected points to 6 decimals, and most inputs
//   have no more), else 'float64'.
// - source_record_ids: 'utf8-nul' (a BLOB of the ids in UTF-8, separated by NUL, an empty
//   entry for a row without one; imported text cannot hold NUL: read-input refuses it);
//   'json' (a TEXT JSON array) when some id is empty or holds a NUL; 'none' (NULL) when no
//   row has an id.
// Flags (geo/incident-flags.ts) are a layout change, not a spelling: format 2 is format 1 plus a
// `flags` column of one Uint16 per row. A chunk is written in format 2 only when some row records
// a flag, so police.uk chunks stay format 1; format-1 chunks read as "nothing recorded".
import { endianness } from 'node:os';
import { z } from 'zod';
import { CATEGORIES } from '../../geo/categories';
import { type IdColumn } from './incident-columns';

const CATEGORY_CODE = new Map(CATEGORIES.map((c, i) => [c.slug, i]));

/** The newest chunk layout this build writes and reads (format 1 is written when no row records a flag). */
export const CHUNK_FORMAT = 2;
/** Format 1: no flags column. */
export const CHUNK_FORMAT_WITHOUT_FLAGS = 1;

if (endianness() !== 'LE') {
  // Chunks hold typed arrays in little-endian order; every platform we run on is little-endian.
  throw new Error('Tasking Map stores incidents as little-endian arrays and cannot run on a big-endian machine.');
}

const degreeEncoding = z.enum(['float64', 'int32-micro']);
const idEncoding = z.enum(['none', 'utf8-nul', 'json']);
/** Strict: an encoding that names a column this build does not know is refused too. */
const chunkEncoding = z.strictObject({ lng: degreeEncoding, lat: degreeEncoding, ids: idEncoding });
export type ChunkEncoding = z.infer<typeof chunkEncoding>;

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
  /** Partner flags per row (geo/incident-flags.ts), 0 when nothing is recorded. */
  flags: Uint16Array;
}

export interface StoredChunk extends ChunkColumns {
  id: number;
  batchId: number;
  source: string;
  firstIncidentId: number;
}

/** The values of one incident_chunks row that spell rows [from, to) of some columns. */
export interface EncodedChunk {
  format: number;
  /** JSON of a ChunkEncoding. */
  encoding: string;
  categories: string;
  sourceRecordIds: Buffer | string | null;
  category: Buffer;
  precision: Buffer;
  startDay: Buffer;
  minuteOfDay: Buffer;
  lng: Buffer;
  lat: Buffer;
  cellHi: Buffer;
  cellLo: Buffer;
  /** Uint16 per row in format 2; null in format 1. */
  flags: Buffer | null;
}

const blob = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * A fresh, aligned copy of a blob as a typed array of `bytes`-byte values (SQLite buffers may
 * be unaligned views). A trailing part value is dropped: the count check reports the damage.
 */
function readArray<T>(buffer: Buffer, bytes: number, make: (b: ArrayBuffer) => T): T {
  return make(new Uint8Array(buffer.subarray(0, buffer.length - (buffer.length % bytes))).buffer);
}

/** Rows [from, to) of the columns, spelled for storage. */
export function encodeChunk(columns: ChunkColumns, from: number, to: number): EncodedChunk {
  const lng = encodeDegrees(columns.lng.subarray(from, to));
  const lat = encodeDegrees(columns.lat.subarray(from, to));
  const ids = encodeIds(columns.sourceRecordId, from, to);
  const encoding: ChunkEncoding = { lng: lng.encoding, lat: lat.encoding, ids: ids.encoding };
  const flags = columns.flags.subarray(from, to);
  const anyFlag = flags.some((code) => code !== 0);
  return {
    format: anyFlag ? CHUNK_FORMAT : CHUNK_FORMAT_WITHOUT_FLAGS,
    encoding: JSON.stringify(encoding),
    categories: JSON.stringify(CATEGORIES.map((c) => c.slug)),
    sourceRecordIds: ids.value,
    category: blob(columns.category.subarray(from, to)),
    precision: blob(columns.precision.subarray(from, to)),
    startDay: blob(columns.startDay.subarray(from, to)),
    minuteOfDay: blob(columns.minuteOfDay.subarray(from, to)),
    lng: lng.value,
    lat: lat.value,
    cellHi: blob(columns.cellHi.subarray(from, to)),
    cellLo: blob(columns.cellLo.subarray(from, to)),
    flags: anyFlag ? blob(flags) : null,
  };
}

const MICRO = 1e6;

/** Degrees as Int32 millionths when that spelling gives back every value exactly, else Float64. */
function encodeDegrees(values: Float64Array): { encoding: ChunkEncoding['lng']; value: Buffer } {
  const micro = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const k = Math.round(v * MICRO);
    // k / 1e6 is one correctly rounded division: equal to v exactly when v is the double
    // nearest k millionths. -0 and NaN fail the check and keep the Float64 spelling.
    if (k / MICRO !== v || Object.is(v, -0) || k > 0x7fffffff || k < -0x80000000) return { encoding: 'float64', value: blob(values) };
    micro[i] = k;
  }
  return { encoding: 'int32-micro', value: blob(micro) };
}

function decodeDegrees(encoding: ChunkEncoding['lng'], buffer: Buffer): Float64Array {
  if (encoding === 'float64') return readArray(buffer, 8, (b) => new Float64Array(b));
  const micro = readArray(buffer, 4, (b) => new Int32Array(b));
  const values = new Float64Array(micro.length);
  for (let i = 0; i < micro.length; i++) values[i] = micro[i]! / MICRO;
  return values;
}

/** Ids [from, to): NUL-separated UTF-8, or JSON when an id is empty or holds a NUL; none when no row has one. */
function encodeIds(ids: IdColumn, from: number, to: number): { encoding: ChunkEncoding['ids']; value: Buffer | string | null } {
  // ASCII ids (most references) are copied straight into the blob, without a string each.
  const ascii = ids.asciiJoined?.(from, to);
  if (ascii !== undefined) return ascii === null ? { encoding: 'none', value: null } : { encoding: 'utf8-nul', value: ascii };
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
  if (!any) return { encoding: 'none', value: null };
  return plain ? { encoding: 'utf8-nul', value: Buffer.from(list.join('\0'), 'utf8') } : { encoding: 'json', value: JSON.stringify(list) };
}

const idList = z.array(z.string().nullable());
const slugList = z.array(z.string());

function decodeIds(chunkId: number, encoding: ChunkEncoding['ids'], stored: Buffer | string | null, n: number): (string | null)[] {
  const sqlType = stored === null ? 'NULL' : typeof stored === 'string' ? 'TEXT' : 'a BLOB';
  const wrongType = () => new Error(`incident chunk ${chunkId} is damaged: its ids are marked '${encoding}' but stored as ${sqlType}`);
  if (encoding === 'none') {
    if (stored !== null) throw wrongType();
    return new Array<string | null>(n).fill(null);
  }
  if (encoding === 'json') {
    if (typeof stored !== 'string') throw wrongType();
    return idList.parse(JSON.parse(stored));
  }
  if (!Buffer.isBuffer(stored)) throw wrongType();
  const ids: (string | null)[] = stored.toString('utf8').split('\0');
  for (let i = 0; i < ids.length; i++) if (ids[i] === '') ids[i] = null;
  return ids;
}

/** The incident_chunks columns a reader selects, in the order decodeChunk and the incidents view expect. */
export const CHUNK_COLUMN_NAMES = [
  'id',
  'batch_id',
  'source',
  'first_incident_id',
  'row_count',
  'format',
  'encoding',
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
  'flags',
] as const;

const chunkRow = z.object({
  id: z.number(),
  batch_id: z.number(),
  source: z.string(),
  first_incident_id: z.number(),
  row_count: z.number(),
  format: z.number(),
  encoding: z.string(),
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
  flags: z.instanceof(Buffer).nullable(),
});

/**
 * Why this build cannot read a chunk of this format and encoding, in words for whoever runs
 * the server; null when it can.
 */
export function unreadableChunkReason(format: number, encoding: string): string | null {
  if (format !== CHUNK_FORMAT && format !== CHUNK_FORMAT_WITHOUT_FLAGS) {
    const newer = format > CHUNK_FORMAT;
    return (
      `it is in chunk format ${format}, and this version of Tasking Map reads formats ${CHUNK_FORMAT_WITHOUT_FLAGS} and ${CHUNK_FORMAT} only` +
      (newer ? ': the database was written by a newer Tasking Map; run that version (docs/store-format.md).' : ' (docs/store-format.md).')
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(encoding);
  } catch {
    return `its encoding ${JSON.stringify(encoding)} is not JSON (docs/store-format.md).`;
  }
  const result = chunkEncoding.safeParse(parsed);
  if (result.success) return null;
  return (
    `its encoding ${encoding} names a spelling this version of Tasking Map does not know ` +
    `(it reads lng/lat as ${degreeEncoding.options.join(' or ')}, ids as ${idEncoding.options.join(', ')}); ` +
    'the database was probably written by a newer Tasking Map (docs/store-format.md).'
  );
}

/** Why a chunk's category list cannot be read by this build (a slug it does not know); null when it can. */
export function unknownCategoriesReason(categories: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(categories);
  } catch {
    return `its category list ${JSON.stringify(categories)} is not JSON (docs/store-format.md).`;
  }
  const slugs = slugList.safeParse(parsed);
  if (!slugs.success) return `its category list ${categories} is not a list of category names (docs/store-format.md).`;
  const unknown = slugs.data.filter((slug) => !CATEGORY_CODE.has(slug));
  if (unknown.length === 0) return null;
  return (
    `it names ${unknown.length === 1 ? 'a category' : 'categories'} this version of Tasking Map does not know (${unknown.join(', ')}); ` +
    'the database was probably written by a newer Tasking Map; run that version (docs/store-format.md).'
  );
}

/** A stored chunk row as columns; throws on an unknown format or encoding, or a damaged column. */
export function decodeChunk(raw: unknown): StoredChunk {
  const row = chunkRow.parse(raw);
  const n = row.row_count;
  const unreadable = unreadableChunkReason(row.format, row.encoding);
  if (unreadable) throw new Error(`incident chunk ${row.id} cannot be read: ${unreadable}`);
  const encoding = chunkEncoding.parse(JSON.parse(row.encoding));
  // Category codes are indexes into the CATEGORIES list written with the chunk; map them
  // onto today's list so a reordered or extended list never mislabels stored incidents.
  const unknownCategories = unknownCategoriesReason(row.categories);
  if (unknownCategories) throw new Error(`incident chunk ${row.id} cannot be read: ${unknownCategories}`);
  const recode = slugList.parse(JSON.parse(row.categories)).map((slug) => CATEGORY_CODE.get(slug)!);
  const category = readArray(row.category, 1, (b) => new Uint8Array(b));
  for (let i = 0; i < category.length; i++) {
    const code = recode[category[i]!];
    if (code === undefined)
      throw new Error(`incident chunk ${row.id} is damaged: row ${i} has category code ${category[i]}, past its list of ${recode.length}`);
    category[i] = code;
  }
  const columns: StoredChunk = {
    id: row.id,
    batchId: row.batch_id,
    source: row.source,
    firstIncidentId: row.first_incident_id,
    length: n,
    sourceRecordId: decodeIds(row.id, encoding.ids, row.source_record_ids, n),
    category,
    precision: readArray(row.precision, 1, (b) => new Uint8Array(b)),
    startDay: readArray(row.start_day, 4, (b) => new Int32Array(b)),
    minuteOfDay: readArray(row.minute_of_day, 2, (b) => new Int16Array(b)),
    lng: decodeDegrees(encoding.lng, row.lng),
    lat: decodeDegrees(encoding.lat, row.lat),
    cellHi: readArray(row.cell_hi, 4, (b) => new Uint32Array(b)),
    cellLo: readArray(row.cell_lo, 4, (b) => new Uint32Array(b)),
    flags: decodeFlagColumn(row.id, row.format, row.flags, n),
  };
  for (const [name, a] of Object.entries(columns)) {
    if ((ArrayBuffer.isView(a) || Array.isArray(a)) && (a as { length: number }).length !== n) {
      throw new Error(`incident chunk ${row.id} is damaged: column ${name} has ${(a as { length: number }).length} values for ${n} rows`);
    }
  }
  return columns;
}

function decodeFlagColumn(chunkId: number, format: number, stored: Buffer | null, n: number): Uint16Array {
  if (format === CHUNK_FORMAT_WITHOUT_FLAGS) {
    if (stored !== null) throw new Error(`incident chunk ${chunkId} is damaged: it is in format 1 (no flags) but has a flags column`);
    return new Uint16Array(n);
  }
  if (stored === null) throw new Error(`incident chunk ${chunkId} is damaged: it is in format 2 but its flags column is empty`);
  return readArray(stored, 2, (b) => new Uint16Array(b));
}

/** H3 index text of a cell stored as two 32-bit halves. */
export function cellText(hi: number, lo: number): string {
  return hi.toString(16) + lo.toString(16).padStart(8, '0');
}
