// The locate step of an import: WGS84 point and stored-resolution H3 cell for every row.
// Small files are located on the main thread; large ones are cut into chunks that worker
// threads locate while the parser is still reading, so H3 and the projection use the
// machine's other cores, and the main thread takes whatever chunks are left when parsing
// ends (docs/decisions/010-columnar-incident-store.md, 011-import-hot-path.md). Both roads
// run locate-points.mjs, which remembers recent points (they repeat), and tests hold them to
// the same output.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { STORED_H3_RESOLUTION } from '../../geo/h3';
import { CATEGORIES } from '../../geo/categories';
import type { IncidentDraft } from '../../geo/types';
import type { ParsedFile } from '../store/import-types';
import { occurredAtText, parsedFromDrafts, PRECISIONS, type IncidentRows, type LocatedRows } from '../store/incident-columns';
import { createLocator } from './locate-points.mjs';

/** OSGB36 / British National Grid (EPSG:27700) with the 7-parameter Helmert shift to WGS84. */
export const BRITISH_NATIONAL_GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

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
  locateHere(rows, out, 0, rows.length);
  return out;
}

/** One BNG point to [lng, lat], as an import stores it (6 decimals). */
export function bngToLngLat(easting: number, northing: number): [number, number] {
  const out = emptyOutput(1);
  locateHere({ grid: Uint8Array.of(1), x: Float64Array.of(easting), y: Float64Array.of(northing) }, out, 0, 1);
  return [out.lng[0]!, out.lat[0]!];
}

/** Most chunks one pipeline takes: 4,096 × 32,768 rows, far past the 400 MB text limit. */
const MAX_JOBS = 4096;
/** Claim words: 0 free, 1 taken by a worker (locate-worker.mjs writes it), 2 taken by this thread. */
const UNCLAIMED = 0;
const CLAIMED_HERE = 2;

/** A chunk's rows and results, in memory every thread sees. */
interface Job {
  id: number;
  from: number;
  to: number;
  input: { grid: Uint8Array; x: Float64Array; y: Float64Array };
  output: LocatedRows;
  /** Settles when a worker has located the chunk (never, if this thread takes it). */
  done: Promise<void>;
}

/** What a worker sends back: the chunk is in the shared output, or it failed. */
interface WorkerReply {
  id: number;
  error?: string;
}

function sharedOutput(n: number): LocatedRows {
  const buffer = new SharedArrayBuffer(n * 24);
  return {
    lng: new Float64Array(buffer, 0, n),
    lat: new Float64Array(buffer, n * 8, n),
    cellHi: new Uint32Array(buffer, n * 16, n),
    cellLo: new Uint32Array(buffer, n * 20, n),
  };
}

function sharedInput(rows: IncidentRows, from: number, to: number): Job['input'] {
  const n = to - from;
  const buffer = new SharedArrayBuffer(n * 17);
  const input = { x: new Float64Array(buffer, 0, n), y: new Float64Array(buffer, n * 8, n), grid: new Uint8Array(buffer, n * 16, n) };
  input.x.set(rows.x.subarray(from, to));
  input.y.set(rows.y.subarray(from, to));
  input.grid.set(rows.grid.subarray(from, to));
  return input;
}

/**
 * Worker threads to use: one per core besides this one (at least one, at most 4). This
 * thread parses while they locate, then locates the chunks no worker has started yet.
 */
function workerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Locates chunks as they are handed over, on worker threads. `feed` takes each chunk the
 * moment the parser completes it and offers it to every worker; `finish` locates on this
 * thread whatever no worker has claimed yet, then waits for the rest.
 *
 * The parser runs synchronously, so this thread cannot answer a worker until it is done:
 * chunks are handed out ahead, and a shared claim word per chunk (Atomics.compareExchange)
 * decides who takes it. Whatever the costs of parsing and locating on a machine, the
 * threads finish close together, with nobody waiting on a queue fixed in advance.
 */
export class LocatePipeline {
  private workers: Worker[] = [];
  private readonly claims = new Int32Array(new SharedArrayBuffer(4 * MAX_JOBS));
  private readonly jobs: Job[] = [];
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  /** Chunks `finish` located on this thread, and chunks workers located. */
  chunksLocatedHere = 0;
  chunksLocatedByWorkers = 0;

  feed(rows: IncidentRows, from: number, to: number): void {
    if (this.workers.length === 0) this.start();
    const id = this.jobs.length;
    if (id >= MAX_JOBS) throw new Error(`a locate pipeline takes at most ${MAX_JOBS} chunks`);
    const input = sharedInput(rows, from, to);
    const output = sharedOutput(to - from);
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // finish() awaits only the chunks workers took; an untaken chunk's promise never settles.
    done.catch(() => undefined);
    this.jobs.push({ id, from, to, input, output, done });
    for (const worker of this.workers) worker.postMessage({ id, input, output });
  }

  /** Locates what no worker has started, waits for the rest and returns every row, in row order. */
  async finish(length: number): Promise<LocatedRows> {
    const out = emptyOutput(length);
    const taken: Job[] = [];
    try {
      // From the end: the workers work from the front, so each side meets the other once.
      for (let k = this.jobs.length - 1; k >= 0 && !this.failure; k--) {
        const job = this.jobs[k]!;
        if (Atomics.compareExchange(this.claims, job.id, UNCLAIMED, CLAIMED_HERE) !== UNCLAIMED) {
          taken.push(job);
          continue;
        }
        try {
          locateHere(job.input, job.output, 0, job.to - job.from);
        } catch (error) {
          this.failAll(new Error(`locating rows failed: ${error instanceof Error ? error.message : String(error)}`));
          break;
        }
        this.waiting.delete(job.id);
        this.chunksLocatedHere += 1;
      }
      await Promise.all(taken.map((job) => job.done));
    } finally {
      await this.stop();
    }
    if (this.failure) throw this.failure;
    for (const job of this.jobs) {
      out.lng.set(job.output.lng, job.from);
      out.lat.set(job.output.lat, job.from);
      out.cellHi.set(job.output.cellHi, job.from);
      out.cellLo.set(job.output.cellLo, job.from);
    }
    if (this.jobs.length > 0 && this.jobs.at(-1)!.to !== length) throw new Error(`located ${this.jobs.at(-1)!.to} rows of ${length}`);
    return out;
  }

  /**
   * Settles once workers have located every chunk fed so far (rejects if one failed). Only
   * before `finish`, which may take chunks itself; the import never waits for this, tests do.
   */
  locatedByWorkers(): Promise<void> {
    return Promise.all(this.jobs.map((job) => job.done)).then(() => undefined);
  }

  /** Stops the workers (also after a parse failure, when finish is never called). */
  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private start() {
    for (let i = 0; i < workerCount(); i++) {
      const worker = new Worker(new URL('./locate-worker.mjs', import.meta.url), {
        workerData: { bngDefinition: BRITISH_NATIONAL_GRID, resolution: STORED_H3_RESOLUTION, claims: this.claims },
        // Plain JavaScript: no TypeScript loader (tsx, vitest) needed in the worker.
        execArgv: [],
      });
      worker.on('message', (reply: WorkerReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
      // A worker that dies without an error event must not leave finish() waiting forever.
      worker.on('exit', (code) => {
        if (this.waiting.size > 0) this.failAll(new Error(`a locate worker stopped (exit code ${code}) before finishing its rows`));
      });
      this.workers.push(worker);
    }
  }

  private settle(reply: WorkerReply) {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.error !== undefined) {
      waiting.reject(new Error(`locating rows failed: ${reply.error}`));
    } else {
      this.chunksLocatedByWorkers += 1;
      waiting.resolve();
    }
  }

  private failAll(error: Error) {
    this.failure ??= error;
    for (const [, waiting] of this.waiting) waiting.reject(error);
    this.waiting.clear();
  }
}

/** A parsed row located and spelled as a draft (for tests and checks, not the hot path). */
export interface LocatedDraft extends IncidentDraft {
  line: number;
}

/** Drafts (demo data, tests, seeding) as commitImport takes them: rows with nothing rejected, located on this thread. */
export function draftsToCommit(drafts: readonly (IncidentDraft & { line?: number })[]): { parsed: ParsedFile; located: LocatedRows } {
  const parsed = parsedFromDrafts(drafts);
  return { parsed, located: locateRowsHere(parsed.rows) };
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
