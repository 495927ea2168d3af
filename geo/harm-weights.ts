// Harm weights per category, from the ONS Crime Severity Score (CSS), so a hot spot map
// can weigh a robbery above a shoplifting (DOMAIN.md "Harm weighting").
//
// SOURCE. Office for National Statistics, "Crime Severity Score (Experimental Statistics)",
// England and Wales: offence weights from the research output "Developing a Crime Severity
// Score for England and Wales using data on crimes recorded by the police" (29 Nov 2016) and
// its data tool (weights for year ending March 2016). A weight is the average sentence an
// offence receives, in days of custody; fines and community orders are converted to
// custody-day equivalents and non-custodial outcomes count, so it is the average
// sentencing-based severity per recorded offence. ONS re-estimates the weights each year,
// and we could not fetch the list here: every figure below is APPROXIMATE (as recalled and
// as reproduced in public code from the ONS list; homicide 7,979 matches the press coverage
// of the 2016 release). Replace with the current ONS list before operational use.
//
// MAPPING. A police.uk type groups many notifiable offences, so its weight is the average
// CSS weight per recorded offence of that type: Σ share × weight over its constituent
// offences, with shares our approximation of the national recorded-crime mix (England and
// Wales, around year ending March 2020). Partner categories use the same method over the
// offences they usually contain. See docs/decisions/007-gistar.md.
//
// Proactive offences (drugs, weapons possession, drugs stop and search) are found by police
// activity, so in harm mode they count 1 each unless the caller opts in. Anti-social
// behaviour is not a crime and has no CSS weight: it is excluded from harm (weight 0).
import { categoryBySlug } from './categories';
import { fail, ok, type Result } from './types';

export interface HarmIndexSource {
  name: string;
  publisher: string;
  release: string;
  unit: string;
  url: string;
  caveat: string;
}

/** What the UI shows when harm mode is on ("Harm: ONS Crime Severity Score weights, ..."). */
export const HARM_INDEX: HarmIndexSource = Object.freeze({
  name: 'ONS Crime Severity Score weights (approximate)',
  publisher: 'Office for National Statistics',
  release: 'Crime Severity Score (Experimental Statistics), offence weights, year ending March 2016 release (Nov 2016)',
  unit: 'average sentence per recorded offence, in days of custody equivalent',
  url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/crimeseverityscoreexperimentalstatistics',
  caveat:
    'Approximate weights averaged over the offences in each police.uk type; drugs and weapons possession count as 1 ' +
    '(found by police activity) and anti-social behaviour is excluded (not a crime).',
});

export interface HarmConstituent {
  /** Home Office notifiable offence (group) name. */
  offence: string;
  /** Approximate ONS CSS weight, days of custody equivalent. */
  cssWeight: number;
  /** Approximate share of the category's recorded offences (shares are normalised). */
  share: number;
}

export type HarmBasis = 'css' | 'proactive' | 'not-a-crime';

export interface HarmWeightEntry {
  slug: string;
  basis: HarmBasis;
  /** Share-weighted CSS weight, rounded to a whole day; null when the category has none. */
  cssWeight: number | null;
  constituents: readonly HarmConstituent[];
  /** 'approximate': weights and mix from the ONS list as recalled; 'rough': a broad, mixed group. */
  confidence: 'approximate' | 'rough' | 'none';
  note: string;
}

function entry(
  slug: string,
  basis: HarmBasis,
  confidence: HarmWeightEntry['confidence'],
  note: string,
  constituents: readonly (readonly [offence: string, cssWeight: number, share: number])[],
): HarmWeightEntry {
  const parts = constituents.map(([offence, cssWeight, share]) => Object.freeze({ offence, cssWeight, share }));
  const shares = parts.reduce((sum, part) => sum + part.share, 0);
  const cssWeight = parts.length === 0 ? null : Math.round(parts.reduce((sum, part) => sum + part.share * part.cssWeight, 0) / shares);
  return Object.freeze({ slug, basis, cssWeight, constituents: Object.freeze(parts), confidence, note });
}

/** One entry per category slug in geo/categories.ts. */
export const HARM_WEIGHTS: readonly HarmWeightEntry[] = Object.freeze([
  entry('anti-social-behaviour', 'not-a-crime', 'none', 'Not a notifiable crime: no CSS weight. Excluded from harm; show ASB as counts.', []),
  entry('bicycle-theft', 'css', 'approximate', 'Theft or unauthorised taking of a pedal cycle.', [
    ['Theft or unauthorised taking of a pedal cycle', 10, 1],
  ]),
  entry('burglary', 'css', 'approximate', 'Residential burglary dominates; aggravated burglary is rare but heavy.', [
    ['Residential (domestic) burglary, incl. attempts and distraction', 438, 0.68],
    ['Aggravated burglary in a dwelling', 2127, 0.005],
    ['Non-residential (business and community) burglary', 117, 0.31],
    ['Aggravated burglary, non-residential', 1513, 0.001],
  ]),
  entry('criminal-damage-arson', 'css', 'approximate', 'Mostly criminal damage (~7); arson lifts the average.', [
    ['Criminal damage (dwelling, other building, vehicle, other)', 7, 0.91],
    ['Racially or religiously aggravated criminal damage', 19, 0.01],
    ['Arson not endangering life', 185, 0.045],
    ['Arson endangering life', 837, 0.008],
    ['Criminal damage endangering life', 439, 0.002],
  ]),
  entry('drugs', 'proactive', 'approximate', 'Proactive: counts 1 in harm mode unless includeProactive. Trafficking dominates the CSS average.', [
    ['Trafficking in controlled drugs', 497, 0.17],
    ['Possession of cannabis', 3, 0.58],
    ['Possession of other controlled drugs', 9, 0.25],
  ]),
  entry('other-theft', 'css', 'approximate', 'Other theft offences (theft by employee, of mail, making off without payment, other theft).', [
    ['Other theft offences', 33, 1],
  ]),
  entry('possession-of-weapons', 'proactive', 'approximate', 'Proactive: counts 1 in harm mode unless includeProactive.', [
    ['Possession of article with blade or point', 75, 0.55],
    ['Possession of other offensive weapon', 55, 0.25],
    ['Threats using a blade, point or offensive weapon', 327, 0.12],
    ['Possession of firearms offences', 635, 0.07],
    ['Possession of firearms with intent', 1365, 0.01],
  ]),
  entry('public-order', 'css', 'approximate', 'Mostly public fear, alarm or distress (~10).', [
    ['Public fear, alarm or distress', 10, 0.75],
    ['Racially or religiously aggravated public fear, alarm or distress', 24, 0.12],
    ['Violent disorder', 365, 0.01],
    ['Other offences against the State or public order', 78, 0.12],
  ]),
  entry('robbery', 'css', 'approximate', 'Personal and business robbery carry about the same weight.', [
    ['Robbery of personal property', 746, 0.9],
    ['Robbery of business property', 746, 0.1],
  ]),
  entry('shoplifting', 'css', 'approximate', 'Shoplifting.', [['Shoplifting', 13, 1]]),
  entry('theft-from-the-person', 'css', 'approximate', 'Snatch theft and pickpocketing.', [['Theft from the person', 86, 1]]),
  entry('vehicle-crime', 'css', 'approximate', 'Theft from and of vehicles, interfering, aggravated taking.', [
    ['Theft from a motor vehicle', 19, 0.6],
    ['Theft or unauthorised taking of a motor vehicle', 48, 0.25],
    ['Interfering with a motor vehicle', 7, 0.14],
    ['Aggravated vehicle taking', 722, 0.01],
  ]),
  entry('violent-crime', 'css', 'rough', 'A very broad type: rape and other sexual offences carry much of its average harm.', [
    ['Violence with injury (ABH, wounding, GBH)', 250, 0.3],
    ['Violence without injury (common assault, threats)', 20, 0.33],
    ['Stalking and harassment', 40, 0.29],
    ['Rape', 3200, 0.03],
    ['Other sexual offences', 600, 0.05],
    ['Homicide', 7979, 0.0004],
    ['Death or serious injury by unlawful driving', 2000, 0.0005],
  ]),
  entry('other-crime', 'css', 'rough', 'Miscellaneous crimes against society: a long list from 4 to 4,000+ days; median-like figure.', [
    ['Miscellaneous crimes against society', 120, 1],
  ]),
  entry('knife-crime', 'css', 'rough', 'Partner definition (Met): offences where a knife is used or threatened, mostly robbery and violence with injury.', [
    ['Robbery with a knife', 746, 0.45],
    ['GBH with intent, knife used', 1950, 0.175],
    ['Assault with injury (ABH), knife used', 203, 0.175],
    ['Threats with a blade', 327, 0.17],
    ['Homicide with a knife', 7979, 0.003],
  ]),
  entry('serious-violence', 'css', 'rough', 'Partner "most serious violence": homicide, attempted murder and GBH.', [
    ['GBH with intent', 1950, 0.45],
    ['Wounding or GBH without intent', 500, 0.5],
    ['Attempted murder', 4663, 0.03],
    ['Homicide', 7979, 0.02],
  ]),
  entry('drug-related-asb', 'not-a-crime', 'none', 'A partner ASB report, not a crime: no CSS weight. Excluded from harm.', []),
  entry('drugs-stop-search', 'proactive', 'none', 'A stop and search records police activity, not an offence: always counts 1 in harm mode.', []),
]);

const BY_SLUG = new Map(HARM_WEIGHTS.map((e) => [e.slug, e]));

export interface HarmWeightOptions {
  /** Weigh proactive offences (drugs, weapons possession) by CSS too; default false: they count 1. */
  includeProactive?: boolean;
}

/** How a category enters a harm-weighted sum: by CSS weight, as a plain count, or not at all. */
export interface HarmWeightUse {
  slug: string;
  weight: number;
  treatment: 'severity' | 'count' | 'excluded';
  reason: string;
}

export function harmWeightOf(slug: string, options: HarmWeightOptions = {}): Result<HarmWeightUse> {
  const found = BY_SLUG.get(slug);
  if (!found || !categoryBySlug(slug)) return fail(`unknown category "${slug}"; expected a slug from geo/categories.ts`);
  if (found.basis === 'not-a-crime') return ok({ slug, weight: 0, treatment: 'excluded', reason: found.note });
  if (found.cssWeight === null) return ok({ slug, weight: 1, treatment: 'count', reason: found.note });
  if (found.basis === 'proactive' && !options.includeProactive) {
    return ok({ slug, weight: 1, treatment: 'count', reason: 'Proactive offence (found by police activity): counted, not weighted.' });
  }
  return ok({ slug, weight: found.cssWeight, treatment: 'severity', reason: found.note });
}

export interface HarmWeightVector {
  /** weights[i] is the weight of slugs[i]. */
  weights: Float64Array;
  countedAsOne: string[];
  excluded: string[];
}

/**
 * Weights for a list of categories in one go (e.g. the incident index's category list).
 * Fails on an unknown slug, or when every category is excluded (harm would be all zero:
 * the caller should show counts instead).
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
