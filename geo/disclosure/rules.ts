// The disclosure rules for everything the public may see (issue 15, decision 031): one object,
// safe defaults, a validator that refuses unsafe settings, and a description of a change in words
// so that the caller can log it. Pure: the caller stores, loads and logs.
import { fail, ok, type Result } from '../types';

export interface DisclosureRules {
  /** Counts from 1 to this minus 1 are published as "fewer than {threshold}" (ONS/NHS small-number practice). */
  smallCountThreshold: number;
  /** Every other count is rounded to the nearest multiple of this (halves, for an even base, round up). */
  roundingBase: number;
  /** The finest H3 resolution published (8: cells of about 0.74 km², several streets). */
  finestH3Resolution: number;
  /** The coarsest H3 resolution published (7: about 5.2 km²). */
  coarsestH3Resolution: number;
  /** A rate per 1,000 residents is published only where the area has at least this many residents. */
  minRateDenominator: number;
  /**
   * Every suppressed figure must stay consistent with at least this many whole values given
   * everything published (2 = never pinned to one value; the default 3 leaves a margin).
   */
  minProtectedValues: number;
  /**
   * Choose secondary suppressions as if every rounded figure were exact, so that suppression
   * protects on its own and rounding is a second, independent layer (defence in depth).
   */
  protectWithoutRounding: boolean;
}

export const DEFAULT_DISCLOSURE_RULES: Readonly<DisclosureRules> = Object.freeze({
  smallCountThreshold: 10,
  roundingBase: 5,
  finestH3Resolution: 8,
  coarsestH3Resolution: 7,
  minRateDenominator: 1000,
  minProtectedValues: 3,
  protectWithoutRounding: true,
});

/** Limits below which a setting is refused as unsafe (or above which it is nonsense). */
export const RULE_LIMITS = Object.freeze({
  smallCountThreshold: { min: 5, max: 100 },
  roundingBase: { min: 1, max: 100 },
  h3Resolution: { min: 5, max: 8 },
  minRateDenominator: { min: 100, max: 1_000_000 },
  minProtectedValues: { min: 2, max: 20 },
});

const LABELS: Record<keyof DisclosureRules, string> = {
  smallCountThreshold: 'Counts shown as "fewer than" below',
  roundingBase: 'Other counts rounded to the nearest',
  finestH3Resolution: 'Finest hexagon resolution published',
  coarsestH3Resolution: 'Coarsest hexagon resolution published',
  minRateDenominator: 'Rates per 1,000 residents only for areas with at least this many residents',
  minProtectedValues: 'Each hidden figure must stay consistent with at least this many values',
  protectWithoutRounding: 'Hidden figures protected even if the rounded figures were exact',
};

type NumericRule = Exclude<keyof DisclosureRules, 'protectWithoutRounding'>;
const RULE_KEYS = Object.keys(LABELS) as (keyof DisclosureRules)[];
const NUMERIC_KEYS = RULE_KEYS.filter((k): k is NumericRule => k !== 'protectWithoutRounding');

/** The rounding the rules use: the nearest multiple of `base`, a half (even base only) rounding up. */
export function roundToBase(count: number, base: number): number {
  return base * Math.floor((count + Math.floor(base / 2)) / base);
}

/**
 * Checks a rules object read from configuration. Refuses anything missing, not a whole number,
 * or less protective than the limits, with a sentence saying what to change.
 */
export function validateDisclosureRules(input: unknown): Result<DisclosureRules> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('The disclosure rules must be a set of named settings.');
  const record = input as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((k) => !(RULE_KEYS as string[]).includes(k));
  if (unknownKeys.length > 0) return fail(`The disclosure rules have settings this version does not know: ${unknownKeys.join(', ')}. Remove them.`);
  const values: Partial<Record<NumericRule, number>> = {};
  for (const key of NUMERIC_KEYS) {
    const value = record[key] ?? DEFAULT_DISCLOSURE_RULES[key];
    if (typeof value !== 'number' || !Number.isInteger(value)) return fail(`${LABELS[key]}: ${String(value)} is not a whole number.`);
    values[key] = value;
  }
  const exact = record.protectWithoutRounding ?? DEFAULT_DISCLOSURE_RULES.protectWithoutRounding;
  if (typeof exact !== 'boolean') return fail(`${LABELS.protectWithoutRounding}: ${String(exact)} must be true or false.`);
  const rules = { ...(values as Record<NumericRule, number>), protectWithoutRounding: exact };
  const checks: [boolean, string][] = [
    [
      rules.smallCountThreshold >= RULE_LIMITS.smallCountThreshold.min,
      `${LABELS.smallCountThreshold} ${rules.smallCountThreshold} is unsafe: small numbers must be hidden up to at least ${RULE_LIMITS.smallCountThreshold.min - 1} (a threshold of ${RULE_LIMITS.smallCountThreshold.min} or more; the default is ${DEFAULT_DISCLOSURE_RULES.smallCountThreshold}).`,
    ],
    [
      rules.smallCountThreshold <= RULE_LIMITS.smallCountThreshold.max,
      `${LABELS.smallCountThreshold} ${rules.smallCountThreshold} would hide almost everything; use at most ${RULE_LIMITS.smallCountThreshold.max}.`,
    ],
    [
      rules.roundingBase >= RULE_LIMITS.roundingBase.min,
      `${LABELS.roundingBase} ${rules.roundingBase} is not a rounding; use 1 (no rounding) or more (the default is ${DEFAULT_DISCLOSURE_RULES.roundingBase}).`,
    ],
    [
      rules.roundingBase <= RULE_LIMITS.roundingBase.max,
      `${LABELS.roundingBase} ${rules.roundingBase} is too coarse to be useful; use at most ${RULE_LIMITS.roundingBase.max}.`,
    ],
    [
      roundToBase(rules.smallCountThreshold, rules.roundingBase) >= rules.smallCountThreshold,
      `With a threshold of ${rules.smallCountThreshold} and rounding to ${rules.roundingBase}, a count of ${rules.smallCountThreshold} would be shown as ${roundToBase(rules.smallCountThreshold, rules.roundingBase)}, below the threshold; choose a threshold that rounds to itself or up (for example a multiple of the rounding).`,
    ],
    [
      rules.finestH3Resolution <= RULE_LIMITS.h3Resolution.max,
      `${LABELS.finestH3Resolution} ${rules.finestH3Resolution} is unsafe: hexagons finer than resolution ${RULE_LIMITS.h3Resolution.max} come close to single streets and police.uk snap points.`,
    ],
    [
      rules.coarsestH3Resolution >= RULE_LIMITS.h3Resolution.min && rules.coarsestH3Resolution <= rules.finestH3Resolution,
      `${LABELS.coarsestH3Resolution} ${rules.coarsestH3Resolution} must be between ${RULE_LIMITS.h3Resolution.min} and the finest resolution (${rules.finestH3Resolution}).`,
    ],
    [
      rules.minRateDenominator >= RULE_LIMITS.minRateDenominator.min,
      `${LABELS.minRateDenominator}: ${rules.minRateDenominator} is too few; a rate over fewer than ${RULE_LIMITS.minRateDenominator.min} residents swings wildly with one incident.`,
    ],
    [
      rules.minRateDenominator <= RULE_LIMITS.minRateDenominator.max,
      `${LABELS.minRateDenominator}: ${rules.minRateDenominator} is larger than any area published.`,
    ],
    [
      rules.minProtectedValues >= RULE_LIMITS.minProtectedValues.min,
      `${LABELS.minProtectedValues}: ${rules.minProtectedValues} is unsafe: with 1 a hidden figure could be worked out exactly from the totals; use ${RULE_LIMITS.minProtectedValues.min} or more.`,
    ],
    [
      rules.minProtectedValues <= RULE_LIMITS.minProtectedValues.max,
      `${LABELS.minProtectedValues}: ${rules.minProtectedValues} would hide nearly every figure; use at most ${RULE_LIMITS.minProtectedValues.max}.`,
    ],
  ];
  const failed = checks.find(([passes]) => !passes);
  return failed ? fail(failed[1]) : ok(rules);
}

/**
 * What changed between two rule sets, one sentence a change, for the change log. Empty when
 * nothing changed. Says whether each change protects more or less.
 */
export function describeRulesChange(before: DisclosureRules, after: DisclosureRules): string[] {
  // Which direction protects more, per setting: +1 when a larger value hides more.
  const safer: Record<NumericRule, 1 | -1> = {
    smallCountThreshold: 1,
    roundingBase: 1,
    finestH3Resolution: -1,
    coarsestH3Resolution: -1,
    minRateDenominator: 1,
    minProtectedValues: 1,
  };
  return RULE_KEYS.filter((key) => before[key] !== after[key]).map((key) => {
    if (key === 'protectWithoutRounding') {
      return `${LABELS[key]}: changed from ${before[key] ? 'yes' : 'no'} to ${after[key] ? 'yes' : 'no'} (${after[key] ? 'more' : 'less'} protective).`;
    }
    const direction = Math.sign(after[key] - before[key]) === safer[key] ? 'more protective' : 'less protective';
    return `${LABELS[key]}: changed from ${before[key]} to ${after[key]} (${direction}).`;
  });
}
