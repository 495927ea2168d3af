// Schools CSV → school rows: DfE Get Information About Schools extracts (`EstablishmentName`,
// `PhaseOfEducation (name)`, `Easting`, `Northing`, ...), the GLA London Schools Atlas
// (`SCHOOL_NAM`, `PHASE`, `EASTING`, `longitude`, ...) and any CSV with the same columns.
// Headers match case-insensitively, with or without GIAS's " (name)" suffix, spaces or
// underscores. Rows far from the study area are left out before their other fields are
// checked, so a national extract is not refused for a school 300 km away (decision 023).
import { fail, ok, type Result } from '../../geo/types';
import { firstLineOf, headerFieldsOf, listInWords, quoteList, walkCsv } from '../import/csv-table';
import { refused, type FileProblem } from '../import/read-input';
import { readPointColumns } from '../import/point-columns';
import type { RejectedRow } from '../store/import-types';
import { isOpenStatus, normalisePhase, PHASE_WORDS_IN_FILES, STATUS_WORDS_IN_FILES, type SchoolPhase } from './school-phases';

export interface SchoolLocation {
  lng: number;
  lat: number;
  from: 'lng-lat' | 'easting-northing';
}

export interface SchoolRow {
  line: number;
  urn: number;
  name: string;
  phase: SchoolPhase;
  phaseInFile: string;
  typeInFile: string | null;
  statusInFile: string | null;
  open: boolean;
  location: SchoolLocation | null;
}

/** Which rows to keep: the caller knows the study area; the parser only asks. */
export interface SchoolRowFilter {
  near(lng: number, lat: number): boolean;
  /** For a row without coordinates: its local authority (null when the file has no such column). */
  withoutLocation(localAuthority: string | null): boolean;
}

export interface ParsedSchools {
  rowsRead: number;
  rows: SchoolRow[];
  rejected: RejectedRow[];
  /** Rows with coordinates left out as too far from the study area. */
  farAway: number;
  /** Rows without coordinates left out as in another local authority. */
  otherAuthority: number;
  hasLocalAuthority: boolean;
  notes: string[];
}

/** A field and the header names it is known by, normalised as `headerKey` makes them. */
const FIELDS = {
  urn: ['urn'],
  name: ['establishmentname', 'schoolnam', 'schoolname', 'name'],
  phase: ['phaseofeducation', 'phase'],
  type: ['typeofestablishment', 'establishmenttype', 'type'],
  status: ['establishmentstatus', 'status'],
  easting: ['easting'],
  northing: ['northing'],
  lng: ['longitude', 'lng', 'lon'],
  lat: ['latitude', 'lat'],
  localAuthority: ['la', 'laname', 'localauthority', 'localauthorityname'],
  age: ['age', 'statutoryage'],
} as const;
type Field = keyof typeof FIELDS;

/** What the header is matched on: lower case, no " (name)" suffix, no spaces or underscores. */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/\s*\(name\)$/, '')
    .replace(/[\s_]+/g, '');
}

/** "16-Mar": a spreadsheet read the age range 3-16 as a date (GLA London Schools Atlas). */
const AGE_AS_DATE = /^\d{1,2}-(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/i;

type Columns = Record<Field, number> & { names: string[] };

function findColumns(header: readonly string[]): Result<Columns, FileProblem> {
  const keys = header.map(headerKey);
  const columns = { names: [...header] } as Columns;
  const repeated: string[] = [];
  for (const field of Object.keys(FIELDS) as Field[]) {
    const found = keys.flatMap((key, i) => ((FIELDS[field] as readonly string[]).includes(key) ? [i] : []));
    // Two columns by different names for one field (e.g. "TYPE" and "TypeOfEstablishment"): the first known name wins only if it is alone.
    const byPreference = (FIELDS[field] as readonly string[]).map((name) => found.filter((i) => keys[i] === name)).find((list) => list.length > 0) ?? [];
    if (byPreference.length > 1) repeated.push(listInWords(byPreference.map((i) => `"${header[i]}" (column ${i + 1})`)));
    columns[field] = byPreference[0] ?? -1;
  }
  if (repeated.length > 0) {
    return fail(
      refused(
        `The header names a column more than once: ${repeated.join('; ')}. Which one to read would be a guess: remove or rename the extra column. Nothing was imported.`,
      ),
    );
  }
  const missing: string[] = [];
  if (columns.urn === -1) missing.push('URN');
  if (columns.name === -1) missing.push('the school name (EstablishmentName or SCHOOL_NAM)');
  if (columns.phase === -1) missing.push('the phase (PhaseOfEducation or PHASE)');
  const hasLngLat = columns.lng !== -1 && columns.lat !== -1;
  const hasGrid = columns.easting !== -1 && columns.northing !== -1;
  if (!hasLngLat && !hasGrid) missing.push('a location: Easting and Northing (British National Grid), or longitude and latitude');
  if (missing.length > 0) {
    return fail(
      refused(
        `The header lacks ${listInWords(missing)}. A schools file needs a URN, name, phase and location for each school, as a DfE ` +
          `Get Information About Schools extract has them; this file's first line has ${quoteList(header.slice(0, 12))}` +
          `${header.length > 12 ? ', ...' : ''}. Nothing was imported.`,
      ),
    );
  }
  if (!hasLngLat) columns.lng = columns.lat = -1;
  if (!hasGrid) columns.easting = columns.northing = -1;
  return ok(columns);
}

/** Refuses, from the first line, a file that cannot be a schools file. */
export function checkSchoolsHead(head: string, complete: boolean): Result<void, FileProblem> {
  const line = firstLineOf(head, complete);
  if (line === null) return fail(refused('The first line is not a CSV header (no line break in the first 64 KB). Nothing was imported.'));
  const header = headerFieldsOf(line);
  if (header === null) return fail(refused('The first line is not a CSV header. Nothing was imported.'));
  const columns = findColumns(header);
  return columns.ok ? ok(undefined) : columns;
}

function readLocation(fields: readonly string[], c: Columns): Result<SchoolLocation | null, string> {
  return readPointColumns((i) => (fields[i] ?? '').trim(), c);
}

const URN = /^\d{1,8}$/;

export function parseSchoolsCsv(text: string, filter: SchoolRowFilter): Result<ParsedSchools, FileProblem> {
  let columns: Columns | null = null;
  const rows: SchoolRow[] = [];
  const rejected: RejectedRow[] = [];
  const lineOfUrn = new Map<number, number>();
  let farAway = 0;
  let otherAuthority = 0;
  let damagedAges = 0;
  let ageExample = '';
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
      const urnText = value(c.urn);
      if (!URN.test(urnText) || Number(urnText) === 0) {
        problems.push(
          urnText === '' ? `${c.names[c.urn]} is empty` : `${c.names[c.urn]} "${urnText}" is not a URN; expected the DfE unique reference number, e.g. 100890`,
        );
      }
      const location = readLocation(fields, c);
      if (!location.ok) problems.push(location.reason);
      else if (
        location.value
          ? !filter.near(location.value.lng, location.value.lat)
          : !filter.withoutLocation(c.localAuthority === -1 ? null : value(c.localAuthority))
      ) {
        // Far from the study area (or, without coordinates, in another authority): not ours to check.
        if (location.value) farAway += 1;
        else otherAuthority += 1;
        return;
      }
      const name = value(c.name);
      if (name === '') problems.push(`${c.names[c.name]} is empty; every school needs its name`);
      const typeInFile = c.type === -1 ? null : value(c.type);
      const phase = normalisePhase(value(c.phase), typeInFile);
      if (!phase.ok) {
        problems.push(
          value(c.phase) === ''
            ? `${c.names[c.phase]} is empty; expected one of: ${PHASE_WORDS_IN_FILES.join(', ')}`
            : `${c.names[c.phase]} ${phase.reason}; expected one of: ${PHASE_WORDS_IN_FILES.join(', ')}`,
        );
      }
      const statusInFile = c.status === -1 ? null : value(c.status);
      const open = statusInFile === null ? ok(true) : isOpenStatus(statusInFile);
      if (!open.ok) {
        problems.push(
          statusInFile === ''
            ? `${c.names[c.status]} is empty; expected one of: ${STATUS_WORDS_IN_FILES.join(', ')}`
            : `${c.names[c.status]} ${open.reason}; expected one of: ${STATUS_WORDS_IN_FILES.join(', ')}`,
        );
      }
      if (problems.length === 0 && URN.test(urnText)) {
        const urn = Number(urnText);
        const earlier = lineOfUrn.get(urn);
        if (earlier !== undefined) problems.push(`URN ${urn} is also on line ${earlier}; a school may appear once in a file`);
        else lineOfUrn.set(urn, line);
      }
      if (c.age !== -1 && AGE_AS_DATE.test(value(c.age))) {
        damagedAges += 1;
        ageExample ||= value(c.age);
      }
      if (problems.length > 0 || !phase.ok || !open.ok || !location.ok) {
        rejected.push({ line, message: problems.join('; ') });
        return;
      }
      rows.push({
        line,
        urn: Number(urnText),
        name,
        phase: phase.value,
        phaseInFile: value(c.phase),
        typeInFile,
        statusInFile,
        open: open.value,
        location: location.value,
      });
    },
  });
  if (!walked.ok) return walked;
  const c = columns as Columns | null;
  const notes: string[] = [];
  if (c) {
    const used = new Set(Object.keys(FIELDS).map((f) => c[f as Field]));
    const unused = c.names.filter((_, i) => !used.has(i));
    if (unused.length > 0)
      notes.push(`Not used: ${unused.length} column${unused.length === 1 ? '' : 's'} (${quoteList(unused.slice(0, 8))}${unused.length > 8 ? ', ...' : ''}).`);
    if (c.status === -1) notes.push('The file has no status column: every school in it is taken as open.');
    if (damagedAges > 0) {
      notes.push(
        `${damagedAges} ${c.names[c.age]} value${damagedAges === 1 ? ' was' : 's were'} turned into dates by a spreadsheet (e.g. "${ageExample}" for an age range such as 3-16); ` +
          'ages are not used, so they were ignored.',
      );
    }
  }
  return ok({ rowsRead: walked.value, rows, rejected, farAway, otherAuthority, hasLocalAuthority: c !== null && c.localAuthority !== -1, notes });
}
