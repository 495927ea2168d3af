// The drug-market layer (issue 11) as the route answers it: the theme's weights (or a
// request's), drug searches per window from the stop-and-search store, the statistics on the
// compute worker (drug-markets-task.ts), then hotspots (touching hot cells) with the positive
// outcome rate of the drug searches in them.
import { z } from 'zod';
import type { Persistence } from '../../geo/drug-markets';
import { groupTouchingCells } from '../../geo/h3';
import {
  addOutcomeCounts,
  linkedToObjectOfSearch,
  NO_SEARCHES,
  otherThanNoFurtherAction,
  positiveOutcomeRate,
  type PositiveOutcomeRate,
  type SearchOutcomeCounts,
} from '../../geo/search-outcomes';
import { themeById, type IndexComponent } from '../../geo/themes';
import { fail, ok, type Result } from '../../geo/types';
import { wholeMonthsBetween, windowsEndingAt, type WindowLength } from '../../geo/windows';
import type { AppDeps } from '../app-deps';
import type { EngineFailure } from '../hotspots/hotspot-service';
import { isoDay, resolutionParam } from '../incidents/window-params';
import { searchCountsByCell } from '../stop-search/stop-search-queries';
import type { DrugMarketCell, DrugMarketResult } from './drug-markets-task';

const THEME = themeById('drug-markets')!;
const INDEX = THEME.index!;
/** The layer's own window: a meeting looks at the last weeks or months, not years. */
export const MAX_DRUG_MARKET_WINDOW_DAYS = 92;

const weightsParam = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const weights = new Map<string, number>();
    if (text === undefined || text.trim() === '') return weights;
    for (const part of text.split(',')) {
      const [id, value] = part.split(':').map((s) => s.trim());
      const weight = Number(value);
      if (!INDEX.components.some((c) => c.id === id) || value === undefined || value === '' || !Number.isFinite(weight) || weight < 0 || weight > 10) {
        ctx.addIssue({
          code: 'custom',
          message: `"${part.trim()}" is not a part and a weight; expected e.g. drug-offences:1,drug-asb:0.5 with parts ${INDEX.components.map((c) => c.id).join(', ')} and weights 0..10`,
        });
        return z.NEVER;
      }
      weights.set(id!, weight);
    }
    return weights;
  });

export const drugMarketQuerySchema = z
  .object({
    from: isoDay('from'),
    to: isoDay('to'),
    resolution: resolutionParam.default(9),
    windows: z.coerce
      .number()
      .int('expected a whole number')
      .min(3, 'expected 3..12 windows')
      .max(12, 'expected 3..12 windows')
      .default(INDEX.persistenceWindows),
    weights: weightsParam,
  })
  .superRefine((q, ctx) => {
    if (q.to <= q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from (the window is [from, to))' });
    if (q.to - q.from > MAX_DRUG_MARKET_WINDOW_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the window may span at most ${MAX_DRUG_MARKET_WINDOW_DAYS} days (three months)` });
  });

export type DrugMarketQueryParams = z.output<typeof drugMarketQuerySchema>;

export interface DrugMarketHotspot {
  /** 1 = the largest. */
  id: number;
  cells: string[];
  /** The sum of its cells' index. */
  index: number;
  persistence: Persistence | null;
  /** Drug searches in its cells in the window, and how many found something. */
  searches: number;
  positiveOutcome: PositiveOutcomeRate;
}

export interface DrugMarketAnswer {
  result: DrugMarketResult;
  windowLength: WindowLength;
  components: (IndexComponent & { weight: number })[];
  boroughSearches: SearchOutcomeCounts;
  boroughPositiveOutcome: PositiveOutcomeRate;
  hotspots: DrugMarketHotspot[];
}

/** The hotspot's class: the commonest among its cells (persistent before new before fading on a tie). */
function persistenceOfGroup(cells: readonly DrugMarketCell[]): Persistence | null {
  const order: Persistence[] = ['persistent', 'new', 'fading'];
  const counts = order.map((p) => cells.filter((c) => c.persistence === p).length);
  const best = Math.max(...counts);
  return best === 0 ? null : order[counts.indexOf(best)]!;
}

export async function drugMarkets(deps: AppDeps, q: DrugMarketQueryParams): Promise<Result<DrugMarketAnswer, EngineFailure>> {
  const months = wholeMonthsBetween(q.from, q.to);
  const windowLength: WindowLength = months !== null ? { unit: 'months', months } : { unit: 'days', days: q.to - q.from };
  const windows = windowsEndingAt(q.to, q.windows, windowLength);
  const components = INDEX.components.map((c) => ({ ...c, weight: q.weights.get(c.id) ?? c.weight }));
  const searchPart = components.find((c) => c.source === 'stop-search')!;

  const perWindow = windows.map((w) => searchCountsByCell(deps.db, { ...w, h3Resolution: q.resolution, object: 'drugs' }));
  // One measure for every window and hotspot: the one all the searches allow (geo/search-outcomes.ts).
  const measure = positiveOutcomeRate(perWindow.reduce((sum, w) => addOutcomeCounts(sum, w.total), NO_SEARCHES)).measure;
  const linked = measure === 'outcome-linked-to-object-of-search';
  const found = (c: SearchOutcomeCounts) => (linked ? c.positiveLinked : c.positive);
  const rateOf = (c: SearchOutcomeCounts) => (linked ? linkedToObjectOfSearch(c) : otherThanNoFurtherAction(c));

  await deps.compute.index([q.resolution]);
  const result = await deps.compute.run('drugMarkets', {
    toDay: q.to,
    h3Resolution: q.resolution,
    windowLength,
    windows: q.windows,
    k: 1,
    correction: 'fdr',
    incidentComponents: components
      .filter((c) => c.source === 'incidents')
      .map((c) => ({ id: c.id, label: c.label, weight: c.weight, categories: c.categories ?? [] })),
    searchComponent: {
      id: searchPart.id,
      label: searchPart.label,
      weight: searchPart.weight,
      windows: perWindow.map((w) => w.cells.map((c) => [c.cell, found(c)])),
    },
  });
  if (!result.ok) return fail(result.reason);

  const last = perWindow.at(-1)!;
  const searchesOfCell = new Map(last.cells.map((c) => [c.cell, c]));
  const cellById = new Map(result.value.cells.map((c) => [c.cell, c]));
  const hot = result.value.cells.filter((c) => c.bin >= 2).map((c) => c.cell);
  const hotspots = groupTouchingCells(hot).map((cells, k) => {
    const searches = cells.reduce((sum, cell) => addOutcomeCounts(sum, searchesOfCell.get(cell) ?? NO_SEARCHES), NO_SEARCHES);
    const members = cells.map((cell) => cellById.get(cell)!);
    return {
      id: k + 1,
      cells,
      index: Math.round(members.reduce((sum, c) => sum + c.index, 0) * 1000) / 1000,
      persistence: persistenceOfGroup(members),
      searches: searches.searches,
      positiveOutcome: rateOf(searches),
    };
  });
  return ok({ result: result.value, windowLength, components, boroughSearches: last.total, boroughPositiveOutcome: rateOf(last.total), hotspots });
}
