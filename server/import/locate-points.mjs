// @ts-check
// Turns parsed x/y (WGS84, or British National Grid metres) into WGS84 points and their
// H3 cells at the stored resolution. Plain JavaScript on purpose: the same code runs on
// the main thread and in worker threads (locate-worker.mjs), and a worker cannot load
// TypeScript under every runner we use (tsx, vitest, Node 20 without type stripping).
// See docs/decisions/010-columnar-incident-store.md. Types: locate-points.d.mts.
import { latLngToCell } from 'h3-js';
import proj4 from 'proj4';

const GRID_BNG = 1;

/**
 * @param {string} bngDefinition proj4 definition of the British National Grid
 * @param {number} resolution H3 resolution of the stored cell
 */
export function createLocator(bngDefinition, resolution) {
  const bngToWgs84 = proj4(bngDefinition, 'WGS84');
  /**
   * Locates rows [from, to) of the input into the same positions of the output.
   * @param {{ grid: Uint8Array, x: Float64Array, y: Float64Array }} input
   * @param {{ lng: Float64Array, lat: Float64Array, cellHi: Uint32Array, cellLo: Uint32Array }} out
   * @param {number} from
   * @param {number} to
   * @param {boolean} useCache remember each distinct point (police.uk snap points repeat thousands of times)
   */
  function locate(input, out, from, to, useCache) {
    const point = { x: 0, y: 0 };
    /** @type {Map<string, [number, number, number, number]>} */
    const cache = new Map();
    for (let i = from; i < to; i++) {
      let lng = input.x[i] ?? 0;
      let lat = input.y[i] ?? 0;
      const grid = input.grid[i];
      let key = '';
      if (useCache) {
        key = `${grid},${lng},${lat}`;
        const hit = cache.get(key);
        if (hit) {
          out.lng[i] = hit[0];
          out.lat[i] = hit[1];
          out.cellHi[i] = hit[2];
          out.cellLo[i] = hit[3];
          continue;
        }
      }
      if (grid === GRID_BNG) {
        point.x = lng;
        point.y = lat;
        const p = bngToWgs84.forward(point);
        // Six decimals (~0.1 m): the conversion is good to a few metres, and the stored
        // point then has one spelling for identity checks.
        lng = Math.round(p.x * 1e6) / 1e6;
        lat = Math.round(p.y * 1e6) / 1e6;
      }
      const cell = latLngToCell(lat, lng, resolution);
      const hi = parseInt(cell.slice(0, -8), 16);
      const lo = parseInt(cell.slice(-8), 16);
      out.lng[i] = lng;
      out.lat[i] = lat;
      out.cellHi[i] = hi;
      out.cellLo[i] = lo;
      if (useCache) cache.set(key, [lng, lat, hi, lo]);
    }
  }
  return locate;
}
