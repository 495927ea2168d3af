// Rates per 1,000 residents for the public ward table (issue 15): from the PUBLISHED count
// (geo/disclosure/publish.ts publishRate) and the ward's residents in the mid-year estimate
// nearest the month's year (server/populations/). The borough's residents are the wards' sum,
// given only when every ward has a figure for the same year.
import { publishRate, type PublishedCount } from '../../geo/disclosure/publish';
import type { DisclosureRules } from '../../geo/disclosure/rules';
import type { Db } from '../db/open-database';
import { wardPopulations } from '../populations/population-queries';

export interface RateFields {
  /** Residents of the area in `residentsYear`'s mid-year estimate; null when none is held. */
  residents: number | null;
  residentsYear: number | null;
  /** Incidents per 1,000 residents to one decimal place, or null with the reason in `rateNote`. */
  ratePer1000: number | null;
  rateNote: string | null;
}

export type RatesOf = (code: string | null, figure: PublishedCount) => RateFields;

/** A function giving a ward's (code) or the borough's (null) rate fields for one month. */
export function ratesForMonth(db: Db, month: string, rules: DisclosureRules, wardCodes: readonly string[]): RatesOf {
  const populations = wardPopulations(db, Number(month.slice(0, 4)));
  const years = new Set(wardCodes.map((code) => populations.get(code)?.year));
  const borough =
    wardCodes.length > 0 && wardCodes.every((code) => populations.has(code)) && years.size === 1
      ? { population: wardCodes.reduce((sum, code) => sum + populations.get(code)!.population, 0), year: [...years][0]! }
      : null;
  return (code, figure) => {
    const residents = code === null ? borough : (populations.get(code) ?? null);
    const rate = publishRate(figure, residents?.population ?? null, rules);
    return { residents: residents?.population ?? null, residentsYear: residents?.year ?? null, ratePer1000: rate.per1000, rateNote: rate.reason };
  };
}
