// Incidents as columns. An import of a million rows spends more on a million small objects
// (and their strings) than on H3 itself, so parsers write straight into typed arrays, the
// locate step fills in WGS84 points and H3 cells in bulk (possibly on worker threads), and
// the store keeps the same columns as blobs (docs/decisions/010-columnar-incident-store.md).
import { dayAfterMonthOf } from '../../geo/windows';
import { CATEGORIES } from '../../geo/categories';
import { spanOfOccurredAt } from '../../geo/time';
import { encodeFlags } from '../../geo/incident-flags';
import type { IncidentDraft, TimePrecision } from '../../geo/types';
import type { ParsedFile } from './import-types';

/** Codes of the precision column; the order is part of the stored format. */
export const PRECISION_CODES = { month: 0, day: 1, minute: 2 } as const;
export const PRECISIONS: readonly TimePrecision[] = ['month', 'day', 'minute'];
export type PrecisionCode = (typeof PRECISION_CODES)[TimePrecision];

/** How a row's x/y are given: WGS84 longitude/latitude, or British National Grid metres. */
export const GRID_CODES = { wgs84: 0, bng: 1 } as const;

const CATEGORY_INDEX = new Map(CATEGORIES.map((c, i) => [c.slug, i]));

/** Index of a category slug in geo/categories.ts CATEGORIES (the in-memory category code). */
export function categoryCode(slug: string): number {
  const code = CATEGORY_INDEX.get(slug);
  if (code === undefined) throw new Error(`unknown category slug "${slug}"`);
  return code;
}

const MS_PER_DAY = 86_400_000;

/** Exclusive end day of an incident that starts on `startDay` with this precision. */
export function endDayOf(precision: number, startDay: number): number {
  return precision === PRECISION_CODES.month ? dayAfterMonthOf(startDay) : startDay + 1;
}

/** The stored occurred-at text ('YYYY-MM', 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM', London time). */
export function occurredAtText(precision: number, startDay: number, minuteOfDay: number): string {
  const date = new Date(startDay * MS_PER_DAY).toISOString();
  if (precision === PRECISION_CODES.month) return date.slice(0, 7);
  if (precision === PRECISION_CODES.day) return date.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.slice(0, 10)}T${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** Source record ids by row: null where a row has none. Arrays qualify. */
export interface IdColumn {
  at(i: number): string | null | undefined;
  /**
   * Optional shortcut for the store: ids [from, to) as ASCII bytes separated by NUL, an
   * empty entry where a row has none; null when no row has one; undefined when some id is
   * not plain ASCII (or is empty, or holds a NUL), and the caller must spell them itself.
   * With `rowOf`, entry k is the id of row rowOf[k] (the rows an import keeps).
   */
  asciiJoined?(from: number, to: number, rowOf?: Uint32Array): Buffer | null | undefined;
}

/**
 * Ids kept as a few long strings with offsets. A million separate id strings held in one
 * big array made every young-generation GC walk them, which cost more than parsing did.
 * An id can also be a span of a source text (`pushSpan`): the partner parser's fast road
 * stores where each id lies in the file instead of copying it out.
 */
export class IdPool implements IdColumn {
  private static readonly BLOCK = 4096;
  /** `block` value of a row without an id, and of a row whose id is a span of `source`. */
  private static readonly NONE = -1;
  private static readonly SPAN = -2;
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  /** Per row: block number, NONE or SPAN. */
  private block: Int32Array;
  private start: Uint32Array;
  private end: Uint32Array;
  length = 0;

  /** @param source the text `pushSpan` offsets point into */
  constructor(
    capacity: number,
    private readonly source = '',
  ) {
    this.block = new Int32Array(capacity);
    this.start = new Uint32Array(capacity);
    this.end = new Uint32Array(capacity);
  }

  push(id: string | null): void {
    const i = this.length;
    if (i === this.block.length) this.grow();
    if (id === null) {
      this.block[i] = IdPool.NONE;
    } else {
      this.block[i] = this.blocks.length;
      this.start[i] = this.pendingLength;
      this.pendingLength += id.length;
      this.end[i] = this.pendingLength;
      this.pending.push(id);
      if (this.pending.length === IdPool.BLOCK) this.seal();
    }
    this.length = i + 1;
  }

  /** Adds the id source.slice(start, end) without copying it. */
  pushSpan(start: number, end: number): void {
    const i = this.length;
    if (i === this.block.length) this.grow();
    this.block[i] = IdPool.SPAN;
    this.start[i] = start;
    this.end[i] = end;
    this.length = i + 1;
  }

  at(i: number): string | null | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const b = this.block[i]!;
    if (b === IdPool.NONE) return null;
    if (b === IdPool.SPAN) return this.source.slice(this.start[i]!, this.end[i]!);
    if (b === this.blocks.length) this.seal();
    return this.blocks[b]!.slice(this.start[i]!, this.end[i]!);
  }

  /** A 32-bit hash of row i's id (FNV-1a over UTF-16 units, avalanched), read in place; null when it has none. */
  hashAt(i: number): number | null {
    if (i < 0 || i >= this.length) return null;
    const b = this.block[i]!;
    if (b === IdPool.NONE) return null;
    if (b === this.blocks.length) this.seal();
    const text = b === IdPool.SPAN ? this.source : this.blocks[b]!;
    const end = this.end[i]!;
    let h = 0x811c9dc5;
    for (let k = this.start[i]!; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    return h ^ (h >>> 13);
  }

  asciiJoined(from: number, to: number, rowOf?: Uint32Array): Buffer | null | undefined {
    if (from < 0 || to > (rowOf ? rowOf.length : this.length) || from > to) return undefined;
    if (this.pending.length > 0) this.seal();
    // One pass into a plain Uint8Array (Buffer element writes are slower), grown as needed.
    let out = new Uint8Array(Math.max(16, (to - from) * 16));
    let at = 0;
    let any = false;
    for (let k = from; k < to; k++) {
      const i = rowOf ? rowOf[k]! : k;
      if (i >= this.length) return undefined;
      const b = this.block[i]!;
      const start = this.start[i]!;
      const end = b === IdPool.NONE ? start : this.end[i]!;
      if (at + (end - start) + 1 > out.length) {
        const grown = new Uint8Array(2 * out.length + (end - start));
        grown.set(out.subarray(0, at));
        out = grown;
      }
      if (k > from) out[at++] = 0;
      if (b === IdPool.NONE) continue;
      if (end === start) return undefined;
      any = true;
      const text = b === IdPool.SPAN ? this.source : this.blocks[b]!;
      for (let k = start; k < end; k++) {
        const c = text.charCodeAt(k);
        if (c === 0 || c > 0x7f) return undefined;
        out[at++] = c;
      }
    }
    return any ? Buffer.from(out.buffer, 0, at) : null;
  }

  private seal() {
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  private grow() {
    // Never 0 * 2: a pool made with capacity 0 must still grow.
    const size = Math.max(16, this.block.length * 2);
    const block = new Int32Array(size);
    const start = new Uint32Array(size);
    const end = new Uint32Array(size);
    block.set(this.block);
    start.set(this.start);
    end.set(this.end);
    this.block = block;
    this.start = start;
    this.end = end;
  }
}

/** Rows as a parser hands them over: one entry per accepted row, in file order. */
export interface IncidentRows {
  readonly length: number;
  /** 1-based file line of each row, for reports. */
  readonly line: Uint32Array;
  readonly sourceRecordId: IdColumn;
  /** Index into CATEGORIES. */
  readonly category: Uint8Array;
  readonly precision: Uint8Array;
  /** London local day number the incident's span starts on. */
  readonly startDay: Int32Array;
  /** Minute of the London day, -1 when unknown. */
  readonly minuteOfDay: Int16Array;
  /** GRID_CODES: what x and y are. */
  readonly grid: Uint8Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Partner flags per row (geo/incident-flags.ts); absent when no row can have any (police.uk). */
  readonly flags?: Uint16Array;
}

/** WGS84 points and stored-resolution H3 cells of rows, filled in by the import's locate step. */
export interface LocatedRows {
  lng: Float64Array;
  lat: Float64Array;
  /** High and low 32 bits of each row's H3 cell (geo/h3 STORED_H3_RESOLUTION). */
  cellHi: Uint32Array;
  cellLo: Uint32Array;
}

/**
 * Collects rows into typed arrays. `onChunk` is told each time another `chunkRows` rows
 * are complete, so the locate step can start on them while parsing goes on.
 */
export class IncidentRowsBuilder implements IncidentRows {
  length = 0;
  line: Uint32Array;
  sourceRecordId: IdPool;
  category: Uint8Array;
  precision: Uint8Array;
  startDay: Int32Array;
  minuteOfDay: Int16Array;
  grid: Uint8Array;
  x: Float64Array;
  y: Float64Array;
  flags: Uint16Array;
  private handedOver = 0;

  /**
   * @param chunk hand over every `rows` rows to `onChunk` as they are complete
   * @param idSource the text that `pushSpan` id offsets point into
   */
  constructor(
    capacity = 1024,
    private readonly chunk: { rows: number; onChunk: (rows: IncidentRows, from: number, to: number) => void } | null = null,
    idSource = '',
  ) {
    const size = Math.max(16, capacity);
    this.sourceRecordId = new IdPool(size, idSource);
    this.line = new Uint32Array(size);
    this.category = new Uint8Array(size);
    this.precision = new Uint8Array(size);
    this.startDay = new Int32Array(size);
    this.minuteOfDay = new Int16Array(size);
    this.grid = new Uint8Array(size);
    this.x = new Float64Array(size);
    this.y = new Float64Array(size);
    this.flags = new Uint16Array(size);
  }

  push(
    line: number,
    sourceRecordId: string | null,
    category: number,
    precision: PrecisionCode,
    startDay: number,
    minuteOfDay: number,
    grid: number,
    x: number,
    y: number,
    flags = 0,
  ): void {
    this.sourceRecordId.push(sourceRecordId);
    this.pushFields(line, category, precision, startDay, minuteOfDay, grid, x, y, flags);
  }

  /** push(), with the id given as idSource.slice(idStart, idEnd), or idStart -1 for none. */
  pushSpan(
    line: number,
    idStart: number,
    idEnd: number,
    category: number,
    precision: PrecisionCode,
    startDay: number,
    minuteOfDay: number,
    grid: number,
    x: number,
    y: number,
  ): void {
    if (idStart < 0) this.sourceRecordId.push(null);
    else this.sourceRecordId.pushSpan(idStart, idEnd);
    this.pushFields(line, category, precision, startDay, minuteOfDay, grid, x, y);
  }

  /** Every column but the id, which the caller has just added. */
  private pushFields(
    line: number,
    category: number,
    precision: PrecisionCode,
    startDay: number,
    minuteOfDay: number,
    grid: number,
    x: number,
    y: number,
    flags = 0,
  ): void {
    const i = this.length;
    if (i === this.line.length) this.grow();
    this.flags[i] = flags;
    this.line[i] = line;
    this.category[i] = category;
    this.precision[i] = precision;
    this.startDay[i] = startDay;
    this.minuteOfDay[i] = minuteOfDay;
    this.grid[i] = grid;
    this.x[i] = x;
    this.y[i] = y;
    this.length = i + 1;
    if (this.chunk && this.length - this.handedOver >= this.chunk.rows) this.handOver();
  }

  /** Hands over the last partial chunk; call once parsing is done. */
  finish(): IncidentRows {
    if (this.chunk && this.length > this.handedOver) this.handOver();
    return this;
  }

  private handOver() {
    const from = this.handedOver;
    this.handedOver = this.length;
    this.chunk!.onChunk(this, from, this.length);
  }

  private grow() {
    const size = this.line.length * 2;
    const grown = <T extends Uint32Array | Uint16Array | Uint8Array | Int32Array | Int16Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.line = grown(this.line, (n) => new Uint32Array(n));
    this.category = grown(this.category, (n) => new Uint8Array(n));
    this.precision = grown(this.precision, (n) => new Uint8Array(n));
    this.startDay = grown(this.startDay, (n) => new Int32Array(n));
    this.minuteOfDay = grown(this.minuteOfDay, (n) => new Int16Array(n));
    this.grid = grown(this.grid, (n) => new Uint8Array(n));
    this.x = grown(this.x, (n) => new Float64Array(n));
    this.y = grown(this.y, (n) => new Float64Array(n));
    this.flags = grown(this.flags, (n) => new Uint16Array(n));
  }
}

/** A starting capacity for the rows of a CSV text: about one row per 48 characters. */
export function estimatedRows(text: string): number {
  return Math.ceil(text.length / 48) + 16;
}

/** Rows from drafts (demo data, tests, seeding): WGS84 points, line = index + 2 unless given. */
export function rowsFromDrafts(drafts: readonly (IncidentDraft & { line?: number })[]): IncidentRows {
  const rows = new IncidentRowsBuilder(drafts.length);
  drafts.forEach((d, i) => {
    const span = spanOfOccurredAt(d.occurredAt, d.precision);
    rows.push(
      d.line ?? i + 2,
      d.sourceRecordId,
      categoryCode(d.category),
      PRECISION_CODES[d.precision],
      span.startDay,
      span.minuteOfDay ?? -1,
      GRID_CODES.wgs84,
      d.lng,
      d.lat,
      encodeFlags(d.flags),
    );
  });
  return rows.finish();
}

/** A ParsedFile of drafts with nothing rejected (demo data, tests, seeding). */
export function parsedFromDrafts(drafts: readonly (IncidentDraft & { line?: number })[]): ParsedFile {
  return { rowsRead: drafts.length, rows: rowsFromDrafts(drafts), rejected: [], notes: [] };
}
