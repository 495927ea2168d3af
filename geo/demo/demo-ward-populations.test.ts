// The demo wards' residents: every ward has a population every year, the borough totals exactly
// the intended figure in the last year, growth back to 2011 stays a few percent a year, and each
// ward's share follows the demo population surface (checked with Turf's own point-in-polygon on
// an independent random sample of points, not the grid the generator sums over).
import { booleanPointInPolygon } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildDemoWards, DEMO_BBOX, insideDemoArea } from './demo-area';
import { populationDensity } from './demo-population';
import {
  DEMO_BOROUGH_POPULATION,
  DEMO_POPULATION_FIRST_YEAR,
  DEMO_POPULATION_LAST_YEAR,
  demoWardPopulations,
  wardPopulationsCsv,
} from './demo-ward-populations';
import { createRandom } from './random';

const wards = buildDemoWards();
const populations = demoWardPopulations(wards);
const years = Array.from({ length: DEMO_POPULATION_LAST_YEAR - DEMO_POPULATION_FIRST_YEAR + 1 }, (_, k) => DEMO_POPULATION_FIRST_YEAR + k);
const total = (year: number) => populations.filter((p) => p.year === year).reduce((sum, p) => sum + p.population, 0);

describe('demoWardPopulations', () => {
  it('gives every demo ward a whole number of residents for every year, 310,000 in all for mid-2022', () => {
    expect(DEMO_BOROUGH_POPULATION).toBe(310_000);
    expect(populations).toHaveLength(wards.length * years.length);
    for (const ward of wards) expect(populations.filter((p) => p.code === ward.code).map((p) => p.year)).toEqual(years);
    expect(populations.every((p) => Number.isInteger(p.population) && p.population > 5_000)).toBe(true);
    expect(total(2022)).toBe(310_000);
  });

  it('grows each ward by 1.5-3.5% a year, so the borough had about a fifth fewer residents in 2011', () => {
    for (const ward of wards) {
      const series = populations.filter((p) => p.code === ward.code).map((p) => p.population);
      for (let k = 1; k < series.length; k++) {
        const growth = series[k]! / series[k - 1]! - 1;
        expect(growth).toBeGreaterThan(0.014);
        expect(growth).toBeLessThan(0.036);
      }
    }
    expect(total(2011) / total(2022)).toBeGreaterThan(0.7);
    expect(total(2011) / total(2022)).toBeLessThan(0.85);
  });

  it('shares the residents out as the demo population surface lies over the wards (within 3 points of a random-sample estimate)', () => {
    const random = createRandom(20261202);
    const [west, south, east, north] = DEMO_BBOX;
    const weights = new Map(wards.map((w) => [w.code, 0]));
    let sum = 0;
    for (let k = 0; k < 40_000; k++) {
      const lng = west + random.next() * (east - west);
      const lat = south + random.next() * (north - south);
      if (!insideDemoArea(lng, lat)) continue;
      const ward = wards.find((w) => booleanPointInPolygon([lng, lat], w.geometry));
      if (!ward) continue;
      const density = populationDensity(lng, lat);
      weights.set(ward.code, weights.get(ward.code)! + density);
      sum += density;
    }
    for (const ward of wards) {
      const stored = populations.find((p) => p.code === ward.code && p.year === 2022)!.population / 310_000;
      expect(Math.abs(stored - weights.get(ward.code)! / sum)).toBeLessThan(0.03);
    }
  });

  it('writes code,year,population that csv-parse reads back to the same figures', () => {
    const rows = parse(wardPopulationsCsv(populations), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['code', 'year', 'population']);
    expect(rows.map((r) => ({ code: r['code'], year: Number(r['year']), population: Number(r['population']) }))).toEqual(populations);
  });
});
