// @ts-check
// H3 cells for the import's hot path, straight from the H3 C library's own latLngToCell.
// h3-js wraps every call in two mallocs, two frees, an array, a map and a hex string; over
// a million points those cost more than the C function itself. h3-js ships the same
// compiled library (dist/libh3-browser.js, the build its browser bundle uses) and the C
// API it exposes is H3's public one: `H3Error latLngToCell(const LatLng *g, int res,
// H3Index *out)`. Here one LatLng and one H3Index are allocated once in that module's
// private heap and reused, and the cell comes back as two 32-bit halves, as it is stored.
// Tests hold it to h3-js's latLngToCell (h3-index.test.ts). Plain JavaScript so worker
// threads load it without a TypeScript loader (see locate-points.mjs). Type-checked as JavaScript (tsconfig checkJs).
import libh3 from 'h3-js/dist/libh3-browser.js';

/** sizeof(LatLng) = two doubles (lat, lng in radians); sizeof(H3Index) = 8. */
const latLng = libh3._malloc(16);
const cell = libh3._malloc(8);
const latLngToCell = libh3._latLngToCell;

/**
 * Writes the H3 cell of (lat, lng) in degrees at `resolution` into hi[i] and lo[i].
 * @param {number} lat
 * @param {number} lng
 * @param {number} resolution
 * @param {Uint32Array} hi
 * @param {Uint32Array} lo
 * @param {number} i
 */
export function cellHalvesInto(lat, lng, resolution, hi, lo, i) {
  // The views are read on every call: they change if the module's heap ever grows.
  const f64 = libh3.HEAPF64;
  // Spelled as h3-js converts degrees, so the radians (and so the cells) are bit-identical.
  f64[latLng >> 3] = (lat * Math.PI) / 180;
  f64[(latLng >> 3) + 1] = (lng * Math.PI) / 180;
  const error = latLngToCell(latLng, resolution, cell);
  if (error !== 0) throw new Error(`H3 could not index the point ${lat}, ${lng} at resolution ${resolution} (H3 error ${error})`);
  const u32 = libh3.HEAPU32;
  // In bounds: `cell` is an allocation in this heap (the casts are TypeScript's `!`).
  lo[i] = /** @type {number} */ (u32[cell >> 2]);
  hi[i] = /** @type {number} */ (u32[(cell >> 2) + 1]);
}

/**
 * Fails loudly when the compiled library is not the one this module was written against (an
 * h3-js upgrade that moved or changed dist/libh3-browser.js): the cell of a known point must
 * come back as H3 defines it. Called once at server start-up.
 */
export function checkH3Binding() {
  const hi = new Uint32Array(1);
  const lo = new Uint32Array(1);
  // Whitechapel station, resolution 9: 89194ad355bffff (h3-js latLngToCell, H3 4.x).
  cellHalvesInto(51.5194, -0.0597, 9, hi, lo, 0);
  const cell = /** @type {number} */ (hi[0]).toString(16) + /** @type {number} */ (lo[0]).toString(16).padStart(8, '0');
  if (cell !== '89194ad355bffff') {
    throw new Error(
      `The H3 library inside h3-js gives ${cell} for a known point where 89194ad355bffff is right: h3-js has changed; pin the version package.json names.`,
    );
  }
}
