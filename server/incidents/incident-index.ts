// A columnar, time-sorted copy of the stored incidents (read from the chunks) held in memory. SQLite is the store
// of record; this index exists because a borough-wide 365-day window at resolution 10 over
// millions of rows cannot be grouped by SQLite inside the 50 ms the map needs, while a scan
// of typed arrays can (docs/decisions/002-in-memory-window-index.md).
import { cellAt } from '../../geo/h3';
import { CATEGORIES } from '../../geo/categories';
import type { Db } from '../db/open-database';
import { endDayOf } from './incident-rows';
import { readChunks, storedIncidentCount } from './incident-store';

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
}

/** The distinct cells of the locations at one resolution, and each location's cell among them. */
export interface LocationCells {
  readonly cells: readonly string[];
  readonly cellOfLocation: Uint32Array;
}

export function dataVersion(db: Db): string {
  const row = db
    .prepare(
      'SELECT (SELECT count(*) FROM import_batches) AS batches, (SELECT max(id) FROM import_batches) AS maxBatch, (SELECT max(id) FROM incident_chunks) AS maxChunk',
    )
    .get() as { batches: number; maxBatch: number | null; maxChunk: number | null };
  return `${row.batches}:${row.maxBatch ?? 0}:${row.maxChunk ?? 0}`;
}

/**
 * Distinct points by exact coordinates: an open-addressing hash table over the two
 * doubles' bits. A Map keyed by "lng,lat" strings took 13 s for 5M distinct points.
 */
class PointSet {
  lngs = new Float64Array(1024);
  lats = new Float64Array(1024);
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
    const lngs = new Float64Array(this.lngs.length * 2);
    const lats = new Float64Array(this.lats.length * 2);
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

export function buildIncidentIndex(db: Db): IncidentIndex {
  const version = dataVersion(db);
  const size = storedIncidentCount(db);
  const unsorted = {
    startDay: new Int32Array(size),
    endDay: new Int32Array(size),
    minuteOfDay: new Int16Array(size),
    precision: new Uint8Array(size),
    categoryIndex: new Uint8Array(size),
    locationIndex: new Uint32Array(size),
  };
  // Category codes are CATEGORIES indexes; the index keeps its own dense list of those present.
  const categories: string[] = [];
  const denseCategory = new Int16Array(CATEGORIES.length).fill(-1);
  const points = new PointSet();
  let i = 0;
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (const chunk of readChunks(db)) {
    if (i + chunk.length > size) throw new Error('incidents were added while the index was being built');
    unsorted.startDay.set(chunk.startDay, i);
    unsorted.minuteOfDay.set(chunk.minuteOfDay, i);
    unsorted.precision.set(chunk.precision, i);
    for (let j = 0; j < chunk.length; j++, i++) {
      const start = chunk.startDay[j]!;
      if (start < minDay) minDay = start;
      if (start > maxDay) maxDay = start;
      unsorted.endDay[i] = endDayOf(chunk.precision[j]!, start);
      const code = chunk.category[j]!;
      if (denseCategory[code] === -1) {
        denseCategory[code] = categories.length;
        categories.push(CATEGORIES[code]!.slug);
      }
      unsorted.categoryIndex[i] = denseCategory[code]!;
      unsorted.locationIndex[i] = points.indexOf(chunk.lng[j]!, chunk.lat[j]!);
    }
  }
  // Stable counting sort by start day: days span a few thousand values, incidents millions.
  const startDay = new Int32Array(i);
  const endDay = new Int32Array(i);
  const minuteOfDay = new Int16Array(i);
  const precision = new Uint8Array(i);
  const categoryIndex = new Uint8Array(i);
  const locationIndex = new Uint32Array(i);
  if (i > 0) {
    const offsets = new Uint32Array(maxDay - minDay + 2);
    for (let j = 0; j < i; j++) offsets[unsorted.startDay[j]! - minDay + 1]! += 1;
    for (let d = 1; d < offsets.length; d++) offsets[d]! += offsets[d - 1]!;
    for (let from = 0; from < i; from++) {
      const to = offsets[unsorted.startDay[from]! - minDay]!++;
      startDay[to] = unsorted.startDay[from]!;
      endDay[to] = unsorted.endDay[from]!;
      minuteOfDay[to] = unsorted.minuteOfDay[from]!;
      precision[to] = unsorted.precision[from]!;
      categoryIndex[to] = unsorted.categoryIndex[from]!;
      locationIndex[to] = unsorted.locationIndex[from]!;
    }
  }
  const lngs = points.lngs;
  const lats = points.lats;
  const locationCount = points.count;
  const cellsByResolution = new Map<number, LocationCells>();
  return {
    version,
    size: i,
    startDay,
    endDay,
    minuteOfDay,
    precision,
    categoryIndex,
    locationIndex,
    categories,
    locationCount,
    firstAtOrAfter(day) {
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (startDay[mid]! < day) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    cellsAt(h3Resolution) {
      let located = cellsByResolution.get(h3Resolution);
      if (!located) {
        const cells: string[] = [];
        const idOf = new Map<string, number>();
        const cellOfLocation = new Uint32Array(locationCount);
        for (let k = 0; k < locationCount; k++) {
          const cell = cellAt(lngs[k]!, lats[k]!, h3Resolution);
          let id = idOf.get(cell);
          if (id === undefined) {
            id = cells.length;
            cells.push(cell);
            idOf.set(cell, id);
          }
          cellOfLocation[k] = id;
        }
        located = { cells, cellOfLocation };
        cellsByResolution.set(h3Resolution, located);
      }
      return located;
    },
  };
}

/** Keeps one index per data version, rebuilding when a batch has landed since. */
export function createIndexCache(db: Db): () => IncidentIndex {
  let index: IncidentIndex | null = null;
  return () => {
    const version = dataVersion(db);
    if (!index || index.version !== version) index = buildIncidentIndex(db);
    return index;
  };
}
