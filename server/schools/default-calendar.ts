// The assumed school calendar for Tower Hamlets, used for a school year until its real term
// dates are imported (`npm run import -- school-calendar`). ASSUMED, not published dates: it
// was written without access to the council's term-dates page, in the usual London pattern
// (term from the first Wednesday/Thursday of September, a week's half term at the end of
// October, two weeks at Christmas, a week's half term in mid-February, two weeks at Easter,
// the week of the Spring bank holiday at the end of May, term ending around 21-22 July).
// Between terms is holiday; bank holidays are never school days (geo/bank-holidays.ts). It has
// no inset days: each school chooses its own five, so it counts about five more school days
// a year than any one school has. Every answer built on it says it is an assumption.
import type { CalendarKind } from '../../geo/school-days';

export interface CalendarRow {
  dateFrom: string;
  dateTo: string;
  kind: CalendarKind;
  /** What the row is, for people reading the calendar. */
  label: string;
}

export const DEFAULT_CALENDAR_NAME = 'assumed Tower Hamlets calendar (usual London pattern, not published dates)';

/** School years 2025-26 and 2026-27 (the previous and current one on 2 December 2026). */
export const DEFAULT_CALENDAR: readonly CalendarRow[] = Object.freeze([
  { dateFrom: '2025-09-03', dateTo: '2025-12-19', kind: 'term', label: 'Autumn term 2025' },
  { dateFrom: '2025-10-27', dateTo: '2025-10-31', kind: 'holiday', label: 'October half term' },
  { dateFrom: '2026-01-05', dateTo: '2026-03-27', kind: 'term', label: 'Spring term 2026' },
  { dateFrom: '2026-02-16', dateTo: '2026-02-20', kind: 'holiday', label: 'February half term' },
  { dateFrom: '2026-04-13', dateTo: '2026-07-21', kind: 'term', label: 'Summer term 2026' },
  { dateFrom: '2026-05-25', dateTo: '2026-05-29', kind: 'holiday', label: 'May half term' },
  { dateFrom: '2026-09-03', dateTo: '2026-12-18', kind: 'term', label: 'Autumn term 2026' },
  { dateFrom: '2026-10-26', dateTo: '2026-10-30', kind: 'holiday', label: 'October half term' },
  { dateFrom: '2027-01-04', dateTo: '2027-03-25', kind: 'term', label: 'Spring term 2027' },
  { dateFrom: '2027-02-15', dateTo: '2027-02-19', kind: 'holiday', label: 'February half term' },
  { dateFrom: '2027-04-12', dateTo: '2027-07-21', kind: 'term', label: 'Summer term 2027' },
  { dateFrom: '2027-05-31', dateTo: '2027-06-04', kind: 'holiday', label: 'May half term' },
]);
