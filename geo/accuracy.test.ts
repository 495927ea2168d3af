import { describe, expect, it } from 'vitest';
import { idRanks, rankCells, recaptureRateIndex, scoreRanking, selectedCellCount, topCells } from './accuracy';

// Ten equal cells. The scored ("next") window has 10 incidents, the one before it 20.
// Hand-computed answers are in the comments next to each expectation.
const NEXT = Object.freeze([5, 0, 3, 2, 0, 0, 0, 0, 0, 0]);
const PREVIOUS = Object.freeze([4, 1, 0, 0, 0, 0, 0, 0, 0, 15]);
const RANKING = Object.freeze([0, 9, 1, 2, 3, 4, 5, 6, 7, 8]);

describe('scoreRanking', () => {
  const result = scoreRanking({ ranking: RANKING, next: NEXT, previous: PREVIOUS, coverages: [0.1, 0.2, 0.5] });
  if (!result.ok) throw new Error(result.reason);
  const [top1, top2, top5] = result.value.coverages;

  it('computes hit rate and PAI (Chainey, Tompson & Uhlig 2008) by hand', () => {
    expect(result.value).toMatchObject({ cellCount: 10, total: 10, previousTotal: 20 });
    // 1 cell (10% of area) holds cell 0: 5 of 10 incidents -> hit rate 0.5, PAI 0.5 / 0.1 = 5.
    expect(top1).toMatchObject({ selectedCells: 1, areaShare: 0.1, hits: 5, hitRate: 0.5 });
    expect(top1!.pai).toBeCloseTo(5, 12);
    // 2 cells: cells 0 and 9 hold 5 + 0 -> PAI 0.5 / 0.2 = 2.5.
    expect(top2).toMatchObject({ selectedCells: 2, hits: 5 });
    expect(top2!.pai).toBeCloseTo(2.5, 12);
    // 5 cells: 0, 9, 1, 2, 3 hold 5 + 0 + 0 + 3 + 2 = 10 -> every incident, PAI 1 / 0.5 = 2.
    expect(top5).toMatchObject({ selectedCells: 5, hits: 10, hitRate: 1 });
    expect(top5!.pai).toBeCloseTo(2, 12);
  });

  it('computes PEI (Hunt 2016) against the best possible cells of the same area', () => {
    // Best single cell holds 5: 5 / 5 = 1. Best two hold 5 + 3 = 8: 5 / 8. Best five hold all 10: 10 / 10.
    expect(top1!.pei).toBe(1);
    expect(top2!.pei).toBeCloseTo(5 / 8, 12);
    expect(top5!.pei).toBe(1);
  });

  it('computes RRI (Levine 2008) as (n2 / n1) / (N2 / N1)', () => {
    // N2 / N1 = 10 / 20 = 0.5. One cell: (5 / 4) / 0.5 = 2.5. Two cells: (5 / 19) / 0.5. Five: (10 / 20) / 0.5 = 1.
    expect(top1!.rri).toEqual({ ok: true, value: 2.5 });
    expect(top2!.rri.ok && top2!.rri.value).toBeCloseTo(5 / 19 / 0.5, 12);
    expect(top5!.rri).toEqual({ ok: true, value: 1 });
  });

  it('returns zero totals as failure values, never NaN', () => {
    const empty = scoreRanking({ ranking: RANKING, next: new Array(10).fill(0), previous: PREVIOUS });
    expect(empty).toEqual({ ok: false, reason: expect.stringContaining('no incidents in the scored window') });

    const noPrevious = scoreRanking({ ranking: RANKING, next: NEXT, previous: new Array(10).fill(0), coverages: [0.1] });
    expect(noPrevious.ok).toBe(true);
    if (!noPrevious.ok) return;
    expect(noPrevious.value.coverages[0]!.pai).toBeCloseTo(5, 12);
    expect(noPrevious.value.coverages[0]!.rri).toEqual({ ok: false, reason: expect.stringContaining('previous window') });

    // Selected cell 0 had nothing before, though the area did: RRI undefined for that selection only.
    const coldSelection = scoreRanking({ ranking: RANKING, next: NEXT, previous: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0], coverages: [0.1] });
    expect(coldSelection.ok && coldSelection.value.coverages[0]!.rri).toEqual({
      ok: false,
      reason: expect.stringContaining('selected cells had no incidents'),
    });
    expect(recaptureRateIndex(3, 1, 0, 5)).toMatchObject({ ok: false });
  });

  it('rejects a ranking that is not a permutation, mismatched lengths and bad coverages', () => {
    expect(scoreRanking({ ranking: [0, 0, 1, 2, 3, 4, 5, 6, 7, 8], next: NEXT, previous: PREVIOUS })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('exactly once'),
    });
    expect(scoreRanking({ ranking: RANKING, next: NEXT, previous: [1, 2] })).toMatchObject({ ok: false });
    expect(scoreRanking({ ranking: RANKING, next: NEXT, previous: PREVIOUS, coverages: [0] })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('coverage 0'),
    });
    expect(scoreRanking({ ranking: [], next: [], previous: [] })).toMatchObject({ ok: false });
    expect(scoreRanking({ ranking: RANKING, next: [...NEXT.slice(0, 9), -1], previous: PREVIOUS })).toMatchObject({ ok: false });
  });
});

describe('rankCells', () => {
  it('orders by score descending and breaks ties by cell id, whatever the input order', () => {
    const cells = Object.freeze(['d', 'c', 'b', 'a']);
    expect([...rankCells([1, 2, 2, 0], cells)]).toEqual([2, 1, 0, 3]);
    // The same cells given in another order rank the same cells first.
    const reordered = Object.freeze(['b', 'a', 'd', 'c']);
    const ranked = rankCells([2, 0, 1, 2], reordered);
    expect([...ranked].map((i) => reordered[i])).toEqual(['b', 'c', 'd', 'a']);
  });

  it('ranks non-finite scores last and leaves its input alone', () => {
    const scores = Object.freeze([Number.NaN, 1, Number.POSITIVE_INFINITY, 0]);
    expect([...rankCells(scores, ['a', 'b', 'c', 'd'])]).toEqual([1, 3, 0, 2]);
    expect(scores[0]).toBeNaN();
  });
});

describe('topCells', () => {
  it('gives the first k of rankCells, ties and non-finite scores included', () => {
    // Seeded LCG; scores 0..4 and a few NaN so most scores tie.
    let state = 42;
    const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const cells = Array.from({ length: 60 }, (_, i) => `c${String((i * 37) % 60).padStart(2, '0')}`);
    for (let trial = 0; trial < 20; trial++) {
      const scores = cells.map(() => (random() < 0.05 ? Number.NaN : Math.floor(random() * 5)));
      const ranked = rankCells(scores, cells);
      for (const k of [0, 1, 3, 13, 60, 70]) {
        expect([...topCells(scores, idRanks(cells), k)]).toEqual([...ranked.slice(0, k)]);
      }
    }
  });
});

describe('selectedCellCount', () => {
  it('rounds the coverage to whole cells, at least one', () => {
    expect(selectedCellCount(0.05, 260)).toBe(13);
    expect(selectedCellCount(0.01, 260)).toBe(3); // 2.6 cells
    expect(selectedCellCount(0.01, 10)).toBe(1);
    expect(selectedCellCount(1, 10)).toBe(10);
  });
});
