// The two ways to plan a THEO shift (issue 13, decision 033):
// - planPatrol: the planner's own plan. Areas are ordered into a walk (nearest neighbour + 2-opt);
//   then visits are placed one at a time, each where it adds least time and walking while every
//   visit already placed keeps its band, its spacing and the shift: first visits to every area
//   before any repeat, and the areas with the least banded time first, ties in walking order.
//   When something did not fit, single visits are moved to wherever shortens the day and the
//   leftovers are tried once more.
// - scheduleInOrder (schedule-in-order.ts): the times of an order a person gave.
import { ok, type Result } from '../types';
import { prepareShift, type PatrolShift, type PreparedShift } from './patrol-input';
import { planOfPass, type PatrolPlan } from './plan-output';
import { BREAK, timeSequence } from './schedule-pass';
import { orderStops } from './tour';

/** Cost of a feasible sequence: minutes until back at the start plus minutes walked. */
function strictCost(shift: PreparedShift, sequence: readonly number[]): number {
  const pass = timeSequence(shift, sequence, true);
  return pass ? pass.finish + pass.walkMinutes : Infinity;
}

/** The cheapest feasible insertion of `step` into `sequence`, or null when there is none. */
function insertCheapest(shift: PreparedShift, sequence: readonly number[], step: number): number[] | null {
  let best: number[] | null = null;
  let bestCost = Infinity;
  for (let position = 0; position <= sequence.length; position++) {
    const candidate = [...sequence.slice(0, position), step, ...sequence.slice(position)];
    const cost = strictCost(shift, candidate);
    // On a tie the later place wins: stops inserted in walking order then follow it.
    if (cost <= bestCost && cost < Infinity) {
      bestCost = cost;
      best = candidate;
    }
  }
  return best;
}

/** Moves single steps to wherever shortens the day most, until no move does (at most a few sweeps). */
function relocate(shift: PreparedShift, sequence: number[]): number[] {
  let current = sequence;
  let cost = strictCost(shift, current);
  for (let sweep = 0; sweep < 4; sweep++) {
    let improved = false;
    for (let from = 0; from < current.length; from++) {
      const step = current[from]!;
      const without = [...current.slice(0, from), ...current.slice(from + 1)];
      for (let to = 0; to <= without.length; to++) {
        if (to === from) continue;
        const candidate = [...without.slice(0, to), step, ...without.slice(to)];
        const candidateCost = strictCost(shift, candidate);
        if (candidateCost < cost) {
          current = candidate;
          cost = candidateCost;
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
  }
  return current;
}

/** Plans a shift: visits, route, break, totals, and whatever it cannot deliver; a refusal in plain words for bad input. */
export function planPatrol(input: PatrolShift): Result<PatrolPlan> {
  const prepared = prepareShift(input);
  if (!prepared.ok) return prepared;
  const shift = prepared.value;
  const { stops } = shift;
  const walkOrder = new Array<number>(stops.length);
  for (const [rank, node] of orderStops(shift.walkMeters).entries()) walkOrder[node - 1] = rank;
  const openMinutes = stops.map((s) => s.windows.reduce((sum, w) => sum + w.to - w.from, 0));
  const byConstraint = stops.map((_, k) => k).sort((a, b) => openMinutes[a]! - openMinutes[b]! || walkOrder[a]! - walkOrder[b]!);

  // The break goes in first, so it always has a place; visits then fit round it.
  let sequence: number[] = shift.breakMinutes > 0 ? [BREAK] : [];
  const rounds = Math.max(0, ...stops.map((s) => s.needed));
  const placed = new Array<number>(stops.length).fill(0);
  // Place what fits; shorten the day by moving single visits; then try again what did not fit.
  for (let attempt = 0; attempt < 2; attempt++) {
    const full = new Uint8Array(stops.length);
    for (let round = 0; round < rounds; round++) {
      for (const k of byConstraint) {
        if (full[k] || placed[k]! >= stops[k]!.needed || placed[k]! > round) continue;
        const next = insertCheapest(shift, sequence, k);
        // The sequence did not change, so no later visit to this area can fit either.
        if (!next) full[k] = 1;
        else {
          sequence = next;
          placed[k]! += 1;
        }
      }
    }
    if (!full.includes(1)) break;
    sequence = relocate(shift, sequence);
  }
  const pass = timeSequence(shift, sequence, true);
  if (!pass) throw new Error('internal: a plan built from feasible insertions is not feasible');
  return ok(planOfPass(shift, pass, shift.notes));
}
