// A columnar, time-sorted copy of the incidents table held in memory. SQLite is the store
// of record; this index exists because a borough-wide 365-day window at resolution 10 over
// millions of rows cannot be grouped by SQLite inside the 50 ms the map needs, while a scan
// of typed arrays can (docs/decisions/002-in-memory-window-index.md).
import { cellAt } from '../../geo/h3';
import type { Db } from '../db/open-database';

/** Longest span of a stored incident (a month), in days: bounds the backwards scan. */
export const MAX_SPAN_DAYS = 31;
const PRECISION_CODES = { month: 0, day: 1, minute: 2 } as const;
export type PrecisionCode = (typeof PRECISION_CODES)[keyof typeof PRECISION_CODES];

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
  const row = db.prepare('SELECT max(id) AS maxBatch, count(*) AS batches FROM import_batches').get() as {
    maxBatch: number | null;
    batches: number;
  };
  const incidents = db.prepare('SELECT max(id) AS maxId FROM incidents').get() as { maxId: number | null };
  return `${row.batches}:${row.maxBatch ?? 0}:${incidents.maxId ?? 0}`;
}

export function buildIncidentIndex(db: Db): IncidentIndex {
  const version = dataVersion(db);
  const size = Number(db.prepare('SELECT count(*) FROM incidents').pluck().get());
  const startDay = new Int32Array(size);
  const endDay = new Int32Array(size);
  const minuteOfDay = new Int16Array(size);
  const precision = new Uint8Array(size);
  const categoryIndex = new Uint8Array(size);
  const locationIndex = new Uint32Array(size);
  const categories: string[] = [];
  const categoryLookup = new Map<string, number>();
  const lngs: number[] = [];
  const lats: number[] = [];
  const locationLookup = new Map<string, number>();
  // Read in storage order (no index on start_day: it would slow every import) and sort here.
  const rows = db
    .prepare('SELECT start_day, end_day, minute_of_day, precision, category, lng, lat FROM incidents')
    .raw()
    .iterate() as IterableIterator<[number, number, number | null, keyof typeof PRECISION_CODES, string, number, number]>;
  const unsorted = {
    startDay: new Int32Array(size),
    endDay: new Int32Array(size),
    minuteOfDay: new Int16Array(size),
    precision: new Uint8Array(size),
    categoryIndex: new Uint8Array(size),
    locationIndex: new Uint32Array(size),
  };
  let i = 0;
  for (const [start, end, minute, prec, category, lng, lat] of rows) {
    unsorted.startDay[i] = start;
    unsorted.endDay[i] = end;
    unsorted.minuteOfDay[i] = minute ?? -1;
    unsorted.precision[i] = PRECISION_CODES[prec];
    let c = categoryLookup.get(category);
    if (c === undefined) {
      c = categories.length;
      categories.push(category);
      categoryLookup.set(category, c);
    }
    unsorted.categoryIndex[i] = c;
    const key = `${lng},${lat}`;
    let k = locationLookup.get(key);
    if (k === undefined) {
      k = lngs.length;
      lngs.push(lng);
      lats.push(lat);
      locationLookup.set(key, k);
    }
    unsorted.locationIndex[i] = k;
    i += 1;
  }
  const order = new Uint32Array(i);
  for (let j = 0; j < i; j++) order[j] = j;
  order.sort((a, b) => unsorted.startDay[a]! - unsorted.startDay[b]! || a - b);
  for (let j = 0; j < i; j++) {
    const from = order[j]!;
    startDay[j] = unsorted.startDay[from]!;
    endDay[j] = unsorted.endDay[from]!;
    minuteOfDay[j] = unsorted.minuteOfDay[from]!;
    precision[j] = unsorted.precision[from]!;
    categoryIndex[j] = unsorted.categoryIndex[from]!;
    locationIndex[j] = unsorted.locationIndex[from]!;
  }
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
    locationCount: lngs.length,
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
        const cellOfLocation = new Uint32Array(lngs.length);
        for (let k = 0; k < lngs.length; k++) {
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
