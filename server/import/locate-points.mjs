// @ts-check
// Turns parsed x/y (WGS84, or British National Grid metres) into WGS84 points and their
// H3 cells at the stored resolution. Plain JavaScript on purpose: the same code runs on
// the main thread and in worker threads (locate-worker.mjs), and a worker cannot load
// TypeScript under every runner we use (tsx, vitest, Node 20 without type stripping).
// See docs/decisions/010-columnar-incident-store.md and 011-import-hot-path.md.
// Type-checked as JavaScript (tsconfig checkJs); its types are the JSDoc below.
import proj4 from 'proj4';
import { cellHalvesInto } from './h3-index.mjs';

/** @typedef {{ grid: Uint8Array, x: Float64Array, y: Float64Array }} LocateInput */
/** @typedef {{ lng: Float64Array, lat: Float64Array, cellHi: Uint32Array, cellLo: Uint32Array }} LocateOutput */
/** @typedef {(input: LocateInput, out: LocateOutput, from: number, to: number) => void} Locate */

const GRID_BNG = 1;
/**
 * Slots of the point cache. Points repeat: police.uk snaps every crime to one of a few
 * thousand map points, and council and CAD systems geocode to addresses. 65,536 slots hold
 * a borough's addresses; with every point new, a miss costs a few nanoseconds.
 */
const CACHE_SLOTS = 1 << 16;

/**
 * @param {string} bngDefinition proj4 definition of the British National Grid
 * @param {number} resolution H3 resolution of the stored cell
 */
export function createLocator(bngDefinition, resolution) {
  const bngToWgs84 = proj4(bngDefinition, 'WGS84');
  const point = { x: 0, y: 0 };
  // A direct-mapped cache keyed on the exact bits of (grid, x, y): a hit gives exactly
  // what locating again would (-0 and 0 are different keys; NaN never reaches here twice
  // as a hit, it fails H3 first).
  const bits = new Float64Array(2);
  const words = new Int32Array(bits.buffer);
  // One 64-byte line per slot: key words x (2), y (2), grid, cell hi, cell lo, a spare,
  // then lng and lat as doubles.
  const cache = new ArrayBuffer(CACHE_SLOTS * 64);
  const cacheWords = new Int32Array(cache);
  const cacheDoubles = new Float64Array(cache);
  cacheWords.fill(-1);

  /**
   * Locates rows [from, to) of the input into the same positions of the output.
   * @param {{ grid: Uint8Array, x: Float64Array, y: Float64Array }} input
   * @param {{ lng: Float64Array, lat: Float64Array, cellHi: Uint32Array, cellLo: Uint32Array }} out
   * @param {number} from
   * @param {number} to
   */
  function locate(input, out, from, to) {
    for (let i = from; i < to; i++) {
      const grid = input.grid[i] ?? 0;
      bits[0] = input.x[i] ?? 0;
      bits[1] = input.y[i] ?? 0;
      const w0 = words[0] ?? 0;
      const w1 = words[1] ?? 0;
      const w2 = words[2] ?? 0;
      const w3 = words[3] ?? 0;
      let h = Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(w2 ^ Math.imul(w3, 0xc2b2ae35), 0x27d4eb2f) ^ grid;
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      const slot = (h ^ (h >>> 13)) & (CACHE_SLOTS - 1);
      const k = slot * 16;
      if (cacheWords[k] === w0 && cacheWords[k + 1] === w1 && cacheWords[k + 2] === w2 && cacheWords[k + 3] === w3 && cacheWords[k + 4] === grid) {
        out.cellHi[i] = cacheWords[k + 5] ?? 0;
        out.cellLo[i] = cacheWords[k + 6] ?? 0;
        out.lng[i] = cacheDoubles[slot * 8 + 4] ?? 0;
        out.lat[i] = cacheDoubles[slot * 8 + 5] ?? 0;
        continue;
      }
      let lng = bits[0] ?? 0;
      let lat = bits[1] ?? 0;
      if (grid === GRID_BNG) {
        point.x = lng;
        point.y = lat;
        const p = bngToWgs84.forward(point);
        // Six decimals (~0.1 m): the conversion is good to a few metres, and the stored
        // point then has one spelling for identity checks.
        lng = Math.round(p.x * 1e6) / 1e6;
        lat = Math.round(p.y * 1e6) / 1e6;
      }
      cellHalvesInto(lat, lng, resolution, out.cellHi, out.cellLo, i);
      out.lng[i] = lng;
      out.lat[i] = lat;
      cacheWords[k] = w0;
      cacheWords[k + 1] = w1;
      cacheWords[k + 2] = w2;
      cacheWords[k + 3] = w3;
      cacheWords[k + 4] = grid;
      cacheWords[k + 5] = out.cellHi[i] ?? 0;
      cacheWords[k + 6] = out.cellLo[i] ?? 0;
      cacheDoubles[slot * 8 + 4] = lng;
      cacheDoubles[slot * 8 + 5] = lat;
    }
  }
  return locate;
}
