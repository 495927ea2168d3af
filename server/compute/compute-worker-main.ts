// The compute worker (decision 022): its own read-only connection to the database, the incident
// index (built and extended here, in shared memory, and handed to the main thread as a
// snapshot), and the long statistics. One request at a time, in arrival order.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { Db } from '../db/open-database';
import { createStudyGridCache } from '../hotspots/study-grid';
import { createIndexCache, snapshotOfIndex } from '../incidents/incident-index';
import { createCoverageCache } from '../store/coverage-store';
import { runTask } from './compute-tasks';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const { dbPath } = workerData as { dbPath: string };
const db: Db = new Database(dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
const index = createIndexCache(db);
const studyGrid = createStudyGridCache(db);
const coverage = createCoverageCache(db);

function handle(request: WorkerRequest): WorkerReply {
  try {
    if (request.type === 'index') {
      return { id: request.id, ok: true, value: snapshotOfIndex(index(), request.resolutions) };
    }
    return { id: request.id, ok: true, value: runTask({ index: index(), studyGrid, coverage: coverage() }, request.task, request.query as never) };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

parentPort!.on('message', (request: WorkerRequest) => parentPort!.postMessage(handle(request)));
