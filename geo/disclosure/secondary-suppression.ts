// Primary and secondary (complementary) suppression for a table with additive relations
// (decision 031). Primary: every count from 1 to threshold − 1. Secondary: while the attacker's
// view (audit.ts) can narrow a hidden count below the rules' minimum number of values, or work
// out a rounded count exactly, hide one more cell of a relation the exposed cell takes part in,
// the one of least information loss (small counts and zeros first, then the smallest large
// count; ties by name, so the same input always gives the same output). Each round hides one
// more cell, so it ends; if everything is hidden and a count is still exposed, it refuses.
import { auditPublication, type AuditFinding, type AuditReport, type PublishedTable } from './audit';
import { publishCount, type PublishedCount, type Suppression } from './publish';
import { cellNames, checkRelations, relationsByCell, type CountTable, type Relation } from './relations';
import type { DisclosureRules } from './rules';
import { fail, ok, type Result } from '../types';

export interface ProtectedTable {
  /** The published value of every cell. */
  values: Record<string, PublishedCount>;
  /** Cells hidden for their own size (1 to threshold − 1), sorted. */
  primary: string[];
  /** Cells hidden to protect others, in the order they were chosen. */
  secondary: string[];
  /** The final audit (linear method): no findings. */
  audit: AuditReport;
}

const EXPOSURES = new Set(['pinned-hidden', 'narrow-hidden', 'pinned-rounded']);

function publishAll(table: CountTable, names: readonly string[], suppression: ReadonlyMap<string, Suppression>, rules: DisclosureRules): PublishedTable {
  return Object.fromEntries(names.map((c) => [c, publishCount(table[c]!, rules, suppression.get(c) ?? 'none')]));
}

export interface ProtectOptions {
  /**
   * Cells that take part in relations but are never published (for example the part of a
   * hexagon inside one ward): the attacker knows nothing of them, and they are never chosen
   * as complements.
   */
  unpublished?: readonly string[];
}

/** Cheapest first: counts below the threshold (they stay truthfully "fewer than"), then by size, then name. */
function sortByCost(table: CountTable, candidates: readonly string[], rules: DisclosureRules): string[] {
  const cost = (c: string) => (table[c]! < rules.smallCountThreshold ? table[c]! : rules.smallCountThreshold + table[c]!);
  return [...candidates].sort((a, b) => cost(a) - cost(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Candidate complements for an exposed cell, cheapest first: from its own relations, else from
 * its neighbours' relations, else anywhere.
 */
function complementCandidates(
  finding: AuditFinding,
  table: CountTable,
  names: readonly string[],
  byCell: ReadonlyMap<string, Relation[]>,
  suppression: ReadonlyMap<string, Suppression>,
  rules: DisclosureRules,
): string[] {
  const candidates = new Set(names);
  const open = (c: string) => c !== finding.cell && candidates.has(c) && (suppression.get(c) ?? 'none') === 'none';
  const members = (cells: Iterable<string>) => {
    const found = new Set<string>();
    for (const cell of cells) for (const r of byCell.get(cell) ?? []) for (const c of [r.parent, ...r.children]) found.add(c);
    return found;
  };
  const ring1 = members([finding.cell]);
  for (const ring of [ring1, members(ring1), names]) {
    const list = sortByCost(table, [...ring].filter(open), rules);
    if (list.length > 0) return list;
  }
  return [];
}

function exposures(report: AuditReport): AuditFinding[] {
  return report.findings.filter((f) => EXPOSURES.has(f.problem));
}

/** The most exposed first (fewest values), then by name. */
function mostExposed(findings: readonly AuditFinding[]): AuditFinding {
  return [...findings].sort((a, b) => a.interval.max - a.interval.min - (b.interval.max - b.interval.min) || (a.cell < b.cell ? -1 : 1))[0]!;
}

/** How many candidates are tried for one that visibly helps before settling for the cheapest. */
const TRIALS = 12;

/**
 * Decides what to publish for every cell of a table whose relations hold exactly for the raw
 * counts. Fails (with the reason) when the relations do not hold or no suppression pattern
 * protects every hidden count.
 *
 * With `rules.protectWithoutRounding`, the pattern must pass two attackers: one who sees every
 * unhidden figure exactly, and the real one who sees them rounded.
 */
export function protectTable(table: CountTable, relations: readonly Relation[], rules: DisclosureRules, options: ProtectOptions = {}): Result<ProtectedTable> {
  const problems = checkRelations(table, relations);
  if (problems.length > 0) return fail(`The counts do not add up, so they cannot be protected: ${problems.slice(0, 3).join(' ')}`);
  const names = cellNames(table, relations);
  for (const c of names) {
    const count = table[c];
    if (count === undefined || !Number.isInteger(count) || count < 0) return fail(`${c}: ${String(count)} is not a count.`);
  }
  const unpublished = new Set(options.unpublished ?? []);
  const published = names.filter((c) => !unpublished.has(c));
  const byCell = relationsByCell(relations);
  const suppression = new Map<string, Suppression>();
  for (const c of published) if (table[c]! >= 1 && table[c]! < rules.smallCountThreshold) suppression.set(c, 'primary');
  const secondary: string[] = [];
  const models: DisclosureRules[] = rules.protectWithoutRounding && rules.roundingBase > 1 ? [{ ...rules, roundingBase: 1 }, rules] : [rules];
  const auditWith = (model: DisclosureRules, method: 'propagation' | 'linear') =>
    auditPublication(publishAll(table, published, suppression, model), relations, model, method);
  for (;;) {
    let exposure: { finding: AuditFinding; model: DisclosureRules } | undefined;
    let finalAudit: AuditReport | undefined;
    // The cheap audit finds most exposures; the exact one confirms there are none left.
    for (const method of ['propagation', 'linear'] as const) {
      for (const model of models) {
        const report = auditWith(model, method);
        if (report.findings.some((f) => f.problem === 'inconsistent' || f.problem === 'rule-broken')) {
          return fail('The published values are inconsistent with the counts; this is a bug in the table given.');
        }
        // The exact-figures attacker matters only for the small counts: a large figure it can
        // see exactly is no news to it, since it sees every unhidden figure exactly.
        const found = exposures(report).filter((f) => model === rules || (suppression.has(f.cell) && table[f.cell]! < rules.smallCountThreshold));
        if (found.length > 0) {
          exposure = { finding: mostExposed(found), model };
          break;
        }
        finalAudit = report;
      }
      if (exposure) break;
    }
    if (!exposure) {
      const primary = published.filter((c) => suppression.get(c) === 'primary');
      return ok({ values: { ...publishAll(table, published, suppression, rules) }, primary, secondary, audit: finalAudit! });
    }
    const { finding, model } = exposure;
    const candidates = complementCandidates(finding, table, published, byCell, suppression, rules);
    if (candidates.length === 0) return fail(`${finding.cell} cannot be protected even with every other figure hidden; publish a coarser table.`);
    // The cheapest candidate that visibly widens the exposed cell's interval, else the cheapest.
    const width = (i: { min: number; max: number }) => i.max - i.min;
    const helps = candidates.slice(0, TRIALS).find((c) => {
      suppression.set(c, 'secondary');
      const after = auditWith(model, 'propagation').intervals[finding.cell];
      suppression.delete(c);
      return after !== undefined && width(after) > width(finding.interval);
    });
    const complement = helps ?? candidates[0]!;
    suppression.set(complement, 'secondary');
    secondary.push(complement);
  }
}
