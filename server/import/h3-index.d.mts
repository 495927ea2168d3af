/** Writes the H3 cell of (lat, lng) in degrees at `resolution` into hi[i] and lo[i]; throws on an H3 error. */
export function cellHalvesInto(lat: number, lng: number, resolution: number, hi: Uint32Array, lo: Uint32Array, i: number): void;
