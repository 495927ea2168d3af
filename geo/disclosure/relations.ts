// The additive relations of a published table: "parent = sum of children" over named cells
// (borough = Σ wards, ward = Σ its hexagons, resolution-7 hexagon = Σ its resolution-8 children,
// theme = Σ its categories). Suppression and the audit work on any such system.

/** One additive relation between named cells of a table. */
export interface Relation {
  parent: string;
  children: readonly string[];
}

/** Raw counts by cell name. */
export type CountTable = Readonly<Record<string, number>>;

/** Every cell named by a relation or the table, in a stable order. */
export function cellNames(table: CountTable, relations: readonly Relation[]): string[] {
  const names = new Set(Object.keys(table));
  for (const r of relations) {
    names.add(r.parent);
    for (const c of r.children) names.add(c);
  }
  return [...names].sort();
}

/** The relations each cell takes part in, as parent or child. */
export function relationsByCell(relations: readonly Relation[]): Map<string, Relation[]> {
  const byCell = new Map<string, Relation[]>();
  const add = (cell: string, relation: Relation) => {
    const list = byCell.get(cell);
    if (list) {
      if (!list.includes(relation)) list.push(relation);
    } else byCell.set(cell, [relation]);
  };
  for (const r of relations) {
    add(r.parent, r);
    for (const c of r.children) add(c, r);
  }
  return byCell;
}

/** The relations that do not hold for the raw counts, in words (a caller's bug, never data). */
export function checkRelations(table: CountTable, relations: readonly Relation[]): string[] {
  const problems: string[] = [];
  for (const r of relations) {
    const missing = [r.parent, ...r.children].filter((c) => table[c] === undefined);
    if (missing.length > 0) {
      problems.push(`${r.parent}: no count for ${missing.join(', ')}.`);
      continue;
    }
    const sum = r.children.reduce((s, c) => s + table[c]!, 0);
    if (sum !== table[r.parent]) problems.push(`${r.parent} is ${table[r.parent]} but its parts add up to ${sum}.`);
  }
  return problems;
}
