// The school calendar: the CSV importer (through runImport), the calendar in use (imported
// years replace the assumed default year by year) and the default itself, on hand-worked dates.
import { describe, expect, it } from 'vitest';
import { schoolDayOf, type SchoolDay } from '../../geo/school-days';
import { NOT_SCHOOL_DAY, SCHOOL_DAY, schoolDayKind, UNKNOWN_SCHOOL_DAY } from '../../geo/time-filter';
import { dayNumber } from '../../geo/time';
import { openDatabase, type Db } from '../db/open-database';
import { runImport, type ImportOutcome } from '../import/run-import';
import type { CalendarImportSummary } from './school-calendar-import';
import { calendarInUse, describeCalendar } from './school-calendar-store';
import { createSchoolCalendarSource } from './school-day-source';

const NOW = new Date('2026-12-02T09:00:00Z');

async function importCalendar(db: Db, text: string, fileName = 'term-dates.csv') {
  return runImport({ db, importedBy: 'test', now: NOW }, { kind: 'school-calendar' }, { input: { bytes: Buffer.from(text) }, fileName });
}

function calendarSummary(outcome: ImportOutcome): CalendarImportSummary {
  if (!('type' in outcome) || outcome.type !== 'school-calendar' || !outcome.summary) throw new Error(`not a calendar summary: ${JSON.stringify(outcome)}`);
  return outcome.summary;
}

const on = (db: Db, iso: string): SchoolDay =>
  schoolDayOf(calendarInUse(db).entries, dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))));
const entryCount = (db: Db) => Number(db.prepare('SELECT count(*) FROM school_calendar_entries').pluck().get());

// School year 2026-27 as a school might publish it, with two inset days and a summer holiday written across 31 August.
const CALENDAR_2026_27 = [
  'date_from,date_to,kind,label',
  '2026-09-01,2026-09-02,inset,Training days',
  '2026-09-03,2026-12-18,term,Autumn',
  '2026-10-26,2026-10-30,holiday,Half term',
  '2027-01-04,2027-03-26,term,Spring',
  '2027-02-15,2027-02-19,holiday,Half term',
  '2027-04-12,2027-07-22,term,Summer',
  '2027-05-31,2027-06-04,holiday,Half term',
  '2027-06-28,2027-06-28,inset,Training day',
  '2027-07-23,2027-09-01,holiday,Summer holiday',
].join('\n');

describe('the assumed default calendar', () => {
  it('covers 2025-26 and 2026-27 in the usual London pattern, marked as an assumption', () => {
    const db = openDatabase(':memory:');
    const calendar = calendarInUse(db);
    expect(calendar.assumed).toBe(true);
    expect(calendar.years.map((y) => [y.schoolYear, y.source, y.assumed, y.schoolDays])).toEqual([
      // Worked by hand from default-calendar.ts: weekdays in term less half terms and bank holidays in term.
      // 2025-26: 78 - 5 + 60 - 5 + 72 - 5 - 1 (Early May) = 194; 2026-27: 77 - 5 + 59 - 5 + 73 - 5 - 1 (Early May) = 193.
      ['2025-26', 'assumed-default', true, 194],
      ['2026-27', 'assumed-default', true, 193],
    ]);
    expect(on(db, '2026-12-02')).toBe('school');
    expect(on(db, '2026-10-26')).toBe('non-school');
    expect(on(db, '2026-04-06')).toBe('non-school');
    expect(on(db, '2025-08-29')).toBe('unknown');
    expect(on(db, '2027-09-06')).toBe('unknown');
    expect(describeCalendar(calendar)).toMatch(/^School days come from ASSUMED term dates for 2025-26, 2026-27: the assumed Tower Hamlets calendar/);
  });
});

describe('importing a school calendar', () => {
  it('replaces the assumed default for the school years the file covers, and only those', async () => {
    const db = openDatabase(':memory:');
    const summary = calendarSummary(await importCalendar(db, CALENDAR_2026_27));
    // 2026-27 here: autumn 77 weekdays - 5 (the September inset days are before term); spring 60 - 5 - 1 (Good Friday,
    // 26 March 2027, falls in this file's term); summer 74 - 5 - 1 (Early May, 3 May 2027) - 1 inset = 72 + 54 + 67 = 193.
    expect(summary).toMatchObject({
      rowsRead: 9,
      rejected: 0,
      schoolYears: [{ schoolYear: '2026-27', terms: 3, holidays: 4, insetDays: 3, schoolDays: 193, replaced: 'assumed-default' }],
    });
    // The summer holiday runs into 2027-28, which the file gives no terms for: that part is left out, and said.
    expect(summary.notes).toEqual([expect.stringMatching(/^Line 10: the days in school years this file gives no terms for were left out/)]);
    const calendar = calendarInUse(db);
    expect(calendar.years.map((y) => [y.schoolYear, y.source, y.fileName, y.importedAt])).toEqual([
      ['2025-26', 'assumed-default', null, null],
      ['2026-27', 'imported', 'term-dates.csv', NOW.toISOString()],
    ]);
    expect(calendar.assumed).toBe(true);
    expect(on(db, '2026-09-01')).toBe('non-school'); // an inset day
    expect(on(db, '2026-09-03')).toBe('school');
    expect(on(db, '2027-07-22')).toBe('school'); // in this file's summer term, not in the default's
    expect(on(db, '2027-03-26')).toBe('non-school'); // Good Friday, though inside this file's spring term
    expect(on(db, '2027-06-28')).toBe('non-school'); // an inset day (a Monday in term)
    expect(on(db, '2027-09-01')).toBe('unknown');
    expect(on(db, '2026-01-05')).toBe('school'); // 2025-26 is still the default's

    // A second import of the same year replaces the first, whole.
    const again = calendarSummary(await importCalendar(db, 'date_from,date_to,kind\n2026-09-07,2027-07-16,term\n', 'v2.csv'));
    expect(again.schoolYears[0]).toMatchObject({ schoolYear: '2026-27', replaced: 'imported', terms: 1 });
    expect(again.notes).toEqual([
      expect.stringMatching(/^School year 2026-27 has 2\d\d school days in this file .*check that every term, holiday and inset day is listed\.$/),
    ]);
    expect(entryCount(db)).toBe(1);
    expect(on(db, '2026-09-03')).toBe('non-school');
    expect(calendarInUse(db).years[1]).toMatchObject({ fileName: 'v2.csv', source: 'imported' });
  });

  it('rejects bad rows with their line numbers and stores nothing', async () => {
    const db = openDatabase(':memory:');
    await importCalendar(db, CALENDAR_2026_27);
    const before = db.prepare('SELECT * FROM school_calendar_entries ORDER BY id').all();
    const outcome = await importCalendar(
      db,
      [
        'date_from,date_to,kind',
        '2027-09-02,2027-12-17,term',
        '2027-02-30,2027-03-01,holiday',
        '03/09/2027,2027-09-10,term',
        '2027-10-29,2027-10-25,holiday',
        '2027-11-01,2027-11-01,training',
        '2028-04-10,2028-09-05,term',
        '2028-01-04,2028-03-31',
      ].join('\n'),
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problem.message).toMatch(
      /^6 of 7 rows were rejected \(first: line 3: date_from "2027-02-30" is not a real calendar date\)\. .*Nothing was imported\.$/,
    );
    expect(calendarSummary(outcome).rejections).toEqual([
      { line: 3, message: 'date_from "2027-02-30" is not a real calendar date' },
      { line: 4, message: 'date_from "03/09/2027" is not a date; expected YYYY-MM-DD' },
      { line: 5, message: 'date_to 2027-10-25 is before date_from 2027-10-29; the range runs from date_from to date_to' },
      { line: 6, message: 'kind "training" is not a kind of day; expected term, holiday or inset' },
      { line: 7, message: 'this term runs past 31 August, the end of the school year 2027-28; a term lies within one school year' },
      { line: 8, message: 'has 2 fields but the header has 3; a value with a comma needs double quotes around it' },
    ]);
    expect(db.prepare('SELECT * FROM school_calendar_entries ORDER BY id').all()).toEqual(before);
  });

  it('refuses a file without the columns, and one without any term', async () => {
    const db = openDatabase(':memory:');
    const noColumns = await importCalendar(db, 'start,end,type\n2026-09-03,2026-12-18,term\n');
    expect(!noColumns.ok && noColumns.problem.message).toMatch(
      /^The header lacks "date_from", "date_to", "kind"\. A school calendar has one row per range of days/,
    );
    const noTerms = await importCalendar(db, 'date_from,date_to,kind\n2026-10-26,2026-10-30,holiday\n');
    expect(!noTerms.ok && noTerms.problem.message).toBe(
      'The file has no term rows (kind term): a calendar needs the term dates of each school year it covers. Nothing was imported.',
    );
    expect(entryCount(db)).toBe(0);
  });
});

describe('the school calendar as the windowed routes day filter', () => {
  const day = (iso: string) => dayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

  it('covers the school years in use, day by day, and follows an import', async () => {
    const db = openDatabase(':memory:');
    const source = createSchoolCalendarSource(db);
    const filter = source('school');
    // The assumed default: 1 September 2025 to 31 August 2027, 730 days.
    expect(filter).toMatchObject({ keep: 'school', fromDay: day('2025-09-01') });
    expect(filter.kinds).toHaveLength(730);
    expect(schoolDayKind(filter, day('2026-12-02'))).toBe(SCHOOL_DAY);
    expect(schoolDayKind(filter, day('2026-12-05'))).toBe(NOT_SCHOOL_DAY);
    expect(schoolDayKind(filter, day('2027-09-06'))).toBe(UNKNOWN_SCHOOL_DAY);
    expect(source('non-school').keep).toBe('non-school');

    // Term dates for 2026-27 that start later: 3 and 4 September 2026 are no longer school days.
    await importCalendar(db, 'date_from,date_to,kind\n2026-09-07,2026-12-18,term\n2027-01-04,2027-03-25,term\n2027-04-12,2027-07-21,term\n');
    const after = source('school');
    expect(schoolDayKind(after, day('2026-09-03'))).toBe(NOT_SCHOOL_DAY);
    expect(schoolDayKind(after, day('2026-09-07'))).toBe(SCHOOL_DAY);
    expect(schoolDayKind(after, day('2025-09-03'))).toBe(SCHOOL_DAY);
  });
});
