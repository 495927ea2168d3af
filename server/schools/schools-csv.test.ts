// The schools parser on small hand-made files: every header spelling it must recognise, and
// every bad input it must reject with the line number and what to fix.
import { describe, expect, it } from 'vitest';
import { checkSchoolsHead, parseSchoolsCsv, type SchoolRowFilter } from './schools-csv';

const KEEP_ALL: SchoolRowFilter = { near: () => true, withoutLocation: () => true };

function parse(text: string, filter: SchoolRowFilter = KEEP_ALL) {
  const parsed = parseSchoolsCsv(text, filter);
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return parsed.value;
}

const GIAS_HEADER = 'URN,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),LA (name),Easting,Northing';

describe('schools CSV headers', () => {
  it('reads a DfE GIAS extract: "(name)" suffixes, any case, Easting/Northing converted to WGS84', () => {
    const parsed = parse(
      [
        'urn,establishmentname,TYPEOFESTABLISHMENT (NAME),EstablishmentStatus (name),phaseofeducation (name),LA (code),LA (name),Easting,Northing',
        '100890,Ben Jonson Primary School,Community school,Open,Primary,211,Tower Hamlets,536179,182059',
      ].join('\n'),
    );
    expect(parsed.rejected).toEqual([]);
    const [row] = parsed.rows;
    expect(row).toMatchObject({ line: 2, urn: 100890, name: 'Ben Jonson Primary School', phase: 'primary', open: true, typeInFile: 'Community school' });
    // The GLA atlas gives -0.0385993, 51.5209999 for this school; the Helmert conversion lands within a few metres.
    expect(row!.location!.from).toBe('easting-northing');
    expect(row!.location!.lng).toBeCloseTo(-0.0386, 3);
    expect(row!.location!.lat).toBeCloseTo(51.521, 3);
  });

  it('refuses a file without URN, name, phase or a location pair, naming what is missing', () => {
    const head = checkSchoolsHead('URN,Name,Easting\n', true);
    expect(!head.ok && head.reason.message).toMatch(
      /^The header lacks the phase \(PhaseOfEducation or PHASE\) and a location: Easting and Northing \(British National Grid\), or longitude and latitude\. .*"URN", "Name", "Easting"\. Nothing was imported\.$/,
    );
    const noUrn = parseSchoolsCsv('EstablishmentName,PhaseOfEducation,longitude,latitude\nA,Primary,-0.05,51.5\n', KEEP_ALL);
    expect(!noUrn.ok && noUrn.reason.message).toMatch(/^The header lacks URN\. /);
  });

  it('refuses a header with two columns for one field', () => {
    const parsed = parseSchoolsCsv('URN,EstablishmentName,PHASE,Phase,longitude,latitude\n1,A,Primary,Primary,-0.05,51.5\n', KEEP_ALL);
    expect(!parsed.ok && parsed.reason.message).toMatch(/names a column more than once: "PHASE" \(column 3\) and "Phase" \(column 4\)/);
  });
});

describe('schools CSV rows', () => {
  it('rejects bad rows with their line numbers and what to fix', () => {
    const parsed = parse(
      [
        'URN,EstablishmentName,PhaseOfEducation,EstablishmentStatus,longitude,latitude,Easting,Northing',
        '1001,Good School,Primary,Open,-0.05,51.52,,',
        'abc,Bad URN,Primary,Open,-0.05,51.52,,',
        '1003,Bad Longitude,Primary,Open,west,51.52,,',
        '1004,Out Of The UK,Primary,Open,2.35,48.85,,',
        '1005,Unknown Phase,Middle,Open,-0.05,51.52,,',
        '1006,,Primary,Open,-0.05,51.52,,',
        '1001,Same URN,Secondary,Open,-0.05,51.52,,',
        '1008,Half A Pair,Primary,Open,-0.05,,,',
        '1009,Bad Status,Primary,Shut,-0.05,51.52,,',
        '1010,Pairs Disagree,Primary,Open,-0.05,51.52,530000,180000',
        '1011,Grid Out Of Range,Primary,Open,,,800000,180000',
        '1012,Degrees As Grid,Primary,Open,,,-0.05,51.52',
        '1013,Swapped,Primary,Open,51.52,-0.05,,',
      ].join('\n'),
    );
    expect(parsed.rows.map((r) => r.urn)).toEqual([1001]);
    expect(parsed.rejected).toEqual([
      { line: 3, message: 'URN "abc" is not a URN; expected the DfE unique reference number, e.g. 100890' },
      { line: 4, message: 'longitude "west" is not a number; expected a decimal longitude such as -0.05' },
      { line: 5, message: expect.stringMatching(/^longitude 2\.35, latitude 48\.85 is not in the United Kingdom/) },
      { line: 6, message: expect.stringMatching(/^PhaseOfEducation "Middle" is not a phase of education; expected one of: Primary, Middle deemed primary, /) },
      { line: 7, message: 'EstablishmentName is empty; every school needs its name' },
      { line: 8, message: 'URN 1001 is also on line 2; a school may appear once in a file' },
      { line: 9, message: 'latitude is empty but longitude is not; give both or neither' },
      {
        line: 10,
        message: expect.stringMatching(
          /^EstablishmentStatus "Shut" is not an establishment status; expected one of: Open, Open, but proposed to close, Closed/,
        ),
      },
      { line: 11, message: expect.stringMatching(/^longitude\/latitude and Easting\/Northing are [\d,]+ m apart; one of them is wrong/) },
      { line: 12, message: expect.stringMatching(/^Easting 800000 is outside the British National Grid/) },
      { line: 13, message: 'Easting -0.05 and Northing 51.52 look like longitude/latitude, not metres' },
      { line: 14, message: expect.stringMatching(/^longitude 51\.52 and latitude -0\.05 look swapped/) },
    ]);
  });

  it('normalises phases, using the establishment type for "Not applicable"', () => {
    const rows = parse(
      [
        'URN,SCHOOL_NAM,TYPE,PHASE,STATUS,longitude,latitude',
        '1,A,Community School,Primary,Open,-0.05,51.52',
        '2,B,Academy Converter,Middle deemed secondary,Open,-0.05,51.52',
        '3,C,Foundation School,All Through,Open,-0.05,51.52',
        '4,D,Other Independent School,Not applicable,Open,-0.05,51.52',
        '5,E,Community Special School,Not applicable,Open,-0.05,51.52',
        '6,F,Other independent special school,Not applicable,Open,-0.05,51.52',
        '7,G,Free Schools - Alternative Provision,Not applicable,Open,-0.05,51.52',
        '8,H,LA nursery school,Nursery,Open,-0.05,51.52',
        '9,I,Further education,16 plus,Open,-0.05,51.52',
        '10,J,,Not applicable,Open,-0.05,51.52',
      ].join('\n'),
    ).rows;
    expect(rows.map((r) => r.phase)).toEqual([
      'primary',
      'secondary',
      'all-through',
      'independent',
      'special',
      'special',
      'other',
      'nursery',
      '16-plus',
      'other',
    ]);
    expect(rows[3]!.phaseInFile).toBe('Not applicable');
  });

  it('takes every school as open without a status column, and closed ones as closed with one', () => {
    const noStatus = parse('URN,EstablishmentName,PhaseOfEducation,longitude,latitude\n1,A,Primary,-0.05,51.52\n');
    expect(noStatus.rows[0]!.open).toBe(true);
    expect(noStatus.notes).toContain('The file has no status column: every school in it is taken as open.');
    const statuses = parse(
      `${GIAS_HEADER}\n1,A,Community school,Closed,Primary,Tower Hamlets,535000,181000\n2,B,Community school,"Open, but proposed to close",Primary,Tower Hamlets,535000,181000\n3,C,Free schools,Proposed to open,Primary,Tower Hamlets,535000,181000\n`,
    );
    expect(statuses.rows.map((r) => [r.urn, r.open])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });

  it('keeps rows without coordinates, prefers the file longitude/latitude to easting/northing, and notes damaged ages once', () => {
    const parsed = parse(
      [
        'URN,SCHOOL_NAM,PHASE,AGE,EASTING,NORTHING,longitude,latitude',
        '100890,Ben Jonson Primary School,Primary,11-Apr,536179,182059,-0.0385993,51.5209999',
        '100891,No Place Nursery,Nursery,3-5,,,,',
        '100892,Old Palace Primary School,Primary,16-Mar,537853,182838,,',
      ].join('\n'),
    );
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((r) => r.location?.from ?? null)).toEqual(['lng-lat', null, 'easting-northing']);
    expect(parsed.rows[0]!.location).toMatchObject({ lng: -0.0385993, lat: 51.5209999 });
    expect(parsed.notes.filter((n) => /AGE/.test(n))).toEqual([
      '2 AGE values were turned into dates by a spreadsheet (e.g. "11-Apr" for an age range such as 3-16); ages are not used, so they were ignored.',
    ]);
  });

  it('leaves out rows far away before checking their other fields, and rows without coordinates in another authority', () => {
    const parsed = parse(
      [
        GIAS_HEADER,
        '1,Near,Community school,Open,Primary,Tower Hamlets,535000,181000',
        '2,Far With A Bad Phase,Community school,Open,Middle,Manchester,383000,398000',
        '3,,Community school,Open,Primary,Leeds,,',
        '4,Here Without Coordinates,Community school,Open,Primary,Tower Hamlets,,',
      ].join('\n'),
      { near: (lng) => lng > -0.5, withoutLocation: (authority) => authority === 'Tower Hamlets' },
    );
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((r) => r.urn)).toEqual([1, 4]);
    expect(parsed).toMatchObject({ farAway: 1, otherAuthority: 1, hasLocalAuthority: true });
  });
});
