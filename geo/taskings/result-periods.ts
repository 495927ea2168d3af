// The periods a tasking's result compares: `during` runs from its start to the earliest of
// today, its end and the data's last complete day; `before` is the equal-length period just
// before the start. Data known only to the month is compared in whole months: the month the
// tasking started in belongs to neither period.
import { isoDateOfDay } from '../time';
import { addMonths, firstOfMonth, wholeMonthsBetween } from '../windows';
import { fail, ok, type Result } from '../types';

export interface Period {
  fromDay: number;
  /** Exclusive. */
  toDay: number;
}

export interface ResultPeriods {
  unit: 'days' | 'months';
  before: Period;
  during: Period;
  /** What was compared, in words, e.g. 'Apr-Jun 2019 against Jan-Mar 2019 (whole months: the data is monthly)'. */
  compared: string;
}

export interface PeriodInput {
  startDay: number;
  /** Inclusive last day of the tasking, or null when it has none. */
  endDay: number | null;
  /** Today's London date: not yet complete, so never inside `during`. */
  today: number;
  /** Day after the last day the theme's data covers (exclusive), or null when there is none. */
  dataEndDay: number | null;
  /** True when some of the theme's incidents are known only to the month. */
  monthly: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthName(day: number): string {
  const iso = isoDateOfDay(day);
  return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

function describeMonths(period: Period): string {
  const last = addMonths(period.toDay, -1);
  return period.fromDay === last ? monthName(period.fromDay) : `${monthName(period.fromDay)} to ${monthName(last)}`;
}

function describeDays(period: Period): string {
  return `${isoDateOfDay(period.fromDay)} to ${isoDateOfDay(period.toDay - 1)}`;
}

export function resultPeriods(input: PeriodInput): Result<ResultPeriods> {
  const { startDay, endDay, today, dataEndDay, monthly } = input;
  if (dataEndDay === null) return fail('there is no data for this theme yet');
  if (today <= startDay) return fail(`the tasking starts on ${isoDateOfDay(startDay)}; there is nothing to compare until a day of it has passed`);
  const duringEnd = Math.min(today, endDay === null ? Number.POSITIVE_INFINITY : endDay + 1, dataEndDay);
  if (duringEnd <= startDay) {
    return fail(
      `the data for this theme ends on ${isoDateOfDay(dataEndDay - 1)}, before the tasking started on ${isoDateOfDay(startDay)}; import newer data to see a result`,
    );
  }
  if (!monthly) {
    const during = { fromDay: startDay, toDay: duringEnd };
    const before = { fromDay: startDay - (duringEnd - startDay), toDay: startDay };
    const days = duringEnd - startDay;
    return ok({
      unit: 'days',
      before,
      during,
      compared: `${describeDays(during)} against the ${days} day${days === 1 ? '' : 's'} before, ${describeDays(before)}`,
    });
  }
  const duringFrom = firstOfMonth(startDay) === startDay ? startDay : addMonths(firstOfMonth(startDay), 1);
  const duringTo = firstOfMonth(duringEnd);
  const months = duringTo > duringFrom ? wholeMonthsBetween(duringFrom, duringTo) : 0;
  if (!months) {
    return fail(
      `some of this theme's data is known only to the month, so whole months are compared, and no whole month has passed since the tasking started on ${isoDateOfDay(startDay)}` +
        (duringEnd < today ? ` (the data ends on ${isoDateOfDay(duringEnd - 1)})` : ''),
    );
  }
  const beforeTo = firstOfMonth(startDay);
  const before = { fromDay: addMonths(beforeTo, -months), toDay: beforeTo };
  const during = { fromDay: duringFrom, toDay: duringTo };
  const skipped = beforeTo < duringFrom ? `; ${monthName(beforeTo)}, when the tasking started, is in neither` : '';
  return ok({
    unit: 'months',
    before,
    during,
    compared: `${describeMonths(during)} against ${describeMonths(before)} (whole months: some of the data is known only to the month${skipped})`,
  });
}

export function periodDays(period: Period): number {
  return period.toDay - period.fromDay;
}
