// School calendar CSV → calendar entries per school year: rows `date_from,date_to,kind` with
// kind term, holiday or inset and both dates included (an optional `label` column names the
// row). A file covers the school years its terms fall in (1 September to 31 August); a
// holiday or inset day is kept for the covered years it touches (decision 023).
import { countSchoolDays, CALENDAR_KINDS, schoolYearDays, schoolYearLabel, schoolYearOfDay, type CalendarEntry } from '../../geo/school-days';
import { isoDateOfDay, parseIsoDate } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import { columnIndex, firstLineOf, headerFieldsOf, quoteList, walkCsv } from '../import/csv-table';
import { refused, type FileProblem } from '../import/read-input';
import type { RejectedRow } from '../store/import-types';

export interface ParsedCalendarEntry extends CalendarEntry {
  schoolYear: number;
  line: number;
  label: string;
}

export interface ParsedCalendar {
  rowsRead: number;
  /** Per covered school year (start year), ascending. */
  schoolYears: number[];
  entries: ParsedCalendarEntry[];
  rejected: RejectedRow[];
  notes: string[];
}

const REQUIRED = ['date_from', 'date_to', 'kind'] as const;
/** A school year in England has 190 pupil days (195 with inset days); far fewer means missing terms. */
const FEWEST_PLAUSIBLE_SCHOOL_DAYS = 170;
const MOST_PLAUSIBLE_SCHOOL_DAYS = 200;

function findColumns(header: readonly string[]): Result<{ from: number; to: number; kind: number; label: number }, FileProblem> {
  const index = (name: string) => columnIndex(header, [name, name.replace('_', ' '), name.replace('_', '')]);
  const missing = REQUIRED.filter((name) => index(name) === -1);
  if (missing.length > 0) {
    return fail(
      refused(
        `The header lacks ${quoteList(missing)}. A school calendar has one row per range of days: date_from,date_to,kind ` +
          `(kind term, holiday or inset; dates YYYY-MM-DD, both included); this file's first line has ${quoteList(header.slice(0, 8))}. Nothing was imported.`,
      ),
    );
  }
  return ok({ from: index('date_from'), to: index('date_to'), kind: index('kind'), label: columnIndex(header, ['label', 'name', 'description']) });
}

export function checkCalendarHead(head: string, complete: boolean): Result<void, FileProblem> {
  const line = firstLineOf(head, complete);
  const header = line === null ? null : headerFieldsOf(line);
  if (header === null) return fail(refused('The first line is not a CSV header. Nothing was imported.'));
  const found = findColumns(header);
  return found.ok ? ok(undefined) : found;
}

export function parseCalendarCsv(text: string): Result<ParsedCalendar, FileProblem> {
  let columns: { from: number; to: number; kind: number; label: number } | null = null;
  const rejected: RejectedRow[] = [];
  const rows: ParsedCalendarEntry[] = [];
  const walked = walkCsv(text, {
    header(fields) {
      const found = findColumns(fields);
      if (!found.ok) return found;
      columns = found.value;
      return ok(undefined);
    },
    reject(line, message) {
      rejected.push({ line, message });
    },
    row(fields, line) {
      const c = columns!;
      const value = (i: number) => (i === -1 ? '' : (fields[i] ?? '').trim());
      const problems: string[] = [];
      const from = parseIsoDate(value(c.from));
      if (!from.ok) problems.push(`date_from ${from.reason}`);
      const to = parseIsoDate(value(c.to));
      if (!to.ok) problems.push(`date_to ${to.reason}`);
      const kindText = value(c.kind).toLowerCase();
      const kind = CALENDAR_KINDS.find((k) => k === kindText);
      if (!kind) problems.push(`kind "${value(c.kind)}" is not a kind of day; expected term, holiday or inset`);
      if (from.ok && to.ok && to.value < from.value)
        problems.push(`date_to ${value(c.to)} is before date_from ${value(c.from)}; the range runs from date_from to date_to`);
      if (from.ok && to.ok && kind === 'term' && to.value >= from.value && schoolYearOfDay(from.value) !== schoolYearOfDay(to.value)) {
        problems.push(
          `this term runs past 31 August, the end of the school year ${schoolYearLabel(schoolYearOfDay(from.value))}; a term lies within one school year`,
        );
      }
      if (problems.length > 0 || !from.ok || !to.ok || !kind) {
        rejected.push({ line, message: problems.join('; ') });
        return;
      }
      rows.push({ firstDay: from.value, lastDay: to.value, kind, line, label: value(c.label), schoolYear: schoolYearOfDay(from.value) });
    },
  });
  if (!walked.ok) return walked;
  const schoolYears = [...new Set(rows.filter((r) => r.kind === 'term').map((r) => r.schoolYear))].sort((a, b) => a - b);
  if (rejected.length === 0 && schoolYears.length === 0) {
    return fail(refused('The file has no term rows (kind term): a calendar needs the term dates of each school year it covers. Nothing was imported.'));
  }
  // Holidays and inset days: one entry per covered school year they touch; the rest is outside the file's years.
  const entries: ParsedCalendarEntry[] = [];
  const outside: number[] = [];
  for (const row of rows) {
    let clipped = false;
    for (let year = schoolYearOfDay(row.firstDay); year <= schoolYearOfDay(row.lastDay); year++) {
      const days = schoolYearDays(year);
      const firstDay = Math.max(row.firstDay, days.firstDay);
      const lastDay = Math.min(row.lastDay, days.lastDay);
      if (schoolYears.includes(year)) entries.push({ ...row, firstDay, lastDay, schoolYear: year });
      else clipped = true;
    }
    if (clipped) outside.push(row.line);
  }
  const notes: string[] = [];
  if (outside.length > 0) {
    notes.push(
      `Line${outside.length === 1 ? '' : 's'} ${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ', ...' : ''}: the days in school years ` +
        'this file gives no terms for were left out (a school year is covered only with its terms).',
    );
  }
  for (const year of schoolYears) {
    const days = countSchoolDays(
      entries.filter((e) => e.schoolYear === year),
      year,
    );
    if (days < FEWEST_PLAUSIBLE_SCHOOL_DAYS || days > MOST_PLAUSIBLE_SCHOOL_DAYS) {
      notes.push(
        `School year ${schoolYearLabel(year)} has ${days} school days in this file (${isoDateOfDay(schoolYearDays(year).firstDay)} to ${isoDateOfDay(schoolYearDays(year).lastDay)}); ` +
          `a year in England has about 190 to 195: check that every term, holiday and inset day is listed.`,
      );
    }
  }
  return ok({ rowsRead: walked.value, schoolYears, entries, rejected, notes });
}
