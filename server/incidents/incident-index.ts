// A columnar, time-sorted copy of the stored incidents (read from the chunks) held in memory. SQLite is the store
// of record; this index exists because a borough-wide 365-day window at resolution 10 over
// millions of rows cannot be grouped by SQLite inside the 50 ms the map needs, while a scan
// of typed arrays can (docs/decisions/002-in-memory-window-index.md).
// Its arrays live in shared memory, so the compute worker that builds an index hands it to
// the server's main thread without copying (snapshotOfIndex / indexFromSnapshot, decision 022).
import { cellAt } from '../../geo/h3';
import { CATEGORIES } from '../../geo/categories';
import type { LngLat } from '../../geo/types';
import type { Db } from '../db/open-database';
import { sinceLastChange } from '../db/change-stamp';
import { endDayOf } from '../store/incident-columns';
import type { StoredChunk } from '../store/chunk-codec';
import { chunkCountAndLastId, chunksAfter, chunkState, readChunks, readChunksAfter, type ChunkState } from '../store/chunk-store';

/** Longest span of a stored incident (a month), in days: bounds the backwards scan. */
export const MAX_SPAN_DAYS = 31;

export interface IncidentIndex {
  /** Identity of the data the index was built from; changes whenever a batch lands. */
  readonly version: string;
  readonly size: number;
  readonly startDay: Int32Array;
  readonly endDay: Int32Array;
  /** -1 where the time of day is unknown. */
  readonly minuteOfDay: Int16Array;
  readonly precision: Uint8Array;
  readonly categoryIndex: Uint8Array;
  /** Partner flags (geo/incident-flags.ts); 0 where nothing is recorded (police.uk, chunks from before flags). */
  readonly flags: Uint16Array;
  /** Index of each incident's location (its exact point) into the location arrays. */
  readonly locationIndex: Uint32Array;
  readonly categories: readonly string[];
  /** Distinct incident locations; police.uk snap points make these far fewer than incidents. */
  readonly locationCount: number;
  /** Index of the first incident whose startDay >= day. */
  firstAtOrAfter(day: number): number;
  /**
   * The H3 cell of each location at a resolution, memoised per resolution. Computed from the
   * point itself, not as a parent of a finer cell: H3 nests inexactly, and a parent-of-child
   * would draw 5-8% of incidents in a hexagon that does not contain them.
   */
  cellsAt(h3Resolution: number): LocationCells;
  /** The exact point of location k (0 <= k < locationCount). */
  locationPoint(k: number): LngLat;
}

/** The distinct cells of the locations at one resolution, and each location's cell among them. */
export interface LocationCells {
  readonly cells: readonly string[];
  readonly cellOfLocation: Uint32Array;
}

/** The index is keyed on the chunk state alone, so a batch that stores nothing (a re-import) leaves it as it is. */
export function dataVersion(db: Db): string {
  return versionOf(chunkState(db));
}

const versionOf = (state: ChunkState) => `${state.chunks}:${state.maxChunkId}:${state.rows}`;

/**
 * Whether chunks were stored since the index was built, asked on every request: chunks are only
 * ever added, so their count (from an index) and the largest id tell, without reading each
 * chunk's row count as dataVersion does.
 */
export function isIndexCurrent(db: Db, index: IncidentIndex): boolean {
  const { chunks, maxChunkId } = sinceLastChange(db, 'chunk-count-and-last-id', () => chunkCountAndLastId(db));
  return index.version.startsWith(`${chunks}:${maxChunkId}:`);
}

// Shared memory: an index (immutable once made) is passed between threads without a copy.
const sharedFloat64 = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));
const sharedUint32 = (n: number) => new Uint32Array(new SharedArrayBuffer(n * 4));

/**
 * Distinct points by exact coordinates: an open-addressing hash table over the two
 * doubles' bits. A Map keyed by "lng,lat" strings took 13 s for 5M distinct points.
 */
class PointSet {
  lngs: Float64Array = sharedFloat64(1024);
  lats: Float64Array = sharedFloat64(1024);
  count = 0;
  private slots = new Int32Array(2048).fill(-1);
  private readonly bits = new Float64Array(2);
  private readonly words = new Uint32Array(this.bits.buffer);

  private hash(lng: number, lat: number): number {
    this.bits[0] = lng;
    this.bits[1] = lat;
    const w = this.words;
    let h = Math.imul(w[0]! ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ w[1]! ^ (h >>> 13), 0xc2b2ae35);
    h = Math.imul(h ^ w[2]! ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ w[3]! ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** The index of the point, adding it when new. */
  indexOf(lng: number, lat: number): number {
    if (this.count * 2 >= this.slots.length) this.rehash();
    const mask = this.slots.length - 1;
    for (let slot = this.hash(lng, lat) & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot]!;
      if (k === -1) {
        if (this.count === this.lngs.length) this.growPoints();
        this.lngs[this.count] = lng;
        this.lats[this.count] = lat;
        this.slots[slot] = this.count;
        return this.count++;
      }
      if (this.lngs[k] === lng && this.lats[k] === lat) return k;
    }
  }

  private growPoints() {
    const lngs = sharedFloat64(this.lngs.length * 2);
    const lats = sharedFloat64(this.lats.length * 2);
    lngs.set(this.lngs);
    lats.set(this.lats);
    this.lngs = lngs;
    this.lats = lats;
  }

  private rehash() {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      let slot = this.hash(this.lngs[k]!, this.lats[k]!) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = k;
    }
  }
}

/** The index's columns, in one order (time order once sorted). */
interface Columns {
  startDay: Int32Array;
  endDay: Int32Array;
  minuteOfDay: Int16Array;
  precision: Uint8Array;
  categoryIndex: Uint8Array;
  flags: Uint16Array;
  locationIndex: Uint32Array;
}

function allocate(n: number): Columns {
  return {
    startDay: new Int32Array(new SharedArrayBuffer(n * 4)),
    endDay: new Int32Array(new SharedArrayBuffer(n * 4)),
    minuteOfDay: new Int16Array(new SharedArrayBuffer(n * 2)),
    precision: new Uint8Array(new SharedArrayBuffer(n)),
    categoryIndex: new Uint8Array(new SharedArrayBuffer(n)),
    flags: new Uint16Array(new SharedArrayBuffer(n * 2)),
    locationIndex: sharedUint32(n),
  };
}

function copyRow(from: Columns, i: number, to: Columns, j: number): void {
  to.startDay[j] = from.startDay[i]!;
  to.endDay[j] = from.endDay[i]!;
  to.minuteOfDay[j] = from.minuteOfDay[i]!;
  to.precision[j] = from.precision[i]!;
  to.categoryIndex[j] = from.categoryIndex[i]!;
  to.flags[j] = from.flags[i]!;
  to.locationIndex[j] = from.locationIndex[i]!;
}

/** What an index keeps to take appended chunks without reading the others again. */
interface IndexState {
  chunks: ChunkState;
  points: PointSet;
  categories: string[];
  /** CATEGORIES index -> index in `categories`, -1 when absent. */
  denseCategory: Int16Array;
  columns: Columns;
  /** Per resolution: each location's cell, for the locations there were when it was computed. */
  cells: Map<number, { cells: string[]; idOf: Map<string, number> | null; cellOfLocation: Uint32Array }>;
}

const stateOf = new WeakMap<IncidentIndex, IndexState>();

/** The rows of chunks, in chunk order, with locations and categories interned into the state. */
function readRows(chunks: Iterable<StoredChunk>, size: number, state: Pick<IndexState, 'points' | 'categories' | 'denseCategory'>): Columns {
  const rows = allocate(size);
  let i = 0;
  for (const chunk of chunks) {
    if (i + chunk.length > size) throw new Error('incidents were added while the index was being built');
    rows.startDay.set(chunk.startDay, i);
    rows.minuteOfDay.set(chunk.minuteOfDay, i);
    rows.precision.set(chunk.precision, i);
    rows.flags.set(chunk.flags, i);
    for (let j = 0; j < chunk.length; j++, i++) {
      rows.endDay[i] = endDayOf(chunk.precision[j]!, chunk.startDay[j]!);
      const code = chunk.category[j]!;
      if (state.denseCategory[code] === -1) {
        state.denseCategory[code] = state.categories.length;
        state.categories.push(CATEGORIES[code]!.slug);
      }
      rows.categoryIndex[i] = state.denseCategory[code]!;
      rows.locationIndex[i] = state.points.indexOf(chunk.lng[j]!, chunk.lat[j]!);
    }
  }
  if (i !== size) throw new Error(`the chunks held ${i} incidents, expected ${size}`);
  return rows;
}

/** Stable counting sort by start day: days span a few thousand values, incidents millions. */
function sortByDay(rows: Columns): Columns {
  const n = rows.startDay.length;
  const sorted = allocate(n);
  if (n === 0) return sorted;
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const d = rows.startDay[j]!;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const offsets = new Uint32Array(maxDay - minDay + 2);
  for (let j = 0; j < n; j++) offsets[rows.startDay[j]! - minDay + 1]! += 1;
  for (let d = 1; d < offsets.length; d++) offsets[d]! += offsets[d - 1]!;
  for (let from = 0; from < n; from++) copyRow(rows, from, sorted, offsets[rows.startDay[from]! - minDay]!++);
  return sorted;
}

/** Two day-sorted column sets as one, `a` first among equal days (the order a full rebuild gives). */
function mergeByDay(a: Columns, b: Columns): Columns {
  const [na, nb] = [a.startDay.length, b.startDay.length];
  const merged = allocate(na + nb);
  let i = 0;
  let j = 0;
  for (let k = 0; k < na + nb; k++) {
    if (j >= nb || (i < na && a.startDay[i]! <= b.startDay[j]!)) copyRow(a, i++, merged, k);
    else copyRow(b, j++, merged, k);
  }
  return merged;
}

function makeIndex(state: IndexState): IncidentIndex {
  const { columns, points } = state;
  const size = columns.startDay.length;
  const { startDay } = columns;
  const lngs = points.lngs;
  const lats = points.lats;
  const locationCount = points.count;
  const index: IncidentIndex = {
    version: versionOf(state.chunks),
    size,
    ...columns,
    categories: [...state.categories],
    locationCount,
    firstAtOrAfter(day) {
      let lo = 0;
      let hi = size;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (startDay[mid]! < day) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    locationPoint(k) {
      return [lngs[k]!, lats[k]!];
    },
    cellsAt(h3Resolution) {
      let memo = state.cells.get(h3Resolution);
      if (!memo || memo.cellOfLocation.length < locationCount) {
        // Locations the memo does not have yet (appended since): computed from their points.
        const known = memo?.cellOfLocation.length ?? 0;
        const cells = memo ? [...memo.cells] : [];
        const idOf = memo ? new Map(memo.idOf ?? memo.cells.map((cell, id) => [cell, id])) : new Map<string, number>();
        const cellOfLocation = sharedUint32(locationCount);
        if (memo) cellOfLocation.set(memo.cellOfLocation);
        for (let k = known; k < locationCount; k++) {
          const cell = cellAt(lngs[k]!, lats[k]!, h3Resolution);
          let id = idOf.get(cell);
          if (id === undefined) {
            id = cells.length;
            cells.push(cell);
            idOf.set(cell, id);
          }
          cellOfLocation[k] = id;
        }
        memo = { cells, idOf, cellOfLocation };
        state.cells.set(h3Resolution, memo);
      }
      return {
        cells: memo.cells,
        cellOfLocation: memo.cellOfLocation.length === locationCount ? memo.cellOfLocation : memo.cellOfLocation.subarray(0, locationCount),
      };
    },
  };
  stateOf.set(index, state);
  return index;
}

export function buildIncidentIndex(db: Db): IncidentIndex {
  const chunks = chunkState(db);
  const state: IndexState = {
    chunks,
    points: new PointSet(),
    categories: [],
    denseCategory: new Int16Array(CATEGORIES.length).fill(-1),
    columns: allocate(0),
    cells: new Map(),
  };
  state.columns = sortByDay(readRows(readChunks(db), chunks.rows, state));
  return makeIndex(state);
}

/**
 * The index with the chunks stored since it was built merged in, reading only those; null when
 * the store changed otherwise (chunks gone or rewritten), so the caller rebuilds.
 */
export function extendIncidentIndex(db: Db, old: IncidentIndex): IncidentIndex | null {
  const previous = stateOf.get(old);
  if (!previous) return null;
  const now = chunkState(db);
  const added = chunksAfter(db, previous.chunks.maxChunkId);
  if (now.chunks !== previous.chunks.chunks + added.chunks || now.rows !== previous.chunks.rows + added.rows) return null;
  // The new state shares the point set and category list (they only grow) and copies the per-resolution memos on use.
  const state: IndexState = { ...previous, chunks: now, cells: new Map(previous.cells) };
  const rows = sortByDay(readRows(readChunksAfter(db, previous.chunks.maxChunkId), added.rows, state));
  state.columns = mergeByDay(previous.columns, rows);
  return makeIndex(state);
}

/**
 * Keeps one index per data version. Chunks appended since (an import) are merged in; a batch
 * that stored nothing (a re-import) leaves the index as it is; anything else rebuilds it.
 */
export function createIndexCache(db: Db): () => IncidentIndex {
  let index: IncidentIndex | null = null;
  return () => {
    const version = dataVersion(db);
    if (!index) index = buildIncidentIndex(db);
    else if (index.version !== version) index = extendIncidentIndex(db, index) ?? buildIncidentIndex(db);
    return index;
  };
}

/**
 * An index as plain data whose arrays are shared memory: posted to another thread, only the
 * category and cell-id lists are copied. Cells are prepared at `resolutions` first, so the
 * receiving thread never computes H3 cells for them.
 */
export interface IndexSnapshot {
  chunks: ChunkState;
  columns: Columns;
  categories: string[];
  points: { lngs: Float64Array; lats: Float64Array; count: number };
  memos: { resolution: number; cells: string[]; cellOfLocation: Uint32Array }[];
}

export function snapshotOfIndex(index: IncidentIndex, resolutions: Iterable<number>): IndexSnapshot {
  const state = stateOf.get(index);
  if (!state) throw new Error('internal: an index without its state');
  for (const resolution of resolutions) index.cellsAt(resolution);
  const count = index.locationCount;
  return {
    chunks: state.chunks,
    columns: state.columns,
    categories: [...index.categories],
    points: { lngs: state.points.lngs, lats: state.points.lats, count },
    memos: [...state.cells].map(([resolution, memo]) => ({
      resolution,
      cells: memo.cells,
      cellOfLocation: memo.cellOfLocation,
    })),
  };
}

/** The index a snapshot describes. It is never extended here: the thread that built it does that. */
export function indexFromSnapshot(snapshot: IndexSnapshot): IncidentIndex {
  const points = new PointSet();
  points.lngs = snapshot.points.lngs;
  points.lats = snapshot.points.lats;
  points.count = snapshot.points.count;
  const cells: IndexState['cells'] = new Map();
  for (const memo of snapshot.memos) {
    // The cell -> id map is made only if this thread ever has to add locations to a memo.
    cells.set(memo.resolution, { cells: memo.cells, idOf: null, cellOfLocation: memo.cellOfLocation });
  }
  const denseCategory = new Int16Array(CATEGORIES.length).fill(-1);
  snapshot.categories.forEach((slug, k) => (denseCategory[CATEGORIES.findIndex((c) => c.slug === slug)] = k));
  return makeIndex({ chunks: snapshot.chunks, points, categories: [...snapshot.categories], denseCategory, columns: snapshot.columns, cells });
}

/** Resolutions at which the index has its cells ready. */
export function preparedResolutions(index: IncidentIndex): number[] {
  const state = stateOf.get(index);
  return state ? [...state.cells.keys()].filter((r) => state.cells.get(r)!.cellOfLocation.length >= index.locationCount) : [];
}
