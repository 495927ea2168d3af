// The locate step of an import: WGS84 point and stored-resolution H3 cell for every row.
// Small files are located on the main thread with a per-point cache (police.uk snap points
// repeat); large ones are cut into chunks that worker threads locate while the parser is
// still reading, so H3 and the projection use the machine's other cores
// (docs/decisions/010-columnar-incident-store.md). Both roads run locate-points.mjs, and
// tests hold them to the same output.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { STORED_H3_RESOLUTION } from '../../geo/h3';
import { CATEGORIES } from '../../geo/categories';
import type { IncidentDraft } from '../../geo/types';
import { occurredAtText, PRECISIONS, type IncidentRows } from '../incidents/incident-rows';
import { createLocator, type LocateOutput } from './locate-points.mjs';

/** OSGB36 / British National Grid (EPSG:27700) with the 7-parameter Helmert shift to WGS84. */
export const BRITISH_NATIONAL_GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

export type LocatedRows = LocateOutput;

/** Rows per chunk handed to a worker: big enough to amortise a message, small enough to overlap. */
export const LOCATE_CHUNK_ROWS = 32_768;
/** Below this many rows the workers' start-up costs more than they save. */
export const WORKER_THRESHOLD_ROWS = 150_000;

const locateHere = createLocator(BRITISH_NATIONAL_GRID, STORED_H3_RESOLUTION);

function emptyOutput(n: number): LocatedRows {
  return { lng: new Float64Array(n), lat: new Float64Array(n), cellHi: new Uint32Array(n), cellLo: new Uint32Array(n) };
}

/** Locates every row on this thread. */
export function locateRowsHere(rows: IncidentRows): LocatedRows {
  const out = emptyOutput(rows.length);
  locateHere(rows, out, 0, rows.length, true);
  return out;
}

/** One BNG point to [lng, lat], as an import stores it (6 decimals). */
export function bngToLngLat(easting: number, northing: number): [number, number] {
  const out = emptyOutput(1);
  locateHere({ grid: Uint8Array.of(1), x: Float64Array.of(easting), y: Float64Array.of(northing) }, out, 0, 1, false);
  return [out.lng[0]!, out.lat[0]!];
}

interface Job {
  from: number;
  to: number;
}

interface WorkerReply {
  id: number;
  error?: string;
  lng: Float64Array;
  lat: Float64Array;
  cellHi: Uint32Array;
  cellLo: Uint32Array;
}

/**
 * Worker threads to use: one per core (at most 4). The parser on the main thread shares a
 * core with them; on 2 cores, 2 workers finished sooner than 1 (the parser is the lighter job).
 */
function workerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Locates chunks as they are handed over, on worker threads. `feed` takes each chunk the
 * moment the parser completes it; `finish` resolves once every chunk is back.
 */
export class LocatePipeline {
  private workers: Worker[] = [];
  private next = 0;
  private readonly pending = new Map<number, { job: Job; resolve: () => void; reject: (e: Error) => void }>();
  private readonly done: Promise<void>[] = [];
  private out: LocatedRows = emptyOutput(0);
  private failure: Error | null = null;

  feed(rows: IncidentRows, from: number, to: number): void {
    if (this.workers.length === 0) this.start();
    const id = this.done.length;
    const job: Job = { from, to };
    const x = rows.x.slice(from, to);
    const y = rows.y.slice(from, to);
    const grid = rows.grid.slice(from, to);
    const done = new Promise<void>((resolve, reject) => {
      this.pending.set(id, { job, resolve, reject });
    });
    // finish() awaits every chunk; until then a failure must not count as unhandled.
    done.catch(() => undefined);
    this.done.push(done);
    const worker = this.workers[this.next]!;
    this.next = (this.next + 1) % this.workers.length;
    worker.postMessage({ id, grid, x, y }, [x.buffer, y.buffer, grid.buffer]);
  }

  /** Waits for every chunk and returns the located rows, in row order. */
  async finish(length: number): Promise<LocatedRows> {
    this.out = emptyOutput(length);
    this.collected.forEach((reply) => this.place(reply));
    this.collected = [];
    this.collecting = false;
    try {
      await Promise.all(this.done);
    } finally {
      await this.stop();
    }
    if (this.failure) throw this.failure;
    return this.out;
  }

  /** Stops the workers (also after a parse failure, when finish is never called). */
  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  // Replies that arrive before finish() knows the row count are kept until it does.
  private collecting = true;
  private collected: WorkerReply[] = [];

  private start() {
    for (let i = 0; i < workerCount(); i++) {
      const worker = new Worker(new URL('./locate-worker.mjs', import.meta.url), {
        workerData: { bngDefinition: BRITISH_NATIONAL_GRID, resolution: STORED_H3_RESOLUTION },
        // Plain JavaScript: no TypeScript loader (tsx, vitest) needed in the worker.
        execArgv: [],
      });
      worker.on('message', (reply: WorkerReply) => {
        if (this.collecting) this.collected.push(reply);
        else this.place(reply);
      });
      worker.on('error', (error) => this.failAll(error));
      // A worker that dies without an error event must not leave finish() waiting forever.
      worker.on('exit', (code) => {
        if (this.pending.size > 0) this.failAll(new Error(`a locate worker stopped (exit code ${code}) before finishing its rows`));
      });
      this.workers.push(worker);
    }
  }

  private place(reply: WorkerReply) {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.error !== undefined) {
      waiting.reject(new Error(`locating rows failed: ${reply.error}`));
      return;
    }
    const { from } = waiting.job;
    this.out.lng.set(reply.lng, from);
    this.out.lat.set(reply.lat, from);
    this.out.cellHi.set(reply.cellHi, from);
    this.out.cellLo.set(reply.cellLo, from);
    waiting.resolve();
  }

  private failAll(error: Error) {
    this.failure ??= error;
    for (const [, waiting] of this.pending) waiting.reject(error);
    this.pending.clear();
  }
}

/** A parsed row located and spelled as a draft (for tests and checks, not the hot path). */
export interface LocatedDraft extends IncidentDraft {
  line: number;
}

/** Rows back as drafts, located on this thread: the inverse of rowsFromDrafts. */
export function locatedDrafts(rows: IncidentRows): LocatedDraft[] {
  const located = locateRowsHere(rows);
  return Array.from({ length: rows.length }, (_, i) => ({
    line: rows.line[i]!,
    sourceRecordId: rows.sourceRecordId.at(i) ?? null,
    category: CATEGORIES[rows.category[i]!]!.slug,
    occurredAt: occurredAtText(rows.precision[i]!, rows.startDay[i]!, rows.minuteOfDay[i]!),
    precision: PRECISIONS[rows.precision[i]!]!,
    lng: located.lng[i]!,
    lat: located.lat[i]!,
  }));
}
