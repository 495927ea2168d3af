// Messages between the server's main thread and the compute worker.
import type { TaskName } from './compute-tasks';

export type WorkerRequest = { id: number; type: 'index'; resolutions: number[] } | { id: number; type: 'run'; task: TaskName; query: unknown };

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
