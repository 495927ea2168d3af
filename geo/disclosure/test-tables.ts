// Test support: small tables with their relations, and the attacker's verdict on a publication
// from both the audit and the independent brute force.
import { auditPublication, type PublishedTable } from './audit';
import { bruteForceValues } from './attacker-brute-force';
import type { Relation } from './relations';
import type { DisclosureRules } from './rules';

/** borough > wards > cells, plus resolution-7 style groups of cells that cut across wards. */
export function hierarchy(wards: Record<string, Record<string, number>>, groups: Record<string, readonly string[]> = {}) {
  const table: Record<string, number> = {};
  const relations: Relation[] = [];
  for (const [ward, cells] of Object.entries(wards)) {
    Object.assign(table, cells);
    table[ward] = Object.values(cells).reduce((s, v) => s + v, 0);
    relations.push({ parent: ward, children: Object.keys(cells) });
  }
  for (const [group, cells] of Object.entries(groups)) {
    table[group] = cells.reduce((s, c) => s + table[c]!, 0);
    relations.push({ parent: group, children: [...cells] });
  }
  table.borough = Object.keys(wards).reduce((s, w) => s + table[w]!, 0);
  relations.push({ parent: 'borough', children: Object.keys(wards) });
  return { table, relations };
}

export interface Verdict {
  /** Hidden cells with their possible values, by brute force: cell → [min, max, how many]. */
  brute: Record<string, [number, number, number]>;
  /** The same by the audit (linear method). */
  audit: Record<string, [number, number, number]>;
  /** Hidden cells either attacker pins to one value. */
  pinned: string[];
}

export function attack(values: PublishedTable, relations: readonly Relation[], rules: DisclosureRules, cap: number): Verdict {
  const brute = bruteForceValues(values, relations, rules, cap);
  if (!brute) throw new Error('No assignment fits the publication.');
  const report = auditPublication(values, relations, rules, 'linear');
  const hidden = Object.keys(values).filter((c) => values[c]!.value === null);
  const verdict: Verdict = { brute: {}, audit: {}, pinned: [] };
  for (const c of hidden) {
    const seen = [...brute.get(c)!];
    verdict.brute[c] = [Math.min(...seen), Math.max(...seen), seen.length];
    const i = report.intervals[c]!;
    verdict.audit[c] = [i.min, i.max, i.max - i.min + 1];
    if (seen.length === 1 || i.max === i.min) verdict.pinned.push(c);
  }
  return verdict;
}
