// The school calendar importer behind `npm run import -- school-calendar` and
// POST /api/imports/school-calendar: all or nothing, replacing the stored calendar of the
// school years the file covers (and with it the assumed default for those years).
import { countSchoolDays, schoolYearLabel, schoolYearOfDay } from '../../geo/school-days';
import { dayOfIsoDate } from '../../geo/time';
import { readInput, refused, type FileProblem } from '../import/read-input';
import type { RejectedRow } from '../store/import-types';
import { parseCalendarCsv, checkCalendarHead } from './school-calendar-csv';
import { replaceCalendarYears } from './school-calendar-store';
import type { SchoolsImportContext, SchoolsImportFile } from './schools-import';
import { DEFAULT_CALENDAR } from './default-calendar';

const DEFAULT_YEARS = DEFAULT_CALENDAR.filter((row) => row.kind === 'term').map((row) => schoolYearOfDay(dayOfIsoDate(row.dateFrom)));

export interface CalendarImportSummary {
  kind: 'school-calendar';
  fileName: string;
  fileSha256: string;
  rowsRead: number;
  /** Entries stored (a holiday across 31 August is one per school year); 0 when refused. */
  stored: number;
  schoolYears: {
    schoolYear: string;
    terms: number;
    holidays: number;
    insetDays: number;
    schoolDays: number;
    /** What it replaced: an earlier imported calendar, the assumed default, or nothing (no calendar covered the year). */
    replaced: 'imported' | 'assumed-default' | 'nothing';
  }[];
  rejected: number;
  rejections: RejectedRow[];
  notes: string[];
}

export type CalendarOutcome = { ok: true; summary: CalendarImportSummary } | { ok: false; problem: FileProblem; summary: CalendarImportSummary | null };

export async function importSchoolCalendar(context: SchoolsImportContext, file: SchoolsImportFile): Promise<CalendarOutcome> {
  const read = await readInput(file.input, {
    checkHead: checkCalendarHead,
    ...(context.maxRawBytes !== undefined ? { maxRawBytes: context.maxRawBytes } : {}),
    ...(context.onBytes ? { onBytes: context.onBytes } : {}),
  });
  if (!read.ok) return { ok: false, problem: read.reason, summary: null };
  const parsed = parseCalendarCsv(read.value.text);
  if (!parsed.ok) return { ok: false, problem: parsed.reason, summary: null };
  const { entries, rejected, schoolYears } = parsed.value;
  const summary: CalendarImportSummary = {
    kind: 'school-calendar',
    fileName: file.fileName,
    fileSha256: read.value.sha256,
    rowsRead: parsed.value.rowsRead,
    stored: 0,
    schoolYears: [],
    rejected: rejected.length,
    rejections: rejected.slice(0, 100),
    notes: parsed.value.notes,
  };
  if (rejected.length > 0) {
    const first = rejected[0]!;
    return {
      ok: false,
      problem: refused(
        `${rejected.length} of ${parsed.value.rowsRead} rows ${rejected.length === 1 ? 'was' : 'were'} rejected (first: line ${first.line}: ${first.message}). ` +
          'A calendar is imported whole: correct them and import the file again. Nothing was imported.',
      ),
      summary,
    };
  }
  const replaced = replaceCalendarYears(context.db, schoolYears, entries, {
    fileName: file.fileName,
    fileSha256: read.value.sha256,
    importedAt: context.now.toISOString(),
    importedBy: context.importedBy,
  });
  return {
    ok: true,
    summary: {
      ...summary,
      stored: entries.length,
      schoolYears: schoolYears.map((year) => {
        const ofYear = entries.filter((e) => e.schoolYear === year);
        return {
          schoolYear: schoolYearLabel(year),
          terms: ofYear.filter((e) => e.kind === 'term').length,
          holidays: ofYear.filter((e) => e.kind === 'holiday').length,
          insetDays: ofYear.filter((e) => e.kind === 'inset').reduce((n, e) => n + e.lastDay - e.firstDay + 1, 0),
          schoolDays: countSchoolDays(ofYear, year),
          replaced: replaced.includes(year) ? 'imported' : DEFAULT_YEARS.includes(year) ? 'assumed-default' : 'nothing',
        };
      }),
    },
  };
}
