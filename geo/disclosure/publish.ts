// Turning a raw count into the value the public sees, what each published value tells a reader
// (the interval of true counts it is consistent with: the attacker's starting point), and rates
// per 1,000 residents. Decision 031.
import { roundToBase, type DisclosureRules } from './rules';

/**
 * A published count, one of four kinds:
 * - `zero`: exactly none (shown as 0);
 * - `rounded`: a count of at least the threshold, rounded to the nearest multiple of the base;
 * - `fewer-than`: a count from 1 to threshold − 1, or a zero hidden to protect such a count;
 * - `withheld`: a count of at least the threshold hidden to protect a small count nearby.
 */
export type PublishedCount =
  { kind: 'zero'; value: 0 } | { kind: 'rounded'; value: number } | { kind: 'fewer-than'; value: null; threshold: number } | { kind: 'withheld'; value: null };

/** Why a count is hidden: `primary` for its own size, `secondary` to protect another. */
export type Suppression = 'none' | 'primary' | 'secondary';

/** Integer bounds; `max` is Infinity when nothing published bounds the count from above. */
export interface CountInterval {
  min: number;
  max: number;
}

/** Whether a raw count must be hidden on its own account (1 to threshold − 1). */
export function isPrimarySuppressed(count: number, rules: DisclosureRules): boolean {
  return count >= 1 && count < rules.smallCountThreshold;
}

/**
 * The published value of a raw count: hidden if it is small or was chosen to protect another
 * count, else 0 or the count rounded.
 */
export function publishCount(count: number, rules: DisclosureRules, suppression: Suppression = 'none'): PublishedCount {
  if (!Number.isInteger(count) || count < 0) throw new Error(`A count must be a whole number of at least 0, not ${count}.`);
  if (isPrimarySuppressed(count, rules) || (suppression !== 'none' && count < rules.smallCountThreshold)) {
    return { kind: 'fewer-than', value: null, threshold: rules.smallCountThreshold };
  }
  if (suppression !== 'none') return { kind: 'withheld', value: null };
  if (count === 0) return { kind: 'zero', value: 0 };
  return { kind: 'rounded', value: roundToBase(count, rules.roundingBase) };
}

/** The words for a published value, as shown on the page and in the CSV. */
export function publishedText(value: PublishedCount): string {
  switch (value.kind) {
    case 'zero':
      return '0';
    case 'rounded':
      return String(value.value);
    case 'fewer-than':
      return `fewer than ${value.threshold}`;
    case 'withheld':
      return 'withheld';
  }
}

/** Whether a published value hides its count. */
export function isHidden(value: PublishedCount): boolean {
  return value.kind === 'fewer-than' || value.kind === 'withheld';
}

/**
 * Every true count a published value is consistent with, knowing the rules (the rules are
 * public, so an attacker knows this much): a rounded r came from a count of at least the
 * threshold within half a base of r; "fewer than" from 0 to threshold − 1 (a hidden zero is
 * possible); "withheld" from the threshold up.
 */
export function publishedInterval(value: PublishedCount, rules: DisclosureRules): CountInterval {
  const t = rules.smallCountThreshold;
  switch (value.kind) {
    case 'zero':
      return { min: 0, max: 0 };
    case 'rounded': {
      const low = value.value - Math.floor(rules.roundingBase / 2);
      return { min: Math.max(t, low), max: low + rules.roundingBase - 1 };
    }
    case 'fewer-than':
      return { min: 0, max: t - 1 };
    case 'withheld':
      return { min: t, max: Infinity };
  }
}

/** A published rate, or why there is none. */
export type PublishedRate = { per1000: number; reason: null } | { per1000: null; reason: string };

/**
 * Incidents per 1,000 residents, from the PUBLISHED (rounded) count, never the raw one: a rate
 * from the raw count times the population would give the unrounded count back. Null, with a
 * reason in words, where the count is hidden or the population is unknown or too small.
 */
export function publishRate(count: PublishedCount, residents: number | null, rules: DisclosureRules): PublishedRate {
  if (residents === null || !Number.isFinite(residents) || residents <= 0) return { per1000: null, reason: 'No resident population is known for this area.' };
  if (residents < rules.minRateDenominator) {
    return { per1000: null, reason: `Fewer than ${rules.minRateDenominator.toLocaleString('en-GB')} residents live here, too few for a steady rate.` };
  }
  if (count.value === null) return { per1000: null, reason: 'The count is hidden, so no rate is given.' };
  return { per1000: Math.round((count.value / residents) * 1000 * 10) / 10, reason: null };
}
