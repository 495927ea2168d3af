// Patrol visits logged against the planted taskings: what an officer's phone would have
// sent. Most banded days get the planned visits or one fewer, of 10-16 minutes (Koper); some
// days are missed, some visits are cut short (under 10 minutes) or run long, as on a real
// rota, so the dosage panel has something to say.
import type { PlannedDosage } from '../taskings/koper';
import { weekHoursOfBands, type TimeBand } from '../taskings/time-bands';
import { instantOfLondonWallClock, isoDateOfDay, weekdayOfDay } from '../time';

import type { Random } from './random';

export interface DemoVisit {
  /** Instants, ISO 8601 with Z. */
  startedAt: string;
  endedAt: string;
  officer: string;
  note: string | null;
  clientRef: string | null;
}

export interface VisitPlan {
  startDay: number;
  /** Exclusive: no visit on or after this day (the end of the data, "today"). */
  endDay: number;
  /** Bands that do not cross midnight; with none, visits fall in `patrolHours`. */
  timeBands: readonly TimeBand[];
  patrolHours: TimeBand;
  planned: PlannedDosage;
  officers: readonly string[];
  notes: readonly string[];
}

const MISSED_DAY_SHARE = 0.12;
const ONE_FEWER_SHARE = 0.3;
const SHORT_VISIT_SHARE = 0.15;
const LONG_VISIT_SHARE = 0.05;
const NOTE_SHARE = 0.2;

/** Runs of consecutive banded hours in a day, as [fromHour, toHour). */
function bandedRuns(hours: ArrayLike<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (let h = 0; h < 24; h++) {
    if (hours[h] !== 1) continue;
    const last = runs.at(-1);
    if (last && last[1] === h) last[1] = h + 1;
    else runs.push([h, h + 1]);
  }
  return runs;
}

function visitMinutesDrawn(random: Random): number {
  const u = random.next();
  if (u < SHORT_VISIT_SHARE) return 4 + random.int(6); // 4-9: cut short
  if (u < SHORT_VISIT_SHARE + LONG_VISIT_SHARE) return 17 + random.int(6); // 17-22: ran long
  return 10 + random.int(7); // 10-16: Koper length
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The visits, in time order; none before the start, none on or after the end day. */
export function plantedVisits(random: Random, plan: VisitPlan): DemoVisit[] {
  const weekHours = weekHoursOfBands(plan.timeBands.length > 0 ? plan.timeBands : [plan.patrolHours]);
  const visits: DemoVisit[] = [];
  for (let day = plan.startDay; day < plan.endDay; day++) {
    const weekday = weekdayOfDay(day);
    const runs = bandedRuns(weekHours.subarray(weekday * 24, weekday * 24 + 24));
    if (runs.length === 0) continue;
    if (random.next() < MISSED_DAY_SHARE) continue;
    let n = plan.planned.visitsPerDay;
    if (n > 1 && random.next() < ONE_FEWER_SHARE) n -= 1;
    // Spread the visits over the day's banded minutes: visit k somewhere in the k-th of n slots.
    const totalMinutes = runs.reduce((sum, [from, to]) => sum + (to - from) * 60, 0);
    for (let k = 0; k < n; k++) {
      const minutes = visitMinutesDrawn(random);
      const slotFrom = (k * totalMinutes) / n;
      const slotWidth = totalMinutes / n;
      let offset = Math.floor(slotFrom + random.next() * Math.max(0, slotWidth - minutes));
      // Find the run the offset falls in, and keep the whole visit inside it.
      let run = runs[0]!;
      for (const r of runs) {
        const length = (r[1] - r[0]) * 60;
        run = r;
        if (offset < length) break;
        offset -= length;
      }
      offset = Math.max(0, Math.min(offset, (run[1] - run[0]) * 60 - minutes));
      const startMinute = run[0] * 60 + offset;
      const wallClock = `${isoDateOfDay(day)}T${pad2(Math.floor(startMinute / 60))}:${pad2(startMinute % 60)}`;
      const started = instantOfLondonWallClock(wallClock);
      if (!started.ok) throw new Error(`planted visit at ${wallClock}: ${started.reason}`);
      visits.push({
        startedAt: started.value.toISOString(),
        endedAt: new Date(started.value.getTime() + minutes * 60_000).toISOString(),
        officer: plan.officers[random.int(plan.officers.length)]!,
        note: random.next() < NOTE_SHARE ? plan.notes[random.int(plan.notes.length)]! : null,
        clientRef: null,
      });
    }
  }
  return visits;
}
