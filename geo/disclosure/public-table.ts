// One month of one public theme as a single table with every additive relation the public routes
// publish, so that one suppression pattern protects the ward table, both hexagon resolutions,
// the borough total, the trends (which read the same monthly values) and the CSV at once.
//
// The unit is a PIECE: the incidents of one ward inside one resolution-8 hexagon. A hexagon that
// straddles a ward boundary has one piece per ward. Then, exactly:
//   borough = Σ wards;   ward = Σ its pieces;   resolution-8 hexagon = Σ its pieces;
//   resolution-7 hexagon = Σ its resolution-8 children (cellToParent; every incident is counted
//   in the child containing it, so the parent is the sum by construction);
//   theme = Σ its categories, for every area, when categories are given.
// Pieces are never published: the attacker knows nothing of them, only the relations.
import { protectTable, type ProtectedTable } from './secondary-suppression';
import type { CountTable, Relation } from './relations';
import type { DisclosureRules } from './rules';
import type { Result } from '../types';

export const BOROUGH_KEY = 'borough';

export function wardKey(wardCode: string): string {
  return `ward:${wardCode}`;
}

/** An H3 cell's key (the id carries its resolution). */
export function hexagonKey(h3Cell: string): string {
  return `h3:${h3Cell}`;
}

function pieceKey(wardCode: string, h3Cell: string): string {
  return `piece:${wardCode}|${h3Cell}`;
}

/** The key of a category's figure for an area (`areaKey` from the functions above). */
export function categoryKey(category: string, areaKey: string): string {
  return `${category}/${areaKey}`;
}

/** The incidents of one ward within one resolution-8 hexagon, for one month of one theme. */
export interface PieceCount {
  wardCode: string;
  /** The resolution-8 H3 cell. */
  h3Cell: string;
  /** Its resolution-7 parent (geo/h3 parentCell). */
  parentH3Cell: string;
  /** Incidents of the theme. */
  count: number;
  /** Incidents by category, when categories are published; they add up to `count`. */
  categoryCounts?: Readonly<Record<string, number>>;
}

export interface AreaTable {
  table: Record<string, number>;
  relations: Relation[];
  /** The pieces' keys: in the relations, never published. */
  unpublished: string[];
}

/**
 * The table and relations of one theme-month. Give every (ward, hexagon) pair that should appear,
 * with 0 where nothing happened: a ward or hexagon absent here is absent from the publication.
 */
export function buildAreaTable(pieces: readonly PieceCount[], categories: readonly string[] = []): AreaTable {
  const series: (string | null)[] = [null, ...categories];
  const table: Record<string, number> = {};
  const relations: Relation[] = [];
  const unpublished = new Set<string>();
  const wards = new Map<string, string[]>();
  const hexagons = new Map<string, string[]>();
  const parents = new Map<string, Set<string>>();
  for (const p of pieces) {
    const piece = pieceKey(p.wardCode, p.h3Cell);
    if (table[piece] !== undefined) throw new Error(`Ward ${p.wardCode} and hexagon ${p.h3Cell} are given twice.`);
    table[piece] = p.count;
    for (const category of categories) table[categoryKey(category, piece)] = p.categoryCounts?.[category] ?? 0;
    unpublished.add(piece);
    wards.set(p.wardCode, [...(wards.get(p.wardCode) ?? []), piece]);
    hexagons.set(p.h3Cell, [...(hexagons.get(p.h3Cell) ?? []), piece]);
    parents.set(p.parentH3Cell, (parents.get(p.parentH3Cell) ?? new Set()).add(p.h3Cell));
  }
  const withSeries = (s: string | null, key: string) => (s === null ? key : categoryKey(s, key));
  const sumInto = (key: string, parts: readonly string[]) => {
    for (const s of series) table[withSeries(s, key)] = parts.reduce((sum, part) => sum + table[withSeries(s, part)]!, 0);
  };
  const relate = (parent: string, children: readonly string[]) => {
    for (const s of series) relations.push({ parent: withSeries(s, parent), children: children.map((c) => withSeries(s, c)) });
  };
  for (const [cell, parts] of [...hexagons].sort(([a], [b]) => (a < b ? -1 : 1))) {
    sumInto(hexagonKey(cell), parts);
    relate(hexagonKey(cell), parts);
  }
  for (const [code, parts] of [...wards].sort(([a], [b]) => (a < b ? -1 : 1))) {
    sumInto(wardKey(code), parts);
    relate(wardKey(code), parts);
  }
  for (const [cell, children] of [...parents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parts = [...children].sort().map(hexagonKey);
    sumInto(hexagonKey(cell), parts);
    relate(hexagonKey(cell), parts);
  }
  const wardKeys = [...wards.keys()].sort().map(wardKey);
  sumInto(BOROUGH_KEY, wardKeys);
  relate(BOROUGH_KEY, wardKeys);
  if (categories.length > 0) {
    const areas = Object.keys(table).filter((k) => !k.includes('/'));
    for (const area of areas) {
      relations.push({ parent: area, children: categories.map((c) => categoryKey(c, area)) });
      if (area.startsWith('piece:')) for (const c of categories) unpublished.add(categoryKey(c, area));
    }
  }
  return { table, relations, unpublished: [...unpublished].sort() };
}

/** Builds and protects one theme-month: what the public routes serve for it. */
export function protectAreaTable(pieces: readonly PieceCount[], rules: DisclosureRules, categories: readonly string[] = []): Result<ProtectedTable> {
  const { table, relations, unpublished } = buildAreaTable(pieces, categories);
  return protectTable(table as CountTable, relations, rules, { unpublished });
}
