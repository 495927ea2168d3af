// Residents of the demo wards, mid-2011 to mid-2022, for rates per 1,000 residents (issue 15,
// decision 035). Pure: the demo population surface (demo-population.ts) summed over each ward on a
// fine grid, scaled so the borough has DEMO_BOROUGH_POPULATION residents in the last year, and
// taken back year by year at a growth rate that rises from west to east (the real borough grew
// about 2% a year from 2011 to 2022, fastest in its eastern wards). Whole people throughout.
import { createAreaTest } from '../study-area';
import { DEMO_BBOX, insideDemoArea, type DemoWard } from './demo-area';
import { eastWeight, populationDensity } from './demo-population';

export const DEMO_POPULATION_FIRST_YEAR = 2011;
export const DEMO_POPULATION_LAST_YEAR = 2022;
/** The demo borough's residents in DEMO_POPULATION_LAST_YEAR (the real borough had 323,854 at mid-2022). */
export const DEMO_BOROUGH_POPULATION = 310_000;
/** Yearly growth from the western edge to the eastern edge of the demo borough. */
export const DEMO_GROWTH_WEST = 0.015;
export const DEMO_GROWTH_EAST = 0.035;

/** About 40 m cells: far finer than the surface's 600 m bumps and the wards' kilometre sizes. */
const GRID_SIZE = 128;

export interface DemoWardPopulation {
  code: string;
  year: number;
  population: number;
}

/** Largest-remainder rounding: whole numbers in proportion to `weights` that add up to `total` exactly. */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const whole = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, remainder: x - Math.floor(x) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  const short = total - whole.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) whole[order[k]!.i]! += 1;
  return whole;
}

/** The share of the demo surface in each ward: the density summed over grid cell centres inside it. */
function wardWeights(wards: readonly DemoWard[]): number[] {
  const [west, south, east, north] = DEMO_BBOX;
  const tests = wards.map((w) => createAreaTest(w.geometry));
  const weights = wards.map(() => 0);
  for (let row = 0; row < GRID_SIZE; row++) {
    const lat = south + ((row + 0.5) * (north - south)) / GRID_SIZE;
    for (let col = 0; col < GRID_SIZE; col++) {
      const lng = west + ((col + 0.5) * (east - west)) / GRID_SIZE;
      if (!insideDemoArea(lng, lat)) continue;
      const ward = tests.findIndex((t) => t.contains(lng, lat));
      if (ward !== -1) weights[ward]! += populationDensity(lng, lat);
    }
  }
  return weights;
}

/** A ward's yearly growth: by where its centre lies between the western and eastern edges. */
export function demoGrowthRate(ward: Pick<DemoWard, 'centre'>): number {
  const share = (eastWeight(ward.centre[0]) - 0.4) / 1.5;
  return DEMO_GROWTH_WEST + (DEMO_GROWTH_EAST - DEMO_GROWTH_WEST) * share;
}

/** Every demo ward's residents for every year DEMO_POPULATION_FIRST_YEAR..DEMO_POPULATION_LAST_YEAR, by ward then year. */
export function demoWardPopulations(wards: readonly DemoWard[]): DemoWardPopulation[] {
  const last = apportion(wardWeights(wards), DEMO_BOROUGH_POPULATION);
  return wards.flatMap((ward, i) => {
    const rate = demoGrowthRate(ward);
    return Array.from({ length: DEMO_POPULATION_LAST_YEAR - DEMO_POPULATION_FIRST_YEAR + 1 }, (_, k) => {
      const year = DEMO_POPULATION_FIRST_YEAR + k;
      return { code: ward.code, year, population: Math.round(last[i]! / (1 + rate) ** (DEMO_POPULATION_LAST_YEAR - year)) };
    });
  });
}

/** The demo's ward-populations.csv: `code,year,population`, the ward-level file the population importer reads. */
export function wardPopulationsCsv(populations: readonly DemoWardPopulation[]): string {
  return ['code,year,population', ...populations.map((p) => `${p.code},${p.year},${p.population}`)].join('\n') + '\n';
}
