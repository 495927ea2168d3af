import { describe, expect, it } from 'vitest';
import {
  BASELINE_METHODS,
  PRIOR_PARAMS,
  addNeighbourMean,
  createCountHistory,
  decayedCounts,
  forecast,
  pastWindows,
  sumOfLastWindows,
  type CountHistory,
} from './forecast';
import { cellAt, cellsWithinDistance } from './h3';
import { buildNeighbourhood, type Neighbourhood } from './study-cells';

// 19 resolution-9 cells: a cell near Stepney Green and two rings around it (made by hand).
const CENTRE = cellAt(-0.04, 51.515, 9);
const CELLS = Object.freeze(cellsWithinDistance(CENTRE, 2).sort());
const N = CELLS.length;

function neighbourhoodOf(cells: readonly string[], k: number): Neighbourhood {
  const built = buildNeighbourhood(cells, k);
  if (!built.ok) throw new Error(built.reason);
  return built.value;
}
const NEIGHBOURHOOD = neighbourhoodOf(CELLS, 1);
const C = NEIGHBOURHOOD.indexOf.get(CENTRE)!;

function historyOf(windows: number[][], harm: number[][] | null = null): CountHistory {
  const built = createCountHistory(NEIGHBOURHOOD, windows.length, Float64Array.from(windows.flat()), harm && Float64Array.from(harm.flat()));
  if (!built.ok) throw new Error(built.reason);
  return built.value;
}

/** A window with the given counts at the given cell indices, 0 elsewhere. */
function windowWith(entries: Record<number, number>): number[] {
  const row = new Array<number>(N).fill(0);
  for (const [i, count] of Object.entries(entries)) row[Number(i)] = count;
  return row;
}

/** Seeded LCG (Numerical Recipes constants) so the noisy history is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Random counts, higher at the centre and at every fourth cell. */
function noisyRows(windows: number, seed: number): number[][] {
  const random = seeded(seed);
  return Array.from({ length: windows }, () => Array.from({ length: N }, (_, i) => Math.floor(random() * (i === C ? 8 : i % 4 === 0 ? 4 : 2))));
}

function noisyHistory(windows: number, seed: number): CountHistory {
  return historyOf(noisyRows(windows, seed));
}

/** The same history with every window from `from` on replaced by `value` (no validation: poison). */
function poisoned(history: CountHistory, from: number, value: number): CountHistory {
  const counts = Float64Array.from(history.counts);
  counts.fill(value, from * N);
  const harm = history.harm && Float64Array.from(history.harm).fill(value, from * N);
  return { ...history, counts, harm };
}

describe('count summaries', () => {
  const history = historyOf([windowWith({ 0: 1, 1: 2 }), windowWith({ 0: 4 }), windowWith({ 1: 8 })]);

  it('sums the last N windows and decays older ones, by hand', () => {
    expect([...sumOfLastWindows(history.counts, 3, N, 2)].slice(0, 2)).toEqual([4, 8]);
    expect([...sumOfLastWindows(history.counts, 3, N, 12)].slice(0, 2)).toEqual([5, 10]);
    // λ = 0.5: cell 0 = 1 × 0.25 + 4 × 0.5 + 0 = 2.25; cell 1 = 2 × 0.25 + 0 + 8 = 8.5.
    expect([...decayedCounts(history.counts, 3, N, 0.5)].slice(0, 2)).toEqual([2.25, 8.5]);
    // Only the first two windows: cell 0 = 1 × 0.5 + 4 = 4.5.
    expect(decayedCounts(history.counts, 2, N, 0.5)[0]).toBe(4.5);
  });

  it('adds beta times the mean of the touching study cells', () => {
    const values = new Float64Array(N);
    values[C] = 6;
    const ring = cellsWithinDistance(CENTRE, 1).filter((cell) => cell !== CENTRE);
    values[NEIGHBOURHOOD.indexOf.get(ring[0]!)!] = 12;
    const smoothed = addNeighbourMean(NEIGHBOURHOOD, values, 0.5);
    // The centre has 6 touching cells, one holding 12: 6 + 0.5 × 12 / 6 = 7.
    expect(smoothed[C]).toBe(7);
    // That ring cell touches the centre (6) among its study neighbours.
    expect(smoothed[NEIGHBOURHOOD.indexOf.get(ring[0]!)!]).toBeGreaterThan(12);
    expect(values[C]).toBe(6);
  });
});

describe('forecast', () => {
  it('scores with given parameters: decayed counts plus a share of the ring', () => {
    const history = historyOf([windowWith({ [C]: 2 }), windowWith({ [C]: 4 }), windowWith({ [C]: 100 })]);
    const result = forecast(history, 2, { lambda: 0.5, beta: 0 });
    expect(result.ok && result.value.scores[C]).toBe(2 * 0.5 + 4);
    expect(result.ok && result.value.tuning).toEqual({ kind: 'given' });
    expect(forecast(history, 4, PRIOR_PARAMS)).toMatchObject({ ok: false });
    expect(forecast(history, 1, { lambda: 0, beta: 0 })).toMatchObject({ ok: false });
    expect(forecast(history, 1, 'tune', { coverage: 0 })).toMatchObject({ ok: false, reason: expect.stringContaining('coverage') });
  });

  it('falls back to the prior when there is too little history to tune', () => {
    const result = forecast(noisyHistory(4, 1), 4, 'tune');
    expect(result.ok && result.value.params).toEqual(PRIOR_PARAMS);
    expect(result.ok && result.value.tuning.kind).toBe('prior');
  });

  it('leaves the prior when the evidence is clear: a hot spot that moves every two windows', () => {
    // Cells 0..17 in turn are hot (10) for two windows each. The second window of a pair is
    // predictable from the first only with a short memory: λ = 0.5 ranks the newest hot
    // cell first, the prior λ = 0.9 still ranks the older one (10 × 0.9² + 10 × 0.9³) first.
    const rows: number[][] = [];
    for (let w = 0; w < 24; w++) rows.push(windowWith({ [Math.floor(w / 2)]: 10 }));
    const result = forecast(historyOf(rows), 24, 'tune');
    if (!result.ok) throw new Error(result.reason);
    expect(result.value.params.lambda).toBe(0.5);
    const { tuning } = result.value;
    if (tuning.kind !== 'tuned') throw new Error(`expected tuning, got ${tuning.kind}`);
    expect(tuning.hitRate).toBeGreaterThan(tuning.priorHitRate);
  });

  it('is deterministic and does not modify its input', () => {
    const history = noisyHistory(30, 7);
    const before = Float64Array.from(history.counts);
    const a = forecast(history, 30, 'tune');
    const b = forecast(history, 30, 'tune');
    expect(a).toEqual(b);
    expect(history.counts).toEqual(before);
  });
});

describe('no lookahead', () => {
  const history = historyOf(noisyRows(30, 3), noisyRows(30, 4));

  for (const asOf of [0, 5, 20, 29]) {
    for (const poison of [Number.NaN, 1e12]) {
      it(`our tuned forecast for window ${asOf} ignores windows ${asOf}.. (poisoned with ${poison})`, () => {
        const clean = forecast(history, asOf, 'tune');
        const dirty = forecast(poisoned(history, asOf, poison), asOf, 'tune');
        expect(clean.ok).toBe(true);
        expect(dirty).toEqual(clean);
      });
    }
    it(`every baseline for window ${asOf} ignores windows ${asOf}..`, () => {
      const dirty = poisoned(history, asOf, 1e12);
      for (const method of BASELINE_METHODS) {
        expect(method.score(pastWindows(dirty, asOf)), method.id).toEqual(method.score(pastWindows(history, asOf)));
      }
    });
  }

  it('a method that did peek would be caught by the same check', () => {
    const peeking = (h: CountHistory, asOf: number) => sumOfLastWindows(h.counts, Math.min(asOf + 1, h.windowCount), N, 2);
    expect(peeking(poisoned(history, 20, 1e12), 20)).not.toEqual(peeking(history, 20));
  });
});

describe('baselines', () => {
  it('score the previous window, N windows, harm, decay, kernel and Gi* as worked by hand', () => {
    const history = historyOf(
      [windowWith({ 0: 5 }), windowWith({ 1: 1, 2: 1 }), windowWith({ [C]: 3 })],
      [windowWith({ 0: 50 }), windowWith({ 1: 10, 2: 10 }), windowWith({ [C]: 30 })],
    );
    const scores = Object.fromEntries(BASELINE_METHODS.map((m) => [m.id, m.score(history)]));
    // The geometry the sums below rely on, from h3-js: cells 0 and 1 touch the centre, cell 2
    // does not; cell 0 touches cells 1 and 2; cell 2 touches neither the centre nor cell 1.
    const touches = (a: number, b: number) => cellsWithinDistance(CELLS[a]!, 1).includes(CELLS[b]!);
    expect([touches(C, 0), touches(C, 1), touches(C, 2), touches(0, 1), touches(0, 2), touches(2, 1)]).toEqual([true, true, false, true, true, false]);

    expect(scores['previous']![C]).toBe(3);
    expect(scores['previous']![0]).toBe(0);
    for (const id of ['counts-3', 'counts-6', 'counts-12']) {
      expect([scores[id]![0], scores[id]![1], scores[id]![2], scores[id]![C]], id).toEqual([5, 1, 1, 3]);
    }
    expect(scores['harm-12']![0]).toBe(50);
    // λ = 0.8: cell 0 = 5 × 0.8² = 3.2, cell 1 = 1 × 0.8, the centre 3.
    expect(scores['decayed']![0]).toBeCloseTo(3.2, 14);
    expect(scores['decayed']![1]).toBeCloseTo(0.8, 14);
    expect(scores['decayed']![C]).toBe(3);
    // Quartic kernel (1 − (d/h)²)² at d = 1 cell spacing, h = 4/3: (1 − 9/16)² = 49/256 per touching cell.
    // Centre: 3 + 49/256 × (5 + 1) = 4.1484375; cell 0: 5 + 49/256 × (1 + 1 + 3) = 5.95703125;
    // cell 2: 1 + 49/256 × 5 (cell 0 only) = 1.95703125. Exact in binary.
    expect([scores['kernel']![C], scores['kernel']![0], scores['kernel']![2]]).toEqual([4.1484375, 5.95703125, 1.95703125]);

    // Gi* (k = 1) of the last window alone: 3 at the centre, 0 in the 18 other cells.
    // n = 19, x̄ = 3/19, S² = 9/19 − (3/19)² = 162/361, S = 9√2/19.
    // The centre and its 6 touching cells (W = 7, the centre in each): numerator 3 − 7 × 3/19 = 36/19,
    //   (n W − W²) / (n − 1) = (133 − 49) / 18 = 14/3, z = (36/19) / (9√2/19 × √(14/3)) = √(12/7) ≈ 1.309307.
    // The outer ring (W = 4 or 5 study cells, none holding the 3): numerator −3W/19, denominator
    //   9√2/19 × √(W(19 − W)/18) = 3√(W(19 − W))/19, z = −√(W / (19 − W)): −√(4/15) ≈ −0.516398, −√(5/14) ≈ −0.597614.
    // spdep::localG gives the same 19 values to 1e-15 (R 4, spdep 1.2.7, these neighbour lists).
    const expected = CELLS.map((cell) => {
      if (touches(C, CELLS.indexOf(cell))) return Math.sqrt(12 / 7);
      const w = cellsWithinDistance(cell, 1).filter((other) => CELLS.includes(other)).length;
      expect([4, 5]).toContain(w);
      return -Math.sqrt(w / (19 - w));
    });
    expect(expected.filter((z) => z > 0)).toHaveLength(7);
    [...scores['gistar']!].forEach((z, i) => expect(z, CELLS[i]).toBeCloseTo(expected[i]!, 12));
  });

  it('give every cell 0 for Gi* when the previous window is empty (no variation)', () => {
    const history = historyOf([windowWith({ 0: 2 }), windowWith({})]);
    const gistar = BASELINE_METHODS.find((m) => m.id === 'gistar')!;
    expect([...gistar.score(history)]).toEqual(new Array(N).fill(0));
  });
});

describe('createCountHistory', () => {
  it('rejects a wrong shape, negative or non-finite counts, and a neighbourhood other than k = 1', () => {
    expect(createCountHistory(NEIGHBOURHOOD, 2, new Float64Array(N))).toMatchObject({ ok: false, reason: expect.stringContaining(`2 windows × ${N} cells`) });
    expect(createCountHistory(NEIGHBOURHOOD, 1, new Float64Array(N).fill(-1))).toMatchObject({ ok: false });
    expect(createCountHistory(NEIGHBOURHOOD, 1, new Float64Array(N).fill(Number.NaN))).toMatchObject({ ok: false });
    expect(createCountHistory(neighbourhoodOf(CELLS, 2), 1, new Float64Array(N))).toMatchObject({ ok: false, reason: expect.stringContaining('k = 1') });
  });
});
