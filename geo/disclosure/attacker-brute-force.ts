// Test support: an attacker who tries every whole-number assignment. Written apart from audit.ts
// and publish.ts (it reads the published values with its own rules of meaning), so the tests
// compare two independent attacks. Only for small tables: the search is exponential.
import type { PublishedCount } from './publish';
import type { Relation } from './relations';

export interface BruteForceRules {
  smallCountThreshold: number;
  roundingBase: number;
}

/** Whether a true count `v` could have been published as `p` (read off the rules directly). */
function consistent(v: number, p: PublishedCount | undefined, rules: BruteForceRules): boolean {
  if (p === undefined) return v >= 0;
  const t = rules.smallCountThreshold;
  const b = rules.roundingBase;
  switch (p.kind) {
    case 'zero':
      return v === 0;
    case 'fewer-than':
      return v >= 0 && v < t;
    case 'withheld':
      return v >= t;
    case 'rounded':
      // Nearest multiple of b; a half rounds up: r − b/2 ≤ v < r + b/2.
      return v >= t && 2 * (v - p.value) >= -b && 2 * (v - p.value) < b;
  }
}

/** The largest count up to `cap` that `p` allows. */
function largestConsistent(p: PublishedCount | undefined, rules: BruteForceRules, cap: number): number {
  for (let v = cap; v >= 0; v -= 1) if (consistent(v, p, rules)) return v;
  return -1;
}

/**
 * The set of values each cell takes over every assignment of whole counts (each up to `cap`)
 * consistent with everything published and every relation; null when there is none.
 */
export function bruteForceValues(
  published: Readonly<Record<string, PublishedCount>>,
  relations: readonly Relation[],
  rules: BruteForceRules,
  cap: number,
): Map<string, Set<number>> | null {
  const parents = new Set(relations.map((r) => r.parent));
  const cells = new Set<string>(Object.keys(published));
  for (const r of relations) for (const c of [r.parent, ...r.children]) cells.add(c);
  const leaves = [...cells].filter((c) => !parents.has(c)).sort();
  const seen = new Map<string, Set<number>>([...cells].map((c) => [c, new Set<number>()]));
  const value = new Map<string, number>();
  let found = false;

  /** Derives every parent it can and checks every relation it can; false on a contradiction. */
  const derive = (): { ok: boolean; derived: string[] } => {
    const derived: string[] = [];
    for (let changed = true; changed;) {
      changed = false;
      for (const r of relations) {
        const known = r.children.filter((c) => value.has(c));
        const partial = known.reduce((s, c) => s + value.get(c)!, 0);
        if (known.length < r.children.length) {
          if (value.has(r.parent) && partial > value.get(r.parent)!) return { ok: false, derived };
          if (partial > largestConsistent(published[r.parent], rules, cap)) return { ok: false, derived };
          continue;
        }
        if (value.has(r.parent)) {
          if (value.get(r.parent) !== partial) return { ok: false, derived };
        } else {
          if (!consistent(partial, published[r.parent], rules)) return { ok: false, derived };
          value.set(r.parent, partial);
          derived.push(r.parent);
          changed = true;
        }
      }
    }
    return { ok: true, derived };
  };

  const search = (i: number): void => {
    if (i === leaves.length) {
      found = true;
      for (const [c, v] of value) seen.get(c)!.add(v);
      return;
    }
    const leaf = leaves[i]!;
    for (let v = 0; v <= cap; v += 1) {
      if (!consistent(v, published[leaf], rules)) continue;
      value.set(leaf, v);
      const { ok, derived } = derive();
      if (ok) search(i + 1);
      for (const d of derived) value.delete(d);
      value.delete(leaf);
    }
  };
  search(0);
  return found ? seen : null;
}
