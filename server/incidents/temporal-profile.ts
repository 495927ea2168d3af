// When does crime happen in a set of cells: an hour-of-day x day-of-week grid (only
// incidents whose time of day is known can go in it) and a monthly series (every incident).
import { cellResolution } from '../../geo/h3';
import { isoDateOfDay, weekdayOfDay } from '../../geo/time';
import type { IncidentIndex } from './incident-index';
import { scanWindow, type WindowQuery } from './window-counts';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface TemporalProfile {
  /** counts[weekday][hour], weekday 0 = Monday, London local time. */
  hourByWeekday: number[][];
  /** Incidents in the window and cells without a time of day (month or day precision): not in the grid. */
  excludedWithoutTime: number;
  monthly: { month: string; count: number }[];
  total: number;
}

export function profileCells(index: IncidentIndex, query: Omit<WindowQuery, 'h3Resolution'>, cells: readonly string[]): TemporalProfile {
  // Cells may be of mixed resolutions: mark every location inside any of them.
  const inCells = new Uint8Array(index.locationCount);
  const byResolution = new Map<number, Set<string>>();
  for (const cell of cells) {
    const r = cellResolution(cell);
    const set = byResolution.get(r) ?? new Set<string>();
    set.add(cell);
    byResolution.set(r, set);
  }
  for (const [resolution, wanted] of byResolution) {
    const { cells: cellsAtResolution, cellOfLocation } = index.cellsAt(resolution);
    const wantedIds = new Set(cellsAtResolution.flatMap((cell, id) => (wanted.has(cell) ? [id] : [])));
    cellOfLocation.forEach((id, k) => {
      if (wantedIds.has(id)) inCells[k] = 1;
    });
  }
  const hourByWeekday = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  const monthly = new Map<string, number>();
  let excludedWithoutTime = 0;
  let total = 0;
  scanWindow(index, query, (i, whole) => {
    if (!whole || inCells[index.locationIndex[i]!] === 0) return;
    total += 1;
    const day = index.startDay[i]!;
    const month = isoDateOfDay(day).slice(0, 7);
    monthly.set(month, (monthly.get(month) ?? 0) + 1);
    const minute = index.minuteOfDay[i]!;
    if (minute < 0) {
      excludedWithoutTime += 1;
      return;
    }
    hourByWeekday[weekdayOfDay(day)]![Math.floor(minute / 60)]! += 1;
  });
  return {
    hourByWeekday,
    excludedWithoutTime,
    monthly: [...monthly].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, count]) => ({ month, count })),
    total,
  };
}
