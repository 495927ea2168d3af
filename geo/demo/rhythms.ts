// Background volumes and time rhythms of the demo data. Volumes are of the order of
// Tower Hamlets' own (roughly 35,000 recorded crimes and 15,000 ASB reports a year);
// the shapes are the familiar ones from police analysis: theft in shop and commuting
// hours, violence and ASB in the evening and at weekends, vehicle crime at night,
// burglary in dark winter evenings. They are plausible, not measured.

/** Relative weight of each hour of the day, 0..23 (need not sum to anything). */
export type HourWeights = readonly number[];

export const HOUR_PROFILES = {
  violence: [4, 3.5, 3, 2.2, 1.5, 1, 1, 1.5, 2.2, 2.5, 2.8, 3, 3.3, 3.4, 3.5, 4, 4.2, 4.5, 5, 5.2, 5.3, 5.3, 5.2, 4.8],
  serious: [5, 4, 3, 2, 1, 0.6, 0.5, 0.6, 0.9, 1, 1.2, 1.4, 1.6, 1.8, 2, 2.6, 3, 3.6, 4.5, 5.2, 5.8, 6.2, 6.2, 5.8],
  asb: [2.5, 1.8, 1.2, 0.8, 0.5, 0.4, 0.6, 1, 1.5, 2, 2.5, 3, 3.4, 3.6, 3.9, 4.5, 5, 5.4, 5.8, 6, 6, 5.6, 4.8, 3.6],
  theft: [1.5, 1.2, 0.8, 0.5, 0.3, 0.3, 0.6, 1.5, 3, 3.8, 4.3, 4.8, 5.3, 5.5, 5.4, 5.6, 5.8, 6, 5.6, 4.6, 3.8, 3.2, 2.6, 2],
  shop: [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2, 3.5, 4.5, 5, 5.5, 5.5, 5.5, 6, 6.5, 6.5, 6, 4.5, 3, 1.8, 0.8, 0.3],
  burglary: [2.5, 2.2, 2, 1.8, 1.4, 1, 1, 1.5, 2.5, 3, 3.3, 3.3, 3.3, 3.3, 3.5, 3.8, 4, 4.3, 4.6, 4.6, 4.3, 3.8, 3.3, 2.8],
  vehicle: [5, 4.8, 4.5, 4, 3, 2, 1.6, 1.7, 2, 2.2, 2.3, 2.4, 2.5, 2.5, 2.6, 2.8, 3, 3.3, 3.8, 4.2, 4.5, 4.8, 5, 5],
  robbery: [3.5, 3, 2.4, 1.6, 0.9, 0.5, 0.5, 0.8, 1.2, 1.3, 1.5, 1.8, 2.2, 2.5, 3, 4.3, 4.8, 4.8, 4.8, 5, 5.2, 5.2, 5, 4.4],
  drugs: [3, 2.4, 1.8, 1.2, 0.6, 0.3, 0.3, 0.5, 0.8, 1.2, 1.8, 2.4, 3, 3.4, 3.8, 4.4, 4.8, 5.2, 5.6, 5.8, 5.8, 5.4, 4.6, 3.8],
  office: [0.5, 0.4, 0.3, 0.3, 0.3, 0.4, 0.8, 1.5, 3, 4, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.2, 3.8, 3.2, 2.6, 2, 1.5, 1, 0.7],
} as const satisfies Record<string, HourWeights>;
export type HourProfile = keyof typeof HOUR_PROFILES;

/** Relative weight of each day of the week, Sunday first. */
export const WEEK_PROFILES = {
  nightlife: [1.15, 0.9, 0.88, 0.9, 0.95, 1.1, 1.25],
  serious: [1.2, 0.85, 0.82, 0.85, 0.95, 1.2, 1.4],
  weekday: [0.8, 1.02, 1.02, 1.02, 1.02, 1.05, 1.05],
  shop: [0.75, 1, 1, 1, 1, 1.05, 1.15],
  flat: [1, 1, 1, 1, 1, 1, 1],
  asb: [1.05, 0.93, 0.92, 0.93, 0.97, 1.1, 1.15],
} as const satisfies Record<string, readonly number[]>;
export type WeekProfile = keyof typeof WEEK_PROFILES;

/** Relative weight of each month, January first. */
export const SEASON_PROFILES = {
  summer: [0.92, 0.9, 0.97, 1, 1.05, 1.08, 1.1, 1.06, 1, 0.98, 0.96, 0.98],
  asb: [0.85, 0.85, 0.95, 1.05, 1.12, 1.18, 1.2, 1.12, 1, 0.95, 0.9, 0.85],
  winter: [1.15, 1.05, 0.98, 0.92, 0.9, 0.88, 0.9, 0.92, 0.98, 1.05, 1.15, 1.18],
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
} as const satisfies Record<string, readonly number[]>;
export type SeasonProfile = keyof typeof SEASON_PROFILES;

/** Where background incidents of a category fall (see demo-population.ts). */
export type SpatialProfile = 'population' | 'population-east';

export interface BackgroundCategory {
  slug: string;
  /** Background incidents per year, before planted patterns are added. */
  perYear: number;
  hours: HourProfile;
  week: WeekProfile;
  season: SeasonProfile;
  spatial: SpatialProfile;
}

export const BACKGROUND_CATEGORIES: readonly BackgroundCategory[] = [
  { slug: 'anti-social-behaviour', perYear: 12_000, hours: 'asb', week: 'asb', season: 'asb', spatial: 'population' },
  { slug: 'violent-crime', perYear: 9_000, hours: 'violence', week: 'nightlife', season: 'summer', spatial: 'population' },
  { slug: 'other-theft', perYear: 5_500, hours: 'theft', week: 'weekday', season: 'flat', spatial: 'population' },
  { slug: 'vehicle-crime', perYear: 3_000, hours: 'vehicle', week: 'flat', season: 'winter', spatial: 'population' },
  { slug: 'public-order', perYear: 2_800, hours: 'violence', week: 'nightlife', season: 'summer', spatial: 'population' },
  { slug: 'theft-from-the-person', perYear: 2_500, hours: 'theft', week: 'nightlife', season: 'flat', spatial: 'population' },
  { slug: 'burglary', perYear: 2_400, hours: 'burglary', week: 'flat', season: 'winter', spatial: 'population' },
  { slug: 'drugs', perYear: 2_200, hours: 'drugs', week: 'nightlife', season: 'flat', spatial: 'population' },
  { slug: 'criminal-damage-arson', perYear: 2_200, hours: 'asb', week: 'asb', season: 'summer', spatial: 'population' },
  { slug: 'drugs-stop-search', perYear: 1_800, hours: 'drugs', week: 'nightlife', season: 'flat', spatial: 'population' },
  { slug: 'robbery', perYear: 1_600, hours: 'robbery', week: 'nightlife', season: 'winter', spatial: 'population' },
  { slug: 'bicycle-theft', perYear: 1_600, hours: 'theft', week: 'weekday', season: 'summer', spatial: 'population' },
  { slug: 'shoplifting', perYear: 1_500, hours: 'shop', week: 'shop', season: 'flat', spatial: 'population' },
  { slug: 'drug-related-asb', perYear: 1_300, hours: 'drugs', week: 'asb', season: 'asb', spatial: 'population' },
  { slug: 'serious-violence', perYear: 600, hours: 'serious', week: 'serious', season: 'summer', spatial: 'population-east' },
  { slug: 'other-crime', perYear: 500, hours: 'office', week: 'weekday', season: 'flat', spatial: 'population' },
  { slug: 'possession-of-weapons', perYear: 450, hours: 'serious', week: 'serious', season: 'flat', spatial: 'population-east' },
  { slug: 'knife-crime', perYear: 400, hours: 'serious', week: 'serious', season: 'summer', spatial: 'population-east' },
];

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Expected background incidents of a category on one day: the yearly volume spread over
 * the days, shaped by the weekly and seasonal profiles (each normalised to mean 1).
 */
export function backgroundDailyRate(category: BackgroundCategory, dayOfWeek: number, month: number): number {
  const week = WEEK_PROFILES[category.week];
  const season = SEASON_PROFILES[category.season];
  return (category.perYear / 365.25) * (week[dayOfWeek]! / mean(week)) * (season[month - 1]! / mean(season));
}
