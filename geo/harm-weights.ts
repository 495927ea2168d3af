// Harm weights per category, from the ONS Crime Severity Score (CSS), so a hot spot map can
// weigh a robbery above a shoplifting (DOMAIN.md "Harm weighting"; docs/decisions/014-harm-weights.md).
//
// SOURCE TABLE: docs/data/ons-css-offence-weights.csv, one row per Home Office offence code:
// - weights: Office for National Statistics, "Crime Severity Score (Experimental Statistics)",
//   cssdatatool.xls, sheet "List of weights", the edition on the ONS dataset page from at least
//   September 2019 to December 2020 (homicide 7,973.39; the first release, November 2016, gave
//   7,979). We could not establish which ONS release year it is, so it is cited by that
//   description. Unit: average sentence per recorded offence, in days of custody equivalent.
//   Taken from the copy committed in M-O-P-D/crims, data/severity_codes.csv @ a14a968 (134 of
//   the sheet's coded rows; open government data under the Open Government Licence v3.0);
// - volumes: Home Office police recorded crime, police force area open data tables, 2017/18,
//   Metropolitan Police (fraud excluded), as committed in M-O-P-D/crime_sim_toolkit @ dc00421;
// - offence code to police.uk category: M-O-P-D/crims data/policeuk-ons-code-join.csv, derived
//   from police.uk's police-uk-category-mappings.csv (agrees on all 128 codes with a second,
//   independent mapping in crime_sim_toolkit).
//
// METHOD: each police.uk category's weight is the VOLUME-WEIGHTED MEAN of its offences' CSS
// weights, weighted by the Metropolitan Police's recorded volumes (the mix Tower Hamlets
// lives in). tests/integration/harm-weights-source.test.ts recomputes every figure below from
// the source table. Partner categories use the same method over the offences listed for them.
//
// Proactive offences (drugs, weapons possession, drugs stop and search) are found by police
// activity: harm views show them as their own counts, never inside a harm sum, unless the
// caller asks for them to be weighted. Anti-social behaviour is not a crime: no weight.
import { categoryBySlug } from './categories';
import { fail, ok, type Result } from './types';

export interface HarmIndexSource {
  name: string;
  publisher: string;
  release: string;
  volumes: string;
  unit: string;
  url: string;
  /** The table in this repository every weight is derived from. */
  table: string;
  caveat: string;
}

/** What the UI shows when harm mode is on. */
export const HARM_INDEX: HarmIndexSource = Object.freeze({
  name: 'ONS Crime Severity Score weights',
  publisher: 'Office for National Statistics',
  release: 'Crime Severity Score (Experimental Statistics), data tool "List of weights", edition current on the ONS site Sep 2019 to Dec 2020',
  volumes: 'Home Office police recorded crime 2017/18, Metropolitan Police',
  unit: 'average sentence per recorded offence, in days of custody equivalent',
  url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/crimeseverityscoreexperimentalstatistics',
  table: 'docs/data/ons-css-offence-weights.csv',
  caveat:
    "Each police.uk type's weight is the mean of its offences' weights, weighted by how often the Met records each. " +
    'Drugs and weapons possession are found by police activity, so they are shown as counts beside the harm map, not in it; ' +
    'anti-social behaviour is not a crime and has no weight.',
});

export type HarmBasis = 'css' | 'proactive' | 'not-a-crime';

export interface HarmWeightEntry {
  slug: string;
  basis: HarmBasis;
  /** Volume-weighted mean CSS weight, days of custody equivalent, 2 decimals; null when the category has none. */
  cssWeight: number | null;
  /** Home Office offence codes averaged, and their Met recorded volume 2017/18. */
  offenceCodes: readonly string[] | 'all';
  metVolume: number;
  note: string;
}

function entry(
  slug: string,
  basis: HarmBasis,
  cssWeight: number | null,
  offenceCodes: readonly string[] | 'all',
  metVolume: number,
  note: string,
): HarmWeightEntry {
  return Object.freeze({ slug, basis, cssWeight, offenceCodes: offenceCodes === 'all' ? 'all' : Object.freeze([...offenceCodes]), metVolume, note });
}

/**
 * One entry per category slug in geo/categories.ts. For police.uk categories `offenceCodes:
 * 'all'` means every code the mapping puts in that category.
 */
export const HARM_WEIGHTS: readonly HarmWeightEntry[] = Object.freeze([
  entry('anti-social-behaviour', 'not-a-crime', null, [], 0, 'Not a notifiable crime: no CSS weight. Show ASB as counts.'),
  entry('bicycle-theft', 'css', 15.18, 'all', 20_332, 'Theft or unauthorised taking of a pedal cycle.'),
  entry('burglary', 'css', 394.44, 'all', 76_444, 'Residential burglary (465) dominates; business burglary weighs 123.'),
  entry('criminal-damage-arson', 'css', 18.29, 'all', 59_817, 'Criminal damage weighs about 5; arson lifts the average.'),
  entry('drugs', 'proactive', 43.12, 'all', 35_427, 'Found by police activity: shown as counts beside harm. Trafficking carries the average.'),
  entry('other-theft', 'css', 48.27, 'all', 106_576, 'Other theft; police.uk puts blackmail here too.'),
  entry('possession-of-weapons', 'proactive', 120.24, 'all', 7_581, 'Found by police activity: shown as counts beside harm. Firearms carry the average.'),
  entry('public-order', 'css', 16.73, 'all', 48_531, 'Mostly public fear, alarm or distress.'),
  entry('robbery', 'css', 799.63, 'all', 32_684, 'Robbery of personal and of business property.'),
  entry('shoplifting', 'css', 11.86, 'all', 46_293, 'Shoplifting.'),
  entry('theft-from-the-person', 'css', 80.41, 'all', 46_804, 'Snatch theft and pickpocketing.'),
  entry('vehicle-crime', 'css', 57.65, 'all', 105_252, 'Theft from and of vehicles, interfering, aggravated taking.'),
  entry('violent-crime', 'css', 283.43, 'all', 219_948, 'A very broad type: 50 offences from common assault (14) to homicide (7,973).'),
  entry('other-crime', 'css', 120.85, 'all', 9_859, 'Miscellaneous crimes against society.'),
  entry(
    'knife-crime',
    'css',
    465.4,
    ['34A', '34B', '8N', '5D', '3B', '1/4.1/4.10/4.2'],
    111_382,
    'Partner category, rough: the offences a knife is most often used in (robbery, assault with injury, GBH with intent, threats to kill, homicide), in the mix all of them are recorded in, not the knife-enabled mix.',
  ),
  entry(
    'serious-violence',
    'css',
    2246.25,
    ['1/4.1/4.10/4.2', '2', '5D', '5E'],
    5_702,
    'Partner "most serious violence": homicide, attempted murder, GBH with intent, endangering life.',
  ),
  entry('drug-related-asb', 'not-a-crime', null, [], 0, 'A partner ASB report, not a crime: no CSS weight.'),
  entry('drugs-stop-search', 'proactive', null, [], 0, 'A stop and search records police activity, not an offence: shown as counts beside harm.'),
]);

const BY_SLUG = new Map(HARM_WEIGHTS.map((e) => [e.slug, e]));

export interface HarmWeightOptions {
  /** Weigh proactive offences by their CSS weight too (a stop and search has none); default false. */
  includeProactive?: boolean;
}

/** How a category enters a harm-weighted sum: by CSS weight, as a count apart, or not at all. */
export interface HarmWeightUse {
  slug: string;
  weight: number;
  treatment: 'severity' | 'count' | 'excluded';
  reason: string;
}

/**
 * A category's harm weight. Proactive offences come back as counts (weight 1, treatment
 * 'count') unless includeProactive; categories that are not crimes are excluded (weight 0).
 */
export function harmWeightOf(slug: string, options: HarmWeightOptions = {}): Result<HarmWeightUse> {
  const found = BY_SLUG.get(slug);
  if (!found || !categoryBySlug(slug)) return fail(`unknown category "${slug}"; expected a slug from geo/categories.ts`);
  if (found.basis === 'not-a-crime') return ok({ slug, weight: 0, treatment: 'excluded', reason: found.note });
  if (found.cssWeight === null || (found.basis === 'proactive' && !options.includeProactive)) {
    return ok({ slug, weight: 1, treatment: 'count', reason: 'Found by police activity: counted apart, not weighted by harm.' });
  }
  return ok({ slug, weight: found.cssWeight, treatment: 'severity', reason: found.note });
}

export interface HarmPlan {
  /** Categories summed as harm, with their weights. */
  weighted: { slug: string; weight: number }[];
  /** Proactive categories: shown as their own counts beside the harm map. */
  proactive: string[];
  /** Not crimes: left out of harm altogether. */
  notCrimes: string[];
}

const labelOf = (slug: string) => categoryBySlug(slug)?.label ?? slug;

/**
 * How a harm view treats a layer's categories, decided once per request. Fails, with words for
 * the screen, when nothing in the layer can be weighted by harm.
 */
export function harmPlan(categories: readonly string[], options: HarmWeightOptions = {}): Result<HarmPlan> {
  const plan: HarmPlan = { weighted: [], proactive: [], notCrimes: [] };
  for (const slug of categories) {
    const use = harmWeightOf(slug, options);
    if (!use.ok) return use;
    if (use.value.treatment === 'severity') plan.weighted.push({ slug, weight: use.value.weight });
    else if (use.value.treatment === 'count') plan.proactive.push(slug);
    else plan.notCrimes.push(slug);
  }
  if (plan.weighted.length === 0) {
    const names = categories.map(labelOf).join(', ');
    const why =
      plan.notCrimes.length === categories.length
        ? `${names} ${categories.length === 1 ? 'is' : 'are'} not a crime, so there is no Crime Severity Score weight to weigh by`
        : `${names}: offences found by police activity (or not crimes) are shown as counts, not weighed as harm`;
    return fail(`Nothing in this layer can be weighted by harm: ${why}. Turn off Weight by harm to see the counts.`);
  }
  return ok(plan);
}

export interface HarmWeightVector {
  /** weights[i] is the weight of slugs[i]. */
  weights: Float64Array;
  countedAsOne: string[];
  excluded: string[];
}

/**
 * Weights for a list of categories in one go (the forecast's harm-weighted history): proactive
 * offences count 1, categories that are not crimes 0. Fails on an unknown slug, or when every
 * category is excluded (harm would be all zero).
 */
export function harmWeightsFor(slugs: readonly string[], options: HarmWeightOptions = {}): Result<HarmWeightVector> {
  const weights = new Float64Array(slugs.length);
  const countedAsOne: string[] = [];
  const excluded: string[] = [];
  for (let i = 0; i < slugs.length; i++) {
    const use = harmWeightOf(slugs[i]!, options);
    if (!use.ok) return use;
    weights[i] = use.value.weight;
    if (use.value.treatment === 'count') countedAsOne.push(use.value.slug);
    if (use.value.treatment === 'excluded') excluded.push(use.value.slug);
  }
  if (slugs.length > 0 && excluded.length === slugs.length) {
    return fail(`none of ${slugs.join(', ')} has a harm weight (not crimes): show them as counts`);
  }
  return ok({ weights, countedAsOne, excluded });
}
