// A row's position from a pair of longitude/latitude columns, a pair of British National Grid
// easting/northing columns (EPSG:27700), or both (then they must agree): the one reading the
// schools and cameras importers share, with messages that name the file's own columns.
import { fail, ok, type Result } from '../../geo/types';
import { bngToLngLat } from './locate-rows';
import { checkLngLat, parseNumber, UK } from './row-checks';

const BNG_EXTENT = { easting: 700_000, northing: 1_300_000 } as const;
/** Both pairs given and further apart than this: one of them is wrong. Conversions differ by 1-7 m. */
const PAIRS_DISAGREE_METERS = 100;

export type PointFrom = 'lng-lat' | 'easting-northing';

export interface PointColumns {
  /** Column indexes, -1 where the file has no such column. */
  lng: number;
  lat: number;
  easting: number;
  northing: number;
  /** The header as the file spells it. */
  names: readonly string[];
}

export interface ReadPoint {
  lng: number;
  lat: number;
  from: PointFrom;
}

function metresApart(a: readonly [number, number], b: readonly [number, number]): number {
  const metersPerDegree = 111_195;
  const dx = (a[0] - b[0]) * metersPerDegree * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot(dx, (a[1] - b[1]) * metersPerDegree);
}

/**
 * The row's point, or null when every position cell is empty. `text(i)` is the trimmed cell of
 * column i ('' for -1). When both pairs are given, the file's own longitude/latitude is used once
 * the two agree within 100 m.
 */
export function readPointColumns(text: (i: number) => string, c: PointColumns): Result<ReadPoint | null, string> {
  const name = (i: number) => c.names[i]!;
  const cell = (i: number) => (i === -1 ? '' : text(i));
  const pairOf = (a: number, b: number): Result<[string, string] | null, string> => {
    const [x, y] = [cell(a), cell(b)];
    if (x === '' && y === '') return ok(null);
    if (x === '' || y === '') return fail(`${x === '' ? name(a) : name(b)} is empty but ${x === '' ? name(b) : name(a)} is not; give both or neither`);
    return ok([x, y]);
  };
  const lngLat = pairOf(c.lng, c.lat);
  if (!lngLat.ok) return lngLat;
  const grid = pairOf(c.easting, c.northing);
  if (!grid.ok) return grid;

  let fromLngLat: [number, number] | null = null;
  if (lngLat.value) {
    const lng = parseNumber(lngLat.value[0], name(c.lng));
    if (!lng.ok) return fail(`${lng.reason}; expected a decimal longitude such as -0.05`);
    const lat = parseNumber(lngLat.value[1], name(c.lat));
    if (!lat.ok) return fail(`${lat.reason}; expected a decimal latitude such as 51.52`);
    const checked = checkLngLat(lng.value, lat.value, name(c.lng), name(c.lat));
    if (!checked.ok) return checked;
    fromLngLat = checked.value;
  }
  let fromGrid: [number, number] | null = null;
  if (grid.value) {
    const easting = parseNumber(grid.value[0], name(c.easting));
    if (!easting.ok) return fail(`${easting.reason}; expected metres east on the British National Grid, e.g. 535000`);
    const northing = parseNumber(grid.value[1], name(c.northing));
    if (!northing.ok) return fail(`${northing.reason}; expected metres north on the British National Grid, e.g. 181500`);
    const [e, n] = [easting.value, northing.value];
    if (Math.abs(e) <= 180 && Math.abs(n) <= 90) return fail(`${name(c.easting)} ${e} and ${name(c.northing)} ${n} look like longitude/latitude, not metres`);
    if (e < 0 || e > BNG_EXTENT.easting)
      return fail(`${name(c.easting)} ${e} is outside the British National Grid; expected 0..700000 metres (Tower Hamlets is near 535000)`);
    if (n < 0 || n > BNG_EXTENT.northing)
      return fail(`${name(c.northing)} ${n} is outside the British National Grid; expected 0..1300000 metres (Tower Hamlets is near 181000)`);
    const [lng, lat] = bngToLngLat(e, n);
    if (lng < UK.west || lng > UK.east || lat < UK.south || lat > UK.north) {
      return fail(
        `${name(c.easting)} ${e}, ${name(c.northing)} ${n} is not in the United Kingdom (it is longitude ${lng}, latitude ${lat}); check the coordinates`,
      );
    }
    fromGrid = [lng, lat];
  }
  if (fromLngLat && fromGrid) {
    const apart = metresApart(fromLngLat, fromGrid);
    if (apart > PAIRS_DISAGREE_METERS) {
      return fail(
        `${name(c.lng)}/${name(c.lat)} and ${name(c.easting)}/${name(c.northing)} are ${Math.round(apart).toLocaleString('en-GB')} m apart; ` +
          'one of them is wrong (swapped columns?): correct it or leave one pair empty',
      );
    }
  }
  if (fromLngLat) return ok({ lng: fromLngLat[0], lat: fromLngLat[1], from: 'lng-lat' });
  if (fromGrid) return ok({ lng: fromGrid[0], lat: fromGrid[1], from: 'easting-northing' });
  return ok(null);
}
