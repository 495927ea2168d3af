// What other modules ask of the stop-and-search records: counts per H3 cell for the drug-market
// layer, and the borough-wide summary. Searches measure police activity as much as markets.
import {
  addOutcomeCounts,
  NO_SEARCHES,
  outcomeCountsOf,
  positiveOutcomeRate,
  type ObjectClassId,
  type PositiveOutcomeRate,
  type SearchOutcomeCounts,
} from '../../geo/search-outcomes';
import { summariseSearches, type SearchSummary } from '../../geo/search-summary';
import type { Db } from '../db/open-database';
import { searchCellGroups, searchGroupsBy, storedSearchMonths } from './stop-search-store';

export interface SearchCountsQuery {
  /** London day numbers, [fromDay, toDay). */
  fromDay: number;
  toDay: number;
  /** 7..10; each search's cell is computed from its point at this resolution, as incidents' are. */
  h3Resolution: number;
  /** Only searches for this object class (e.g. 'drugs'); all when absent. */
  object?: ObjectClassId | undefined;
}

export interface SearchCellCounts extends SearchOutcomeCounts {
  cell: string;
}

export interface SearchCounts {
  /** Cells with at least one search, by cell id. Add cells' counts to rate a hotspot (positiveOutcomeRate). */
  cells: SearchCellCounts[];
  /** Every search of the window, borough-wide (the study area the searches were clipped to on import). */
  total: SearchOutcomeCounts;
  /** The rate borough-wide, and which measure it is. */
  positiveOutcome: PositiveOutcomeRate;
}

/**
 * Searches per H3 cell in a window, with the counts both positive outcome measures need:
 * `positive`/`outcomeKnown` (outcome other than no further action) and
 * `positiveLinked`/`linkRecorded` (outcome linked to the object of search).
 */
export function searchCountsByCell(db: Db, query: SearchCountsQuery): SearchCounts {
  const byCell = new Map<string, SearchOutcomeCounts>();
  let total = NO_SEARCHES;
  for (const row of searchCellGroups(db, query, query.h3Resolution)) {
    const counts = outcomeCountsOf(row.outcomeClass, row.linked, row.searches);
    byCell.set(row.cell, addOutcomeCounts(byCell.get(row.cell) ?? NO_SEARCHES, counts));
    total = addOutcomeCounts(total, counts);
  }
  const cells = [...byCell].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([cell, counts]) => ({ cell, ...counts }));
  return { cells, total, positiveOutcome: positiveOutcomeRate(total) };
}

export interface SummaryQuery {
  fromDay: number;
  toDay: number;
  object?: ObjectClassId | undefined;
}

/** Borough-wide and per month only: no function here or below it groups by place. */
export function stopSearchSummary(db: Db, query: SummaryQuery): SearchSummary & { stored: ReturnType<typeof storedSearchMonths> } {
  const summary = summariseSearches(query, {
    byObject: searchGroupsBy(db, query, 'object'),
    byOfficerDefinedEthnicity: searchGroupsBy(db, query, 'officerDefinedEthnicity'),
    bySelfDefinedEthnicityGroup: searchGroupsBy(db, query, 'selfDefinedGroup'),
    byAgeRange: searchGroupsBy(db, query, 'ageRange'),
  });
  return { ...summary, stored: storedSearchMonths(db) };
}
