// The patterns planted in the demo data, after the council's own findings (DOMAIN.md "The
// layers the meeting needs"; seed 001, the 2024-27 Serious Violence and Exploitation
// Strategy): evening serious violence in the east (Bow, Mile End, Isle of Dogs, Poplar);
// under-18 violence peaking at 9am and falling in August and December; robbery around
// schools at 3-6pm on school days; persistent drug markets; plus emerging, fading and
// sporadic hotspots for the space-time analysis. Each is a small cluster of points around a
// centre, with a daily rate that the generator turns into Poisson counts.
import { offsetMetres } from './demo-population';
import { demoSchool } from './demo-schools';
import { HOUR_PROFILES } from './rhythms';
import type { LngLat } from '../types';

export type PlantedKind =
  'violence-evening-east' | 'under18-violence-school-morning' | 'robbery-near-school' | 'drug-market' | 'emerging' | 'fading' | 'sporadic';

export const PLANTED_KINDS: readonly PlantedKind[] = [
  'violence-evening-east',
  'under18-violence-school-morning',
  'robbery-near-school',
  'drug-market',
  'emerging',
  'fading',
  'sporadic',
];

export type PlantedTrend = 'steady' | 'seasonal' | 'rising' | 'falling' | 'bursts';

export interface DayContext {
  day: number;
  /** 0 = Sunday. */
  dayOfWeek: number;
  /** 1..12. */
  month: number;
  schoolDay: boolean;
}

export interface DayWindow {
  fromDay: number;
  /** Exclusive. */
  toDay: number;
}

export interface PatternSpec {
  id: string;
  kind: PlantedKind;
  label: string;
  place: string;
  description: string;
  categories: readonly { slug: string; weight: number }[];
  centre: LngLat;
  /** Every point of the cluster lies within this distance of the centre. */
  radiusMeters: number;
  /** Relative weight per hour 0..23; zero for hours the pattern never happens in. */
  hourWeights: readonly number[];
  /** Expected incidents on a day inside an active window. */
  dailyRate(day: DayContext): number;
  /** Where dailyRate may be above zero, clipped to the generated period. */
  activeWindows: readonly DayWindow[];
  trend: PlantedTrend;
  schoolDaysOnly: boolean;
  schoolUrn: string | null;
  /** A share of the points repeat exactly at a few fixed spots (a stairwell, a bus stop), as geocoded partner data does. */
  spots: { count: number; share: number } | null;
}

/** Hour weights that are zero except for the listed hours. */
function hours(weights: Record<number, number>): number[] {
  return Array.from({ length: 24 }, (_, h) => weights[h] ?? 0);
}

const EVENING_HOURS = hours({ 18: 1, 19: 1.5, 20: 2, 21: 2.5, 22: 2.5, 23: 2.2, 0: 1.6 });
// Fri, Sat and Sun nights are heavier (Sunday first).
const EVENING_WEEK = [1.2, 0.75, 0.7, 0.75, 0.85, 1.4, 1.7];
const UNDER18_HOURS = hours({ 8: 2, 9: 5, 10: 1.5, 12: 0.6, 13: 0.4, 15: 1.2, 16: 0.8 });
const AFTER_SCHOOL_HOURS = hours({ 15: 3, 16: 4, 17: 2.5 });

const VIOLENCE_MIX = [
  { slug: 'violent-crime', weight: 0.6 },
  { slug: 'serious-violence', weight: 0.25 },
  { slug: 'knife-crime', weight: 0.15 },
];
const DRUG_MIX = [
  { slug: 'drugs', weight: 0.35 },
  { slug: 'drug-related-asb', weight: 0.35 },
  { slug: 'drugs-stop-search', weight: 0.3 },
];

/** Rate rising (or falling) linearly across a window. */
function ramp(day: number, fromDay: number, toDay: number, fromRate: number, toRate: number): number {
  if (day < fromDay || day >= toDay) return 0;
  const t = toDay - fromDay <= 1 ? 1 : (day - fromDay) / (toDay - fromDay - 1);
  return fromRate + (toRate - fromRate) * t;
}

function clip(windows: DayWindow[], startDay: number, endDay: number): DayWindow[] {
  return windows.map((w) => ({ fromDay: Math.max(w.fromDay, startDay), toDay: Math.min(w.toDay, endDay) })).filter((w) => w.toDay > w.fromDay);
}

/** The planted patterns for data covering [startDay, endDay). Windows are set relative to endDay. */
export function plantedPatterns(startDay: number, endDay: number): PatternSpec[] {
  const whole = clip([{ fromDay: startDay, toDay: endDay }], startDay, endDay);
  const specs: PatternSpec[] = [];

  // 1. Evening serious violence in the east of the borough.
  const eveningPlaces: [string, string, LngLat][] = [
    ['bow', 'Bow', [-0.023, 51.529]],
    ['mile-end', 'Mile End', [-0.0345, 51.5255]],
    ['poplar', 'Poplar', [-0.01, 51.5135]],
    ['isle-of-dogs', 'Isle of Dogs', [-0.012, 51.4942]],
  ];
  for (const [key, place, centre] of eveningPlaces) {
    specs.push({
      id: `violence-evening-${key}`,
      kind: 'violence-evening-east',
      label: `Evening serious violence, ${place}`,
      place,
      description: 'Violence, serious violence and knife crime between 18:00 and 01:00, heavier on Friday to Sunday nights.',
      categories: VIOLENCE_MIX,
      centre,
      radiusMeters: 360,
      hourWeights: EVENING_HOURS,
      dailyRate: (d) => 1.4 * EVENING_WEEK[d.dayOfWeek]!,
      activeWindows: whole,
      trend: 'steady',
      schoolDaysOnly: false,
      schoolUrn: null,
      spots: null,
    });
  }

  // 2. Under-18 violence around schools: 9am peak on school days, low in August and December.
  for (const urn of ['990003', '990004', '990007']) {
    const school = demoSchool(urn);
    specs.push({
      id: `under18-violence-${urn}`,
      kind: 'under18-violence-school-morning',
      label: `Under-18 violence near ${school.name}`,
      place: school.name,
      description:
        'Violence with under-18 victims around the school, peaking at 09:00 on school days; much lower in the holidays, lowest in August and December.',
      categories: [{ slug: 'violent-crime', weight: 1 }],
      centre: school.position,
      radiusMeters: 300,
      hourWeights: UNDER18_HOURS,
      dailyRate: (d) => {
        const base = d.schoolDay ? 1.5 : d.dayOfWeek >= 1 && d.dayOfWeek <= 5 ? 0.3 : 0.15;
        const season = d.month === 8 ? 0.3 : d.month === 12 ? 0.5 : 1;
        return base * season;
      },
      activeWindows: whole,
      trend: 'seasonal',
      schoolDaysOnly: false,
      schoolUrn: urn,
      spots: null,
    });
  }

  // 3. Robbery near schools, 15:00-18:00 on school days only (School Robbery Prevention Project).
  const robberySites: [string, number, number][] = [
    ['990002', 70, -80],
    ['990006', 80, -70],
    ['990009', 50, -80],
  ];
  for (const [urn, eastMetres, northMetres] of robberySites) {
    const school = demoSchool(urn);
    specs.push({
      id: `robbery-school-${urn}`,
      kind: 'robbery-near-school',
      label: `Robbery near ${school.name}, 15:00-18:00 school days`,
      place: school.name,
      description: 'Robberies of pupils on the way home: between 15:00 and 18:00 on school days, centred on the nearest bus stop.',
      categories: [{ slug: 'robbery', weight: 1 }],
      // The bus stop down the road, not the gate.
      centre: offsetMetres(school.position, eastMetres, northMetres),
      radiusMeters: 300,
      hourWeights: AFTER_SCHOOL_HOURS,
      dailyRate: (d) => (d.schoolDay ? 0.9 : 0),
      activeWindows: whole,
      trend: 'steady',
      schoolDaysOnly: true,
      schoolUrn: urn,
      spots: null,
    });
  }

  // 4. Persistent drug markets, present all period.
  const drugMarkets: [string, string, LngLat][] = [
    ['spitalfields', 'Spitalfields', [-0.07, 51.5195]],
    ['shadwell', 'Shadwell', [-0.05, 51.5125]],
    ['limehouse', 'Limehouse', [-0.028, 51.513]],
  ];
  for (const [key, place, centre] of drugMarkets) {
    specs.push({
      id: `drug-market-${key}`,
      kind: 'drug-market',
      label: `Drug market, ${place}`,
      place,
      description: 'Drug offences, drug-related ASB reports and drugs stop and search, all period, afternoons and evenings.',
      categories: DRUG_MIX,
      centre,
      radiusMeters: 300,
      hourWeights: HOUR_PROFILES.drugs,
      dailyRate: () => 1.1,
      activeWindows: whole,
      trend: 'steady',
      schoolDaysOnly: false,
      schoolUrn: null,
      spots: { count: 3, share: 0.4 },
    });
  }

  // 5. Emerging hotspots: nothing planted before their start, then growing to the end.
  const asbStart = endDay - 150;
  specs.push({
    id: 'emerging-asb-bow-north',
    kind: 'emerging',
    label: 'Emerging ASB and criminal damage, Bow (north)',
    place: 'Bow',
    description: 'A new ASB problem starting about five months before the end of the data and growing steadily.',
    categories: [
      { slug: 'anti-social-behaviour', weight: 0.7 },
      { slug: 'criminal-damage-arson', weight: 0.3 },
    ],
    centre: [-0.03, 51.537],
    radiusMeters: 300,
    hourWeights: HOUR_PROFILES.asb,
    dailyRate: (d) => ramp(d.day, asbStart, endDay, 0.1, 2.6),
    activeWindows: clip([{ fromDay: asbStart, toDay: endDay }], startDay, endDay),
    trend: 'rising',
    schoolDaysOnly: false,
    schoolUrn: null,
    spots: null,
  });
  const drugStart = endDay - 100;
  specs.push({
    id: 'emerging-drug-market-blackwall',
    kind: 'emerging',
    label: 'Emerging drug market, Blackwall',
    place: 'Poplar',
    description: 'A displaced drug market setting up about three months before the end of the data and growing.',
    categories: DRUG_MIX,
    centre: [-0.011, 51.507],
    radiusMeters: 300,
    hourWeights: HOUR_PROFILES.drugs,
    dailyRate: (d) => ramp(d.day, drugStart, endDay, 0.2, 1.6),
    activeWindows: clip([{ fromDay: drugStart, toDay: endDay }], startDay, endDay),
    trend: 'rising',
    schoolDaysOnly: false,
    schoolUrn: null,
    spots: { count: 2, share: 0.35 },
  });

  // 6. Fading hotspots, planted so each matches an ArcGIS emerging pattern over the default
  //    emerging analysis (12 windows of 28 days ending at endDay; docs/decisions/009):
  //    - historical: hot in all but the final window (a series stopped by an arrest);
  //    - diminishing: hot in every window, but steadily less so (a problem being worked down).
  const burglaryStops = endDay - 28;
  specs.push({
    id: 'fading-burglary-wapping',
    kind: 'fading',
    label: 'Burglary series stopped, Wapping',
    place: 'Shadwell and Wapping',
    description: 'A steady burglary series for most of the data that stops in the final four weeks (historical hot spot).',
    categories: [{ slug: 'burglary', weight: 1 }],
    centre: [-0.062, 51.508],
    radiusMeters: 200,
    hourWeights: HOUR_PROFILES.burglary,
    dailyRate: (d) => (d.day < burglaryStops - 10 ? 1.0 : ramp(d.day, burglaryStops - 10, burglaryStops, 1.0, 0)),
    activeWindows: clip([{ fromDay: startDay, toDay: burglaryStops }], startDay, endDay),
    trend: 'falling',
    schoolDaysOnly: false,
    schoolUrn: null,
    spots: null,
  });
  const asbFadeFrom = endDay - 12 * 28;
  specs.push({
    id: 'fading-asb-stepney',
    kind: 'fading',
    label: 'Diminishing ASB and public order, Stepney',
    place: 'Stepney',
    description: 'A long-running ASB and public order problem being worked down: still there at the end, at a third of its old rate (diminishing hot spot).',
    categories: [
      { slug: 'anti-social-behaviour', weight: 0.6 },
      { slug: 'public-order', weight: 0.4 },
    ],
    centre: [-0.04, 51.514],
    radiusMeters: 300,
    hourWeights: HOUR_PROFILES.asb,
    dailyRate: (d) => (d.day < asbFadeFrom ? 3.6 : ramp(d.day, asbFadeFrom, endDay, 3.6, 1.0)),
    activeWindows: clip([{ fromDay: startDay, toDay: endDay }], startDay, endDay),
    trend: 'falling',
    schoolDaysOnly: false,
    schoolUrn: null,
    spots: null,
  });

  // 7. Sporadic: a fortnight of trouble every eight weeks (events at the park), nothing between;
  //    the last burst ends with the data, so the final window is hot (ArcGIS sporadic).
  const bursts: DayWindow[] = [];
  for (let from = endDay - 14; from >= startDay; from -= 56) bursts.unshift({ fromDay: from, toDay: from + 14 });
  const burstWindows = clip(bursts, startDay, endDay);
  specs.push({
    id: 'sporadic-public-order-victoria-park',
    kind: 'sporadic',
    label: 'Sporadic public order and ASB, Victoria Park edge',
    place: 'Bow',
    description: 'Bursts of public order, ASB and violence for two weeks in every eight (events), nothing in between.',
    categories: [
      { slug: 'public-order', weight: 0.5 },
      { slug: 'anti-social-behaviour', weight: 0.3 },
      { slug: 'violent-crime', weight: 0.2 },
    ],
    centre: [-0.042, 51.531],
    radiusMeters: 200,
    hourWeights: HOUR_PROFILES.asb,
    dailyRate: (d) => (burstWindows.some((w) => d.day >= w.fromDay && d.day < w.toDay) ? 4 : 0),
    activeWindows: burstWindows,
    trend: 'bursts',
    schoolDaysOnly: false,
    schoolUrn: null,
    spots: null,
  });

  return specs;
}
