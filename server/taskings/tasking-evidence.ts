// The evidence snapshot taken when a tasking is created: the window it was judged on, and
// the counts and Gi* bins of its cells then. Stored once; later imports never rewrite it.
import { isoDateOfDay } from '../../geo/time';
import type { TimeFilter } from '../../geo/time-filter';
import { addMonths, firstOfMonth } from '../../geo/windows';
import type { Coverage } from '../../geo/coverage';
import { findHotspots } from '../hotspots/hotspot-service';
import type { StudyGrid } from '../hotspots/study-grid';
import type { IncidentIndex } from '../incidents/incident-index';
import { aggregateCellsInWindow, dataEndDayOf, precisionsInWindow } from '../incidents/window-counts';
import type { EvidenceSnapshot } from './tasking-store';

export interface EvidenceWindow {
  fromDay: number;
  toDay: number;
  timeFilter: TimeFilter | null;
  hours: string | null;
  weekdays: string | null;
}

/**
 * The window a tasking is judged on when the request names none: the last 28 days of data
 * before it starts (today, for a tasking that starts later), or the last whole month with
 * data when some of it is known only to the month.
 */
export function defaultEvidenceWindow(index: IncidentIndex, categories: readonly string[], today: number, startDay: number): EvidenceWindow {
  const until = Math.min(today, startDay);
  const end = Math.min(until, dataEndDayOf(index, categories) ?? until);
  const monthly = precisionsInWindow(index, { categories, fromDay: end - 62, toDay: end }).has('month');
  if (monthly) {
    const to = firstOfMonth(end);
    return { fromDay: addMonths(to, -1), toDay: to, timeFilter: null, hours: null, weekdays: null };
  }
  return { fromDay: end - 28, toDay: end, timeFilter: null, hours: null, weekdays: null };
}

export function takeEvidenceSnapshot(
  index: IncidentIndex,
  grid: StudyGrid,
  coverage: Coverage,
  request: { categories: string[]; cells: readonly string[]; h3Resolution: number; window: EvidenceWindow; takenAt: string },
): EvidenceSnapshot {
  const { categories, cells, h3Resolution, window } = request;
  const query = { categories, fromDay: window.fromDay, toDay: window.toDay, h3Resolution, timeFilter: window.timeFilter };
  const hotspots = findHotspots(index, grid, coverage, { ...query, method: 'gistar', k: 1, correction: 'fdr', includeProactive: false });
  const wanted = new Set(cells);
  let evidenceCells: EvidenceSnapshot['cells'];
  let note: string | null = null;
  if (hotspots.ok) {
    evidenceCells = hotspots.value.cells
      .filter((c) => wanted.has(c.cell))
      .map((c) => ({ cell: c.cell, count: c.count, bin: c.bin, z: Number.isFinite(c.z) ? Math.round(c.z * 1000) / 1000 : null }));
  } else {
    const counts = new Map(aggregateCellsInWindow(index, query).map((c) => [c.cell, c.count] as const));
    evidenceCells = cells.map((cell) => ({ cell, count: counts.get(cell) ?? 0, bin: null, z: null }));
    note =
      hotspots.reason.code === 'window_finer_than_data'
        ? 'No Gi* bins: some of these incidents are known only to the month, and the window is not whole months; the counts are of incidents known to fall inside it.'
        : `No Gi* bins: ${hotspots.reason.message}`;
  }
  evidenceCells.sort((a, b) => b.count - a.count || (a.cell < b.cell ? -1 : 1));
  return {
    takenAt: request.takenAt,
    window: { from: isoDateOfDay(window.fromDay), to: isoDateOfDay(window.toDay), hours: window.hours, weekdays: window.weekdays },
    h3Resolution,
    categories,
    total: evidenceCells.reduce((sum, c) => sum + c.count, 0),
    cells: evidenceCells,
    hotCells: evidenceCells.filter((c) => c.bin !== null && c.bin >= 2).length,
    method: 'Getis-Ord Gi* over the study area, k = 1, FDR-corrected; counts of incidents wholly inside the window',
    note,
  };
}
