// Hand-worked cases of primary and secondary suppression, each checked by the independent
// brute-force attacker as well as the audit.
import { describe, expect, it } from 'vitest';
import { protectTable } from './secondary-suppression';
import { DEFAULT_DISCLOSURE_RULES } from './rules';
import { attack, hierarchy } from './test-tables';

const rules = DEFAULT_DISCLOSURE_RULES;
const exact = { ...rules, roundingBase: 1 };

describe('secondary suppression, worked by hand', () => {
  it('hides a 3 in a ward of large cells and the smallest large cell beside it', () => {
    const { table, relations } = hierarchy({ W: { a: 3, b: 40, c: 55 } });
    const result = protectTable(table, relations, rules);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.primary).toEqual(['a']);
    expect(result.value.secondary).toEqual(['b']);
    expect(result.value.values).toEqual({
      W: { kind: 'rounded', value: 100 },
      a: { kind: 'fewer-than', value: null, threshold: 10 },
      b: { kind: 'withheld', value: null },
      c: { kind: 'rounded', value: 55 },
      borough: { kind: 'rounded', value: 100 },
    });
    const verdict = attack(result.value.values, relations, rules, 120);
    expect(verdict.pinned).toEqual([]);
    // W is 98..102 and c 53..57, so a + b is 41..49: a can still be anything from 0 to 9.
    expect(verdict.brute.a).toEqual([0, 9, 10]);
    expect(verdict.audit.a).toEqual(verdict.brute.a);
  });

  it('with no rounding, the complement still leaves the 3 between 0 and 9', () => {
    const { table, relations } = hierarchy({ W: { a: 3, b: 40, c: 55 } });
    const result = protectTable(table, relations, exact);
    expect(result.ok && result.value.secondary).toEqual(['b']);
    if (!result.ok) return;
    const verdict = attack(result.value.values, relations, exact, 120);
    expect(verdict.brute.a).toEqual([0, 9, 10]);
    expect(verdict.audit.a).toEqual([0, 9, 10]);
  });

  it('prefers a zero or small sibling as the complement when that protects', () => {
    const { table, relations } = hierarchy({ W: { a: 3, z: 0, y: 6, b: 40 } });
    const result = protectTable(table, relations, rules);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // 3 and 6 are both primary; their sum 9 is known exactly to an exact-figures attacker, which
    // leaves each 0..9 with at least three values.
    expect(result.value.primary).toEqual(['a', 'y']);
    expect(attack(result.value.values, relations, exact, 80).pinned).toEqual([]);
  });

  it('protects a small ward against the borough total', () => {
    const { table, relations } = hierarchy({ W1: { a: 4, b: 0 }, W2: { c: 30, d: 12 }, W3: { e: 50 } });
    const result = protectTable(table, relations, rules);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.primary).toEqual(['W1', 'a']);
    expect(result.value.secondary.length).toBeGreaterThan(0);
    const verdict = attack(result.value.values, relations, rules, 110);
    expect(verdict.pinned).toEqual([]);
    expect(verdict.brute.W1![2]).toBeGreaterThanOrEqual(3);
  });

  it('refuses counts that do not add up, saying which', () => {
    const result = protectTable({ W: 10, a: 3, b: 4 }, [{ parent: 'W', children: ['a', 'b'] }], rules);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('W is 10 but its parts add up to 7');
  });
});
