import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../geo/time';
import { checkStopSearchHead, parseSearchDate, parseStopSearchCsv } from './stop-search-csv';

const HEADER =
  'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,' +
  'Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';

describe('police.uk stop-and-search dates as London time', () => {
  const london = (text: string) => {
    const parsed = parseSearchDate(text);
    return parsed.ok ? parsed.value.occurredAt : parsed.reason;
  };

  it('moves summer times on an hour and leaves winter times alone (the offset is taken as true)', () => {
    // Hand-worked: 1 July 2018 is British Summer Time (UTC+1), so 23:30 UTC is 00:30 the next day in London.
    expect(london('2018-07-01T23:30:00+00:00')).toBe('2018-07-02T00:30');
    expect(parseSearchDate('2018-07-01T23:30:00+00:00')).toMatchObject({ ok: true, value: { day: dayNumber(2018, 7, 2), minuteOfDay: 30 } });
    // 1 June 2016, BST: 00:45 UTC is 01:45 London (the real file's first row).
    expect(london('2016-06-01T00:45:00+00:00')).toBe('2016-06-01T01:45');
    // 15 January: GMT, London time is UTC.
    expect(london('2018-01-15T23:30:00+00:00')).toBe('2018-01-15T23:30');
    // An offset other than +00:00 is honoured: 23:30 at UTC+1 is 23:30 London in summer.
    expect(london('2018-07-01T23:30:00+01:00')).toBe('2018-07-01T23:30');
    expect(london('2018-07-01T22:30:00Z')).toBe('2018-07-01T23:30');
  });

  it('follows the clocks across both changes of 2018', () => {
    // Forward on Sunday 25 March 2018 at 01:00 UTC: 00:59 UTC is 00:59 GMT, 01:00 UTC is 02:00 BST.
    expect(london('2018-03-25T00:59:00+00:00')).toBe('2018-03-25T00:59');
    expect(london('2018-03-25T01:00:00+00:00')).toBe('2018-03-25T02:00');
    // Back on Sunday 28 October 2018 at 01:00 UTC: 00:30 UTC is 01:30 BST and 01:30 UTC is 01:30 GMT,
    // one wall-clock time twice (the store keeps London wall-clock times, as for partner data).
    expect(london('2018-10-28T00:30:00+00:00')).toBe('2018-10-28T01:30');
    expect(london('2018-10-28T01:30:00+00:00')).toBe('2018-10-28T01:30');
    expect(london('2018-10-28T02:30:00+00:00')).toBe('2018-10-28T02:30');
  });

  it('refuses dates that are not ISO 8601 with an offset, or not real', () => {
    expect(london('')).toMatch(/^Date is empty/);
    expect(london('01/06/2016 00:45')).toMatch(
      /^Date "01\/06\/2016 00:45" is not an ISO 8601 date and time with an offset; expected e\.g\. 2016-06-01T00:45:00\+00:00/,
    );
    expect(london('2016-06-01T00:45:00')).toMatch(/is not an ISO 8601 date and time with an offset/);
    expect(london('2018-02-30T10:00:00+00:00')).toBe('Date "2018-02-30T10:00:00+00:00" is not a real date and time; check the day, month and hour');
    expect(london('2018-06-01T24:00:00+00:00')).toMatch(/is not a real date and time/);
    expect(london('2018-06-01T10:60:00+00:00')).toMatch(/is not a real date and time/);
  });
});

const file = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const ROW =
  'Person search,2018-06-10T12:00:00+00:00,False,,51.515,-0.06,Male,18-24,Asian/Asian British - Bangladeshi,Asian,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,,';

describe('parsing a stop-and-search CSV', () => {
  it('reads every column, classes the row and keeps verbatim values', () => {
    const parsed = parseStopSearchCsv(file(ROW));
    expect(parsed.ok && parsed.value.rows[0]).toMatchObject({
      line: 2,
      occurredAt: '2018-06-10T13:00',
      month: '2018-06',
      searchType: 'Person search',
      partOfOperation: false,
      operationName: null,
      lng: -0.06,
      lat: 51.515,
      gender: 'Male',
      ageRange: '18-24',
      selfDefinedEthnicity: 'Asian/Asian British - Bangladeshi',
      selfDefinedGroup: 'asian',
      officerDefinedEthnicity: 'asian',
      legislation: 'Misuse of Drugs Act 1971 (section 23)',
      objectOfSearch: 'Controlled drugs',
      objectClass: 'drugs',
      outcome: 'Arrest',
      outcomeClass: 'arrest',
      outcomeLinked: null,
      removalOfOuterClothing: null,
    });
  });

  it('takes the header in any order and case, and the optional columns may be missing', () => {
    const text = 'OUTCOME,object of search,longitude,LATITUDE,date,type\nArrest,Controlled drugs,-0.06,51.515,2018-06-10T12:00:00+00:00,Person search\n';
    const parsed = parseStopSearchCsv(text);
    expect(parsed.ok && parsed.value.rows[0]).toMatchObject({ occurredAt: '2018-06-10T13:00', objectClass: 'drugs', ageRange: 'not-recorded', gender: null });
    expect(parsed.ok && parsed.value.notes[0]).toMatch(
      /^The file has no "Part of a policing operation", .* and "Removal of more than just outer clothing" column; stored as not recorded\./,
    );
  });

  it('refuses a header without a required column, naming it, from the head alone', () => {
    const head = 'Type,Date,Latitude,Longitude,Outcome\n';
    const checked = checkStopSearchHead(head, true);
    expect(checked.ok ? null : checked.reason.message).toMatch(
      /^The header lacks "Object of search"\. A data\.police\.uk stop-and-search CSV needs "Type", "Date", /,
    );
    const street = checkStopSearchHead('Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location\n', true);
    expect(street.ok ? null : street.reason.message).toMatch(/^The header lacks "Type", "Date", "Object of search" and "Outcome"\./);
    const twice = parseStopSearchCsv(`${HEADER},date\n`);
    expect(twice.ok ? null : twice.reason.message).toMatch(/^The header names "Date" more than once: "Date" \(column 2\) and "date" \(column 16\)/);
  });

  it('rejects bad rows with their line numbers and what to fix', () => {
    const rows = [
      ROW,
      ROW.replace('2018-06-10T12:00:00+00:00', '2018-02-30T12:00:00+00:00'),
      ROW.replace('2018-06-10T12:00:00+00:00', '10/06/2018 12:00'),
      ROW.replace('51.515,-0.06', 'abc,-0.06'),
      ROW.replace('51.515,-0.06', '51.515,'),
      ROW.replace('51.515,-0.06', '-0.06,51.515'),
      ROW.replace('51.515,-0.06', '48.5,-0.06'),
      ROW.replace('Person search', ''),
      ROW.replace(',Arrest,,', ',Arrest'),
    ];
    const parsed = parseStopSearchCsv(file(...rows));
    expect(parsed.ok && parsed.value.rejected).toEqual([
      { line: 3, message: 'Date "2018-02-30T12:00:00+00:00" is not a real date and time; check the day, month and hour' },
      { line: 4, message: 'Date "10/06/2018 12:00" is not an ISO 8601 date and time with an offset; expected e.g. 2016-06-01T00:45:00+00:00' },
      { line: 5, message: 'Latitude "abc" is not a number; expected a decimal latitude such as 51.52' },
      { line: 6, message: 'Longitude is empty but Latitude is 51.515; give both coordinates, or leave both empty for a search without a location' },
      { line: 7, message: expect.stringMatching(/^Longitude 51\.515 and Latitude -0\.06 look swapped/) },
      { line: 8, message: expect.stringMatching(/^Longitude -0\.06, Latitude 48\.5 is not in the United Kingdom/) },
      { line: 9, message: 'Type is empty; expected e.g. Person search, Vehicle search or Person and Vehicle search' },
      { line: 10, message: 'has 13 fields but the header has 15; a value with a comma needs double quotes around it' },
    ]);
    expect(parsed.ok && parsed.value.rows.map((r) => r.line)).toEqual([2]);
  });

  it('counts searches without a location by month, and notes objects and outcomes it cannot class', () => {
    const parsed = parseStopSearchCsv(
      file(
        ROW.replace('51.515,-0.06', ','),
        ROW.replace('51.515,-0.06', ',').replace('2018-06-10', '2018-07-10'),
        ROW.replace('51.515,-0.06', ',').replace('2018-06-10', '2018-07-11'),
        ROW.replace('Controlled drugs', ''),
        ROW.replace(',Arrest,', ',Released under investigation,'),
        ROW.replace(/,,$/, ',Maybe,'),
      ),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.withoutLocation).toEqual({ '2018-06': 1, '2018-07': 2 });
    expect(parsed.value.rows.map((r) => [r.objectClass, r.outcomeClass, r.outcomeLinked])).toEqual([
      ['not-recorded', 'arrest', null],
      ['drugs', 'unrecognised', null],
      ['drugs', 'arrest', null],
    ]);
    expect(parsed.value.notes).toEqual([
      '3 searches have no location (2018-06: 1, 2018-07: 2); police.uk publishes some searches without a map point. They cannot be placed inside or outside the study area, so they were counted and not stored.',
      '1 row has an empty Object of search; those inside the study area are stored with the object "not recorded" (counted in every total, in no object class).',
      '1 row has Outcome words this importer does not recognise: "Released under investigation" (1). Those inside the study area are stored with the class "unrecognised" and left out of positive outcome rates; tell the developers so the words get a class (geo/search-outcomes.ts).',
      '1 row has a "Outcome linked to object of search" value that is neither True nor False; stored as not recorded.',
    ]);
  });

  it('gives identical rows one identity (two people searched together are two rows) and any difference another', () => {
    const parsed = parseStopSearchCsv(file(ROW, ROW, ROW.replace('Male', 'Female'), ROW.replace('12:00:00+00:00', '13:00:00+01:00')));
    const ids = parsed.ok ? parsed.value.rows.map((r) => r.identity) : [];
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    // The same instant written with another offset is the same search.
    expect(ids[3]).toBe(ids[0]);
  });
});
