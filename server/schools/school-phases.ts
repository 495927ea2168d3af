// A school's phase and status in the words of DfE Get Information About Schools (GIAS) and of
// the GLA London Schools Atlas, normalised to the app's few phases (decision 023).
import { fail, ok, type Result } from '../../geo/types';

export const SCHOOL_PHASES = ['primary', 'secondary', 'all-through', 'special', 'nursery', '16-plus', 'independent', 'other'] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

/** Phase words as files spell them (lower case, runs of spaces, hyphens and underscores as one space). */
const PHASE_WORDS: Record<string, SchoolPhase | 'not-applicable'> = {
  primary: 'primary',
  'middle deemed primary': 'primary',
  secondary: 'secondary',
  'middle deemed secondary': 'secondary',
  'all through': 'all-through',
  nursery: 'nursery',
  '16 plus': '16-plus',
  'not applicable': 'not-applicable',
  // The app's own words, for files written by hand.
  special: 'special',
  independent: 'independent',
  other: 'other',
};

/** What the importer says it accepts. */
export const PHASE_WORDS_IN_FILES = [
  'Primary',
  'Middle deemed primary',
  'Secondary',
  'Middle deemed secondary',
  'All-through',
  'Nursery',
  '16 plus',
  'Not applicable',
  'special',
  'independent',
  'other',
];

const spelling = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/**
 * GIAS gives independent, special, alternative provision and further or higher education
 * establishments the phase "Not applicable"; their type says which they are. Without a type
 * column (the GIAS 2024 snapshot in ../shared/data) there is no telling: 'other'.
 */
function phaseOfType(type: string | null): SchoolPhase {
  if (type === null) return 'other';
  const words = spelling(type);
  if (words.includes('special')) return 'special';
  if (words.includes('independent')) return 'independent';
  if (words.includes('nursery')) return 'nursery';
  if (words.includes('16') || words.includes('further education') || words.includes('sixth form')) return '16-plus';
  return 'other';
}

/** The app's phase from a file's phase word and (for "Not applicable") its establishment type; null type = no type given. */
export function normalisePhase(phaseText: string, typeText: string | null): Result<SchoolPhase, string> {
  const word = PHASE_WORDS[spelling(phaseText)];
  if (word === undefined) return fail(`"${phaseText.trim()}" is not a phase of education`);
  if (word !== 'not-applicable') return ok(word);
  return ok(phaseOfType(typeText !== null && typeText.trim() !== '' ? typeText : null));
}

/**
 * Whether a status means the school is open. GIAS: "Open", "Open, but proposed to close",
 * "Closed", "Proposed to open"; the GLA atlas writes the same words.
 */
export function isOpenStatus(statusText: string): Result<boolean, string> {
  const words = spelling(statusText).replace(/,/g, '');
  if (words === 'open' || words === 'open but proposed to close') return ok(true);
  if (words === 'closed' || words === 'proposed to open') return ok(false);
  return fail(`"${statusText.trim()}" is not an establishment status`);
}

export const STATUS_WORDS_IN_FILES = ['Open', 'Open, but proposed to close', 'Closed', 'Proposed to open'];
