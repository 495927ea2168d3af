// Value checks shared by the CSV importers. Each failure is a sentence that says what is
// wrong with the value and what was expected; the caller prefixes the line number.
import { fail, ok, type LngLat, type Result } from '../../geo/types';

/** A loose box around the United Kingdom; police.uk and partner data all lie inside. */
const UK = { west: -11, east: 3, south: 49, north: 61 } as const;

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
      `${lngColumn} ${lng} and ${latColumn} ${lat} look swapped (Tower Hamlets is near longitude -0.05, latitude 51.5); ` +
        'check which column is which',
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
