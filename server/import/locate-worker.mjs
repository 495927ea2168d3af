// @ts-check
// Worker thread for large imports: locates chunks of rows (see locate-points.mjs) while
// the main thread goes on parsing. Messages: { id, grid, x, y } in, { id, lng, lat,
// cellHi, cellLo } (or { id, error }) out; every array is transferred, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import { createLocator } from './locate-points.mjs';

const locate = createLocator(workerData.bngDefinition, workerData.resolution);
const port = parentPort;
if (!port) throw new Error('locate-worker.mjs runs only as a worker thread');

port.on('message', (job) => {
  try {
    const n = job.x.length;
    const out = { lng: new Float64Array(n), lat: new Float64Array(n), cellHi: new Uint32Array(n), cellLo: new Uint32Array(n) };
    locate(job, out, 0, n, false);
    port.postMessage({ id: job.id, ...out }, [out.lng.buffer, out.lat.buffer, out.cellHi.buffer, out.cellLo.buffer]);
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
