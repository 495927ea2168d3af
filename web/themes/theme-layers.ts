// A theme's answer as map data, its layers, what a click on them means, and the small summary
// of what is drawn (for the map-state element the end-to-end stories read). Pure.
import type { Layer } from '@deck.gl/core';
import type { DrugMarketsResponse, SchoolsRobberyResponse, SeriousViolenceResponse } from './theme-api';
import { DRUG_LAYER_IDS, drugMarketLayers, isHot, PERSISTENCE_ORDER, type DrugMarketLayerData, type Persistence } from './drug-market-layers';
import { pickedHotspot } from './hotspot-marks';
import { SCHOOL_LAYER_IDS, schoolLayers, type SchoolsLayerData } from './school-layers';
import { isViolenceHot, VIOLENCE_LAYER_IDS, violenceLayers, type ViolenceLayerData } from './violence-layers';

export type ThemeLayerData = SchoolsLayerData | DrugMarketLayerData | ViolenceLayerData;

export function themeLayers(data: ThemeLayerData): Layer[] {
  switch (data.theme) {
    case 'schools-robbery':
      return schoolLayers(data);
    case 'drug-markets':
      return drugMarketLayers(data);
    case 'serious-violence':
      return violenceLayers(data);
  }
}

export function schoolsLayerDataOf(response: Pick<SchoolsRobberyResponse, 'schools' | 'cells' | 'meta'>, selectedUrn: string | null): SchoolsLayerData {
  return {
    theme: 'schools-robbery',
    schools: response.schools.map((s, k) => ({
      urn: s.urn,
      name: s.name,
      rank: k + 1,
      position: s.position,
      count: s.count,
      standsOut: s.aboveBoroughRate?.standsOut === true,
    })),
    cells: response.cells,
    bufferMeters: response.meta.bufferMeters,
    selectedUrn,
  };
}

export function drugLayerDataOf(response: Pick<DrugMarketsResponse, 'cells' | 'hotspots'>, selectedHotspot: number | null): DrugMarketLayerData {
  return {
    theme: 'drug-markets',
    cells: response.cells.map((c) => ({ cell: c.cell, index: c.index, bin: c.bin, persistence: c.persistence })),
    hotspots: response.hotspots.map((h) => ({ id: h.id, cells: h.cells, persistence: h.persistence })),
    selectedHotspot,
  };
}

export function violenceLayerDataOf(response: Pick<SeriousViolenceResponse, 'cells' | 'hotspots'>, selectedHotspot: number | null): ViolenceLayerData {
  return {
    theme: 'serious-violence',
    cells: response.cells.map((c) => ({ cell: c.cell, count: c.count, bin: c.bin })),
    hotspots: response.hotspots.map((h) => ({ id: h.id, cells: h.cells })),
    selectedHotspot,
  };
}

export type ThemePick = { kind: 'school'; urn: string } | { kind: 'hotspot'; id: number } | null;

const hasString = (value: unknown, key: string): string | null =>
  typeof value === 'object' && value !== null && key in value && typeof (value as Record<string, unknown>)[key] === 'string'
    ? String((value as Record<string, unknown>)[key])
    : null;

/** What a click on a theme's layer picked: a school, or the hotspot of a cell or of its number. */
export function themePickOf(data: ThemeLayerData, layerId: string | null, object: unknown): ThemePick {
  if (data.theme === 'schools-robbery') {
    const urn = layerId === SCHOOL_LAYER_IDS.points ? hasString(object, 'urn') : null;
    return urn !== null ? { kind: 'school', urn } : null;
  }
  const labels = data.theme === 'drug-markets' ? DRUG_LAYER_IDS.labels : VIOLENCE_LAYER_IDS.labels;
  const id = pickedHotspot(data.hotspots, labels, layerId, object);
  return id !== null ? { kind: 'hotspot', id } : null;
}

/** What the map draws for a theme, in a few testable figures. */
export interface ThemeMapSummary {
  id: string;
  /** The heading on screen (the answer's label). */
  heading: string;
  /** schools-robbery: 'band' or 'any-time-monthly'; serious-violence: its definition, 'partner' or 'police-uk-monthly'; null for drug markets. */
  mode: string | null;
  /** The table's rows in order (up to 10): school names, or 'Hotspot 1'... */
  rows: string[];
  /** Rows marked on the map and in the table: schools that stand out, persistent hotspots. */
  marked: string[];
  selected: string | null;
  /** Hexagons coloured, points (schools or index circles) and buffer circles drawn. */
  cells: number;
  points: number;
  rings: number;
  /** Drug-market cells per persistence class (and 'hot' for hot cells without one). */
  classes: Record<string, number>;
}

const TOP_ROWS = 10;

export function schoolsSummaryOf(response: SchoolsRobberyResponse, data: SchoolsLayerData): ThemeMapSummary {
  return {
    id: 'schools-robbery',
    heading: response.meta.label,
    mode: response.meta.mode,
    rows: response.schools.slice(0, TOP_ROWS).map((s) => s.name),
    marked: data.schools.filter((s) => s.standsOut).map((s) => s.name),
    selected: data.schools.find((s) => s.urn === data.selectedUrn)?.name ?? null,
    cells: data.cells.filter((c) => c.count > 0).length,
    points: data.schools.length,
    rings: data.schools.length,
    classes: {},
  };
}

export const hotspotName = (id: number) => `Hotspot ${id}`;

export function drugSummaryOf(response: DrugMarketsResponse, data: DrugMarketLayerData): ThemeMapSummary {
  const classes: Record<string, number> = {};
  for (const p of PERSISTENCE_ORDER) classes[p] = data.cells.filter((c) => c.persistence === p).length;
  classes['hot'] = data.cells.filter((c) => c.persistence === null && isHot(c)).length;
  return {
    id: 'drug-markets',
    heading: response.meta.label,
    mode: null,
    rows: response.hotspots.slice(0, TOP_ROWS).map((h) => hotspotName(h.id)),
    marked: response.hotspots.filter((h) => h.persistence === ('persistent' satisfies Persistence)).map((h) => hotspotName(h.id)),
    selected: data.selectedHotspot === null ? null : hotspotName(data.selectedHotspot),
    cells: data.cells.filter((c) => c.persistence !== null || isHot(c)).length,
    points: data.cells.filter((c) => c.index > 0 && (c.persistence !== null || isHot(c))).length,
    rings: 0,
    classes,
  };
}

export function violenceSummaryOf(response: SeriousViolenceResponse, data: ViolenceLayerData): ThemeMapSummary {
  const bins: Record<string, number> = {};
  for (const c of data.cells) bins[`bin${c.bin}`] = (bins[`bin${c.bin}`] ?? 0) + 1;
  return {
    id: 'serious-violence',
    heading: response.meta.label,
    mode: response.meta.definition,
    rows: response.hotspots.slice(0, TOP_ROWS).map((h) => hotspotName(h.id)),
    marked: [],
    selected: data.selectedHotspot === null ? null : hotspotName(data.selectedHotspot),
    cells: data.cells.filter(isViolenceHot).length,
    points: 0,
    rings: 0,
    classes: bins,
  };
}
