import { cellToLatLng, getPentagons, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../geo/seeded-random';
import { cellText } from '../store/chunk-codec';
import { cellHalvesInto, checkH3Binding } from './h3-index.mjs';

const hi = new Uint32Array(1);
const lo = new Uint32Array(1);
function cellOf(lat: number, lng: number, resolution: number): string {
  cellHalvesInto(lat, lng, resolution, hi, lo, 0);
  return cellText(hi[0]!, lo[0]!);
}

/** Points where h3-js and the direct call disagree, as "lat,lng@res: ours vs h3-js". */
function disagreements(points: [number, number, number][]): string[] {
  const wrong: string[] = [];
  for (const [lat, lng, res] of points) {
    const ours = cellOf(lat, lng, res);
    const theirs = latLngToCell(lat, lng, res);
    if (ours !== theirs && wrong.length < 10) wrong.push(`${lat},${lng}@${res}: ${ours} vs ${theirs}`);
  }
  return wrong;
}

describe('cellHalvesInto (H3 latLngToCell called directly)', () => {
  it('gives the cell h3-js gives, at every resolution, for 160,000 points spread over the sphere', () => {
    const random = seededRandom(11);
    const points: [number, number, number][] = [];
    for (let k = 0; k < 160_000; k++) {
      // Uniform on the sphere: latitude from the arcsine of a uniform value.
      points.push([(Math.asin(2 * random() - 1) * 180) / Math.PI, random() * 360 - 180, k % 16]);
    }
    expect(disagreements(points)).toEqual([]);
  });

  it('agrees around the pentagons, on the poles, the antimeridian and the equator', () => {
    const random = seededRandom(12);
    const points: [number, number, number][] = [];
    for (let res = 0; res <= 15; res++) {
      for (const pentagon of getPentagons(res)) {
        const [lat, lng] = cellToLatLng(pentagon);
        for (let k = 0; k < 40; k++) {
          const spread = 10 ** -(1 + random() * 6);
          points.push([lat + (random() - 0.5) * spread, lng + (random() - 0.5) * spread, res]);
        }
      }
      for (const [lat, lng] of [
        [90, 0],
        [-90, 0],
        [0, 180],
        [0, -180],
        [45, 180],
        [-45, -180],
        [0, 0],
        [51.5, -0.05],
        [89.999999, 179.999999],
      ] as const) {
        points.push([lat, lng, res]);
      }
    }
    expect(disagreements(points)).toEqual([]);
  });

  it('gives the Tower Hamlets cells the import stores', () => {
    expect(cellOf(51.5194, -0.0597, 11)).toBe(latLngToCell(51.5194, -0.0597, 11));
    expect(cellOf(51.5194, -0.0597, 11)).toMatch(/^8b[0-9a-f]{13}$/);
  });

  it('throws, naming the point, where H3 refuses', () => {
    expect(() => cellOf(Number.NaN, -0.05, 11)).toThrow(/H3 could not index the point NaN, -0.05 at resolution 11 \(H3 error \d+\)/);
    expect(() => cellOf(51.5, Number.POSITIVE_INFINITY, 11)).toThrow(/H3 could not index/);
    expect(() => cellOf(51.5, -0.05, 16)).toThrow(/at resolution 16/);
  });
});

describe('the start-up check of the H3 binding', () => {
  it('passes with the h3-js package.json pins', () => {
    expect(() => checkH3Binding()).not.toThrow();
  });
});
