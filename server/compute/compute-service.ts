// Where the in-memory index is built and the long statistics run. The server runs them on a
// worker thread (worker-compute.ts) so the event loop keeps answering; tests on an in-memory
// database run them in the calling thread (here). Routes see only this interface.
import type { Coverage } from '../../geo/coverage';
import type { Db } from '../db/open-database';
import type { StudyGrid } from '../hotspots/study-grid';
import { createIndexCache, type IncidentIndex } from '../incidents/incident-index';
import { runTask, type TaskName, type TaskQuery, type TaskResult } from './compute-tasks';

export interface ComputeService {
  /**
   * The index to answer from, with H3 cells ready at `resolutions`. Once there is one, a newer
   * one (after an import) is built in the background while this keeps answering.
   */
  index(resolutions: readonly number[]): Promise<IncidentIndex>;
  /** The index last handed out, or null before the first; for code that has awaited index() in the same request. */
  current(): IncidentIndex | null;
  run<K extends TaskName>(task: K, query: TaskQuery<K>): Promise<TaskResult<K>>;
  close(): Promise<void>;
}

export function inThreadCompute(db: Db, studyGrid: StudyGrid, coverage: () => Coverage): ComputeService {
  const cache = createIndexCache(db);
  return {
    index: async () => cache(),
    current: () => cache(),
    run: async (task, query) => runTask({ index: cache(), studyGrid, coverage: coverage() }, task, query),
    close: async () => undefined,
  };
}
