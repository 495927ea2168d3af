import { describe, expect, it } from 'vitest';
import { FirstSeen } from './first-seen';
import { seededRandom } from '../../geo/seeded-random';

/**
 * Feeds ids the way the partner importer does (find; add the row when new) and checks every
 * find against a Map. Returns the first disagreements, if any.
 */
function checkAgainstMap(ids: readonly string[], expected: number): { mismatches: string[]; rows: string[]; table: FirstSeen } {
  const rows: string[] = [];
  const table = new FirstSeen((row) => rows[row]!, expected);
  const reference = new Map<string, number>();
  const mismatches: string[] = [];
  for (const id of ids) {
    const found = table.find(id);
    const want = reference.get(id) ?? -1;
    if (found !== want && mismatches.length < 10) mismatches.push(`${JSON.stringify(id)} at row ${rows.length}: find ${found}, Map ${want}`);
    if (want === -1) {
      table.add(id, rows.length);
      reference.set(id, rows.length);
      rows.push(id);
    }
  }
  // Afterwards every key still leads to its first row, and unseen keys to -1.
  for (const [id, row] of reference) {
    const found = table.find(id);
    if (found !== row && mismatches.length < 20) mismatches.push(`${JSON.stringify(id)} after all adds: find ${found}, Map ${row}`);
  }
  return { mismatches, rows, table };
}

/** The table's own hash (FNV-1a plus avalanche), copied only to build keys that collide on purpose. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

describe('FirstSeen', () => {
  it('agrees with a Map on 100,000 random ids with about 10% repeats, growing from the smallest table', () => {
    const random = seededRandom(42);
    const ids: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      if (ids.length > 0 && random() < 0.1) ids.push(ids[Math.floor(random() * ids.length)]!);
      else ids.push(`CAD-${Math.floor(random() * 1e9).toString(36)}-${i % 97}`);
    }
    // expected = 1 starts at 4096 slots: the table grows five times on the way to ~90,000 keys.
    const { mismatches, rows, table } = checkAgainstMap(ids, 1);
    expect(mismatches).toEqual([]);
    expect(rows.length).toBeGreaterThan(88_000);
    expect(rows.length).toBeLessThan(92_000);
    for (let i = 0; i < 1000; i++) expect(table.find(`never-${i}`)).toBe(-1);
  });

  it('agrees with a Map when sized up front for all ids', () => {
    const random = seededRandom(43);
    const ids = Array.from({ length: 50_000 }, () => String(Math.floor(random() * 45_000)));
    const { mismatches } = checkAgainstMap(ids, ids.length);
    expect(mismatches).toEqual([]);
  });

  it('tells apart many similar keys: shared prefixes, one-character differences, prefixes of each other', () => {
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push(`2024/CAD/${String(i).padStart(8, '0')}`);
    for (let i = 0; i < 2_000; i++) ids.push('A'.repeat(i + 1)); // each a prefix of the next
    for (let i = 0; i < 5_000; i++) ids.push(String.fromCharCode(0x4e00 + i)); // one UTF-16 unit each
    for (const a of 'abcdefghij') for (const b of 'abcdefghij') ids.push(a + b, b + a); // anagrams repeat
    ids.push('', ' ', 'x ', ' x', 'x');
    const doubled = [...ids, ...ids.slice().reverse()];
    const { mismatches, rows } = checkAgainstMap(doubled, 16);
    expect(mismatches).toEqual([]);
    expect(rows.length).toBe(new Set(ids).size);
  });

  it('keeps long probe chains right, across the end of the table and through growth', () => {
    // Keys whose hashes have their low 13 bits set fall on the table's last slot at both sizes
    // this test reaches (4096 and 8192 slots), so a 300-key chain wraps round the end.
    const colliding: string[] = [];
    for (let i = 0; colliding.length < 300; i++) {
      const key = `K${i}`;
      if ((hashOf(key) & 0x1fff) === 0x1fff) colliding.push(key);
    }
    const others = Array.from({ length: 3_000 }, (_, i) => `other-${i}`);
    const ids = [...colliding.slice(0, 150), ...others, ...colliding.slice(150), ...colliding, ...others.slice(0, 100)];
    const { mismatches, table, rows } = checkAgainstMap(ids, 1);
    expect(mismatches).toEqual([]);
    expect(rows.length).toBe(3_300);
    // A key that collides too but was never added walks the whole chain and finds nothing.
    let absent = '';
    for (let i = 0; absent === ''; i++) if ((hashOf(`Z${i}`) & 0x1fff) === 0x1fff) absent = `Z${i}`;
    expect(table.find(absent)).toBe(-1);
  });
});
