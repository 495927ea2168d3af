// The school calendar as the windowed routes' day filter (schoolDays=only|exclude): one value
// per day of the school years the calendar in use covers, rebuilt only when the database has
// changed and the calendar with it. Days outside those years are unknown (cannot be judged).
import { schoolDayMask, schoolYearDays } from '../../geo/school-days';
import type { SchoolDayFilter } from '../../geo/time-filter';
import { sinceLastChange } from '../db/change-stamp';
import type { Db } from '../db/open-database';
import { calendarInUse, schoolCalendarVersion } from './school-calendar-store';

interface CalendarDays {
  version: string;
  fromDay: number;
  kinds: Uint8Array;
}

export function createSchoolCalendarSource(db: Db): (keep: SchoolDayFilter['keep']) => SchoolDayFilter {
  let days: CalendarDays = { version: '\u0000', fromDay: 0, kinds: new Uint8Array(0) };
  const current = (): CalendarDays => {
    const version = schoolCalendarVersion(db);
    if (version === days.version) return days;
    const calendar = calendarInUse(db);
    const first = calendar.years[0];
    const last = calendar.years.at(-1);
    if (!first || !last) return (days = { version, fromDay: 0, kinds: new Uint8Array(0) });
    const fromDay = schoolYearDays(first.startYear).firstDay;
    return (days = { version, fromDay, kinds: schoolDayMask(calendar.entries, fromDay, schoolYearDays(last.startYear).lastDay + 1) });
  };
  return (keep) => {
    const { fromDay, kinds } = sinceLastChange(db, 'school-calendar-days', current);
    return { keep, fromDay, kinds };
  };
}
