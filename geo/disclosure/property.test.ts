// Property: over random tables (borough > wards > cells, resolution-7 style groups across wards,
// many zeros, small and large counts), no published combination pins a count of 1-9, and every
// published number obeys the rules. Checked by the audit on every table and by the brute force
// on the smallest ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PublishedCount } from './publish';
import { DEFAULT_DISCLOSURE_RULES, roundToBase, type DisclosureRules } from './rules';
import { protectTable } from './secondary-suppression';
import { attack, hierarchy } from './test-tables';

const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 3 },
  { arbitrary: fc.integer({ min: 10, max: 60 }), weight: 3 },
);

/** Wards of 1..maxCells cells; groups take cells round-robin across wards, as resolution-7 hexagons cut across wards. */
function tableArbitrary(maxWards: number, maxCells: number) {
  return fc
    .array(fc.array(count, { minLength: 1, maxLength: maxCells }), { minLength: 1, maxLength: maxWards })
    .chain((wards) => fc.record({ wards: fc.constant(wards), groupCount: fc.integer({ min: 0, max: 2 }) }))
    .map(({ wards, groupCount }) => {
      const cells = Object.fromEntries(wards.map((cs, w) => [`W${w}`, Object.fromEntries(cs.map((n, i) => [`W${w}c${i}`, n]))]));
      const all = wards.flatMap((cs, w) => cs.map((_, i) => `W${w}c${i}`));
      const groups: Record<string, string[]> = {};
      if (groupCount > 0) all.forEach((c, i) => (groups[`g${i % groupCount}`] ??= []).push(c));
      return hierarchy(cells, groups);
    });
}

function obeysRules(raw: number, published: PublishedCount, rules: DisclosureRules): boolean {
  switch (published.kind) {
    case 'zero':
      return raw === 0;
    case 'fewer-than':
      return raw < rules.smallCountThreshold;
    case 'withheld':
      return raw >= rules.smallCountThreshold;
    case 'rounded':
      return raw >= rules.smallCountThreshold && published.value === roundToBase(raw, rules.roundingBase) && published.value % rules.roundingBase === 0;
  }
}

const rulesArbitrary = fc.constantFrom<DisclosureRules>(
  DEFAULT_DISCLOSURE_RULES,
  { ...DEFAULT_DISCLOSURE_RULES, roundingBase: 1 },
  { ...DEFAULT_DISCLOSURE_RULES, protectWithoutRounding: false },
);

describe('random tables', () => {
  it('every published number obeys the rules and the audit pins no hidden count', () => {
    fc.assert(
      fc.property(tableArbitrary(5, 5), rulesArbitrary, ({ table, relations }, rules) => {
        const result = protectTable(table, relations, rules);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        for (const [cell, value] of Object.entries(result.value.values)) {
          expect(obeysRules(table[cell]!, value, rules), `${cell}: ${table[cell]} → ${JSON.stringify(value)}`).toBe(true);
          if (table[cell]! >= 1 && table[cell]! < 10) expect(value.kind).toBe('fewer-than');
        }
        expect(result.value.audit.findings).toEqual([]);
      }),
      { numRuns: 150, seed: 15 },
    );
  });

  it('the brute-force attacker pins no count of 1-9 on small tables', () => {
    fc.assert(
      fc.property(tableArbitrary(2, 3), rulesArbitrary, ({ table, relations }, rules) => {
        const result = protectTable(table, relations, rules);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const verdict = attack(result.value.values, relations, rules, 130);
        expect(verdict.pinned).toEqual([]);
        for (const c of result.value.primary) {
          expect(verdict.brute[c]![2], c).toBeGreaterThanOrEqual(rules.minProtectedValues);
          // Wards, cells and cross-cutting groups make a two-way table: the audit is exact there.
          expect(verdict.audit[c], c).toEqual(verdict.brute[c]);
        }
      }),
      { numRuns: 60, seed: 151 },
    );
  });
});
