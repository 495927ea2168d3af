// What the public may ask for (issue 15): whole calendar months, wards or the borough, and H3
// hexagons no finer than the rules allow. Anything else is refused with a reason in words that
// never names a query parameter (a resident reads it). Arbitrary date windows are refused because
// overlapping windows can be differenced to isolate a few incidents (decision 031).
import { fail, ok, type Result } from '../types';
import type { DisclosureRules } from './rules';

export type PublicArea = { kind: 'borough' } | { kind: 'ward' } | { kind: 'h3'; h3Resolution: number };

export interface PublicRequest {
  /** One calendar month, 'YYYY-MM'. */
  month: string;
  area: PublicArea;
}

const MONTH = /^(\d{4})-(\d{2})$/;
/** The longest trend served: two years of whole months. */
export const MAX_TREND_MONTHS = 24;

/** A calendar month 'YYYY-MM' (2000-01 to 2099-12); days, ranges and weeks are refused. */
export function validatePublicMonth(text: string): Result<string> {
  const match = MONTH.exec(text.trim());
  if (!match) {
    return fail(`"${text}" is not a calendar month. The public figures are published for whole calendar months only, written like 2016-05.`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return fail(`"${text}" has no month ${month}; months run from 01 to 12.`);
  if (year < 2000 || year > 2099) return fail(`"${text}" is outside the years published (2000 to 2099).`);
  return ok(`${match[1]}-${match[2]}`);
}

/** An H3 resolution the rules publish (7 or 8 by default); finer hexagons are refused. */
export function validatePublicResolution(h3Resolution: number, rules: DisclosureRules): Result<number> {
  if (!Number.isInteger(h3Resolution))
    return fail(`Hexagon size ${h3Resolution} is not one of the sizes published (${rules.coarsestH3Resolution} to ${rules.finestH3Resolution}).`);
  if (h3Resolution > rules.finestH3Resolution) {
    return fail(
      `Hexagons at resolution ${h3Resolution} are too small to publish: they could point to a few streets or a single address. Choose resolution ${rules.finestH3Resolution} or coarser, or wards.`,
    );
  }
  if (h3Resolution < rules.coarsestH3Resolution)
    return fail(
      `Hexagons at resolution ${h3Resolution} are larger than the borough's published grid; choose ${rules.coarsestH3Resolution} to ${rules.finestH3Resolution}, or wards.`,
    );
  return ok(h3Resolution);
}

/** A whole public request: one month and a permitted area. */
export function validatePublicRequest(request: PublicRequest, rules: DisclosureRules): Result<PublicRequest> {
  const month = validatePublicMonth(request.month);
  if (!month.ok) return month;
  if (request.area.kind === 'h3') {
    const resolution = validatePublicResolution(request.area.h3Resolution, rules);
    if (!resolution.ok) return resolution;
  }
  return ok({ month: month.value, area: request.area });
}

/**
 * The `count` whole months ending with `endMonth`, oldest first: the months of a trend. Each is
 * published on its own; a multi-month total is never derived from them.
 */
export function trendMonths(endMonth: string, count: number): Result<string[]> {
  const end = validatePublicMonth(endMonth);
  if (!end.ok) return end;
  if (!Number.isInteger(count) || count < 1 || count > MAX_TREND_MONTHS) {
    return fail(`A trend covers 1 to ${MAX_TREND_MONTHS} whole months; ${count} is not allowed.`);
  }
  const [year, month] = end.value.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return ok(months);
}
