import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../geo/seeded-random';
import { laterDuplicates, type LaterDuplicate } from './duplicate-ids';

/** The answer the slow, obvious way: a Map from id to its first row. */
function byMap(ids: readonly (string | null)[]): LaterDuplicate[] {
  const first = new Map<string, number>();
  const found: LaterDuplicate[] = [];
  ids.forEach((id, row) => {
    if (id === null) return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, row);
    else found.push({ row, first: earlier });
  });
  return found;
}

describe('laterDuplicates', () => {
  it('agrees with a Map on 200,000 random ids with about 10% repeats and some rows without an id', () => {
    const random = seededRandom(42);
    const ids: (string | null)[] = [];
    for (let i = 0; i < 200_000; i++) {
      const r = random();
      if (r < 0.05) ids.push(null);
      else if (ids.length > 0 && r < 0.15) ids.push(ids[Math.floor(random() * ids.length)] ?? null);
      else ids.push(`CAD-${Math.floor(random() * 1e9).toString(36)}-${i % 97}`);
    }
    const want = byMap(ids);
    expect(want.length).toBeGreaterThan(15_000);
    expect(laterDuplicates(ids.length, (row) => ids[row])).toEqual(want);
  });

  it('tells apart similar ids: shared prefixes, one-character differences, prefixes of each other, empty', () => {
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(`2024/CAD/${String(i).padStart(8, '0')}`);
    for (let i = 0; i < 2_000; i++) ids.push('A'.repeat(i + 1));
    for (let i = 0; i < 5_000; i++) ids.push(String.fromCharCode(0x4e00 + i));
    for (const a of 'abcdefghij') for (const b of 'abcdefghij') ids.push(a + b, b + a);
    ids.push('', ' ', 'x ', ' x', 'x');
    const doubled = [...ids, ...ids.slice().reverse()];
    expect(laterDuplicates(doubled.length, (row) => doubled[row])).toEqual(byMap(doubled));
  });

  it('compares the ids themselves when hashes collide', () => {
    const random = seededRandom(7);
    const ids = Array.from({ length: 3_000 }, () => `K${Math.floor(random() * 800)}`);
    // Every id hashes alike, and ids hashing into a few buckets: only string comparison can tell.
    const idAt = (row: number) => ids[row];
    expect(laterDuplicates(ids.length, idAt, () => 7)).toEqual(byMap(ids));
    expect(laterDuplicates(ids.length, idAt, (row) => ids[row]!.length)).toEqual(byMap(ids));
    expect(laterDuplicates(ids.length, idAt, (row) => Number(ids[row]!.slice(1)) * 65_536)).toEqual(byMap(ids));
  });

  it('gives nothing for no rows, no ids, or all different', () => {
    expect(laterDuplicates(0, () => 'x')).toEqual([]);
    expect(laterDuplicates(10, () => null)).toEqual([]);
    expect(laterDuplicates(1_000, (row) => `R${row}`)).toEqual([]);
  });

  it('names the earliest row for every later copy', () => {
    const ids = ['A', 'B', 'A', null, 'A', 'B'];
    expect(laterDuplicates(ids.length, (row) => ids[row])).toEqual([
      { row: 2, first: 0 },
      { row: 4, first: 0 },
      { row: 5, first: 1 },
    ]);
  });
});
