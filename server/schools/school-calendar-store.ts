// The one owner of `school_calendar_entries` (migration 007), and the calendar in use: the
// imported school years, and the assumed default (default-calendar.ts) for the years none
// was imported for. Callers that judge school days take `calendarInUse(db).entries` to
// geo/school-days.ts and say `assumed` on screen whenever it is true.
import { countSchoolDays, schoolYearDays, schoolYearLabel, schoolYearOfDay, type CalendarEntry, type CalendarKind } from '../../geo/school-days';
import { dayOfIsoDate, isoDateOfDay } from '../../geo/time';
import type { Db } from '../db/open-database';
import { prepared } from '../db/statement-cache';
import { DEFAULT_CALENDAR, DEFAULT_CALENDAR_NAME } from './default-calendar';
import type { ParsedCalendarEntry } from './school-calendar-csv';

export interface CalendarStoreMeta {
  fileName: string;
  fileSha256: string;
  importedAt: string;
  importedBy: string;
}

export interface CalendarYearInUse {
  /** '2025-26'. */
  schoolYear: string;
  startYear: number;
  firstDay: string;
  lastDay: string;
  source: 'imported' | 'assumed-default';
  assumed: boolean;
  fileName: string | null;
  importedAt: string | null;
  importedBy: string | null;
  schoolDays: number;
}

export interface CalendarEntryInUse extends CalendarEntry {
  schoolYear: string;
  dateFrom: string;
  dateTo: string;
  label: string;
  source: 'imported' | 'assumed-default';
}

export interface CalendarInUse {
  /** True when any school year in use is the assumed default, not imported dates. */
  assumed: boolean;
  years: CalendarYearInUse[];
  entries: CalendarEntryInUse[];
}

interface EntryRow {
  school_year: number;
  date_from: string;
  date_to: string;
  kind: CalendarKind;
  source_file: string;
  imported_at: string;
  imported_by: string;
}

/** Replaces the stored calendar of each school year in `years` with `entries`, in one immediate transaction; returns the years that had one. */
export function replaceCalendarYears(db: Db, years: readonly number[], entries: readonly ParsedCalendarEntry[], meta: CalendarStoreMeta): number[] {
  const had = db.prepare('SELECT DISTINCT school_year FROM school_calendar_entries WHERE school_year = ?').pluck();
  const remove = db.prepare('DELETE FROM school_calendar_entries WHERE school_year = ?');
  const insert = db.prepare(
    `INSERT INTO school_calendar_entries (school_year, date_from, date_to, kind, line, source_file, file_sha256, imported_at, imported_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db
    .transaction(() => {
      const replaced = years.filter((year) => had.get(year) !== undefined);
      for (const year of years) remove.run(year);
      for (const e of entries) {
        insert.run(
          e.schoolYear,
          isoDateOfDay(e.firstDay),
          isoDateOfDay(e.lastDay),
          e.kind,
          e.line,
          meta.fileName,
          meta.fileSha256,
          meta.importedAt,
          meta.importedBy,
        );
      }
      return replaced;
    })
    .immediate();
}

/** Changes whenever an import replaces a school year's calendar: a cache key for what is derived from it. */
export function schoolCalendarVersion(db: Db): string {
  return String(
    prepared(
      db,
      "SELECT group_concat(school_year || '@' || imported_at || '#' || file_sha256) FROM (SELECT DISTINCT school_year, imported_at, file_sha256 FROM school_calendar_entries ORDER BY school_year)",
    )
      .pluck()
      .get() ?? '',
  );
}

/** The calendar in use: imported school years, and the assumed default for the others it has. */
export function calendarInUse(db: Db): CalendarInUse {
  const rows = prepared(
    db,
    'SELECT school_year, date_from, date_to, kind, source_file, imported_at, imported_by FROM school_calendar_entries ORDER BY school_year, date_from, id',
  ).all() as EntryRow[];
  const entries: CalendarEntryInUse[] = rows.map((r) => ({
    firstDay: dayOfIsoDate(r.date_from),
    lastDay: dayOfIsoDate(r.date_to),
    kind: r.kind,
    schoolYear: schoolYearLabel(r.school_year),
    dateFrom: r.date_from,
    dateTo: r.date_to,
    label: '',
    source: 'imported',
  }));
  const importedYears = new Set(rows.map((r) => r.school_year));
  for (const row of DEFAULT_CALENDAR) {
    const firstDay = dayOfIsoDate(row.dateFrom);
    const year = schoolYearOfDay(firstDay);
    if (importedYears.has(year)) continue;
    entries.push({
      firstDay,
      lastDay: dayOfIsoDate(row.dateTo),
      kind: row.kind,
      schoolYear: schoolYearLabel(year),
      dateFrom: row.dateFrom,
      dateTo: row.dateTo,
      label: row.label,
      source: 'assumed-default',
    });
  }
  entries.sort((a, b) => a.firstDay - b.firstDay || a.kind.localeCompare(b.kind));

  const yearNumbers = [...new Set(entries.filter((e) => e.kind === 'term').map((e) => schoolYearOfDay(e.firstDay)))].sort((a, b) => a - b);
  const years = yearNumbers.map((startYear): CalendarYearInUse => {
    const imported = rows.find((r) => r.school_year === startYear);
    const days = schoolYearDays(startYear);
    return {
      schoolYear: schoolYearLabel(startYear),
      startYear,
      firstDay: isoDateOfDay(days.firstDay),
      lastDay: isoDateOfDay(days.lastDay),
      source: imported ? 'imported' : 'assumed-default',
      assumed: !imported,
      fileName: imported ? imported.source_file : null,
      importedAt: imported ? imported.imported_at : null,
      importedBy: imported ? imported.imported_by : null,
      schoolDays: countSchoolDays(entries, startYear),
    };
  });
  return { assumed: years.some((y) => y.assumed), years, entries };
}

/** Says which calendar decided school days, for notes on screen. */
export function describeCalendar(calendar: CalendarInUse): string {
  if (calendar.years.length === 0) return 'No school calendar covers any day: school days cannot be judged.';
  const assumed = calendar.years.filter((y) => y.assumed).map((y) => y.schoolYear);
  const imported = calendar.years.filter((y) => !y.assumed).map((y) => `${y.schoolYear} (from ${y.fileName})`);
  const parts = [
    imported.length > 0 ? `imported term dates for ${imported.join(', ')}` : '',
    assumed.length > 0 ? `ASSUMED term dates for ${assumed.join(', ')}: the ${DEFAULT_CALENDAR_NAME}` : '',
  ].filter((p) => p !== '');
  return `School days come from ${parts.join('; ')}. Days of other school years cannot be judged.`;
}
