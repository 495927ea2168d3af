// Value checks shared by the CSV importers. Each failure is a sentence that says what is
// wrong with the value and what was expected; the caller prefixes the line number.
import { fail, ok, type LngLat, type Result } from '../../geo/types';

/** A loose box around the United Kingdom; police.uk and partner data all lie inside. */
export const UK = { west: -11, east: 3, south: 49, north: 61 } as const;

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Number(text.slice(start, end)) for a plain decimal such as "-0.0597" or "535000", read in
 * place; NaN for anything else (exponents, spaces, more than 15 digits), which the caller
 * then reads the general way. Exact: a mantissa below 2^53 over a power of ten up to 1e22
 * is one correctly rounded division, the same double Number() gives.
 */
export function plainDecimalAt(text: string, start: number, end: number): number {
  let i = start;
  const negative = i < end && text.charCodeAt(i) === 45;
  if (negative) i += 1;
  let mantissa = 0;
  let digitCount = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (decimals !== -1) return Number.NaN;
      decimals = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return Number.NaN;
    mantissa = mantissa * 10 + d;
    digitCount += 1;
    if (decimals !== -1) decimals += 1;
  }
  if (digitCount === 0 || digitCount > 15) return Number.NaN;
  const value = decimals <= 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
  return negative ? -value : value;
}

export function parseNumber(text: string, column: string): Result<number, string> {
  if (text.trim() === '') return fail(`${column} is empty`);
  const value = Number(text);
  if (!Number.isFinite(value)) return fail(`${column} "${text}" is not a number`);
  return ok(value);
}

/** Checks a WGS84 point: swapped order, range, and that it lies in the UK at all. */
export function checkLngLat(lng: number, lat: number, lngColumn: string, latColumn: string): Result<LngLat, string> {
  if (Math.abs(lng) >= 49 && Math.abs(lng) <= 61 && Math.abs(lat) <= 11) {
    return fail(
      `${lngColumn} ${lng} and ${latColumn} ${lat} look swapped (Tower Hamlets is near longitude -0.05, latitude 51.5); ` + 'check which column is which',
    );
  }
  if (lng < -180 || lng > 180) {
    const hint = lng >= 1000 && lng <= 700_000 ? '; it looks like a British National Grid easting: map the columns as easting/northing' : '';
    return fail(`${lngColumn} ${lng} is not a longitude; expected -180..180${hint}`);
  }
  if (lat < -90 || lat > 90) return fail(`${latColumn} ${lat} is not a latitude; expected -90..90`);
  if (lng < UK.west || lng > UK.east || lat < UK.south || lat > UK.north) {
    return fail(
      `${lngColumn} ${lng}, ${latColumn} ${lat} is not in the United Kingdom (expected longitude ${UK.west}..${UK.east}, ` +
        `latitude ${UK.south}..${UK.north}); check the coordinates`,
    );
  }
  return ok([lng, lat]);
}
