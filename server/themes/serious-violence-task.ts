// The serious-violence layer's statistics (issue 11), on the compute worker like the hotspot
// engine (decision 022): which definition the window allows (the partnership's, on flagged
// partner data, or police.uk's monthly approximation), the hotspot engine's counts and Gi* under
// that definition, the borough totals with and without domestic abuse at home, and the theme's
// profile (hour x weekday, month, the victims under 25, the hot cells' hours).
import { FLAG_NAMES, FLAGGED_SOURCE_BIT, flagBit, flagMask, type FlagName, type FlagRule } from '../../geo/incident-flags';
import { groupTouchingCells } from '../../geo/h3';
import { isoDateOfDay, weekdayOfDay } from '../../geo/time';
import type { TimeFilter } from '../../geo/time-filter';
import { ok, type Result } from '../../geo/types';
import type { Coverage } from '../../geo/coverage';
import type { Correction } from '../../geo/multiple-testing';
import { findHotspots, type EngineFailure, type HotspotResult } from '../hotspots/hotspot-service';
import type { StudyGrid } from '../hotspots/study-grid';
import { MAX_SPAN_DAYS, type IncidentIndex } from '../incidents/incident-index';
import { scanWindow, type WindowQuery } from '../incidents/window-counts';

/** Flags that bring any offence into the partnership's definition, whatever its category. */
export const ANY_OFFENCE_FLAGS: readonly FlagName[] = ['knife', 'firearm', 'corrosive', 'domestic', 'hate'];
/** police.uk's categories for the monthly approximation. */
export const POLICE_UK_APPROXIMATION = ['violent-crime', 'possession-of-weapons'] as const;

export type SeriousViolenceDefinition = 'partner' | 'police-uk-monthly';

export interface SeriousViolenceQuery {
  fromDay: number;
  toDay: number;
  h3Resolution: number;
  /** The partner definition's categories (the theme's, or those asked for). */
  categories: readonly string[];
  includeDwellings: boolean;
  timeFilter: TimeFilter | null;
  k: number;
  correction: Correction;
}

export interface HourProfile {
  /** counts by hour 0..23, London time. */
  byHour: number[];
  monthly: { month: string; count: number }[];
  total: number;
}

export interface SeriousViolenceProfile extends HourProfile {
  /** counts[weekday][hour], weekday 0 = Monday. */
  hourByWeekday: number[][];
  /** Incidents of the layer without a time of day: in the monthly series, not in the hours. */
  withoutTime: number;
  /** The layer's incidents whose victim was under 25 (partner flag). */
  victimUnder25: HourProfile;
  /** The layer's incidents in its hot cells (Gi* 95% or more). */
  hotCells: HourProfile;
}

/** Hot cells (Gi* 95% or more) that touch, as one place to patrol, with when its violence happens. */
export interface SeriousViolenceHotspot {
  /** 1 = the hotspot with the most incidents. */
  id: number;
  cells: string[];
  /** The layer's incidents in its cells. */
  count: number;
  /** Of them, with a victim under 25 (partner flag). */
  victimUnder25: number;
  /** By hour 0..23, London time; incidents without a time of day are not in it. */
  byHour: number[];
}

export interface SeriousViolenceResult {
  definition: SeriousViolenceDefinition;
  /** Incidents with flags from partner files in the window (any category): what decides the definition. */
  flaggedPartnerIncidents: number;
  categories: readonly string[];
  flagRule: FlagRule | null;
  /** The hotspot engine's answer under the definition: counts and Gi* per cell. */
  gistar: HotspotResult;
  totals: {
    /** The layer's count: the tasking view (dwellings left out unless asked for). */
    layer: number;
    /** The borough total under the definition, domestic abuse at home included. */
    borough: number;
    /** Incidents at a dwelling the tasking view leaves out (0 when they are included). */
    dwellingsLeftOut: number;
    /** Of the borough total, incidents carrying each flag. */
    byFlag: Record<FlagName, number>;
  };
  profile: SeriousViolenceProfile;
  hotspots: SeriousViolenceHotspot[];
}

/** Incidents from flagged partner files overlapping [fromDay, toDay), any category. */
export function flaggedIncidentsInWindow(index: IncidentIndex, fromDay: number, toDay: number): number {
  let n = 0;
  const stop = index.firstAtOrAfter(toDay);
  for (let i = index.firstAtOrAfter(fromDay - MAX_SPAN_DAYS); i < stop; i++) {
    if (index.endDay[i]! > fromDay && (index.flags[i]! & FLAGGED_SOURCE_BIT) !== 0) n += 1;
  }
  return n;
}

const emptyHours = (): HourProfile => ({ byHour: new Array<number>(24).fill(0), monthly: [], total: 0 });

/** The profile, and per hotspot its count, victims under 25 and hours; `hotspotOf(i)` is the incident's hotspot's place in `places`, or -1. */
function profileOf(
  index: IncidentIndex,
  query: Omit<WindowQuery, 'h3Resolution'>,
  hotspotOf: (i: number) => number,
  places: readonly { count: number; victimUnder25: number; byHour: number[] }[],
): SeriousViolenceProfile {
  const hourByWeekday = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const all = emptyHours();
  const under25 = emptyHours();
  const hot = emptyHours();
  const months = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const under25Bit = flagBit('victimUnder25');
  let withoutTime = 0;
  scanWindow(index, query, (i, whole) => {
    if (!whole) return;
    const day = index.startDay[i]!;
    const month = isoDateOfDay(day).slice(0, 7);
    const minute = index.minuteOfDay[i]!;
    const hour = minute < 0 ? -1 : Math.floor(minute / 60);
    const add = (profile: HourProfile, monthly: Map<string, number>) => {
      profile.total += 1;
      monthly.set(month, (monthly.get(month) ?? 0) + 1);
      if (hour >= 0) profile.byHour[hour]! += 1;
    };
    add(all, months[0]!);
    if (hour < 0) withoutTime += 1;
    else hourByWeekday[weekdayOfDay(day)]![hour]! += 1;
    const young = (index.flags[i]! & under25Bit) !== 0;
    if (young) add(under25, months[1]!);
    const place = places[hotspotOf(i)];
    if (place) {
      add(hot, months[2]!);
      place.count += 1;
      if (young) place.victimUnder25 += 1;
      if (hour >= 0) place.byHour[hour]! += 1;
    }
  });
  const series = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, count]) => ({ month, count }));
  return {
    ...all,
    monthly: series(months[0]!),
    hourByWeekday,
    withoutTime,
    victimUnder25: { ...under25, monthly: series(months[1]!) },
    hotCells: { ...hot, monthly: series(months[2]!) },
  };
}

export function findSeriousViolence(
  index: IncidentIndex,
  grid: StudyGrid,
  coverage: Coverage,
  query: SeriousViolenceQuery,
): Result<SeriousViolenceResult, EngineFailure> {
  const flaggedPartnerIncidents = flaggedIncidentsInWindow(index, query.fromDay, query.toDay);
  const definition: SeriousViolenceDefinition = flaggedPartnerIncidents > 0 ? 'partner' : 'police-uk-monthly';
  const categories = definition === 'partner' ? query.categories : POLICE_UK_APPROXIMATION;
  // police.uk records carry no flags and no location type: the approximation cannot leave homes out.
  const ruleFor = (includeDwellings: boolean): FlagRule | null =>
    definition === 'partner'
      ? { anyFlags: flagMask(ANY_OFFENCE_FLAGS), excludeLocationTypes: includeDwellings ? [] : ['dwelling'], onlyFlaggedSources: true }
      : null;
  const flagRule = ruleFor(query.includeDwellings);
  const window = { categories, fromDay: query.fromDay, toDay: query.toDay, timeFilter: query.timeFilter };
  const hotspots = findHotspots(index, grid, coverage, {
    ...window,
    h3Resolution: query.h3Resolution,
    flagRule,
    method: 'gistar',
    k: query.k,
    correction: query.correction,
    includeProactive: true,
  });
  if (!hotspots.ok) return hotspots;

  const count = (rule: FlagRule | null) => {
    let n = 0;
    scanWindow(index, { ...window, flagRule: rule }, (_i, whole) => (n += whole ? 1 : 0));
    return n;
  };
  const byFlag = Object.fromEntries(FLAG_NAMES.map((name) => [name, 0])) as Record<FlagName, number>;
  let borough = 0;
  scanWindow(index, { ...window, flagRule: ruleFor(true) }, (i, whole) => {
    if (!whole) return;
    borough += 1;
    const code = index.flags[i]!;
    for (const name of FLAG_NAMES) if ((code & flagBit(name)) !== 0) byFlag[name] += 1;
  });
  const layer = query.includeDwellings ? borough : count(flagRule);

  const { cells: cellIds, cellOfLocation } = index.cellsAt(query.h3Resolution);
  const groups = groupTouchingCells(hotspots.value.cells.filter((c) => c.bin >= 2).map((c) => c.cell));
  const groupOfCell = new Map(groups.flatMap((cells, g) => cells.map((cell) => [cell, g] as const)));
  const groupOfIndexCell = Int32Array.from(cellIds, (cell) => groupOfCell.get(cell) ?? -1);
  const places = groups.map(() => ({ count: 0, victimUnder25: 0, byHour: new Array<number>(24).fill(0) }));
  const profile = profileOf(index, { ...window, flagRule }, (i) => groupOfIndexCell[cellOfLocation[index.locationIndex[i]!]!]!, places);
  const ranked = groups
    .map((cells, g) => ({ cells, ...places[g]! }))
    .sort((a, b) => b.count - a.count || b.cells.length - a.cells.length || (a.cells[0]! < b.cells[0]! ? -1 : 1))
    .map((place, k) => ({ id: k + 1, ...place }));

  return ok({
    definition,
    flaggedPartnerIncidents,
    categories,
    flagRule,
    gistar: hotspots.value,
    totals: { layer, borough, dwellingsLeftOut: borough - layer, byFlag },
    profile,
    hotspots: ranked,
  });
}
