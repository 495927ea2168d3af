// data.police.uk stop-and-search CSV → checked rows. Header names are matched case-insensitively
// in any order; Type, Date, Latitude, Longitude, Object of search and Outcome are required, the
// other police.uk columns are kept when present. Dates carry a UTC offset and are stored as the
// London wall-clock minute of that instant (docs/decisions/024-stop-and-search.md).
import { createHash } from 'node:crypto';
import {
  classifyAgeRange,
  classifyObject,
  classifyOfficerDefinedEthnicity,
  classifyOutcome,
  classifySelfDefinedEthnicity,
  parseTrueFalse,
  type ObjectClassId,
  type OutcomeClassId,
} from '../../geo/search-outcomes';
import { isoDateOfDay, londonWallClock, parseIsoDate, spanOfOccurredAt } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import { columnIndex, firstLineOf, headerFieldsOf, listInWords, quoteList, repeatedColumns, walkCsv, type WalkOptions } from '../import/csv-table';
import { refused, type FileProblem } from '../import/read-input';
import { checkLngLat, parseNumber } from '../import/row-checks';
import type { RejectedRow } from '../store/import-types';

const REQUIRED = ['Type', 'Date', 'Latitude', 'Longitude', 'Object of search', 'Outcome'] as const;
const OPTIONAL = [
  'Part of a policing operation',
  'Policing operation',
  'Gender',
  'Age range',
  'Self-defined ethnicity',
  'Officer-defined ethnicity',
  'Legislation',
  'Outcome linked to object of search',
  'Removal of more than just outer clothing',
] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const COLUMNS: readonly Column[] = [...REQUIRED, ...OPTIONAL];
const TRUE_FALSE_COLUMNS = ['Part of a policing operation', 'Outcome linked to object of search', 'Removal of more than just outer clothing'] as const;

/** One search as the file gives it, checked and classed. */
export interface StopSearchRow {
  line: number;
  /** Hash of every value the row gives (decision 003: identical rows are a multiset). */
  identity: string;
  /** London local wall clock 'YYYY-MM-DDTHH:MM'. */
  occurredAt: string;
  day: number;
  minuteOfDay: number;
  month: string;
  searchType: string;
  partOfOperation: boolean | null;
  operationName: string | null;
  lng: number;
  lat: number;
  gender: string | null;
  ageRange: string;
  selfDefinedEthnicity: string | null;
  selfDefinedGroup: string;
  officerDefinedEthnicity: string;
  legislation: string | null;
  objectOfSearch: string | null;
  objectClass: ObjectClassId;
  outcome: string;
  outcomeClass: OutcomeClassId;
  outcomeLinked: boolean | null;
  removalOfOuterClothing: boolean | null;
}

export interface ParsedStopSearchFile {
  rowsRead: number;
  /** Located rows, in file order. */
  rows: StopSearchRow[];
  rejected: RejectedRow[];
  /** Rows with both Latitude and Longitude empty, per London month: counted, not stored. */
  withoutLocation: Record<string, number>;
  notes: string[];
}

type Columns = Record<Column, number> & { ignored: string[] };

function resolveHeader(fields: readonly string[]): Result<Columns, FileProblem> {
  const missing = REQUIRED.filter((name) => columnIndex(fields, [name]) === -1);
  if (missing.length > 0) {
    const found = fields.filter((f) => f !== '');
    return fail(
      refused(
        `The header lacks ${listInWords(missing.map((m) => `"${m}"`))}. A data.police.uk stop-and-search CSV needs ` +
          `${listInWords(REQUIRED.map((m) => `"${m}"`))} on its first line; this file's first line has ` +
          `${found.length === 0 ? 'no column names' : quoteList(found.slice(0, 30).map((f) => f.slice(0, 60)))}. Nothing was imported.`,
      ),
    );
  }
  const repeated = COLUMNS.flatMap((name) => {
    const columns = repeatedColumns(fields, [name]);
    return columns ? [`"${name}" more than once: ${columns}`] : [];
  });
  if (repeated.length > 0) {
    return fail(
      refused(
        `The header names ${repeated.join('; and ')}. Which one to read would be a guess: remove or rename the extra column${repeated.length === 1 ? '' : 's'}. ` +
          'Nothing was imported.',
      ),
    );
  }
  const known = COLUMNS.map((c) => c.toLowerCase());
  const columns = Object.fromEntries(COLUMNS.map((name) => [name, columnIndex(fields, [name])])) as Record<Column, number>;
  return ok({ ...columns, ignored: fields.filter((f) => f !== '' && !known.includes(f.toLowerCase())) });
}

/** Fail-fast check on the first 64 KB: is the first line a stop-and-search header? */
export function checkStopSearchHead(head: string, complete: boolean): Result<void, FileProblem> {
  const line = firstLineOf(head, complete);
  if (line === null) return fail(refused('No header line in the first 64 KB: this is not a data.police.uk stop-and-search CSV. Nothing was imported.'));
  const fields = headerFieldsOf(line);
  if (!fields) return fail(refused('The first line is not a CSV header. Nothing was imported.'));
  const header = resolveHeader(fields);
  return header.ok ? ok(undefined) : header;
}

const OFFSET_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/;

export interface SearchTime {
  /** London wall clock 'YYYY-MM-DDTHH:MM' of the instant. */
  occurredAt: string;
  day: number;
  minuteOfDay: number;
  /** The instant, ms since 1970 (UTC), for the row's identity. */
  instantMs: number;
}

/**
 * A police.uk Date (ISO 8601 with an offset, e.g. 2016-06-01T00:45:00+00:00) as London time.
 * The offset is taken as true: police.uk writes +00:00 all year, and the file's quietest hour
 * moves by one between summer and winter as UTC does (decision 024), so summer times move on
 * an hour: 2018-07-01T23:30:00+00:00 is 2018-07-02 00:30 in London.
 */
export function parseSearchDate(text: string): Result<SearchTime> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('Date is empty; expected a date and time such as 2016-06-01T00:45:00+00:00');
  const m = OFFSET_DATE_TIME.exec(trimmed);
  if (!m) return fail(`Date "${text}" is not an ISO 8601 date and time with an offset; expected e.g. 2016-06-01T00:45:00+00:00`);
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  const offsetOk = m[5] === 'Z' || (Number(m[6]) <= 14 && Number(m[7]) <= 59);
  if (!parseIsoDate(m[1]!).ok || hour > 23 || minute > 59 || second > 59 || !offsetOk) {
    return fail(`Date "${text}" is not a real date and time; check the day, month and hour`);
  }
  const instant = new Date(trimmed);
  const wall = londonWallClock(instant);
  if (Number.isNaN(instant.getTime()) || wall.length !== 16 || wall.startsWith('0')) {
    return fail(`Date "${text}" is not in the years 1000..9999; expected a four-digit year such as 2018`);
  }
  const span = spanOfOccurredAt(wall, 'minute');
  return ok({ occurredAt: wall, day: span.startDay, minuteOfDay: span.minuteOfDay ?? 0, instantMs: Math.floor(instant.getTime() / 60_000) * 60_000 });
}

const optionalText = (value: string | undefined) => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};

function identityOf(values: readonly (string | number | boolean | null)[]): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 22);
}

const number = (n: number) => n.toLocaleString('en-GB');

/** Parses stop-and-search CSV text. Rows with both coordinates empty are counted, not rejected. */
export function parseStopSearchCsv(text: string, options: WalkOptions = {}): Result<ParsedStopSearchFile, FileProblem> {
  // A holder, not a `let`: TypeScript does not follow assignments made inside callbacks.
  const state: { columns: Columns | null } = { columns: null };
  const rows: StopSearchRow[] = [];
  const rejected: RejectedRow[] = [];
  const withoutLocation: Record<string, number> = {};
  const unrecognised = { outcome: new Map<string, number>(), object: new Map<string, number>() };
  const notTrueFalse = new Map<string, number>();
  let noObject = 0;

  const walked = walkCsv(
    text,
    {
      header(fields) {
        const resolved = resolveHeader(fields);
        if (!resolved.ok) return resolved;
        state.columns = resolved.value;
        return ok(undefined);
      },
      reject(line, message) {
        rejected.push({ line, message });
      },
      row(fields, line) {
        const c = state.columns!;
        const at = (column: Column) => (c[column] === -1 ? '' : (fields[c[column]] ?? ''));
        const time = parseSearchDate(at('Date'));
        if (!time.ok) return void rejected.push({ line, message: time.reason });
        const searchType = at('Type').trim();
        if (searchType === '')
          return void rejected.push({ line, message: 'Type is empty; expected e.g. Person search, Vehicle search or Person and Vehicle search' });
        const lngText = at('Longitude').trim();
        const latText = at('Latitude').trim();
        const month = isoDateOfDay(time.value.day).slice(0, 7);
        if (lngText === '' && latText === '') {
          withoutLocation[month] = (withoutLocation[month] ?? 0) + 1;
          return;
        }
        if (lngText === '' || latText === '') {
          const [empty, given, value] = lngText === '' ? ['Longitude', 'Latitude', latText] : ['Latitude', 'Longitude', lngText];
          return void rejected.push({
            line,
            message: `${empty} is empty but ${given} is ${value}; give both coordinates, or leave both empty for a search without a location`,
          });
        }
        const lng = parseNumber(lngText, 'Longitude');
        if (!lng.ok) return void rejected.push({ line, message: `${lng.reason}; expected a decimal longitude such as -0.05` });
        const lat = parseNumber(latText, 'Latitude');
        if (!lat.ok) return void rejected.push({ line, message: `${lat.reason}; expected a decimal latitude such as 51.52` });
        const point = checkLngLat(lng.value, lat.value, 'Longitude', 'Latitude');
        if (!point.ok) return void rejected.push({ line, message: point.reason });

        const objectOfSearch = optionalText(at('Object of search'));
        const objectClass = classifyObject(objectOfSearch ?? '');
        if (objectClass === 'not-recorded') noObject += 1;
        if (objectClass === 'unrecognised') unrecognised.object.set(objectOfSearch!, (unrecognised.object.get(objectOfSearch!) ?? 0) + 1);
        const outcome = at('Outcome').trim();
        const outcomeClass = classifyOutcome(outcome);
        if (outcomeClass === 'unrecognised') unrecognised.outcome.set(outcome, (unrecognised.outcome.get(outcome) ?? 0) + 1);
        const flags = TRUE_FALSE_COLUMNS.map((column) => {
          const value = at(column);
          const parsed = parseTrueFalse(value);
          if (parsed === null && value.trim() !== '') notTrueFalse.set(column, (notTrueFalse.get(column) ?? 0) + 1);
          return parsed;
        });
        const [partOfOperation, outcomeLinked, removalOfOuterClothing] = flags as [boolean | null, boolean | null, boolean | null];
        const gender = optionalText(at('Gender'));
        const selfDefinedEthnicity = optionalText(at('Self-defined ethnicity'));
        const legislation = optionalText(at('Legislation'));
        const operationName = optionalText(at('Policing operation'));
        const ageText = at('Age range').trim();
        const officerText = at('Officer-defined ethnicity').trim();
        rows.push({
          line,
          identity: identityOf([
            time.value.instantMs,
            searchType,
            partOfOperation,
            operationName,
            lng.value.toFixed(6),
            lat.value.toFixed(6),
            gender,
            ageText,
            selfDefinedEthnicity,
            officerText,
            legislation,
            objectOfSearch,
            outcome,
            outcomeLinked,
            removalOfOuterClothing,
          ]),
          occurredAt: time.value.occurredAt,
          day: time.value.day,
          minuteOfDay: time.value.minuteOfDay,
          month,
          searchType,
          partOfOperation,
          operationName,
          lng: lng.value,
          lat: lat.value,
          gender,
          ageRange: classifyAgeRange(ageText),
          selfDefinedEthnicity,
          selfDefinedGroup: classifySelfDefinedEthnicity(selfDefinedEthnicity ?? ''),
          officerDefinedEthnicity: classifyOfficerDefinedEthnicity(officerText),
          legislation,
          objectOfSearch,
          objectClass,
          outcome,
          outcomeClass,
          outcomeLinked,
          removalOfOuterClothing,
        });
      },
    },
    options,
  );
  if (!walked.ok) return walked;

  const notes: string[] = [];
  const ignored = state.columns?.ignored ?? [];
  if (ignored.length > 0) {
    notes.push(
      `Ignored ${ignored.length === 1 ? 'a column' : `${ignored.length} columns`} that police.uk stop-and-search CSVs do not have: ${quoteList(ignored)}.`,
    );
  }
  const missingOptional = state.columns ? OPTIONAL.filter((name) => state.columns![name] === -1) : [];
  if (missingOptional.length > 0) notes.push(`The file has no ${listInWords(missingOptional.map((m) => `"${m}"`))} column; stored as not recorded.`);
  const withoutLocationTotal = Object.values(withoutLocation).reduce((a, b) => a + b, 0);
  if (withoutLocationTotal > 0) {
    const months = Object.entries(withoutLocation).sort(([a], [b]) => (a < b ? -1 : 1));
    const listed = months
      .slice(0, 12)
      .map(([m, n]) => `${m}: ${number(n)}`)
      .join(', ');
    notes.push(
      `${number(withoutLocationTotal)} ${withoutLocationTotal === 1 ? 'search has' : 'searches have'} no location (${listed}${months.length > 12 ? ', ...' : ''}); ` +
        'police.uk publishes some searches without a map point. They cannot be placed inside or outside the study area, so they were counted and not stored.',
    );
  }
  if (noObject > 0) {
    notes.push(
      `${number(noObject)} ${noObject === 1 ? 'row has' : 'rows have'} an empty Object of search; those inside the study area are stored with the object ` +
        '"not recorded" (counted in every total, in no object class).',
    );
  }
  for (const [kind, words] of [
    ['Outcome', unrecognised.outcome],
    ['Object of search', unrecognised.object],
  ] as const) {
    if (words.size === 0) continue;
    const total = [...words.values()].reduce((a, b) => a + b, 0);
    const listed = [...words]
      .slice(0, 10)
      .map(([w, n]) => `"${w.slice(0, 80)}" (${number(n)})`)
      .join(', ');
    notes.push(
      `${number(total)} ${total === 1 ? 'row has' : 'rows have'} ${kind} words this importer does not recognise: ${listed}. ` +
        `Those inside the study area are stored with the class "unrecognised"${kind === 'Outcome' ? ' and left out of positive outcome rates' : ''}; ` +
        'tell the developers so the words get a class (geo/search-outcomes.ts).',
    );
  }
  for (const [column, n] of notTrueFalse) {
    notes.push(`${number(n)} ${n === 1 ? 'row has' : 'rows have'} a "${column}" value that is neither True nor False; stored as not recorded.`);
  }
  return ok({ rowsRead: walked.value, rows, rejected, withoutLocation, notes });
}
