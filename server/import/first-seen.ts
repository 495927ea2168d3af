// Which row first had a given reference: the partner importer refuses a second row with
// the same id. A Map<string, number> over a million ids spent more time in the garbage
// collector than the parse itself; this open-addressing table keeps only row numbers in an
// Int32Array and compares the strings the caller already holds.

export class FirstSeen {
  private slots: Int32Array;
  private count = 0;

  /**
   * @param keyOf the key of a row number recorded earlier
   * @param expected about how many keys will be added (sizes the table once)
   */
  constructor(
    private readonly keyOf: (row: number) => string,
    expected = 2048,
  ) {
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(4096, expected * 2)))).fill(-1);
  }

  /** The row recorded with this key, or -1. */
  find(key: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot]!;
      if (row === -1 || this.keyOf(row) === key) return row;
    }
  }

  /** Records `row` as the first with its key (the caller has checked it is new). */
  add(key: string, row: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    let slot = hashOf(key) & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = row;
    this.count += 1;
  }

  private grow() {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (const row of old) {
      if (row === -1) continue;
      let slot = hashOf(this.keyOf(row)) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = row;
    }
  }
}

/** FNV-1a over UTF-16 code units, with a final avalanche so low bits mix well. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
