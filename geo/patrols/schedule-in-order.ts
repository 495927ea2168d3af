// The times of an order of visits a person gave: the planner reorders or drops stops by hand and
// the schedule recomputes by the same rules as planPatrol's (bands, spacing, walks, the shift),
// except that a visit that no longer fits is left out and said, rather than the order refused,
// and a gap of over two hours between visits is noted rather than prevented (decision 033).
import { fail, ok, type Result } from '../types';
import { prepareShift, type PatrolShift } from './patrol-input';
import { planOfPass, type PatrolPlan } from './plan-output';
import { BREAK, timeSequence } from './schedule-pass';

/**
 * Times the visits in the order given (tasking ids; an id twice is two visits), as a planner
 * reorders or drops stops by hand. Areas left out, and visits that no longer fit their bands or
 * the shift, show as shortfalls and notes; the break goes where it fits best.
 */
export function scheduleInOrder(input: PatrolShift, order: readonly number[]): Result<PatrolPlan> {
  const prepared = prepareShift(input);
  if (!prepared.ok) return prepared;
  const shift = prepared.value;
  const indexOf = new Map(shift.stops.map((s, k) => [s.stop.taskingId, k]));
  const sequence: number[] = [];
  for (const id of order) {
    const k = indexOf.get(id);
    if (k === undefined)
      return fail(`Tasking ${id} is in the order of visits but not among the shift's tasked areas: add it to the shift or take it out of the order`);
    sequence.push(k);
  }

  // Try the break at each place; keep the timing that leaves out fewest visits, then takes the break on time, then ends soonest.
  let best = timeSequence(shift, sequence, false)!;
  if (shift.breakMinutes > 0) {
    let bestScore: number[] = [];
    for (let position = 0; position <= sequence.length; position++) {
      const pass = timeSequence(shift, [...sequence.slice(0, position), BREAK, ...sequence.slice(position)], false)!;
      const score = [pass.breakMissing ? 1 : 0, pass.skipped.length, pass.breakLateMinutes, pass.finish + pass.walkMinutes];
      if (position === 0 || isLess(score, bestScore)) {
        best = pass;
        bestScore = score;
      }
    }
  }
  const notes = [...shift.notes];
  const left = new Map<number, number>();
  for (const k of best.skipped) left.set(k, (left.get(k) ?? 0) + 1);
  for (const [k, count] of left) {
    const area = shift.stops[k]!.stop.area;
    notes.push(
      `${area}: ${count === 1 ? 'a visit' : `${count} visits`} in this order cannot fit inside its time bands and the shift after the stops before, so ${count === 1 ? 'it is' : 'they are'} left out.`,
    );
  }
  return ok(planOfPass(shift, best, notes));
}

/** Lexicographic a < b. */
function isLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
