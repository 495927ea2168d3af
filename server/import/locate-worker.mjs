// @ts-check
// Worker thread for large imports: locates chunks of rows (see locate-points.mjs) while
// the main thread goes on parsing. Every chunk is offered to every worker as { id, input,
// output } over shared memory; a worker takes it only if it wins the chunk's claim word
// (0 = free, 1 = a worker, 2 = the main thread), writes the rows into `output` and
// answers { id } (or { id, error }). See LocatePipeline in locate-rows.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { createLocator } from './locate-points.mjs';

const locate = createLocator(workerData.bngDefinition, workerData.resolution);
/** @type {Int32Array} */
const claims = workerData.claims;
const port = parentPort;
if (!port) throw new Error('locate-worker.mjs runs only as a worker thread');

port.on('message', (job) => {
  if (Atomics.compareExchange(claims, job.id, 0, 1) !== 0) return;
  try {
    locate(job.input, job.output, 0, job.input.x.length);
    port.postMessage({ id: job.id });
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
