// Rows whose id an earlier row already had: the partner importer refuses a second row with
// the same reference. Found once parsing is done rather than row by row: every id is
// hashed, the rows are sorted by hash (a three-pass radix sort) and strings are compared only
// within a run of equal hashes. Checking each row against a hash table as it was parsed cost
// a quarter of a million-row parse, nearly all of it cache misses in a 16 MB table; the sort
// walks memory in order.

/** A row whose id appeared first on an earlier row. */
export interface LaterDuplicate {
  row: number;
  first: number;
}

/**
 * Every row in [0, length) whose id an earlier row had, with the earliest such row, in row
 * order. Rows without an id (null or undefined) take no part. `hashAt` gives a 32-bit hash
 * of a row's id (null for none), for a caller that can hash ids where they lie; any
 * function of the id gives the same answer, which tests use to force collisions.
 */
export function laterDuplicates(
  length: number,
  idAt: (row: number) => string | null | undefined,
  hashAt: (row: number) => number | null = (row) => {
    const id = idAt(row);
    return id === null || id === undefined ? null : hashOf(id);
  },
): LaterDuplicate[] {
  let keys = new Uint32Array(length);
  let rows = new Uint32Array(length);
  let m = 0;
  for (let row = 0; row < length; row++) {
    const hash = hashAt(row);
    if (hash === null) continue;
    keys[m] = hash >>> 0;
    rows[m] = row;
    m += 1;
  }
  // Stable least-significant-digit radix sort on the hash, 11 bits a pass (2,048 buckets
  // keep every pass's scattered writes within the cache): rows with equal hashes stay in
  // row order.
  let spareKeys = new Uint32Array(m);
  let spareRows = new Uint32Array(m);
  const counts = new Uint32Array(2049);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < m; i++) counts[((keys[i]! >>> shift) & 0x7ff) + 1]! += 1;
    for (let d = 1; d < counts.length; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < m; i++) {
      const at = counts[(keys[i]! >>> shift) & 0x7ff]!++;
      spareKeys[at] = keys[i]!;
      spareRows[at] = rows[i]!;
    }
    [keys, spareKeys] = [spareKeys, keys];
    [rows, spareRows] = [spareRows, rows];
  }

  const found: LaterDuplicate[] = [];
  const distinct: { id: string | null | undefined; first: number }[] = [];
  for (let start = 0; start < m;) {
    let end = start + 1;
    while (end < m && keys[end] === keys[start]) end += 1;
    if (end - start > 1) {
      // A run of equal hashes: almost always one id repeated, rarely a collision. Each row
      // is compared with the run's distinct ids so far, not with every row before it.
      distinct.length = 0;
      for (let k = start; k < end; k++) {
        const id = idAt(rows[k]!);
        const earlier = distinct.find((d) => d.id === id);
        if (earlier) found.push({ row: rows[k]!, first: earlier.first });
        else distinct.push({ id, first: rows[k]! });
      }
    }
    start = end;
  }
  return found.sort((a, b) => a.row - b.row);
}

/** FNV-1a over UTF-16 code units, with a final avalanche so every bit mixes. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
