import { describe, expect, it } from 'vitest';
import { rankCells, scoreRanking } from './accuracy';
import { runBacktest } from './backtest';
import { createCountHistory, forecast, type CountHistory } from './forecast';
import { cellAt, cellsWithinDistance } from './h3';
import { buildNeighbourhood } from './study-cells';

// 19 resolution-9 cells around Stepney Green; 20 windows of seeded random counts with a
// persistent hot cell (index 3) and a hot cell that moves every 5 windows. Made by hand.
const CELLS = cellsWithinDistance(cellAt(-0.04, 51.515, 9), 2).sort();
const N = CELLS.length;
const NEIGHBOURHOOD = (() => {
  const built = buildNeighbourhood(CELLS, 1);
  if (!built.ok) throw new Error(built.reason);
  return built.value;
})();

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function makeHistory(windows: number, withHarm = false): CountHistory {
  const random = seeded(11);
  const counts = new Float64Array(windows * N);
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < N; i++) counts[w * N + i] = Math.floor(random() * 3) + (i === 3 ? 4 : 0) + (i === 5 + Math.floor(w / 5) ? 6 : 0);
  }
  const harm = withHarm ? counts.map((c, m) => c * (1 + (m % 3))) : null;
  const built = createCountHistory(NEIGHBOURHOOD, windows, counts, harm);
  if (!built.ok) throw new Error(built.reason);
  return built.value;
}

describe('runBacktest', () => {
  const history = makeHistory(20);
  const result = runBacktest(history, { firstCut: 8, coverages: [0.05, 0.2] });
  if (!result.ok) throw new Error(result.reason);
  const byId = new Map(result.value.methods.map((m) => [m.id, m]));

  it('scores every cut window with every method, harm only when harm is given', () => {
    expect(result.value).toMatchObject({ firstCut: 8, lastCut: 19 });
    expect([...byId.keys()]).toEqual(['previous', 'counts-3', 'counts-6', 'counts-12', 'gistar', 'kernel', 'decayed', 'ours']);
    for (const method of result.value.methods) {
      expect(method.windows.map((w) => w.cut)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      expect(method.scoredWindows).toBe(12);
    }
    const withHarm = runBacktest(makeHistory(20, true), { firstCut: 8 });
    expect(withHarm.ok && withHarm.value.methods.map((m) => m.id)).toContain('harm-12');
    expect(runBacktest(history, { firstCut: 8, methods: ['harm-12'] })).toMatchObject({ ok: false, reason: expect.stringContaining('harm') });
  });

  it('scores the previous-window ranking of each cut exactly as scoreRanking does', () => {
    const previous = byId.get('previous')!;
    for (const window of previous.windows) {
      const c = window.cut;
      const expected = scoreRanking({
        ranking: rankCells(history.counts.slice((c - 1) * N, c * N), CELLS),
        next: history.counts.slice(c * N, (c + 1) * N),
        previous: history.counts.slice((c - 1) * N, c * N),
        coverages: [0.05, 0.2],
      });
      expect(window.accuracy).toEqual(expected.ok && expected.value);
    }
  });

  it('reports means over the scored windows', () => {
    const method = byId.get('counts-6')!;
    const pais = method.windows.map((w) => w.accuracy!.coverages[1]!.pai);
    expect(method.summary[1]!.pai).toBeCloseTo(pais.reduce((a, b) => a + b, 0) / pais.length, 12);
    const hits = method.windows.reduce((a, w) => a + w.accuracy!.coverages[1]!.hits, 0);
    const totals = method.windows.reduce((a, w) => a + w.accuracy!.total, 0);
    expect(method.summary[1]!.pooledHitRate).toBeCloseTo(hits / totals, 12);
  });

  it('tunes ours at each cut on the windows before it only (nested rolling origin)', () => {
    const ours = byId.get('ours')!;
    for (const window of ours.windows) {
      // The history cut short at the scored window gives the same parameters.
      const truncated = createCountHistory(NEIGHBOURHOOD, window.cut, history.counts.slice(0, window.cut * N));
      if (!truncated.ok) throw new Error(truncated.reason);
      const alone = forecast(truncated.value, window.cut, 'tune');
      expect(window.params).toEqual(alone.ok && alone.value.params);
    }
  });

  it('gives the same results whatever comes after the last cut (no lookahead)', () => {
    const poisoned = { ...history, counts: Float64Array.from(history.counts).fill(1e9, 16 * N) };
    const clean = runBacktest(history, { firstCut: 8, lastCut: 15 });
    const dirty = runBacktest(poisoned, { firstCut: 8, lastCut: 15 });
    expect(clean.ok).toBe(true);
    expect(dirty).toEqual(clean);
  });

  it('refuses cut ranges outside the history and histories with nothing to score', () => {
    expect(runBacktest(history, { firstCut: 0 })).toMatchObject({ ok: false });
    expect(runBacktest(history, { firstCut: 8, lastCut: 20 })).toMatchObject({ ok: false });
    const empty = createCountHistory(NEIGHBOURHOOD, 5, new Float64Array(5 * N));
    if (!empty.ok) throw new Error(empty.reason);
    expect(runBacktest(empty.value, { firstCut: 2 })).toMatchObject({ ok: false, reason: expect.stringContaining('could be scored') });
  });
});
