// Plain words for the public page: how the figures are rounded and hidden, from the rules in force.
import { roundToBase, type DisclosureRules } from './rules';

export interface DisclosureExplanation {
  heading: string;
  paragraphs: string[];
}

export function explainDisclosure(rules: DisclosureRules): DisclosureExplanation {
  const t = rules.smallCountThreshold;
  const b = rules.roundingBase;
  return {
    heading: 'How these figures protect people',
    paragraphs: [
      `Every figure counts the incidents of one calendar month. Figures are given for wards, for the whole borough and for hexagons of about ${rules.finestH3Resolution >= 8 ? 'three quarters of a square kilometre' : 'five square kilometres'} or larger, never for single streets or addresses.`,
      `A count from 1 to ${t - 1} is shown as "fewer than ${t}", so that nobody can be picked out from a small number.`,
      b > 1
        ? `Every other count is rounded to the nearest ${b} (for example ${t + 2} is shown as ${roundToBase(t + 2, b)}, and ${t + 3} as ${roundToBase(t + 3, b)}). Totals are rounded on their own, so the figures in a table may not add up exactly to its total.`
        : 'Other counts are shown exactly.',
      `Where a hidden figure could otherwise be worked out by subtracting the other figures from a total, one or more other figures are hidden too. A hidden figure below ${t} still reads "fewer than ${t}" (it may be none at all); a larger figure hidden this way reads "withheld".`,
      'A 0 means no incidents were recorded.',
      `Rates per 1,000 residents are given only for areas with at least ${rules.minRateDenominator.toLocaleString('en-GB')} residents, and are worked out from the rounded count.`,
      'The same figures are given every time they are asked for; nothing is randomised, so repeating a question reveals nothing new.',
    ],
  };
}
