// The tasking meeting's named themes (DOMAIN.md; seeds 001 and 002) as data: what each counts,
// its filters and defaults, what it must say on screen. The routes, the page and taskings read
// this one table (GET /api/themes serves it), so a theme is changed here and nowhere else
// (decision 025).

import { categoriesOfGroup, CATEGORY_GROUPS } from './categories';

export type ThemeId = 'schools-robbery' | 'drug-markets' | 'serious-violence';

/** A query default of a theme's layer, with what a person may choose instead. */
export interface ThemeSetting {
  /** The query parameter of the theme's route. */
  parameter: string;
  label: string;
  default: string | number;
  /** The values allowed (a list), or the range for a number. */
  allowed: readonly string[] | { min: number; max: number };
  unit?: string;
}

/** One part of the drug-market index: its records, where they come from and its weight. */
export interface IndexComponent {
  id: string;
  label: string;
  /** `incidents`: crime and ASB records; `stop-search`: searches (never counted as crimes). */
  source: 'incidents' | 'stop-search';
  /** Incident categories, for an `incidents` component. */
  categories?: readonly string[];
  /** Object of search and outcome, for a `stop-search` component. */
  searchObject?: string;
  positiveOutcomeOnly?: boolean;
  weight: number;
}

export interface ThemeDefinition {
  id: ThemeId;
  label: string;
  /** The question the meeting asks of it, in its own words. */
  question: string;
  /** Where the definition comes from. */
  basis: string;
  /** The layer's route. */
  route: string;
  /** Incident categories counted by default, and those a person may add. */
  categories: readonly string[];
  selectableCategories: readonly string[];
  settings: readonly ThemeSetting[];
  /** Said on screen with the layer, always. */
  caveats: readonly string[];
  /** What the layer becomes when the data is monthly (police.uk) and cannot meet its time filters. */
  monthlyFallback?: string;
  /** The drug-market index's parts, weights and persistence windows. */
  index?: { components: readonly IndexComponent[]; persistenceWindows: number; windowDays: number };
  /** Incident flags the theme's definition uses (partner data), and what the tasking view leaves out. */
  flags?: { definition: readonly string[]; taskingViewExcludes: { locationType: readonly string[] } };
}

export const THEMES: readonly ThemeDefinition[] = [
  {
    id: 'schools-robbery',
    label: 'Robbery near schools after school',
    question: 'Where are young people robbed in and around schools during 3-6pm on school days?',
    basis: 'School Robbery Prevention Project: robberies "in and around schools during 3-6pm" (Serious Violence and Exploitation Strategy, seed 001).',
    route: '/api/themes/schools-robbery',
    categories: ['robbery'],
    selectableCategories: ['robbery', 'theft-from-the-person'],
    settings: [
      { parameter: 'bufferMeters', label: 'Distance from a school', default: 400, allowed: { min: 100, max: 1000 }, unit: 'metres' },
      { parameter: 'hours', label: 'Time of day', default: '15-18', allowed: { min: 0, max: 24 }, unit: 'hours, London time' },
      { parameter: 'schoolDays', label: 'School days', default: 'only', allowed: ['only', 'exclude', 'any'] },
    ],
    caveats: [
      'School days come from the school calendar; until one is imported they are an assumed Tower Hamlets calendar.',
      'Incidents known only to the month (police.uk) cannot be placed in the after-school hours or on school days.',
    ],
    monthlyFallback: 'Robbery near schools, any time (monthly data)',
  },
  {
    id: 'drug-markets',
    label: 'Drug markets',
    question: 'Where are the persistent drug markets, and do drug searches there find anything?',
    basis: 'Drug offences, drug-related ASB reports (up 508% on the online portal, seed 002) and drugs stop and search; Operation Continuum (seed 003).',
    route: '/api/themes/drug-markets',
    categories: ['drugs', 'drug-related-asb'],
    selectableCategories: ['drugs', 'drug-related-asb'],
    settings: [],
    caveats: [
      'Drug offences and drug searches measure police activity as much as drug markets: more patrols find more.',
      'The positive outcome rate is the share of drug searches with an outcome other than no further action, unless the file says whether the outcome was linked to the object of the search.',
    ],
    index: {
      components: [
        { id: 'drug-offences', label: 'Drug offences', source: 'incidents', categories: ['drugs'], weight: 1 },
        { id: 'drug-asb', label: 'Drug-related ASB reports', source: 'incidents', categories: ['drug-related-asb'], weight: 1 },
        {
          id: 'drug-searches-found',
          label: 'Drug searches with a positive outcome',
          source: 'stop-search',
          searchObject: 'drugs',
          positiveOutcomeOnly: true,
          weight: 1,
        },
      ],
      persistenceWindows: 6,
      windowDays: 28,
    },
  },
  {
    id: 'serious-violence',
    label: 'Serious violence',
    question: 'Where is the serious violence a patrol can deter?',
    basis:
      'Serious Violence Duty definition (seed 001): violence affecting under-25s, domestic abuse, sexual violence, hate crime; homicide, GBH, ABH, rape, sexual assault, personal robbery, threats to kill; any offence with a knife, firearm or corrosive substance.',
    route: '/api/themes/serious-violence',
    categories: ['serious-violence', 'knife-crime', 'violent-crime', 'possession-of-weapons'],
    selectableCategories: ['serious-violence', 'knife-crime', 'violent-crime', 'possession-of-weapons', 'robbery'],
    settings: [{ parameter: 'includeDwellings', label: 'Domestic abuse inside homes', default: 'exclude', allowed: ['exclude', 'include'] }],
    caveats: [
      "police.uk's Violence and sexual offences with Possession of weapons is only an approximation of the partnership's definition; partner data with flags meets it.",
      'Domestic abuse inside a home is not something a patrol deters: the tasking view leaves it out by default; borough totals count it.',
    ],
    flags: {
      definition: ['knife', 'firearm', 'corrosive', 'domestic', 'hate', 'victimUnder25'],
      taskingViewExcludes: { locationType: ['dwelling'] },
    },
  },
];

export function themeById(id: string): ThemeDefinition | undefined {
  return THEMES.find((t) => t.id === id);
}

/** What a tasking's `theme` may name: one of the map's layer groups, or one of the themes above. */
export interface TaskingTheme {
  id: string;
  label: string;
  categories: readonly string[];
}

export const TASKING_THEMES: readonly TaskingTheme[] = [
  ...CATEGORY_GROUPS.map((g) => ({ id: g.id, label: g.label, categories: categoriesOfGroup(g.id) ?? [] })),
  ...THEMES.map((t) => ({ id: t.id, label: t.label, categories: t.categories })),
];

export function taskingThemeById(id: string): TaskingTheme | undefined {
  return TASKING_THEMES.find((t) => t.id === id);
}
