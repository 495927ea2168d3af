// Demo drugs stop and search, as police.uk publishes searches (a stop-and-search CSV), so the
// demo loads them through the stop-and-search importer into their own table: searches are not
// crimes and no crime layer counts them (issue 11). Where a search happens comes from the
// generator (background rhythms and the planted drug markets); who was searched and what came
// of it are drawn here with fixed shares (SYNTHETIC, not real proportions; docs/demo-data.md).
import { seededRandom } from '../seeded-random';
import { instantOfLondonWallClock } from '../time';

export interface DemoSearchPlace {
  /** London wall-clock 'YYYY-MM-DDTHH:MM'. */
  occurredAt: string;
  lng: number;
  lat: number;
  /** In a planted drug market: searches there find drugs more often. */
  planted: boolean;
}

export const DEMO_SEARCH_HEADER =
  'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';

/** Outcome words (police.uk's current ones) with their shares, in a drug market and elsewhere. */
export const DEMO_SEARCH_OUTCOMES: readonly { outcome: string; inMarket: number; elsewhere: number }[] = [
  { outcome: 'A no further action disposal', inMarket: 0.55, elsewhere: 0.78 },
  { outcome: 'Arrest', inMarket: 0.2, elsewhere: 0.1 },
  { outcome: 'Offender given drugs possession warning', inMarket: 0.13, elsewhere: 0.07 },
  { outcome: 'Community resolution', inMarket: 0.08, elsewhere: 0.04 },
  { outcome: 'Penalty Notice for Disorder', inMarket: 0.04, elsewhere: 0.01 },
];

const AGES: readonly [string, number][] = [
  ['10-17', 0.15],
  ['18-24', 0.42],
  ['25-34', 0.25],
  ['over 34', 0.18],
];
const ETHNICITIES: readonly [string, string, number][] = [
  ['Asian', 'Asian or Asian British - Bangladeshi (A3)', 0.42],
  ['White', 'White - English/Welsh/Scottish/Northern Irish/British', 0.3],
  ['Black', 'Black/African/Caribbean/Black British - Any other Black/African/Caribbean background', 0.22],
  ['Other', 'Other ethnic group - Not stated', 0.06],
];

function pick<T>(random: () => number, items: readonly T[], share: (item: T) => number): T {
  let r = random();
  for (const item of items) {
    r -= share(item);
    if (r < 0) return item;
  }
  return items.at(-1)!;
}

/** The searches as a police.uk stop-and-search CSV (Date as UTC with +00:00, as police.uk writes it). */
export function demoSearchesCsv(seed: number, places: readonly DemoSearchPlace[]): string {
  const random = seededRandom(seed ^ 0x5ea2c4);
  const lines = [DEMO_SEARCH_HEADER];
  for (const place of places) {
    const instant = instantOfLondonWallClock(place.occurredAt);
    if (!instant.ok) throw new Error(`demo search at ${place.occurredAt}: ${instant.reason}`);
    const date = instant.value.toISOString().replace('.000Z', '+00:00');
    const outcome = pick(random, DEMO_SEARCH_OUTCOMES, (o) => (place.planted ? o.inMarket : o.elsewhere)).outcome;
    const [age] = pick(random, AGES, ([, share]) => share);
    const [officer, self] = pick(random, ETHNICITIES, ([, , share]) => share);
    const gender = random() < 0.9 ? 'Male' : 'Female';
    lines.push(
      [
        'Person search',
        date,
        'False',
        '',
        place.lat.toFixed(6),
        place.lng.toFixed(6),
        gender,
        age,
        `"${self}"`,
        officer,
        'Misuse of Drugs Act 1971 (section 23)',
        'Controlled drugs',
        outcome,
        '',
        'False',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The generator's drugs-stop-search records are searches, not crimes: apart from the incidents,
 * as places for demoSearchesCsv (planted when they belong to a planted pattern).
 */
export function splitDemoSearches<T extends { category: string; occurredAt: string; lng: number; lat: number; patternId: string | null }>(
  records: readonly T[],
): { incidents: T[]; searches: DemoSearchPlace[] } {
  const incidents: T[] = [];
  const searches: DemoSearchPlace[] = [];
  for (const record of records) {
    if (record.category === DEMO_SEARCH_CATEGORY)
      searches.push({ occurredAt: record.occurredAt, lng: record.lng, lat: record.lat, planted: record.patternId !== null });
    else incidents.push(record);
  }
  return { incidents, searches };
}

/** The generator's category for drug searches (geo/categories.ts keeps it out of every crime layer). */
export const DEMO_SEARCH_CATEGORY = 'drugs-stop-search';
