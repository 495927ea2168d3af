// What this week's patrol plans will deliver for each tasking against its planned dosage
// (issue 13 item 5): the visits scheduled in every plan of the London week (Monday to Sunday)
// that holds the tasking, against visitsPerDay on each day of the week the tasking runs and its
// time bands open (every day when it has none), as the taskings' own dosage counts it.
import type { PlannedDosage } from '../taskings/koper';
import { isoDateOfDay, weekdayOfDay } from '../time';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface WeekTasking {
  taskingId: number;
  title: string;
  planned: PlannedDosage | null;
  /** The tasking's banded week-hours (weekHoursOfBands); every hour when it has no bands. */
  weekHours: Uint8Array;
  /** London day numbers it runs from and to (inclusive; null = open-ended). */
  startDay: number;
  endDay: number | null;
}

export interface WeekPlan {
  /** London day number of the plan's date. */
  day: number;
  visits: readonly { taskingId: number; arriveMinute: number; leaveMinute: number }[];
}

export interface WeekDosageRow {
  taskingId: number;
  title: string;
  /** Monday and Sunday of the week, 'YYYY-MM-DD'. */
  weekFrom: string;
  weekTo: string;
  plannedVisits: number | null;
  plannedMinutes: number | null;
  scheduledVisits: number;
  scheduledMinutes: number;
  /** Plans of the week that schedule at least one visit to it. */
  plans: number;
  message: string;
}

/** The Monday of the London week holding `day`. */
export function mondayOf(day: number): number {
  return day - weekdayOfDay(day);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function weekDosage(planDay: number, taskings: readonly WeekTasking[], plans: readonly WeekPlan[]): WeekDosageRow[] {
  const monday = mondayOf(planDay);
  const inWeek = plans.filter((p) => p.day >= monday && p.day < monday + 7);
  return taskings.map((t) => {
    const days: number[] = [];
    for (let day = monday; day < monday + 7; day++) {
      if (day < t.startDay || (t.endDay !== null && day > t.endDay)) continue;
      const weekday = weekdayOfDay(day);
      if (t.weekHours.subarray(weekday * 24, weekday * 24 + 24).some((v) => v === 1)) days.push(day);
    }
    const plannedVisits = t.planned ? t.planned.visitsPerDay * days.length : null;
    const plannedMinutes = t.planned ? plannedVisits! * t.planned.minutesPerVisit : null;
    let scheduledVisits = 0;
    let scheduledMinutes = 0;
    let planCount = 0;
    for (const plan of inWeek) {
      const mine = plan.visits.filter((v) => v.taskingId === t.taskingId);
      if (mine.length > 0) planCount += 1;
      scheduledVisits += mine.length;
      scheduledMinutes += mine.reduce((sum, v) => sum + v.leaveMinute - v.arriveMinute, 0);
    }
    const plansText = `this week's ${plural(planCount, 'plan')} ${planCount === 1 ? 'schedules' : 'schedule'}`;
    const daysText = days.length === 7 ? 'every day' : days.length === 0 ? 'no day this week' : days.map((d) => WEEKDAY_NAMES[weekdayOfDay(d)]).join(', ');
    const message =
      plannedVisits === null
        ? `${t.title}: no dosage is planned; ${plansText} ${plural(scheduledVisits, 'visit')} (${scheduledMinutes} min).`
        : `${t.title}: ${plansText} ${scheduledVisits} of the ${plannedVisits} planned visits (${t.planned!.visitsPerDay} a day, ${daysText}); ${scheduledMinutes} of ${plannedMinutes} min.`;
    return {
      taskingId: t.taskingId,
      title: t.title,
      weekFrom: isoDateOfDay(monday),
      weekTo: isoDateOfDay(monday + 6),
      plannedVisits,
      plannedMinutes,
      scheduledVisits,
      scheduledMinutes,
      plans: planCount,
      message,
    };
  });
}
