// The public view's months (issue 15) on the compute worker (decision 022): each theme-month's
// pieces from the index, protected as one table by the disclosure rules (geo/disclosure/). The
// protection solves small linear programmes, up to about half a second a month: never on the
// event loop, which anonymous callers reach.
import type { PublishedCount } from '../../geo/disclosure/publish';
import { protectAreaTable } from '../../geo/disclosure/public-table';
import type { DisclosureRules } from '../../geo/disclosure/rules';
import { ok, type Result } from '../../geo/types';
import type { EngineFailure } from '../hotspots/hotspot-service';
import type { IncidentIndex } from '../incidents/incident-index';
import { piecesOf, wardLookup, type PublicWard, type WardLookup } from './public-pieces';

export interface PublicMonthsQuery {
  categories: readonly string[];
  months: readonly { month: string; fromDay: number; toDay: number }[];
  wards: readonly PublicWard[];
  /** Changes when the wards are imported again: the key of the kept lookup. */
  wardsVersion: string;
  rules: DisclosureRules;
}

export interface PublicMonth {
  month: string;
  /** Every published figure by its key (geo/disclosure/public-table.ts: borough, ward:…, h3:…). */
  values: Record<string, PublishedCount>;
  hidden: { primary: number; secondary: number };
}

let kept: { version: string; lookup: WardLookup } | null = null;

export function protectPublicMonths(index: IncidentIndex, query: PublicMonthsQuery): Result<PublicMonth[], EngineFailure> {
  if (!kept || kept.version !== query.wardsVersion) kept = { version: query.wardsVersion, lookup: wardLookup(query.wards) };
  const lookup = kept.lookup;
  const months: PublicMonth[] = [];
  for (const m of query.months) {
    const pieces = piecesOf(index, lookup, query.categories, m.fromDay, m.toDay);
    const protectedTable = protectAreaTable(pieces, query.rules);
    // A table the rules cannot protect is a fault of ours, never something to publish half of.
    if (!protectedTable.ok) throw new Error(`The public figures for ${m.month} could not be protected: ${protectedTable.reason}`);
    months.push({
      month: m.month,
      values: protectedTable.value.values,
      hidden: { primary: protectedTable.value.primary.length, secondary: protectedTable.value.secondary.length },
    });
  }
  return ok(months);
}
