// The borough-wide stop-and-search summary: searches, outcome classes, the positive outcome rate
// and the aggregate breakdowns (object of search, officer-defined ethnicity, self-defined
// ethnicity group, age range), for a whole window and per month. Aggregate only, by design:
// the partnership's youth advisory group on stop and search reads these, and nothing here
// knows a place (DOMAIN.md; docs/decisions/024-stop-and-search.md).
import {
  addOutcomeCounts,
  AGE_RANGES,
  linkedToObjectOfSearch,
  NO_SEARCHES,
  OBJECT_CLASSES,
  OFFICER_DEFINED_ETHNICITIES,
  otherThanNoFurtherAction,
  OUTCOME_CLASSES,
  outcomeCountsOf,
  positiveOutcomeRate,
  SELF_DEFINED_GROUPS,
  type OutcomeClassId,
  type PositiveOutcomeMeasure,
  type PositiveOutcomeRate,
  type SearchClass,
  type SearchOutcomeCounts,
} from './search-outcomes';
import { dayNumber, isoDateOfDay } from './time';

/** Searches of one month, one class of a breakdown, one outcome class and link value. */
export interface SearchGroup {
  month: string;
  key: string;
  outcomeClass: OutcomeClassId;
  linked: boolean | null;
  searches: number;
}

export const BREAKDOWNS = {
  byObject: OBJECT_CLASSES,
  byOfficerDefinedEthnicity: OFFICER_DEFINED_ETHNICITIES,
  bySelfDefinedEthnicityGroup: SELF_DEFINED_GROUPS,
  byAgeRange: AGE_RANGES,
} as const satisfies Record<string, readonly SearchClass[]>;
export type BreakdownName = keyof typeof BREAKDOWNS;
const BREAKDOWN_NAMES = Object.keys(BREAKDOWNS) as BreakdownName[];

export interface GroupTally {
  group: string;
  label: string;
  searches: number;
  /** Of the period's searches; null when it has none. */
  share: number | null;
  /** In the period's measure, so groups compare with each other and with the period. */
  positiveOutcome: PositiveOutcomeRate;
  /** This group's rate over the period's: below 1, searches of this group find less often. */
  relativeRate: number | null;
}

export interface OutcomeTally {
  searches: number;
  /** Every outcome class, zeros included. */
  outcomes: Record<OutcomeClassId, number>;
  /**
   * In the window's measure (the linked one only where every search of the window has the link
   * recorded), the same for the window, its months and its groups.
   */
  positiveOutcome: PositiveOutcomeRate;
  otherThanNoFurtherAction: PositiveOutcomeRate;
  linkedToObjectOfSearch: PositiveOutcomeRate;
}

export type PeriodSummary = OutcomeTally & Record<BreakdownName, GroupTally[]>;

export interface MonthSummary extends PeriodSummary {
  month: string;
  /** The window covers only part of this month. */
  partial: boolean;
}

export interface SearchSummary {
  total: PeriodSummary;
  /** Every month the window touches, in order, months without searches included. */
  months: MonthSummary[];
}

const emptyOutcomes = () => Object.fromEntries(OUTCOME_CLASSES.map((c) => [c.id, 0])) as Record<OutcomeClassId, number>;

/** Per breakdown, per class: the counts; plus the outcome classes of the whole period. */
interface Accumulator {
  counts: SearchOutcomeCounts;
  outcomes: Record<OutcomeClassId, number>;
  groups: Record<BreakdownName, Map<string, SearchOutcomeCounts>>;
}

const newAccumulator = (): Accumulator => ({
  counts: NO_SEARCHES,
  outcomes: emptyOutcomes(),
  groups: { byObject: new Map(), byOfficerDefinedEthnicity: new Map(), bySelfDefinedEthnicityGroup: new Map(), byAgeRange: new Map() },
});

function rateIn(measure: PositiveOutcomeMeasure, counts: SearchOutcomeCounts): PositiveOutcomeRate {
  return measure === 'outcome-linked-to-object-of-search' ? linkedToObjectOfSearch(counts) : otherThanNoFurtherAction(counts);
}

/** A period's summary with every rate in one measure: the window's, so months and groups compare. */
function summarise(acc: Accumulator, measure: PositiveOutcomeMeasure): PeriodSummary {
  const positiveOutcome = rateIn(measure, acc.counts);
  const breakdown = (name: BreakdownName): GroupTally[] => {
    const classes: readonly SearchClass[] = BREAKDOWNS[name];
    const found = acc.groups[name];
    const known = classes.filter((c) => found.has(c.id));
    const unknown = [...found.keys()].filter((key) => !classes.some((c) => c.id === key)).map((key) => ({ id: key, label: key }));
    return [...known, ...unknown].map((c) => {
      const counts = found.get(c.id)!;
      const rate = rateIn(positiveOutcome.measure, counts);
      return {
        group: c.id,
        label: c.label,
        searches: counts.searches,
        share: acc.counts.searches > 0 ? counts.searches / acc.counts.searches : null,
        positiveOutcome: rate,
        relativeRate: rate.rate !== null && positiveOutcome.rate ? rate.rate / positiveOutcome.rate : null,
      };
    });
  };
  return {
    searches: acc.counts.searches,
    outcomes: acc.outcomes,
    positiveOutcome,
    otherThanNoFurtherAction: otherThanNoFurtherAction(acc.counts),
    linkedToObjectOfSearch: linkedToObjectOfSearch(acc.counts),
    byObject: breakdown('byObject'),
    byOfficerDefinedEthnicity: breakdown('byOfficerDefinedEthnicity'),
    bySelfDefinedEthnicityGroup: breakdown('bySelfDefinedEthnicityGroup'),
    byAgeRange: breakdown('byAgeRange'),
  };
}

/** 'YYYY-MM' of every month the window [fromDay, toDay) touches, and whether it covers each whole. */
export function monthsOfWindow(fromDay: number, toDay: number): { month: string; partial: boolean }[] {
  const months: { month: string; partial: boolean }[] = [];
  if (toDay <= fromDay) return months;
  let [year, month] = isoDateOfDay(fromDay).split('-').map(Number) as [number, number];
  for (;;) {
    const start = dayNumber(year, month, 1);
    if (start >= toDay) break;
    const end = dayNumber(year, month + 1, 1);
    months.push({ month: `${year}-${String(month).padStart(2, '0')}`, partial: start < fromDay || end > toDay });
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/**
 * The summary of a window from its searches grouped by each breakdown (every breakdown holds
 * every search once, so the outcome counts are read from the first).
 */
export function summariseSearches(window: { fromDay: number; toDay: number }, groups: Readonly<Record<BreakdownName, readonly SearchGroup[]>>): SearchSummary {
  const total = newAccumulator();
  const byMonth = new Map(monthsOfWindow(window.fromDay, window.toDay).map((m) => [m.month, { ...m, acc: newAccumulator() }]));
  for (const name of BREAKDOWN_NAMES) {
    for (const g of groups[name]) {
      const month = byMonth.get(g.month);
      if (!month) throw new Error(`internal: searches of ${g.month} outside the window`);
      const counts = outcomeCountsOf(g.outcomeClass, g.linked, g.searches);
      for (const acc of [total, month.acc]) {
        acc.groups[name].set(g.key, addOutcomeCounts(acc.groups[name].get(g.key) ?? NO_SEARCHES, counts));
        if (name === 'byObject') {
          acc.counts = addOutcomeCounts(acc.counts, counts);
          acc.outcomes[g.outcomeClass] += g.searches;
        }
      }
    }
  }
  const measure = positiveOutcomeRate(total.counts).measure;
  return {
    total: summarise(total, measure),
    months: [...byMonth.values()].map(({ month, partial, acc }) => ({ month, partial, ...summarise(acc, measure) })),
  };
}
