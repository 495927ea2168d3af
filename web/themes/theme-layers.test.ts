import type { Layer } from '@deck.gl/core';
// eslint-disable-next-line no-restricted-imports -- this test runs in Node and reads the stylesheet the browser gets (vitest blanks CSS, ?raw included)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, cellsWithinDistance } from '../../geo/h3';
import { buildLayers, LAYER_IDS } from '../build-layers';
import { DRUG_LAYER_IDS, drugMarketLayers, PERSISTENCE_STYLES, type DrugMarketLayerData } from './drug-market-layers';
import { hotspotLabelPoint } from './hotspot-marks';
import { bufferRing, SCHOOL_CELL_CLASSES, SCHOOL_LAYER_IDS, schoolCellClass, schoolCellClassLabel, schoolLayers, type SchoolsLayerData } from './school-layers';
import { themePickOf, violenceSummaryOf } from './theme-layers';
import { SIGNIFICANT_ALPHA, VIOLENCE_LAYER_IDS, violenceLayers, type ViolenceLayerData } from './violence-layers';
import type { SeriousViolenceResponse } from './theme-api';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function layerById(layers: Layer[], id: string): Layer {
  const layer = layers.find((l) => l.id === id);
  if (!layer) throw new Error(`no layer ${id}; have ${layers.map((l) => l.id).join(', ')}`);
  return layer;
}

function accessor<T>(layer: Layer, name: string, datum: T): unknown {
  const value: unknown = (layer.props as Record<string, unknown>)[name];
  return typeof value === 'function' ? value(datum, { index: 0, data: [], target: [] }) : value;
}

const WHITECHAPEL: [number, number] = [-0.0595, 51.5185];
const MILLWALL: [number, number] = [-0.0195, 51.4975];
const HOT = cellAt(-0.0597, 51.5194, 10);

const schools: SchoolsLayerData = deepFreeze({
  theme: 'schools-robbery',
  schools: [
    { urn: '990002', name: 'Whitechapel Road Academy (demo)', rank: 1, position: WHITECHAPEL, count: 23, standsOut: true },
    { urn: '990009', name: 'Millwall Dock Academy (demo)', rank: 2, position: MILLWALL, count: 1, standsOut: false },
  ],
  cells: [
    { cell: HOT, count: 9 },
    { cell: cellAt(-0.0195, 51.4976, 10), count: 0 },
  ],
  bufferMeters: 400,
  selectedUrn: null,
});

/** Metres between two [lng, lat] points on a sphere (haversine), worked out here rather than through Turf. */
function metresBetween([lng1, lat1]: readonly number[], [lng2, lat2]: readonly number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lng2! - lng1!) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

describe('robbery near schools layers', () => {
  it('draws each buffer as a closed ring the buffer distance from its school', () => {
    const ring = bufferRing(WHITECHAPEL, 400);
    expect(ring.length).toBe(65);
    expect(ring[0]).toEqual(ring.at(-1));
    for (const point of ring) expect(metresBetween(WHITECHAPEL, point)).toBeCloseTo(400, -1);
  });

  it('classes cell counts into the legend classes, in words', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 40].map((n) => schoolCellClass(n)?.key ?? null)).toEqual([
      null,
      'school-count-1',
      'school-count-2',
      'school-count-2',
      'school-count-3',
      'school-count-3',
      'school-count-4',
      'school-count-4',
    ]);
    expect(SCHOOL_CELL_CLASSES.map((_, k) => schoolCellClassLabel(k))).toEqual(['1', '2–3', '4–7', '8 or more']);
  });

  it('draws buffers, counted cells, schools sized by count, the ring of the one that stands out and its row number', () => {
    const layers = schoolLayers(schools);
    expect(layers.map((l) => l.id)).toEqual([
      SCHOOL_LAYER_IDS.buffers,
      SCHOOL_LAYER_IDS.cells,
      SCHOOL_LAYER_IDS.points,
      SCHOOL_LAYER_IDS.standsOut,
      SCHOOL_LAYER_IDS.ranks,
      SCHOOL_LAYER_IDS.labels,
    ]);
    expect((layerById(layers, SCHOOL_LAYER_IDS.buffers).props.data as unknown[]).length).toBe(2);
    const cells = layerById(layers, SCHOOL_LAYER_IDS.cells);
    expect(cells.props.data).toEqual([{ cell: HOT, count: 9 }]);
    expect(accessor(cells, 'getFillColor', { cell: HOT, count: 9 })).toEqual([128, 0, 38, 200]);
    const points = layerById(layers, SCHOOL_LAYER_IDS.points);
    // The one that stands out is drawn last, on top of the others.
    const [small, big] = points.props.data as SchoolsLayerData['schools'];
    expect(big!.urn).toBe('990002');
    expect(Number(accessor(points, 'getRadius', big))).toBeGreaterThan(Number(accessor(points, 'getRadius', small)));
    expect(accessor(points, 'getFillColor', big)).not.toEqual(accessor(points, 'getFillColor', small));
    expect((layerById(layers, SCHOOL_LAYER_IDS.standsOut).props.data as { urn: string }[]).map((s) => s.urn)).toEqual(['990002']);
    const ranks = layerById(layers, SCHOOL_LAYER_IDS.ranks);
    expect((ranks.props.data as { urn: string }[]).map((s) => s.urn)).toEqual(['990002']);
    expect(accessor(ranks, 'getText', schools.schools[0])).toBe('1');
    expect(layerById(layers, SCHOOL_LAYER_IDS.labels).props.data).toEqual([]);
  });

  it('rings and names the school picked in the table', () => {
    const layers = schoolLayers({ ...schools, selectedUrn: '990009' });
    expect((layerById(layers, SCHOOL_LAYER_IDS.selected).props.data as { urn: string }[]).map((s) => s.urn)).toEqual(['990009']);
    const labels = layerById(layers, SCHOOL_LAYER_IDS.labels);
    expect((labels.props.data as { urn: string }[]).map((s) => s.urn)).toEqual(['990009']);
    expect(accessor(labels, 'getText', schools.schools[1])).toBe('Millwall Dock Academy (demo)');
  });

  it('picks a school from its point and nothing from its buffer', () => {
    expect(themePickOf(schools, SCHOOL_LAYER_IDS.points, schools.schools[1])).toEqual({ kind: 'school', urn: '990009' });
    expect(themePickOf(schools, SCHOOL_LAYER_IDS.buffers, { urn: '990009' })).toBeNull();
  });
});

const MARKET = cellAt(-0.028, 51.513, 9);
const [, NEIGHBOUR, FAR] = [MARKET, cellsWithinDistance(MARKET, 1).find((c) => c !== MARKET)!, cellAt(-0.07, 51.5195, 9)];
const drugs: DrugMarketLayerData = deepFreeze({
  theme: 'drug-markets',
  cells: [
    { cell: MARKET, index: 12, bin: 3, persistence: 'persistent' },
    { cell: NEIGHBOUR, index: 4, bin: 2, persistence: null },
    { cell: FAR, index: 2, bin: 0, persistence: 'fading' },
    { cell: cellAt(-0.05, 51.52, 9), index: 1.5, bin: 0, persistence: null },
  ],
  hotspots: [{ id: 1, cells: [MARKET, NEIGHBOUR], persistence: 'persistent' }],
  selectedHotspot: null,
});

describe('drug-market layers', () => {
  it('colours classed cells by persistence, outlines other hot cells, circles the index on those, numbers the hotspots', () => {
    const layers = drugMarketLayers(drugs);
    expect(layers.map((l) => l.id)).toEqual([DRUG_LAYER_IDS.hot, DRUG_LAYER_IDS.persistence, DRUG_LAYER_IDS.index, DRUG_LAYER_IDS.labels]);
    const classed = layerById(layers, DRUG_LAYER_IDS.persistence);
    expect((classed.props.data as { cell: string }[]).map((c) => c.cell)).toEqual([MARKET, FAR]);
    expect(accessor(classed, 'getFillColor', drugs.cells[0])).toEqual([84, 39, 136, 215]);
    expect(accessor(classed, 'getLineWidth', drugs.cells[0])).toBeGreaterThan(Number(accessor(classed, 'getLineWidth', drugs.cells[2])));
    expect((layerById(layers, DRUG_LAYER_IDS.hot).props.data as { cell: string }[]).map((c) => c.cell)).toEqual([NEIGHBOUR]);
    // No circle on the cell that is neither hot nor classed.
    expect((layerById(layers, DRUG_LAYER_IDS.index).props.data as { cell: string }[]).map((c) => c.cell)).toEqual([MARKET, NEIGHBOUR, FAR]);
    const label = (layerById(layers, DRUG_LAYER_IDS.labels).props.data as { id: number; position: number[] }[])[0]!;
    expect(label.id).toBe(1);
    expect([cellCentre(MARKET), cellCentre(NEIGHBOUR)]).toContainEqual(label.position);
  });

  it('outlines the hotspot picked in the table, and a click on any of its cells picks it', () => {
    const layers = drugMarketLayers({ ...drugs, selectedHotspot: 1 });
    expect(layerById(layers, DRUG_LAYER_IDS.selected).props.data).toEqual([MARKET, NEIGHBOUR]);
    expect(themePickOf(drugs, DRUG_LAYER_IDS.hot, drugs.cells[1])).toEqual({ kind: 'hotspot', id: 1 });
    expect(themePickOf(drugs, DRUG_LAYER_IDS.labels, { id: 1, position: [0, 0] })).toEqual({ kind: 'hotspot', id: 1 });
    expect(themePickOf(drugs, DRUG_LAYER_IDS.persistence, drugs.cells[2])).toBeNull();
    expect(hotspotLabelPoint([])).toBeNull();
  });

  it('keeps the three classes apart in greyscale: each lighter than the last', () => {
    const lightness = ([r, g, b]: readonly number[]) => 0.299 * r! + 0.587 * g! + 0.114 * b!;
    const [persistent, fresh, fading] = (['persistent', 'new', 'fading'] as const).map((p) => lightness(PERSISTENCE_STYLES[p].fill));
    expect(fresh! - persistent!).toBeGreaterThan(40);
    expect(fading! - fresh!).toBeGreaterThan(40);
  });
});

const EVENING = cellAt(-0.027, 51.535, 9);
const EVENING_NEXT = cellsWithinDistance(EVENING, 1).find((c) => c !== EVENING)!;
const violence: ViolenceLayerData = deepFreeze({
  theme: 'serious-violence',
  cells: [
    { cell: EVENING, count: 30, bin: 3 },
    { cell: EVENING_NEXT, count: 12, bin: 2 },
    { cell: FAR, count: 2, bin: 0 },
    { cell: cellAt(-0.05, 51.52, 9), count: 0, bin: -2 },
  ],
  hotspots: [{ id: 1, cells: [EVENING, EVENING_NEXT] }],
  selectedHotspot: null,
});

describe('serious violence layers', () => {
  it("colours cells in the hot spot view's Gi* colours, faint where not significant, and numbers the hotspots", () => {
    const layers = violenceLayers(violence);
    expect(layers.map((l) => l.id)).toEqual([VIOLENCE_LAYER_IDS.cells, VIOLENCE_LAYER_IDS.labels]);
    const cells = layerById(layers, VIOLENCE_LAYER_IDS.cells);
    // Hot cells drawn last, so their edges stay on top.
    expect((cells.props.data as { cell: string }[]).map((c) => c.cell).slice(-2)).toEqual([EVENING_NEXT, EVENING]);
    expect(accessor(cells, 'getFillColor', violence.cells[0])).toEqual([215, 48, 39, SIGNIFICANT_ALPHA]);
    expect((accessor(cells, 'getFillColor', violence.cells[2]) as number[])[3]).toBeLessThan(SIGNIFICANT_ALPHA);
    expect(accessor(cells, 'getFillColor', violence.cells[3])).toEqual([116, 173, 209, SIGNIFICANT_ALPHA]);
    expect(accessor(cells, 'getLineWidth', violence.cells[0])).toBeGreaterThan(0);
    expect(accessor(cells, 'getLineWidth', violence.cells[2])).toBe(0);
    const label = (layerById(layers, VIOLENCE_LAYER_IDS.labels).props.data as { id: number }[])[0]!;
    expect(label.id).toBe(1);
  });

  it('outlines the hotspot picked in the table; a click on its cell or its number picks it', () => {
    const layers = violenceLayers({ ...violence, selectedHotspot: 1 });
    expect(layerById(layers, VIOLENCE_LAYER_IDS.selected).props.data).toEqual([EVENING, EVENING_NEXT]);
    expect(themePickOf(violence, VIOLENCE_LAYER_IDS.cells, violence.cells[1])).toEqual({ kind: 'hotspot', id: 1 });
    expect(themePickOf(violence, VIOLENCE_LAYER_IDS.labels, { id: 1, position: [0, 0] })).toEqual({ kind: 'hotspot', id: 1 });
    expect(themePickOf(violence, VIOLENCE_LAYER_IDS.cells, violence.cells[2])).toBeNull();
  });

  it('sums up what is drawn: the definition, the hot cells and each Gi* class', () => {
    const response = {
      meta: { label: "Serious violence: the partnership's definition (partner data with flags)", definition: 'partner' },
      hotspots: [{ id: 1 }],
    } as unknown as SeriousViolenceResponse;
    expect(violenceSummaryOf(response, { ...violence, selectedHotspot: 1 })).toMatchObject({
      id: 'serious-violence',
      mode: 'partner',
      rows: ['Hotspot 1'],
      selected: 'Hotspot 1',
      cells: 2,
      classes: { bin3: 1, bin2: 1, bin0: 1, 'bin-2': 1 },
    });
  });
});

describe('the map key and the map agree', () => {
  const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
  const ruleOf = (selector: string) => {
    const match = new RegExp(`\\n\\.${selector} \\{([^}]*)\\}`).exec(css);
    if (!match) throw new Error(`no rule .${selector} in web/styles.css`);
    return match[1]!;
  };
  const rgb = ([r, g, b]: readonly number[]) => `rgb(${r} ${g} ${b})`;

  it('uses the layer colours for the swatches', () => {
    for (const cls of SCHOOL_CELL_CLASSES) expect(ruleOf(`swatch-${cls.key}`)).toContain(rgb(cls.colour));
    for (const p of ['persistent', 'new', 'fading'] as const) expect(ruleOf(`swatch-${p}`)).toContain(rgb(PERSISTENCE_STYLES[p].fill));
  });
});

describe('buildLayers with a theme', () => {
  const base = { data: { view: 'counts' as const, cells: [{ cell: HOT, count: 3, partialCount: 0 }], windowDays: 28 }, h3Resolution: 9, selectedCell: null };
  const labels = [{ name: 'Whitechapel', position: WHITECHAPEL }];
  const taskings = { features: [], selectedId: null, draft: null };

  it("replaces the view's cells and the tasking outlines with the theme's layers, ward names beneath", () => {
    const ids = buildLayers({ ...base, labels, taskings, theme: { data: schools } }).map((l) => l.id);
    expect(ids[0]).toBe(LAYER_IDS.labels);
    expect(ids).toContain(SCHOOL_LAYER_IDS.points);
    expect(ids).not.toContain(LAYER_IDS.counted);
  });

  it('draws only the ward names while the theme has no answer (loading or refused)', () => {
    expect(buildLayers({ ...base, labels, taskings, theme: { data: null } }).map((l) => l.id)).toEqual([LAYER_IDS.labels]);
  });
});
