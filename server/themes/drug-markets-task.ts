// The drug-market layer's statistics (issue 11), on the compute worker like the hotspot engine
// (decision 022): per window the index of every study cell (geo/drug-markets.ts), Gi* on the
// index in each window, and the emerging engine's pattern over the windows, named persistent,
// new or fading. Drug searches come in from the main thread as counts per cell (the worker
// reads only the incident index).
import { judgeCoverage, type Coverage } from '../../geo/coverage';
import { drugMarketIndex, persistenceOf, type ComponentSeries, type Persistence } from '../../geo/drug-markets';
import { classifyEmerging, type EmergingPattern } from '../../geo/emerging';
import { computeGiStar, type GiBin } from '../../geo/gistar';
import type { Correction } from '../../geo/multiple-testing';
import { alignCellValues, type Neighbourhood } from '../../geo/study-cells';
import { ok, type Result } from '../../geo/types';
import { describeWindow, wholeMonthsBetween, windowsEndingAt, type WindowLength } from '../../geo/windows';
import type { IncidentIndex } from '../incidents/incident-index';
import { aggregateCellsInWindow } from '../incidents/window-counts';
import { checkPrecision, type EngineFailure } from '../hotspots/hotspot-service';
import type { StudyGrid } from '../hotspots/study-grid';

/** A cell counts as hot in a window at 95% confidence or more (Gi* bin 2 or 3), as the emerging layer's default. */
const HOT_BIN = 2;

export interface DrugMarketQuery {
  toDay: number;
  h3Resolution: number;
  windowLength: WindowLength;
  /** Windows ending at toDay, oldest first; the last is the window asked for. */
  windows: number;
  k: number;
  correction: Correction;
  /** The index's incident parts: id, label, weight and categories. */
  incidentComponents: { id: string; label: string; weight: number; categories: readonly string[] }[];
  /** The drug-search part: its weight, and per window (oldest first) the searches found per cell. */
  searchComponent: { id: string; label: string; weight: number; windows: [string, number][][] };
}

export interface DrugMarketCell {
  cell: string;
  index: number;
  /** The window's records per part, by component id. */
  components: Record<string, number>;
  z: number | null;
  bin: GiBin;
  persistence: Persistence | null;
  /** The emerging engine's own pattern behind `persistence` (decision 009). */
  pattern: EmergingPattern | null;
  /** Windows (of `windows`) in which the cell was hot. */
  hotWindows: number;
}

export interface DrugMarketResult {
  windows: ReturnType<typeof describeWindow>[];
  scales: { id: string; meanPerCell: number | null }[];
  /** Cells with any record, a significant Gi* bin or a persistence class. */
  cells: DrugMarketCell[];
  studyCells: number;
  notes: string[];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function aligned(neighbourhood: Neighbourhood, pairs: readonly (readonly [string, number])[]): Float64Array {
  const values = alignCellValues(neighbourhood, pairs, { outside: 'drop' });
  if (!values.ok) throw new Error(`internal: ${values.reason}`);
  return values.value.values;
}

export function findDrugMarkets(index: IncidentIndex, grid: StudyGrid, coverage: Coverage, query: DrugMarketQuery): Result<DrugMarketResult, EngineFailure> {
  const neighbourhood = grid(query.h3Resolution, query.k);
  if (!neighbourhood.ok) return neighbourhood;
  const windows = windowsEndingAt(query.toDay, query.windows, query.windowLength);
  const first = windows[0]!;
  const categories = query.incidentComponents.flatMap((c) => c.categories);
  const monthAligned = query.windowLength.unit === 'months' && wholeMonthsBetween(first.fromDay, query.toDay) !== null;
  const precision = checkPrecision(index, { categories, fromDay: first.fromDay, toDay: query.toDay }, monthAligned);
  if (!precision.ok) return precision;

  const n = neighbourhood.value.cells.length;
  const components: ComponentSeries[] = query.incidentComponents.map((component) => ({
    id: component.id,
    label: component.label,
    weight: component.weight,
    windows: windows.map((window) =>
      aligned(
        neighbourhood.value,
        aggregateCellsInWindow(index, { categories: component.categories, ...window, h3Resolution: query.h3Resolution }).map((c) => [c.cell, c.count] as const),
      ),
    ),
  }));
  const searches = query.searchComponent;
  components.push({
    id: searches.id,
    label: searches.label,
    weight: searches.weight,
    windows: searches.windows.map((pairs) => aligned(neighbourhood.value, pairs)),
  });
  const series = drugMarketIndex(components, n);

  const states = windows.map(() => new Int8Array(n));
  const zs = windows.map(() => new Float64Array(n));
  const notes = [...series.notes];
  let lastBins: GiBin[] = new Array<GiBin>(n).fill(0);
  let lastZ: (number | null)[] = new Array<number | null>(n).fill(null);
  series.windows.forEach((values, w) => {
    const gi = computeGiStar(neighbourhood.value, values, { correction: query.correction });
    if (!gi.ok) {
      if (w === series.windows.length - 1) notes.push(`Hot spots cannot be found in the window asked for: ${gi.reason.message}.`);
      return;
    }
    gi.value.cells.forEach((c, i) => {
      zs[w]![i] = c.z;
      states[w]![i] = Math.abs(c.bin) >= HOT_BIN ? Math.sign(c.bin) : 0;
    });
    if (w === series.windows.length - 1) {
      lastBins = gi.value.cells.map((c) => c.bin);
      lastZ = gi.value.cells.map((c) => (Number.isNaN(c.z) ? null : round(c.z)));
    }
  });
  const coverageNote = judgeCoverage(coverage, categories, [windows.at(-1)!]).note;
  if (coverageNote) notes.push(coverageNote);

  const last = windows.length - 1;
  const cells: DrugMarketCell[] = [];
  for (let i = 0; i < n; i++) {
    const emerging = classifyEmerging(
      states.map((s) => s[i]!),
      zs.map((s) => s[i]!),
    );
    const persistence = persistenceOf(states.map((s) => s[i]!));
    const value = series.windows[last]![i]!;
    if (value === 0 && lastBins[i] === 0 && persistence === null) continue;
    cells.push({
      cell: neighbourhood.value.cells[i]!,
      index: round(value),
      components: Object.fromEntries(components.map((c) => [c.id, c.windows[last]![i]!])),
      z: lastZ[i] ?? null,
      bin: lastBins[i]!,
      persistence,
      pattern: emerging.side === 'hot' ? emerging.pattern : null,
      hotWindows: emerging.hotWindows,
    });
  }
  cells.sort((a, b) => b.index - a.index || (a.cell < b.cell ? -1 : 1));
  return ok({ windows: windows.map(describeWindow), scales: series.scales, cells, studyCells: n, notes });
}
