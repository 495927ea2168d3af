// A small seeded random source for the demo generator. geo/ may not call Math.random()
// (HOUSE_STYLE: pure), and the demo data must be byte-identical for the same seed, so we
// carry our own generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
// from PractRand), seeded through splitmix32. Not for anything security-related.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box-Muller). */
  normal(): number;
  /** Poisson-distributed count with mean `lambda` (Knuth; fine for the small means used here). */
  poisson(lambda: number): number;
  /** Index drawn from a cumulative weight table (see cumulative()). */
  pick(cumulativeWeights: ArrayLike<number>): number;
}

/** FNV-1a over a stream name, so each part of the generator gets its own independent stream. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/**
 * A random stream for (seed, name). Different names give independent streams, so adding a
 * planted pattern does not reshuffle the background noise.
 */
export function createRandom(seed: number, streamName = ''): Random {
  const init = splitmix32((Math.trunc(seed) ^ hashName(streamName)) >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = 1;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up: the first outputs of a freshly seeded sfc32 are still correlated with the seed.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = () => nextUint32() / 4_294_967_296;
  let spareNormal: number | null = null;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal() {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      const u = 1 - next(); // (0, 1]: log(0) must not happen
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    poisson(lambda) {
      if (!(lambda > 0)) return 0;
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k += 1;
        p *= next();
      }
      return k;
    },
    pick(cumulativeWeights) {
      const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
      const target = next() * total;
      let lo = 0;
      let hi = cumulativeWeights.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulativeWeights[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** Running sums of weights, for Random.pick. */
export function cumulative(weights: readonly number[]): number[] {
  const sums: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    sums.push(total);
  }
  return sums;
}
