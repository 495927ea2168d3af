// Types for the one file inside h3-js the import calls directly (h3-index.mjs): the compiled
// H3 C library h3-js ships for its browser build. package.json pins h3-js exactly, and the
// server checks a known cell at start-up, because this is not h3-js's public API.
declare module 'h3-js/dist/libh3-browser.js' {
  interface LibH3 {
    _malloc(bytes: number): number;
    /** H3Error latLngToCell(const LatLng *g, int res, H3Index *out) */
    _latLngToCell(latLng: number, resolution: number, out: number): number;
    HEAPF64: Float64Array;
    HEAPU32: Uint32Array;
  }
  const libh3: LibH3;
  export default libh3;
}
