// Which categories have data when. police.uk files cover some crime types for some years
// only (DOMAIN.md: violence and ASB only for 2016 and June 2018 in the real data), so a layer
// over a month with no data for its categories shows a false zero unless the app knows.
// A batch (one imported file) covers, for each category it holds, every month from its first
// to its last month: a month inside a file's span with no incident of a category it carries
// is a real zero, a month outside every file's span is no data.
import { categoryBySlug } from './categories';
import { isoDateOfDay, parseIsoMonth } from './time';

/** One batch's months with incidents, per category: 'YYYY-MM' -> incidents. */
export interface BatchCategoryMonths {
  batchId: number;
  category: string;
  months: ReadonlyMap<string, number>;
}

/** 'YYYY-MM' to a month number (year * 12 + month - 1), and back. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthOfIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthOfDay(day: number): string {
  return isoDateOfDay(day).slice(0, 7);
}

/** Covered month numbers per category. */
export type Coverage = ReadonlyMap<string, ReadonlySet<number>>;

export function coverageOf(batches: readonly BatchCategoryMonths[]): Coverage {
  // The span of each batch: from its first to its last month over all its categories.
  const span = new Map<number, [number, number]>();
  for (const b of batches) {
    for (const month of b.months.keys()) {
      const m = monthIndex(month);
      const s = span.get(b.batchId);
      span.set(b.batchId, s ? [Math.min(s[0], m), Math.max(s[1], m)] : [m, m]);
    }
  }
  const coverage = new Map<string, Set<number>>();
  for (const b of batches) {
    const [from, to] = span.get(b.batchId)!;
    let months = coverage.get(b.category);
    if (!months) coverage.set(b.category, (months = new Set()));
    for (let m = from; m <= to; m++) months.add(m);
  }
  return coverage;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthName(index: number): string {
  return `${MONTH_NAMES[index % 12]} ${Math.floor(index / 12)}`;
}

/** Runs of consecutive covered months, e.g. [[Jan 2016, Dec 2016], [Jun 2018, Jun 2018]]. */
export function coveredRuns(months: ReadonlySet<number>): [number, number][] {
  const sorted = [...months].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const m of sorted) {
    const last = runs.at(-1);
    if (last && m === last[1] + 1) last[1] = m;
    else runs.push([m, m]);
  }
  return runs;
}

/** 'Jan 2016 to Dec 2016 and Jun 2018' for a category's covered months. */
export function describeCoverage(months: ReadonlySet<number>): string {
  const runs = coveredRuns(months).map(([a, b]) => (a === b ? monthName(a) : `${monthName(a)} to ${monthName(b)}`));
  if (runs.length === 0) return 'no data';
  return runs.length === 1 ? runs[0]! : `${runs.slice(0, -1).join(', ')} and ${runs.at(-1)}`;
}

/** The months a window [fromDay, toDay) touches. */
export function monthsOfWindow(fromDay: number, toDay: number): number[] {
  if (toDay <= fromDay) return [];
  const first = monthIndex(monthOfDay(fromDay));
  const last = monthIndex(monthOfDay(toDay - 1));
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

export interface WindowCoverage {
  /** Categories with data in every month the window touches. */
  covered: string[];
  /** Categories with data in some of its months only. */
  partial: string[];
  /** Categories with no data in any of its months. */
  missing: string[];
}

export function windowCoverage(coverage: Coverage, categories: readonly string[], fromDay: number, toDay: number): WindowCoverage {
  const months = monthsOfWindow(fromDay, toDay);
  const result: WindowCoverage = { covered: [], partial: [], missing: [] };
  for (const category of categories) {
    const has = coverage.get(category) ?? new Set<number>();
    const inWindow = months.filter((m) => has.has(m)).length;
    (inWindow === months.length ? result.covered : inWindow === 0 ? result.missing : result.partial).push(category);
  }
  return result;
}

/** The first day of a 'YYYY-MM' month index, for callers that need days. */
export function firstDayOfMonthIndex(index: number): number {
  const span = parseIsoMonth(monthOfIndex(index));
  if (!span.ok) throw new Error(span.reason);
  return span.value.startDay;
}

const labelOf = (slug: string) => categoryBySlug(slug)?.label ?? slug;

function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export interface CoverageVerdict {
  /** False when no chosen category has data in any window: the statistic has nothing to work on. */
  usable: boolean;
  /** Plain words for the screen, or null when every category has data throughout. */
  note: string | null;
  /** Categories with data in some windows (or months) and not others: a comparison across them would read a gap as a fall. */
  uneven: string[];
}

/**
 * What the data's coverage means for a statistic over these windows (one window for a map,
 * several for emerging hot spots, change and forecasts): usable at all, what to say, and
 * which categories come and go across the windows.
 */
export function judgeCoverage(coverage: Coverage, categories: readonly string[], windows: readonly { fromDay: number; toDay: number }[]): CoverageVerdict {
  // Categories never imported at all (partner categories on police.uk-only data) are not news
  // in every note: they are named only when nothing chosen has ever been imported.
  const imported = categories.filter((c) => (coverage.get(c)?.size ?? 0) > 0);
  if (imported.length === 0) {
    return {
      usable: false,
      note: `There is no data at all for ${listed(categories.map(labelOf))}: import a file that holds ${categories.length === 1 ? 'it' : 'them'}.`,
      uneven: [],
    };
  }
  const perWindow = windows.map((w) => windowCoverage(coverage, imported, w.fromDay, w.toDay));
  const coveredSomewhere = imported.filter((c) => perWindow.some((w) => !w.missing.includes(c)));
  const everywhere = imported.filter((c) => perWindow.every((w) => w.covered.includes(c)));
  const uneven = coveredSomewhere.filter((c) => !everywhere.includes(c));
  const absent = imported.filter((c) => !coveredSomewhere.includes(c));
  const where = windows.length === 1 ? 'this window' : 'these windows';
  const parts: string[] = [];
  if (absent.length > 0) {
    parts.push(
      coveredSomewhere.length === 0
        ? `No data for ${listed(imported.map(labelOf))} in ${where} (${spans(coverage, imported)}).`
        : `No data for ${listed(absent.map(labelOf))} in ${where} (${spans(coverage, absent)}): what is shown is ${listed(coveredSomewhere.map(labelOf))} only.`,
    );
  }
  if (uneven.length > 0)
    parts.push(`${listed(uneven.map(labelOf))} ${uneven.length === 1 ? 'has' : 'have'} data for only part of the time (${spans(coverage, uneven)}).`);
  return { usable: coveredSomewhere.length > 0, note: parts.length > 0 ? parts.join(' ') : null, uneven };
}

/** 'Violence and sexual offences: Jan 2016 to Dec 2016 and Jun 2018; ...' */
export function spans(coverage: Coverage, categories: readonly string[]): string {
  return categories.map((c) => `${labelOf(c)}: ${describeCoverage(coverage.get(c) ?? new Set())}`).join('; ');
}

/** 'Violence and sexual offences and Possession of weapons' */
export function categoryNames(categories: readonly string[]): string {
  return listed(categories.map(labelOf));
}

export interface CoveredRun {
  /** Index of the first window of the longest run of windows, ending with the last, over which the data is the same. */
  fromIndex: number;
  /** Categories with data in the last window: the ones the run is about. */
  present: string[];
  /** Categories with no data in the last window (left out of the run's counts by the data itself). */
  absent: string[];
}

/**
 * The most recent windows over which the same categories have data: a history (for a
 * forecast or a backtest) is cut where a category appears or disappears, so a change of
 * source files is never read as a change in crime.
 */
export function recentCoveredRun(coverage: Coverage, categories: readonly string[], windows: readonly { fromDay: number; toDay: number }[]): CoveredRun {
  const last = windows.at(-1);
  if (!last) return { fromIndex: 0, present: [], absent: [...categories] };
  const lastCoverage = windowCoverage(coverage, categories, last.fromDay, last.toDay);
  const present = lastCoverage.covered;
  const absent = categories.filter((c) => !present.includes(c));
  let fromIndex = windows.length;
  for (let w = windows.length - 1; w >= 0; w--) {
    const here = windowCoverage(coverage, categories, windows[w]!.fromDay, windows[w]!.toDay);
    const same = present.every((c) => here.covered.includes(c)) && absent.every((c) => here.missing.includes(c));
    if (!same) break;
    fromIndex = w;
  }
  return { fromIndex, present, absent };
}
