// Stop and search, as classes the meeting can count: outcome, object of search, and the
// groups of the aggregate disproportionality breakdowns. police.uk's words changed over the
// years ("Nothing found - no further action" became "A no further action disposal",
// "Suspect arrested" became "Arrest"): both spellings land in one class, so a series across
// the change is one series (docs/decisions/024-stop-and-search.md). Matching ignores case,
// spacing and the spaces around " - " and " / ".

export interface SearchClass<Id extends string = string> {
  id: Id;
  label: string;
}

export interface OutcomeClass extends SearchClass<OutcomeClassId> {
  /**
   * Counts as a positive outcome: an outcome other than no further action. Null for the two
   * classes that say nothing about the outcome (empty, or a word we do not recognise): they
   * are left out of both numerator and denominator of every rate.
   */
  positive: boolean | null;
  /** The police.uk words that mean this class, any year. */
  words: readonly string[];
}

export type OutcomeClassId =
  | 'no-further-action'
  | 'arrest'
  | 'summons-charge'
  | 'caution'
  | 'community-resolution'
  | 'drugs-warning'
  | 'penalty-notice'
  | 'article-found'
  | 'not-recorded'
  | 'unrecognised';

export const OUTCOME_CLASSES: readonly OutcomeClass[] = [
  {
    id: 'no-further-action',
    label: 'No further action',
    positive: false,
    words: ['A no further action disposal', 'Nothing found - no further action', 'Suspected psychoactive substances seized - No further action'],
  },
  { id: 'arrest', label: 'Arrest', positive: true, words: ['Arrest', 'Suspect arrested'] },
  {
    id: 'summons-charge',
    label: 'Summons or charge',
    positive: true,
    words: ['Summons / charged by post', 'Suspect summonsed to court', 'Offender summonsed to court'],
  },
  { id: 'caution', label: 'Caution', positive: true, words: ['Caution (simple or conditional)', 'Offender cautioned'] },
  // The Met's "Local resolution" is its name for a community resolution.
  { id: 'community-resolution', label: 'Community resolution', positive: true, words: ['Community resolution', 'Local resolution'] },
  {
    id: 'drugs-warning',
    label: 'Drugs possession warning',
    positive: true,
    words: ['Khat or Cannabis warning', 'Offender given drugs possession warning', 'Cannabis warning'],
  },
  {
    id: 'penalty-notice',
    label: 'Penalty notice',
    positive: true,
    words: ['Penalty Notice for Disorder', 'Offender given penalty notice'],
  },
  // 2016 files: something was found, but the record does not say what followed.
  { id: 'article-found', label: 'Article found, outcome not given', positive: true, words: ['Article found - Detailed outcome unavailable'] },
  { id: 'not-recorded', label: 'Outcome not recorded', positive: null, words: [] },
  { id: 'unrecognised', label: 'Outcome words not recognised', positive: null, words: [] },
];

export type ObjectClassId =
  | 'drugs'
  | 'weapons'
  | 'firearms'
  | 'stolen-goods'
  | 'criminal-damage'
  | 'theft-articles'
  | 'evidence-of-offences'
  | 'fireworks'
  | 'other'
  | 'not-recorded'
  | 'unrecognised';

export interface ObjectClass extends SearchClass<ObjectClassId> {
  words: readonly string[];
}

export const OBJECT_CLASSES: readonly ObjectClass[] = [
  { id: 'drugs', label: 'Controlled drugs', words: ['Controlled drugs'] },
  // Section 60 searches look for weapons in anticipation of violence.
  { id: 'weapons', label: 'Offensive weapons', words: ['Offensive weapons', 'Anything to threaten or harm anyone', 'Crossbows'] },
  { id: 'firearms', label: 'Firearms', words: ['Firearms'] },
  { id: 'stolen-goods', label: 'Stolen goods', words: ['Stolen goods'] },
  { id: 'criminal-damage', label: 'Articles for criminal damage', words: ['Articles for use in criminal damage'] },
  { id: 'theft-articles', label: 'Articles for use in theft', words: ['Article for use in theft', 'Articles for use in theft'] },
  { id: 'evidence-of-offences', label: 'Evidence of offences', words: ['Evidence of offences under the Act'] },
  { id: 'fireworks', label: 'Fireworks', words: ['Fireworks'] },
  {
    id: 'other',
    label: 'Other objects',
    words: [
      'Psychoactive substances',
      'Evidence of wildlife offences',
      'Game or poaching equipment',
      'Goods on which duty has not been paid etc.',
      'Seals or hunting equipment',
      'Detailed object of search unavailable',
    ],
  },
  { id: 'not-recorded', label: 'Object not recorded', words: [] },
  { id: 'unrecognised', label: 'Object words not recognised', words: [] },
];

export const OBJECT_CLASS_IDS = OBJECT_CLASSES.map((c) => c.id) as [ObjectClassId, ...ObjectClassId[]];

/** Officer-defined ethnicity: police.uk's five words, plus empty and unknown. */
export const OFFICER_DEFINED_ETHNICITIES: readonly SearchClass[] = [
  { id: 'asian', label: 'Asian' },
  { id: 'black', label: 'Black' },
  { id: 'mixed', label: 'Mixed' },
  { id: 'white', label: 'White' },
  { id: 'other', label: 'Other' },
  { id: 'not-recorded', label: 'Not recorded' },
  { id: 'unrecognised', label: 'Not recognised' },
];

/**
 * Self-defined ethnicity, by the five census groups. The 2016 files use the 2001 codes
 * ("Chinese or other ethnic group - Chinese (O1)"), later ones the 2011 ones (Chinese under
 * "Asian/Asian British"): Chinese is put with Asian in both, as the 2011 census does.
 */
export const SELF_DEFINED_GROUPS: readonly SearchClass[] = [
  { id: 'asian', label: 'Asian or Asian British' },
  { id: 'black', label: 'Black or Black British' },
  { id: 'mixed', label: 'Mixed or multiple' },
  { id: 'white', label: 'White' },
  { id: 'other', label: 'Other ethnic group' },
  { id: 'not-stated', label: 'Not stated' },
  { id: 'not-recorded', label: 'Not recorded' },
  { id: 'unrecognised', label: 'Not recognised' },
];

export const AGE_RANGES: readonly SearchClass[] = [
  { id: 'under-10', label: 'Under 10' },
  { id: '10-17', label: '10-17' },
  { id: '18-24', label: '18-24' },
  { id: '25-34', label: '25-34' },
  { id: 'over-34', label: 'Over 34' },
  { id: 'not-recorded', label: 'Not recorded' },
  { id: 'unrecognised', label: 'Not recognised' },
];

/** Case, runs of spaces and the spacing around "-" and "/" do not matter. */
const normalised = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([-/])\s*/g, '$1');

function lookupOf<Id extends string>(classes: readonly { id: Id; words: readonly string[] }[]): Map<string, Id> {
  return new Map(classes.flatMap((c) => c.words.map((w) => [normalised(w), c.id] as const)));
}

const OUTCOME_OF_WORDS = lookupOf(OUTCOME_CLASSES);
const OBJECT_OF_WORDS = lookupOf(OBJECT_CLASSES);

export function classifyOutcome(text: string): OutcomeClassId {
  if (text.trim() === '') return 'not-recorded';
  return OUTCOME_OF_WORDS.get(normalised(text)) ?? 'unrecognised';
}

export function classifyObject(text: string): ObjectClassId {
  if (text.trim() === '') return 'not-recorded';
  return OBJECT_OF_WORDS.get(normalised(text)) ?? 'unrecognised';
}

export function classifyOfficerDefinedEthnicity(text: string): string {
  const word = normalised(text);
  if (word === '') return 'not-recorded';
  return OFFICER_DEFINED_ETHNICITIES.some((c) => c.id === word && c.id !== 'not-recorded' && c.id !== 'unrecognised') ? word : 'unrecognised';
}

export function classifySelfDefinedEthnicity(text: string): string {
  const word = normalised(text);
  if (word === '') return 'not-recorded';
  if (word.includes('not stated')) return 'not-stated';
  if (word.startsWith('chinese or other ethnic group-chinese')) return 'asian';
  for (const group of ['asian', 'black', 'mixed', 'white'] as const) if (word.startsWith(group)) return group;
  if (word.startsWith('chinese or other ethnic group') || word.startsWith('other ethnic group')) return 'other';
  return 'unrecognised';
}

export function classifyAgeRange(text: string): string {
  const word = normalised(text);
  if (word === '') return 'not-recorded';
  const id = word.replace(' ', '-');
  return AGE_RANGES.some((c) => c.id === id && c.id !== 'not-recorded' && c.id !== 'unrecognised') ? id : 'unrecognised';
}

/** True/False columns: null when empty or anything else (the caller notes the anything else). */
export function parseTrueFalse(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : null;
}

const POSITIVE_OF = new Map(OUTCOME_CLASSES.map((c) => [c.id, c.positive]));

/** Positive (true), no further action (false), or unknown (null) for an outcome class. */
export function isPositiveOutcome(outcome: OutcomeClassId): boolean | null {
  return POSITIVE_OF.get(outcome) ?? null;
}

// ---- Positive outcome rates ----------------------------------------------------------------

/**
 * The two measures. "Outcome other than no further action" is all that the Met's files allow:
 * they leave `Outcome linked to object of search` empty. Where a file fills it, the stricter
 * "outcome linked to the object of search" also needs the link to be True (an arrest for
 * something other than what the search looked for is not a find).
 */
export type PositiveOutcomeMeasure = 'outcome-other-than-no-further-action' | 'outcome-linked-to-object-of-search';

export const POSITIVE_OUTCOME_MEASURES: Readonly<Record<PositiveOutcomeMeasure, string>> = {
  'outcome-other-than-no-further-action': 'outcome other than no further action',
  'outcome-linked-to-object-of-search': 'outcome linked to the object of search',
};

/** What a group of searches gives for the rates; every field adds across groups and cells. */
export interface SearchOutcomeCounts {
  searches: number;
  /** Searches whose outcome is recognised (positive or no further action): the first measure's denominator. */
  outcomeKnown: number;
  /** Outcome other than no further action. */
  positive: number;
  /** Searches whose file filled `Outcome linked to object of search`, with a recognised outcome: the second measure's denominator. */
  linkRecorded: number;
  /** Positive, and the link column says True. */
  positiveLinked: number;
}

export const NO_SEARCHES: SearchOutcomeCounts = Object.freeze({ searches: 0, outcomeKnown: 0, positive: 0, linkRecorded: 0, positiveLinked: 0 });

/** The counts of `n` searches of one outcome class and link value. */
export function outcomeCountsOf(outcome: OutcomeClassId, linked: boolean | null, n: number): SearchOutcomeCounts {
  const positive = isPositiveOutcome(outcome);
  const known = positive !== null;
  return {
    searches: n,
    outcomeKnown: known ? n : 0,
    positive: positive === true ? n : 0,
    linkRecorded: known && linked !== null ? n : 0,
    positiveLinked: positive === true && linked === true ? n : 0,
  };
}

export function addOutcomeCounts(a: SearchOutcomeCounts, b: SearchOutcomeCounts): SearchOutcomeCounts {
  return {
    searches: a.searches + b.searches,
    outcomeKnown: a.outcomeKnown + b.outcomeKnown,
    positive: a.positive + b.positive,
    linkRecorded: a.linkRecorded + b.linkRecorded,
    positiveLinked: a.positiveLinked + b.positiveLinked,
  };
}

export interface PositiveOutcomeRate {
  measure: PositiveOutcomeMeasure;
  /** In words, for the screen: "outcome other than no further action". */
  label: string;
  positive: number;
  of: number;
  /** positive / of; null when `of` is 0. */
  rate: number | null;
}

/**
 * The rate to show: linked to the object of search when every search with a known outcome has
 * the link recorded (and there is at least one), otherwise outcome other than no further action.
 * A mix of files with and without the link gets the measure all of them allow.
 */
export function positiveOutcomeRate(counts: SearchOutcomeCounts): PositiveOutcomeRate {
  const linked = counts.linkRecorded > 0 && counts.linkRecorded === counts.outcomeKnown;
  return linked ? rateOf('outcome-linked-to-object-of-search', counts.positiveLinked, counts.linkRecorded) : otherThanNoFurtherAction(counts);
}

export function otherThanNoFurtherAction(counts: SearchOutcomeCounts): PositiveOutcomeRate {
  return rateOf('outcome-other-than-no-further-action', counts.positive, counts.outcomeKnown);
}

export function linkedToObjectOfSearch(counts: SearchOutcomeCounts): PositiveOutcomeRate {
  return rateOf('outcome-linked-to-object-of-search', counts.positiveLinked, counts.linkRecorded);
}

function rateOf(measure: PositiveOutcomeMeasure, positive: number, of: number): PositiveOutcomeRate {
  return { measure, label: POSITIVE_OUTCOME_MEASURES[measure], positive, of, rate: of > 0 ? positive / of : null };
}
