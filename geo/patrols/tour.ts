// The order of a walk from a start point through every stop and back: nearest neighbour, then
// 2-opt (reverse any stretch of the tour whose reversal shortens it, until none does). Both are
// exported so tests can hold 2-opt to never being longer than nearest neighbour.
// Node 0 of the distance matrix is the start; stops are nodes 1..n; a tour lists stop nodes only.

/** Length of the closed tour start -> order -> start, in the matrix's unit. */
export function tourLength(order: readonly number[], distance: readonly Float64Array[]): number {
  let total = 0;
  let previous = 0;
  for (const node of order) {
    total += distance[previous]![node]!;
    previous = node;
  }
  return total + distance[previous]![0]!;
}

/** From the start, always walk to the nearest stop not yet visited (the lower node on a tie). */
export function nearestNeighbourTour(distance: readonly Float64Array[]): number[] {
  const n = distance.length - 1;
  const visited = new Uint8Array(n + 1);
  const order: number[] = [];
  let current = 0;
  for (let step = 0; step < n; step++) {
    let best = -1;
    for (let node = 1; node <= n; node++) {
      if (!visited[node] && (best < 0 || distance[current]![node]! < distance[current]![best]!)) best = node;
    }
    visited[best] = 1;
    order.push(best);
    current = best;
  }
  return order;
}

/** Gains below this (metres) are float noise, not an improvement: stops the loop cycling. */
const EPSILON = 1e-9;

/**
 * 2-opt on a closed tour through the start: reverses order[i..j] whenever that shortens the
 * tour, until no reversal does. Only improvements are taken, so the result is never longer
 * than the tour it starts from. Returns a new array.
 */
export function twoOpt(order: readonly number[], distance: readonly Float64Array[]): number[] {
  // The closed walk with the start at both ends, so every edge is (path[k], path[k + 1]).
  const path = [0, ...order, 0];
  const last = path.length - 1;
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 1; i < last - 1; i++) {
      for (let j = i + 1; j < last; j++) {
        const a = path[i - 1]!;
        const b = path[i]!;
        const c = path[j]!;
        const d = path[j + 1]!;
        const gain = distance[a]![b]! + distance[c]![d]! - distance[a]![c]! - distance[b]![d]!;
        if (gain > EPSILON) {
          for (let lo = i, hi = j; lo < hi; lo++, hi--) [path[lo], path[hi]] = [path[hi]!, path[lo]!];
          improved = true;
        }
      }
    }
  }
  return path.slice(1, last);
}

/** Nearest neighbour improved by 2-opt: the walking order of the stops. */
export function orderStops(distance: readonly Float64Array[]): number[] {
  return twoOpt(nearestNeighbourTour(distance), distance);
}
