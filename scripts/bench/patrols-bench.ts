// Planning a THEO shift (issue 13): 30 tasked areas spread over Tower Hamlets, a third with no
// time bands, a third after school (Mon-Fri 15:00-18:00), a third in the evening (18:00-23:00),
// half of them asking for 2-4 visits a day; an 8-hour shift, 14:00-22:00 on a Friday, with a
// 30-minute break. Pure scheduling (geo/patrols), no database. Target: < 200 ms per plan.
import { planPatrol } from '../../geo/patrols/patrol-plan';
import type { PatrolShift } from '../../geo/patrols/patrol-input';
import type { TimeBand } from '../../geo/taskings/time-bands';
import { percentile, seededRandom, table, timeRuns, verdict } from './bench-stats';

const RUNS = 15;
const TARGET_MS = 200;
const BANDS: TimeBand[][] = [[], [{ weekdays: 'mon-fri', hours: '15-18' }], [{ weekdays: null, hours: '18-23' }]];

/** 30 areas within about 3 km of Stepney (lng -0.03, lat 51.52), from a fixed seed. */
export function benchShift(seed: number): PatrolShift {
  const random = seededRandom(seed);
  return {
    date: '2026-03-06',
    shiftStart: '14:00',
    shiftEnd: '22:00',
    breakMinutes: 30,
    start: [-0.03, 51.52],
    stops: Array.from({ length: 30 }, (_, k) => ({
      taskingId: k + 1,
      area: `Area ${k + 1}`,
      point: [-0.03 + (random() - 0.5) * 0.07, 51.52 + (random() - 0.5) * 0.04],
      timeBands: BANDS[k % 3]!,
      plannedDosage: k % 2 === 0 ? null : { visitsPerDay: 2 + (k % 3), minutesPerVisit: 15 },
    })),
  };
}

export async function benchPatrols(): Promise<void> {
  console.log('\nPatrol plan: 30 tasked areas over Tower Hamlets, 14:00-22:00 shift (geo/patrols, pure)');
  const rows: (string | number)[][] = [['seed', 'visits', 'areas short', 'walk km', 'first ms', `median of ${RUNS} ms`, 'p95 ms', 'target ms', '']];
  for (const seed of [1, 2, 3]) {
    const input = benchShift(seed);
    const firstStart = performance.now();
    const plan = planPatrol(input);
    const first = performance.now() - firstStart;
    if (!plan.ok) throw new Error(plan.reason);
    const times = await timeRuns(RUNS, () => {
      planPatrol(input);
    });
    const median = percentile(times, 50);
    // Counts as text: the table prints numbers with decimals.
    rows.push([
      String(seed),
      String(plan.value.visits.length),
      String(plan.value.shortfalls.length),
      plan.value.totals.kilometres,
      first,
      median,
      percentile(times, 95),
      String(TARGET_MS),
      verdict(median, TARGET_MS, true),
    ]);
  }
  console.log(table(rows));
}
