// The attacker's view of a publication (decision 031): knowing the rules and every published
// value, what can be worked out about each count? Each published value gives an interval of true
// counts (publish.ts); the additive relations narrow them. Two methods:
// - `propagation`: interval constraint propagation over each relation to a fixpoint (fast; its
//   intervals may be wider than the truth when several relations must be combined);
// - `linear` (default): the least and greatest value of each cell over ALL relations at once
//   (a linear programme), rounded inwards to whole numbers. Exact for the borough > ward >
//   hexagon and resolution-7 > resolution-8 structure (its constraint matrix is totally
//   unimodular, so the real optimum is a whole number); an outer bound when categories add a
//   third dimension. Tests check both against brute force on small tables.
import { isHidden, publishedInterval, publishedText, type CountInterval, type PublishedCount } from './publish';
import type { Relation } from './relations';
import { roundToBase, type DisclosureRules } from './rules';
import { variableRanges } from './simplex';

export type PublishedTable = Readonly<Record<string, PublishedCount>>;

export type AuditProblem =
  /** A hidden count consistent with one value only: recovered exactly. */
  | 'pinned-hidden'
  /** A count hidden as "fewer than" consistent with fewer values than the rules require. */
  | 'narrow-hidden'
  /** A rounded count whose exact value can be worked out. */
  | 'pinned-rounded'
  /** A published value the rules never produce. */
  | 'rule-broken'
  /** No set of true counts fits everything published (a bug upstream). */
  | 'inconsistent';

export interface AuditFinding {
  cell: string;
  problem: AuditProblem;
  published: string;
  interval: CountInterval;
}

export interface AuditReport {
  method: 'propagation' | 'linear';
  /** For every cell, the whole counts consistent with everything published. */
  intervals: Record<string, CountInterval>;
  findings: AuditFinding[];
}

const UNKNOWN: CountInterval = { min: 0, max: Infinity };

/** The interval each published value allows on its own; a cell in a relation but not published is unknown. */
export function startingIntervals(published: PublishedTable, relations: readonly Relation[], rules: DisclosureRules): Map<string, CountInterval> {
  const intervals = new Map<string, CountInterval>();
  for (const [cell, value] of Object.entries(published)) intervals.set(cell, publishedInterval(value, rules));
  for (const r of relations) for (const c of [r.parent, ...r.children]) if (!intervals.has(c)) intervals.set(c, UNKNOWN);
  return intervals;
}

/**
 * Narrows the intervals over every relation until nothing changes (or a round limit: stopping
 * early is safe, intervals only ever shrink towards the truth). Returns null when empty.
 */
export function propagateIntervals(start: ReadonlyMap<string, CountInterval>, relations: readonly Relation[]): Map<string, CountInterval> | null {
  const intervals = new Map(start);
  const get = (c: string) => intervals.get(c) ?? UNKNOWN;
  for (let round = 0; round < 500; round += 1) {
    let changed = false;
    for (const r of relations) {
      const children = r.children.map(get);
      const minSum = children.reduce((s, c) => s + c.min, 0);
      const finiteMaxSum = children.reduce((s, c) => s + (Number.isFinite(c.max) ? c.max : 0), 0);
      const infiniteCount = children.filter((c) => !Number.isFinite(c.max)).length;
      const parent = get(r.parent);
      const narrowed: [string, CountInterval][] = [
        [r.parent, { min: Math.max(parent.min, minSum), max: Math.min(parent.max, infiniteCount > 0 ? Infinity : finiteMaxSum) }],
      ];
      r.children.forEach((cell, i) => {
        const own = children[i]!;
        const othersInfinite = infiniteCount - (Number.isFinite(own.max) ? 0 : 1) > 0;
        const othersMax = othersInfinite ? Infinity : finiteMaxSum - (Number.isFinite(own.max) ? own.max : 0);
        narrowed.push([cell, { min: Math.max(own.min, parent.min - othersMax), max: Math.min(own.max, parent.max - (minSum - own.min)) }]);
      });
      for (const [cell, next] of narrowed) {
        if (next.min > next.max) return null;
        const before = get(cell);
        if (next.min !== before.min || next.max !== before.max) {
          intervals.set(cell, next);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return intervals;
}

/** The exact least and greatest whole value of each cell over all relations at once, or null when empty. */
export function linearIntervals(
  start: ReadonlyMap<string, CountInterval>,
  relations: readonly Relation[],
  targets: ReadonlySet<string> = new Set(start.keys()),
): Map<string, CountInterval> | null {
  // Propagation first: it is cheap and gives the linear programme tighter bounds to start from.
  const propagated = propagateIntervals(start, relations);
  if (!propagated) return null;
  const names = [...propagated.keys()].sort();
  const index = new Map(names.map((c, i) => [c, i]));
  const lower = names.map((c) => propagated.get(c)!.min);
  const upper = names.map((c) => propagated.get(c)!.max);
  const rows = relations.map((r) => ({
    terms: [[index.get(r.parent)!, 1] as [number, number], ...r.children.map((c) => [index.get(c)!, -1] as [number, number])],
    rhs: 0,
  }));
  // Only the cells asked about that the propagation left open need a linear programme.
  const open = names.map((_, i) => i).filter((i) => upper[i]! > lower[i]! && targets.has(names[i]!));
  const ranges = variableRanges({ lower, upper, rows }, open);
  if (!ranges) return null;
  const intervals = new Map(propagated);
  open.forEach((i, k) => {
    const range = ranges[k]!;
    // Whole counts only; the tolerance absorbs floating-point error in the pivots.
    intervals.set(names[i]!, { min: Math.ceil(range.min - 1e-6) + 0, max: Number.isFinite(range.max) ? Math.floor(range.max + 1e-6) : Infinity });
  });
  return intervals;
}

/** Published values the rules could never produce. */
function ruleBreaks(published: PublishedTable, rules: DisclosureRules): string[] {
  const smallestRounded = roundToBase(rules.smallCountThreshold, rules.roundingBase);
  return Object.entries(published)
    .filter(([, v]) => {
      if (v.kind === 'rounded') return v.value % rules.roundingBase !== 0 || v.value < smallestRounded;
      if (v.kind === 'fewer-than') return v.threshold !== rules.smallCountThreshold;
      return false;
    })
    .map(([cell]) => cell);
}

/**
 * Everything an attacker can work out from a publication, and what is wrong with it: hidden
 * counts pinned (or narrowed below the rules' minimum number of values), rounded counts whose
 * exact value can be worked out, values the rules never produce, and inconsistency.
 */
export function auditPublication(
  published: PublishedTable,
  relations: readonly Relation[],
  rules: DisclosureRules,
  method: 'propagation' | 'linear' = 'linear',
): AuditReport {
  const start = startingIntervals(published, relations, rules);
  const narrowed = method === 'linear' ? linearIntervals(start, relations, new Set(Object.keys(published))) : propagateIntervals(start, relations);
  const findings: AuditFinding[] = ruleBreaks(published, rules).map((cell) => ({
    cell,
    problem: 'rule-broken',
    published: publishedText(published[cell]!),
    interval: start.get(cell)!,
  }));
  if (!narrowed) {
    return {
      method,
      intervals: Object.fromEntries(start),
      findings: [...findings, { cell: '*', problem: 'inconsistent', published: '', interval: { min: 0, max: -1 } }],
    };
  }
  for (const [cell, value] of Object.entries(published).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const interval = narrowed.get(cell)!;
    const values = interval.max - interval.min + 1;
    if (isHidden(value)) {
      if (values <= 1) findings.push({ cell, problem: 'pinned-hidden', published: publishedText(value), interval });
      else if (value.kind === 'fewer-than' && values < rules.minProtectedValues)
        findings.push({ cell, problem: 'narrow-hidden', published: publishedText(value), interval });
    } else if (value.kind === 'rounded' && values <= 1 && rules.roundingBase > 1) {
      findings.push({ cell, problem: 'pinned-rounded', published: publishedText(value), interval });
    }
  }
  return { method, intervals: Object.fromEntries(narrowed), findings };
}
