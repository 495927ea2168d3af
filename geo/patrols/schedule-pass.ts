// Times a sequence of visits: walk from the last place, wait if the area's band has not opened
// (or the spacing from its last visit has not passed), visit, and finally walk back to the start.
// Strict passes (the planner's own sequences) refuse any sequence that breaks a rule; lenient ones
// (an order a person gave) leave out the visits that cannot fit and carry on.
import { KOPER } from '../taskings/koper';
import type { PreparedShift, PreparedStop, ShiftWindow } from './patrol-input';

/** The step of a sequence that stands for the break; other steps index PreparedShift.stops. */
export const BREAK = -1;

export interface TimedStep {
  /** Index in PreparedShift.stops, or BREAK. */
  step: number;
  /** Minutes from the shift's start. */
  start: number;
  end: number;
  /** The walk to get there from the previous place (0 for the break: it is taken where the officer is). */
  walkMinutes: number;
  walkMeters: number;
}

export interface PassResult {
  steps: TimedStep[];
  /** The stops (indexes in PreparedShift.stops) of visits left out because they did not fit (lenient passes only), one per visit. */
  skipped: number[];
  /** Back at the start, minutes from the shift's start. */
  finish: number;
  returnWalkMinutes: number;
  returnWalkMeters: number;
  walkMinutes: number;
  walkMeters: number;
  waitMinutes: number;
  /** Minutes the break starts after its latest start (lenient passes only). */
  breakLateMinutes: number;
  /** True when the sequence holds a break that no longer fits before the shift ends. */
  breakMissing: boolean;
}

/** Minutes of the windows inside [from, to). */
export function openMinutesBetween(windows: readonly ShiftWindow[], from: number, to: number): number {
  let open = 0;
  for (const w of windows) open += Math.max(0, Math.min(to, w.to) - Math.max(from, w.from));
  return open;
}

/** The earliest start at or after `earliest` of a visit wholly inside one window; -1 when none is left. */
function firstFit(stop: PreparedStop, earliest: number): number {
  for (const w of stop.windows) {
    if (w.to - stop.visitMinutes >= earliest) return Math.max(earliest, w.from);
  }
  return -1;
}

/**
 * Times `sequence` from the shift's start. Strict: null as soon as a visit misses its bands or
 * the shift, repeats come more than KOPER.maxGapMinutes of banded time apart, or the break misses
 * its window. Lenient: such visits are skipped and the break is taken late or not at all.
 */
export function timeSequence(shift: PreparedShift, sequence: readonly number[], strict: boolean): PassResult | null {
  const { stops, walkMinutes, walkMeters, clock } = shift;
  const lastEnd = new Float64Array(stops.length).fill(-1);
  const steps: TimedStep[] = [];
  const skipped: number[] = [];
  let t = 0;
  let node = 0;
  let walked = 0;
  let walkedMeters = 0;
  let waited = 0;
  let breakLateMinutes = 0;
  let breakMissing = false;
  for (const step of sequence) {
    if (step === BREAK) {
      const start = Math.max(t, shift.breakEarliest);
      const end = start + shift.breakMinutes;
      if (start > shift.breakLatest || end + walkMinutes[node]![0]! > clock.minutes) {
        if (strict) return null;
        if (end + walkMinutes[node]![0]! > clock.minutes) {
          breakMissing = true;
          continue;
        }
        breakLateMinutes = start - shift.breakLatest;
      }
      waited += start - t;
      steps.push({ step, start, end, walkMinutes: 0, walkMeters: 0 });
      t = end;
      continue;
    }
    const stop = stops[step]!;
    const walk = walkMinutes[node]![stop.node]!;
    const arrive = t + walk;
    const previous = lastEnd[step]!;
    const start = firstFit(stop, previous >= 0 ? Math.max(arrive, previous + stop.minGapMinutes) : arrive);
    const fits = start >= 0 && start + stop.visitMinutes + walkMinutes[stop.node]![0]! <= clock.minutes;
    if (!fits || (strict && previous >= 0 && openMinutesBetween(stop.windows, previous, start) > KOPER.maxGapMinutes)) {
      if (strict) return null;
      skipped.push(step);
      continue;
    }
    const meters = walkMeters[node]![stop.node]!;
    walked += walk;
    walkedMeters += meters;
    waited += start - arrive;
    t = start + stop.visitMinutes;
    steps.push({ step, start, end: t, walkMinutes: walk, walkMeters: meters });
    lastEnd[step] = t;
    node = stop.node;
  }
  const returnWalkMinutes = walkMinutes[node]![0]!;
  const returnWalkMeters = walkMeters[node]![0]!;
  return {
    steps,
    skipped,
    finish: t + returnWalkMinutes,
    returnWalkMinutes,
    returnWalkMeters,
    walkMinutes: walked + returnWalkMinutes,
    walkMeters: walkedMeters + returnWalkMeters,
    waitMinutes: waited,
    breakLateMinutes,
    breakMissing,
  };
}
