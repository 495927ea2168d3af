// The server's ComputeService: the index and the long statistics on one worker thread, so
// /api/health and small requests answer while a backtest runs or the index is rebuilt after
// an import (decision 022). The main thread keeps the newest index it has been handed and
// serves from it; a newer one is asked for in the background when the data has changed.
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open-database';
import { indexFromSnapshot, isIndexCurrent, preparedResolutions, type IncidentIndex, type IndexSnapshot } from '../incidents/incident-index';
import type { ComputeService } from './compute-service';
import type { TaskName, TaskQuery, TaskResult } from './compute-tasks';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function workerCompute(db: Db, dbPath: string): ComputeService {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let current: IncidentIndex | null = null;
  /** The index request in flight and the resolutions it prepares. */
  let refreshing: { promise: Promise<IncidentIndex>; resolutions: Set<number> } | null = null;

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./compute-worker.mjs', import.meta.url), { workerData: { dbPath }, execArgv: [] });
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new Error(`compute worker: ${reply.error}`));
    });
    w.on('error', (error) => {
      worker = null;
      failAll(error);
    });
    w.on('exit', (code) => {
      worker = null;
      failAll(new Error(`the compute worker stopped (exit code ${code})`));
    });
    // The worker never keeps the process alive on its own.
    w.unref();
    worker = w;
    return w;
  }

  function ask(request: Request): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      started().postMessage({ ...request, id });
    });
  }

  function refresh(resolutions: Set<number>): Promise<IncidentIndex> {
    if (refreshing && [...resolutions].every((r) => refreshing!.resolutions.has(r))) return refreshing.promise;
    const all = new Set([...resolutions, ...(refreshing?.resolutions ?? [])]);
    const promise = ask({ type: 'index', resolutions: [...all] }).then((snapshot) => {
      const index = indexFromSnapshot(snapshot as IndexSnapshot);
      current = index;
      return index;
    });
    const entry = { promise, resolutions: all };
    refreshing = entry;
    const clear = () => {
      if (refreshing === entry) refreshing = null;
    };
    promise.then(clear, clear);
    return promise;
  }

  return {
    async index(resolutions) {
      const ready = (index: IncidentIndex) => {
        const prepared = preparedResolutions(index);
        return resolutions.every((r) => prepared.includes(r));
      };
      if (current && ready(current)) {
        // The data changed since (an import): build the newer index in the background, keep answering from this one.
        if (!isIndexCurrent(db, current)) refresh(new Set([...preparedResolutions(current), ...resolutions])).catch(() => undefined);
        return current;
      }
      return refresh(new Set([...(current ? preparedResolutions(current) : []), ...resolutions]));
    },
    current: () => current,
    async run<K extends TaskName>(task: K, query: TaskQuery<K>) {
      return (await ask({ type: 'run', task, query })) as TaskResult<K>;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
