// The Must-show attacks of issue 15, on the pure half: each tries to recover a hidden count from
// what the public routes will publish, and must fail. Every attack is first shown to WORK on a
// naive publication (small counts hidden, nothing else), so a pass is not for want of power.
// Attackers: the audit (linear programme over all relations) and the brute force, independently.
import { describe, expect, it } from 'vitest';
import { auditPublication } from './audit';
import { buildAreaTable, hexagonKey, protectAreaTable, wardKey, type PieceCount } from './public-table';
import { publishCount } from './publish';
import { trendMonths, validatePublicMonth } from './public-request';
import type { CountTable, Relation } from './relations';
import { DEFAULT_DISCLOSURE_RULES } from './rules';
import { protectTable } from './secondary-suppression';
import { attack, hierarchy } from './test-tables';

const rules = DEFAULT_DISCLOSURE_RULES;
const exact = { ...rules, roundingBase: 1, protectWithoutRounding: false };

/** Small counts hidden and nothing else, with no rounding: what a careless publisher does. */
function naive(table: CountTable) {
  return Object.fromEntries(Object.entries(table).map(([c, n]) => [c, publishCount(n, exact)]));
}

function expectAttackFails(table: CountTable, relations: readonly Relation[], cap: number, unpublished: readonly string[] = []) {
  const isPublished = (c: string) => !unpublished.includes(c);
  const naiveValues = Object.fromEntries(Object.entries(naive(table)).filter(([c]) => isPublished(c)));
  expect(attack(naiveValues, relations, exact, cap).pinned.length, 'the attack works on a naive publication').toBeGreaterThan(0);
  for (const model of [rules, exact]) {
    const result = protectTable(table, relations, model, { unpublished });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const verdict = attack(result.value.values, relations, model, cap);
    expect(verdict.pinned).toEqual([]);
    for (const c of result.value.primary) {
      expect(verdict.brute[c]![2], `${c} by brute force`).toBeGreaterThanOrEqual(rules.minProtectedValues);
      // The audit is exact on these tables: it agrees with the brute force.
      expect(verdict.audit[c], c).toEqual(verdict.brute[c]);
    }
  }
}

describe('attacks that must fail', () => {
  it('differencing: a ward total minus its other cells', () => {
    const { table, relations } = hierarchy({ W: { a: 3, b: 22, c: 31 } });
    expectAttackFails(table, relations, 80);
  });

  it('cells against their ward, when the ward itself is small', () => {
    const { table, relations } = hierarchy({ W1: { a: 2, b: 0, c: 0 }, W2: { d: 25, e: 14 } });
    expectAttackFails(table, relations, 60);
  });

  it('ward against the borough total', () => {
    const { table, relations } = hierarchy({ W1: { a: 6 }, W2: { b: 35 }, W3: { c: 18 } });
    expectAttackFails(table, relations, 80);
  });

  it('resolution 7 against resolution 8: a parent hexagon minus its other children', () => {
    // p7 = h1 + h2 crosses wards A and B; h1 (4) is the only small figure.
    const { table, relations } = hierarchy({ A: { h1: 4, h3: 30 }, B: { h2: 26, h4: 15 } }, { p7: ['h1', 'h2'], q7: ['h3', 'h4'] });
    expectAttackFails(table, relations, 90);
  });

  it('resolution 7 against 8 and wards, through the area table with hexagons split by a ward boundary', () => {
    const pieces: PieceCount[] = [
      { wardCode: 'A', h3Cell: 'h1', parentH3Cell: 'p', count: 3 },
      { wardCode: 'A', h3Cell: 'h2', parentH3Cell: 'p', count: 20 },
      { wardCode: 'B', h3Cell: 'h2', parentH3Cell: 'p', count: 11 },
      { wardCode: 'B', h3Cell: 'h3', parentH3Cell: 'q', count: 24 },
    ];
    const { table, relations, unpublished } = buildAreaTable(pieces);
    expect(table[hexagonKey('p')]).toBe(34);
    expect(table[wardKey('B')]).toBe(35);
    expectAttackFails(table, relations, 70, unpublished);
  });

  it('theme against its categories', () => {
    const pieces: PieceCount[] = [
      { wardCode: 'A', h3Cell: 'h1', parentH3Cell: 'p', count: 24, categoryCounts: { robbery: 3, burglary: 21 } },
      { wardCode: 'B', h3Cell: 'h2', parentH3Cell: 'p', count: 30, categoryCounts: { robbery: 12, burglary: 18 } },
    ];
    const { table, relations, unpublished } = buildAreaTable(pieces, ['robbery', 'burglary']);
    expect(table['robbery/borough']).toBe(15);
    expectAttackFails(table, relations, 60, unpublished);
  });

  it('repeated queries: the same month gives the same figures every time, whatever the input order', () => {
    const pieces: PieceCount[] = [
      { wardCode: 'A', h3Cell: 'h1', parentH3Cell: 'p', count: 3 },
      { wardCode: 'A', h3Cell: 'h2', parentH3Cell: 'p', count: 40 },
      { wardCode: 'B', h3Cell: 'h3', parentH3Cell: 'q', count: 7 },
      { wardCode: 'B', h3Cell: 'h4', parentH3Cell: 'q', count: 52 },
    ];
    const first = protectAreaTable(pieces, rules);
    const again = protectAreaTable([...pieces].reverse(), rules);
    expect(first.ok && again.ok).toBe(true);
    expect(again).toEqual(first);
    // No noise: a hidden figure reads the same every time, so averaging many answers gives nothing.
    if (first.ok) for (const v of Object.values(first.value.values)) expect(v.kind === 'rounded' ? v.value % 5 : 0).toBe(0);
  });

  it('adjacent months and overlapping ranges: only whole calendar months can be asked for', () => {
    // A trend is twelve separate months; no window, sum or overlap of months is published.
    expect(trendMonths('2016-12', 12).ok).toBe(true);
    for (const window of ['2016-01..2016-03', '2016-01/2016-02', '2016-01-01', '2016-W05']) expect(validatePublicMonth(window).ok, window).toBe(false);
  });

  it('the audit flags a naive publication that the brute force also breaks', () => {
    const { table, relations } = hierarchy({ W: { a: 3, b: 40 } });
    const report = auditPublication(naive(table), relations, exact);
    expect(report.findings).toContainEqual({ cell: 'a', problem: 'pinned-hidden', published: 'fewer than 10', interval: { min: 3, max: 3 } });
  });

  it('the audit flags rounded figures whose exact value follows from the total', () => {
    // Four cells of 12 are each shown as 10 (10..12) and their ward of 48 as 50 (48..52): only
    // 12 + 12 + 12 + 12 fits, which also pins the ward and the borough at 48.
    const { table, relations } = hierarchy({ W: { a: 12, b: 12, c: 12, d: 12 } });
    const values = Object.fromEntries(Object.entries(table).map(([c, n]) => [c, publishCount(n, rules)]));
    const pinned = auditPublication(values, relations, rules)
      .findings.filter((f) => f.problem === 'pinned-rounded')
      .map((f) => f.cell);
    expect(pinned).toEqual(['W', 'a', 'b', 'borough', 'c', 'd']);
    const result = protectTable(table, relations, rules);
    expect(result.ok && result.value.audit.findings).toEqual([]);
  });
});
