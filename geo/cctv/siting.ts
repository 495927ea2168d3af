// Where the next redeployable cameras should go: weighted maximum coverage, greedy, then a
// single-swap pass (docs/decisions/029-cctv-coverage-model.md).
//
// Model: a candidate site is a full circle of the redeployable range; it covers a cell when
// the cell's centre lies within that range (haversine). Covering cell c is worth
// w_c · (1 − f_c): its harm-weighted count times the share of it no camera watches yet, so
// incidents already in view count for nothing. A cell covered by several proposed sites counts
// once. That value is a weighted coverage function (monotone, submodular), so greedy choice
// is within 1 − 1/e of the best k sites (Nemhauser, Wolsey and Fisher 1978). Greedy is then
// improved by swapping one chosen site for one unchosen candidate while a swap raises the
// total: the total only rises, so the bound holds, and the answer is swap-optimal.
//
// Cost: each candidate's covered cells are found once (cells bucketed on a square grid of the
// range's size); a greedy round and a swap round each read every candidate's list once,
// O(k · Σ|list|): a few hundred thousand additions for thousands of candidates and k = 10.
import { cellCentre } from '../h3';
import type { LngLat } from '../types';
import { haversineMeters, planeAround } from './local-plane';

export interface SitingCell {
  cell: string;
  harmWeightedCount: number;
  /** Share of the cell the existing working cameras already see, 0..1. */
  coveredFraction: number;
}

export interface SitingCandidate {
  id: string;
  lng: number;
  lat: number;
}

export interface SitingOptions {
  /** How many sites to propose. */
  k: number;
  /** Range of a redeployable camera, a full circle, metres. */
  rangeMeters: number;
  /** Improve greedy's answer by single swaps (default true; false gives plain greedy). */
  localSearch?: boolean;
}

export interface ProposedSite extends SitingCandidate {
  /** Harm-weighted incidents this site newly covers, after the sites listed before it. */
  marginalGain: number;
  /** Cells with harm left to watch that this site newly covers (centres within range, not covered by an earlier site). */
  newlyCoveredCells: string[];
}

export interface SitingResult {
  /** In order of marginal gain, each gain given the sites before it; fewer than k when no other site adds anything. */
  sites: ProposedSite[];
  /** Harm-weighted incidents newly covered by all the sites: the sum of the gains. */
  total: number;
  requested: number;
  rangeMeters: number;
  /** Swaps the pass after greedy made. */
  swapsMade: number;
  guarantee: string;
}

export const GREEDY_GUARANTEE =
  'Chosen greedily, one site at a time: the total is at least 1 − 1/e (about 63%) of the most that any choice of this many ' +
  'sites from these candidates could cover under the same model (Nemhauser, Wolsey and Fisher, 1978).';
export const SWAP_GUARANTEE =
  ' A pass after it swapped sites while that raised the total, so no single swap of a chosen site for another candidate covers more.';

/** Candidate sites at the centres of cells (e.g. the study cells), id = cell id, sorted by id. */
export function candidatesFromCells(cells: readonly string[]): SitingCandidate[] {
  return [...new Set(cells)].sort().map((cell) => {
    const [lng, lat] = cellCentre(cell);
    return { id: cell, lng, lat };
  });
}

/** For each candidate, the indices (ascending) of the valued cells whose centres are within range. */
function coverageLists(centres: readonly LngLat[], candidates: readonly SitingCandidate[], rangeMeters: number): number[][] {
  const plane = planeAround(centres.map(([lng, lat]) => ({ lng, lat })));
  // Buckets a little over the range: the flat frame's scale drifts under 0.1% over the borough.
  const size = rangeMeters * 1.01 + 1;
  const buckets = new Map<string, number[]>();
  centres.forEach(([lng, lat], index) => {
    const [x, y] = plane.toPlane(lng, lat);
    const key = `${Math.floor(x / size)},${Math.floor(y / size)}`;
    const list = buckets.get(key);
    if (list) list.push(index);
    else buckets.set(key, [index]);
  });
  return candidates.map(({ lng, lat }) => {
    const [x, y] = plane.toPlane(lng, lat);
    const bx = Math.floor(x / size);
    const by = Math.floor(y / size);
    const covered: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const index of buckets.get(`${bx + dx},${by + dy}`) ?? []) {
          if (haversineMeters([lng, lat], centres[index]!) <= rangeMeters) covered.push(index);
        }
      }
    }
    return covered.sort((a, b) => a - b);
  });
}

/** Propose k redeployable camera sites that newly cover the most harm-weighted incidents. */
export function siteRedeployableCameras(cells: readonly SitingCell[], candidates: readonly SitingCandidate[], options: SitingOptions): SitingResult {
  const { k, rangeMeters, localSearch = true } = options;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number of sites, 0 or more; got ${k}.`);
  if (!(rangeMeters > 0) || !Number.isFinite(rangeMeters)) throw new RangeError(`rangeMeters must be a positive number of metres; got ${rangeMeters}.`);
  // Only cells with something left to watch matter.
  const valued = cells
    .map((c) => ({ cell: c.cell, value: c.harmWeightedCount * (1 - Math.min(1, Math.max(0, c.coveredFraction))) }))
    .filter((c) => c.value > 0);
  const values = valued.map((c) => c.value);
  const lists = coverageLists(
    valued.map((c) => cellCentre(c.cell)),
    candidates,
    rangeMeters,
  );
  // How many chosen sites cover each cell.
  const counts = new Int32Array(values.length);
  const gainOf = (candidate: number) => {
    let gain = 0;
    for (const cell of lists[candidate]!) if (counts[cell] === 0) gain += values[cell]!;
    return gain;
  };
  // Deterministic ties: the higher gain, then the smaller id, then the earlier candidate.
  const better = (gain: number, candidate: number, bestGain: number, best: number) =>
    gain > bestGain ||
    (gain === bestGain && (candidates[candidate]!.id < candidates[best]!.id || (candidates[candidate]!.id === candidates[best]!.id && candidate < best)));
  const cover = (candidate: number, step: 1 | -1) => {
    for (const cell of lists[candidate]!) counts[cell]! += step;
  };

  const chosen: number[] = [];
  const isChosen = new Uint8Array(candidates.length);
  while (chosen.length < k) {
    let best = -1;
    let bestGain = 0;
    for (let candidate = 0; candidate < candidates.length; candidate++) {
      if (isChosen[candidate]) continue;
      const gain = gainOf(candidate);
      if (gain > 0 && (best < 0 || better(gain, candidate, bestGain, best))) {
        best = candidate;
        bestGain = gain;
      }
    }
    if (best < 0) break; // nothing left that any candidate covers
    chosen.push(best);
    isChosen[best] = 1;
    cover(best, 1);
  }

  let swapsMade = 0;
  if (localSearch && chosen.length > 0)
    swapsMade = improveBySwaps(
      chosen,
      isChosen,
      values,
      lists,
      counts,
      gainOf,
      cover,
      candidates.map((c) => c.id),
    );

  // Report in greedy order within the final set, each gain given the sites before it.
  counts.fill(0);
  const remaining = [...chosen];
  const sites: ProposedSite[] = [];
  let total = 0;
  while (remaining.length > 0) {
    let bestAt = 0;
    let bestGain = gainOf(remaining[0]!);
    for (let r = 1; r < remaining.length; r++) {
      const gain = gainOf(remaining[r]!);
      if (better(gain, remaining[r]!, bestGain, remaining[bestAt]!)) {
        bestAt = r;
        bestGain = gain;
      }
    }
    const [candidate] = remaining.splice(bestAt, 1);
    const newlyCoveredCells = lists[candidate!]!.filter((cell) => counts[cell] === 0).map((cell) => valued[cell]!.cell);
    cover(candidate!, 1);
    const { id, lng, lat } = candidates[candidate!]!;
    sites.push({ id, lng, lat, marginalGain: bestGain, newlyCoveredCells });
    total += bestGain;
  }
  return { sites, total, requested: k, rangeMeters, swapsMade, guarantee: localSearch ? GREEDY_GUARANTEE + SWAP_GUARANTEE : GREEDY_GUARANTEE };
}

/** Best-improvement single swaps until none raises the total by more than rounding; returns the swaps made. */
function improveBySwaps(
  chosen: number[],
  isChosen: Uint8Array,
  values: readonly number[],
  lists: readonly number[][],
  counts: Int32Array,
  gainOf: (candidate: number) => number,
  cover: (candidate: number, step: 1 | -1) => void,
  ids: readonly string[],
): number {
  const swapBefore = (entering: number, leaving: number, otherEntering: number, otherLeaving: number) =>
    ids[entering]! < ids[otherEntering]! ||
    (ids[entering] === ids[otherEntering] && (ids[leaving]! < ids[otherLeaving]! || (ids[leaving] === ids[otherLeaving] && entering < otherEntering)));
  let total = 0;
  for (let cell = 0; cell < values.length; cell++) if (counts[cell]! > 0) total += values[cell]!;
  let swaps = 0;
  // Each swap raises the total by more than the tolerance, so the loop ends; the cap is a backstop.
  for (let round = 0; round < 100 * chosen.length; round++) {
    const tolerance = 1e-9 * Math.max(1, total);
    let bestImprovement = tolerance;
    let swap: { position: number; candidate: number } | null = null;
    for (let position = 0; position < chosen.length; position++) {
      const leaving = chosen[position]!;
      cover(leaving, -1);
      let loss = 0;
      for (const cell of lists[leaving]!) if (counts[cell] === 0) loss += values[cell]!;
      for (let candidate = 0; candidate < lists.length; candidate++) {
        if (isChosen[candidate]) continue;
        const gain = gainOf(candidate);
        const improvement = gain - loss;
        // Equal improvements: the smaller entering id, then the smaller leaving id (not the input order).
        if (
          improvement > bestImprovement ||
          (swap && improvement === bestImprovement && swapBefore(candidate, leaving, swap.candidate, chosen[swap.position]!))
        ) {
          bestImprovement = improvement;
          swap = { position, candidate };
        }
      }
      cover(leaving, 1);
    }
    if (!swap) break;
    const leaving = chosen[swap.position]!;
    cover(leaving, -1);
    isChosen[leaving] = 0;
    cover(swap.candidate, 1);
    isChosen[swap.candidate] = 1;
    chosen[swap.position] = swap.candidate;
    total += bestImprovement;
    swaps += 1;
  }
  return swaps;
}
