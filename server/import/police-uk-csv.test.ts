import { describe, expect, it } from 'vitest';
import { locatedDrafts } from './locate-rows';
import { checkPoliceUkHead, parsePoliceUkCsv } from './police-uk-csv';

const FULL_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const fullRow = (id: string, month: string, lng: string, lat: string, type: string) =>
  `${id},${month},Metropolitan Police Service,Metropolitan Police Service,${lng},${lat},On or near Roman Road,E01004222,Tower Hamlets 001A,${type},,`;

function parse(lines: string[]) {
  const parsed = parsePoliceUkCsv(`${lines.join('\n')}\n`);
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return { ...parsed.value, drafts: locatedDrafts(parsed.value.rows) };
}

describe('parsePoliceUkCsv', () => {
  it('reads the full police.uk header: month precision, slug category, Crime ID as the record id', () => {
    const file = parse([
      FULL_HEADER,
      fullRow('abc123', '2019-06', '-0.029459', '51.533135', 'Burglary'),
      fullRow('', '2019-06', '-0.05', '51.52', 'Anti-social behaviour'),
    ]);
    const { rows: _rows, ...parsed } = file;
    expect(parsed).toEqual({
      rowsRead: 2,
      rejected: [],
      notes: [],
      drafts: [
        { line: 2, sourceRecordId: 'abc123', category: 'burglary', occurredAt: '2019-06', precision: 'month', lng: -0.029459, lat: 51.533135 },
        { line: 3, sourceRecordId: null, category: 'anti-social-behaviour', occurredAt: '2019-06', precision: 'month', lng: -0.05, lat: 51.52 },
      ],
    });
  });

  it('needs only Month, Longitude, Latitude and Crime type, in any order and case', () => {
    const file = parse(['crime type,LATITUDE,longitude,month', 'Violence and sexual offences,51.52,-0.05,2016-01']);
    expect(file.drafts).toEqual([
      { line: 2, sourceRecordId: null, category: 'violent-crime', occurredAt: '2016-01', precision: 'month', lng: -0.05, lat: 51.52 },
    ]);
  });

  it('ignores extra columns with one note naming them', () => {
    const file = parse([
      'Month,Longitude,Latitude,Crime type,api_category,api_location_type',
      '2016-01,-0.05,51.52,Drugs,drugs,Force',
      '2016-01,-0.05,51.52,Drugs,drugs,BTP',
    ]);
    expect(file.notes).toEqual(['Ignored 2 columns that police.uk street CSVs do not have: "api_category", "api_location_type".']);
    expect(file.drafts).toHaveLength(2);
  });

  it('skips rows with no location with a note, not a rejection', () => {
    const file = parse(['Month,Longitude,Latitude,Crime type', '2019-01,,,Burglary', '2019-01,-0.05,51.52,Burglary', '2019-01, , ,Robbery']);
    expect(file.rejected).toEqual([]);
    expect(file.drafts).toHaveLength(1);
    expect(file.notes).toEqual(['2 rows have no location; police.uk publishes some crimes without a map point. They were skipped, not rejected.']);
  });

  it('rejects bad rows with the file line and what to fix', () => {
    const file = parse([
      'Month,Longitude,Latitude,Crime type',
      '2019-01,-0.05,abc,Burglary',
      '2019-13,-0.05,51.52,Burglary',
      '2019-01,51.52,-0.05,Burglary',
      '2019-01,181.2,51.5,Burglary',
      '2019-01,-0.05,51.52,Burglarry',
      '2019-01,-0.05,51.52',
      '2019-01,-0.05,,Burglary',
      '2019-01,12.49,41.89,Burglary',
      ',-0.05,51.52,Burglary',
      '2019-01,-0.05,51.52,',
      '2019-01,-0.05,51.52,Knife crime (partner)',
    ]);
    expect(file.drafts).toEqual([]);
    const byLine = Object.fromEntries(file.rejected.map((r) => [r.line, r.message]));
    expect(byLine[2]).toBe('Latitude "abc" is not a number; expected a decimal latitude such as 51.52');
    expect(byLine[3]).toBe('Month "2019-13" is not a month; expected YYYY-MM with month 01..12');
    expect(byLine[4]).toMatch(/^Longitude 51.52 and Latitude -0.05 look swapped \(Tower Hamlets is near longitude -0.05, latitude 51.5\)/);
    expect(byLine[5]).toBe('Longitude 181.2 is not a longitude; expected -180..180');
    expect(byLine[6]).toMatch(/^Crime type "Burglarry" is not a police.uk crime type; expected one of: Anti-social behaviour, Bicycle theft, Burglary,/);
    expect(byLine[7]).toMatch(/^has 3 fields but the header has 4/);
    expect(byLine[8]).toBe('Latitude is empty; expected a decimal latitude such as 51.52');
    expect(byLine[9]).toMatch(/^Longitude 12.49, Latitude 41.89 is not in the United Kingdom/);
    expect(byLine[10]).toBe('Month is empty; expected YYYY-MM, e.g. 2019-06');
    expect(byLine[11]).toMatch(/^Crime type is empty/);
    expect(byLine[12]).toMatch(/^Crime type "Knife crime \(partner\)" is not a police.uk crime type/);
    expect(file.rejected).toHaveLength(11);
  });

  it('refuses a header without the required columns, listing what it found', () => {
    const parsed = parsePoliceUkCsv('Type,Date,Latitude,Longitude\nPerson search,2019-01-01,51.5,-0.05\n');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason.message).toBe(
      'The header lacks "Month" and "Crime type". A data.police.uk street-level CSV needs "Month", "Longitude", "Latitude" and "Crime type" ' +
        'on its first line; this file\'s first line has "Type", "Date", "Latitude", "Longitude". Nothing was imported.',
    );
  });

  it('names the stop-and-search importer when given a stop-and-search file', () => {
    const parsed = parsePoliceUkCsv(
      'Type,Date,Latitude,Longitude,Object of search,Outcome\nPerson search,2019-01-01T10:00:00+00:00,51.5,-0.05,Controlled drugs,Arrest\n',
    );
    expect(!parsed.ok && parsed.reason.message).toMatch(
      /first line has "Type", "Date", "Latitude", "Longitude", "Object of search", "Outcome"\. It looks like a stop-and-search file: import it with npm run import -- stop-search \(API: POST \/api\/imports\/stop-search\)\. Nothing was imported\.$/,
    );
  });

  it('refuses a header that names a column it reads twice, naming both places; other repeats are ignored', () => {
    const parsed = parsePoliceUkCsv('Month,Longitude,Latitude,Crime type, month ,LATITUDE\n2019-01,-0.05,51.5,Burglary,2019-02,51.5\n');
    expect(!parsed.ok && parsed.reason.message).toBe(
      'The header names "Month" more than once: "Month" (column 1) and "month" (column 5); and "Latitude" more than once: ' +
        '"Latitude" (column 3) and "LATITUDE" (column 6). Which one to read would be a guess: remove or rename the extra columns. Nothing was imported.',
    );
    expect(checkPoliceUkHead('Crime ID,Month,Longitude,Latitude,Crime type,Crime ID\n', false).ok).toBe(false);
    // Context is recognised but never read: two of them leave nothing to guess.
    expect(parsePoliceUkCsv('Month,Longitude,Latitude,Crime type,Context,Context\n2019-01,-0.05,51.5,Burglary,,\n').ok).toBe(true);
  });

  it('reads a header only as zero rows (commitImport refuses that)', () => {
    const parsed = parsePoliceUkCsv('Month,Longitude,Latitude,Crime type\n');
    expect(parsed.ok && parsed.value.rowsRead).toBe(0);
  });
});

describe('checkPoliceUkHead', () => {
  it('accepts a police.uk header and refuses junk before the whole file is read', () => {
    expect(checkPoliceUkHead(`${FULL_HEADER}\n${fullRow('', '2019-01', '-0.05', '51.5', 'Drugs').slice(0, 20)}`, false).ok).toBe(true);
    const junk = checkPoliceUkHead('x'.repeat(70_000), false);
    expect(!junk.ok && junk.reason.message).toMatch(/No header line in the first 64 KB/);
    const wrong = checkPoliceUkHead('garbage\ngarbage\n', false);
    expect(!wrong.ok && wrong.reason.message).toMatch(/The header lacks "Month", "Longitude", "Latitude" and "Crime type"/);
  });
});
