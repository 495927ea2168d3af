// Population CSV → (code, year, population) rows, and a best-fit LSOA → ward lookup CSV → a map.
// Two layouts (decision 035): long, `code,year,population` (one row per area and year), and
// wide, one row per area with a column per year, as ONS publishes its small-area estimates
// ("Mid-2011: Population", ..., "Mid-2022: Population"; "Total population: mid 2015 ..."). The
// code column's name says whether the areas are wards (ward_code, WD25CD) or LSOAs (LSOA21CD,
// "LSOA 2021 Code"); a plain `code` is either. Every row is checked; the caller decides what a row
// error means for the file (all or nothing).
import { fail, ok, type Result } from '../../geo/types';
import { firstLineOf, headerFieldsOf, listInWords, quoteList, walkCsv } from '../import/csv-table';
import { refused, type FileProblem } from '../import/read-input';
import type { RejectedRow } from '../store/import-types';

/** What the code column's name says the areas are; `either` for a plain `code`. */
export type CodeLevel = 'ward' | 'lsoa' | 'either';
export type PopulationLayout = 'long' | 'wide';

export interface PopulationRow {
  line: number;
  code: string;
  year: number;
  population: number;
}

export interface ParsedPopulations {
  codeLevel: CodeLevel;
  codeColumn: string;
  layout: PopulationLayout;
  /** The years the file gives, ascending. */
  years: number[];
  rowsRead: number;
  rows: PopulationRow[];
  rejected: RejectedRow[];
  notes: string[];
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** No ward or LSOA has ten million residents: a bigger number is a wrong column or a typo. */
const MAX_POPULATION = 10_000_000;
const MAX_CODE_CHARS = 100;

/** What a header is matched on: lower case, without spaces, underscores, hyphens, dots, colons or brackets. */
const keyOf = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.:()[\]]+/g, '');

const LSOA_CODE = /^lsoa(\d{2}|\d{4})?(code|cd)(\d{2}|\d{4})?$/;
const WARD_CODE = /^(ward|wd)(\d{2}|\d{4})?(code|cd)(\d{2}|\d{4})?$/;
const ANY_CODE = ['code', 'areacode', 'geographycode', 'gsscode'];
const YEAR_NAMES = ['year', 'midyear', 'yearmid'];
const POPULATION_NAMES = ['population', 'pop', 'persons', 'people', 'residents', 'usualresidents', 'totalpopulation', 'allages'];

/** A column per year (wide): "Mid-2022: Population", "Mid-2022", "Total population: mid 2015 (excluding prisoners)", "population_2022". */
const WIDE_YEAR = [
  /^mid[-\s]?(\d{4})(?:\s*:?\s*(?:total\s+)?population)?$/i,
  /^(?:total\s+)?population\s*:?\s*mid[-\s]?(\d{4})\b/i,
  /^population[\s_:-]*(\d{4})$/i,
];

function yearOfColumn(header: string): number | null {
  for (const pattern of WIDE_YEAR) {
    const match = pattern.exec(header.trim());
    if (match) return Number(match[1]);
  }
  return null;
}

interface Columns {
  names: string[];
  code: number;
  codeLevel: CodeLevel;
  layout: PopulationLayout;
  /** Long layout. */
  year: number;
  population: number;
  /** Wide layout: column index → year. */
  yearColumns: { index: number; year: number }[];
}

const POPULATION_COLUMNS_IN_WORDS =
  'a code column (code, ward_code or WD25CD for wards; LSOA21CD or "LSOA 2021 Code" for LSOAs) and either year and population columns, or a column per year such as "Mid-2022: Population"';

function findColumns(header: readonly string[]): Result<Columns, FileProblem> {
  const keys = header.map(keyOf);
  const codes = keys.flatMap((key, i): { index: number; level: CodeLevel }[] =>
    WARD_CODE.test(key)
      ? [{ index: i, level: 'ward' }]
      : LSOA_CODE.test(key)
        ? [{ index: i, level: 'lsoa' }]
        : ANY_CODE.includes(key)
          ? [{ index: i, level: 'either' }]
          : [],
  );
  const shown = () => `this file's first line has ${quoteList(header.slice(0, 10).map((h) => h.slice(0, 60)))}${header.length > 10 ? ', ...' : ''}`;
  if (codes.length === 0) {
    return fail(
      refused(
        `The header has no area code column. A population file has ${POPULATION_COLUMNS_IN_WORDS} (docs/importers.md); ${shown()}. Nothing was imported.`,
      ),
    );
  }
  if (codes.length > 1) {
    const named = listInWords(codes.map((c) => `"${header[c.index]!.slice(0, 60)}" (column ${c.index + 1})`));
    return fail(
      refused(
        `The header has more than one area code column: ${named}. Which areas the populations belong to would be a guess: keep one. Nothing was imported.`,
      ),
    );
  }
  const { index: code, level: codeLevel } = codes[0]!;
  const single = (names: readonly string[], what: string): Result<number, FileProblem> => {
    const found = keys.flatMap((key, i) => (names.includes(key) ? [i] : []));
    if (found.length > 1) {
      const named = listInWords(found.map((i) => `"${header[i]}" (column ${i + 1})`));
      return fail(refused(`The header names the ${what} more than once: ${named}. Which one to read would be a guess: keep one. Nothing was imported.`));
    }
    return ok(found[0] ?? -1);
  };
  const year = single(YEAR_NAMES, 'year');
  if (!year.ok) return year;
  const population = single(POPULATION_NAMES, 'population');
  if (!population.ok) return population;
  const yearColumns = header.flatMap((h, index) => {
    const y = yearOfColumn(h);
    return y === null ? [] : [{ index, year: y }];
  });
  const base = { names: [...header], code, codeLevel };
  if (year.value !== -1 && population.value !== -1) {
    if (yearColumns.length > 0) {
      return fail(
        refused(
          `The header has both year and population columns and a column per year (${quoteList(yearColumns.slice(0, 3).map((c) => header[c.index]!))}). ` +
            'Give one or the other: which to read would be a guess. Nothing was imported.',
        ),
      );
    }
    return ok({ ...base, layout: 'long', year: year.value, population: population.value, yearColumns: [] });
  }
  if (yearColumns.length === 0) {
    const lacking = year.value === -1 && population.value === -1 ? 'year and population columns' : year.value === -1 ? 'a year column' : 'a population column';
    return fail(
      refused(
        `The header lacks ${lacking}, and has no column per year. A population file has ${POPULATION_COLUMNS_IN_WORDS}; ${shown()}. Nothing was imported.`,
      ),
    );
  }
  for (const column of yearColumns) {
    if (column.year < MIN_YEAR || column.year > MAX_YEAR) {
      return fail(
        refused(`The column "${header[column.index]}" is for the year ${column.year}; expected a year from ${MIN_YEAR} to ${MAX_YEAR}. Nothing was imported.`),
      );
    }
    const twin = yearColumns.find((other) => other.year === column.year && other.index !== column.index);
    if (twin) {
      return fail(
        refused(
          `Two columns give the year ${column.year}: "${header[column.index]}" (column ${column.index + 1}) and "${header[twin.index]}" (column ${twin.index + 1}). ` +
            'Which one to read would be a guess: keep one. Nothing was imported.',
        ),
      );
    }
  }
  return ok({ ...base, layout: 'wide', year: -1, population: -1, yearColumns });
}

/** Refuses, from the first line, a file that cannot be a population file. */
export function checkPopulationHead(head: string, complete: boolean): Result<void, FileProblem> {
  const line = firstLineOf(head, complete);
  if (line === null) return fail(refused('The first line is not a CSV header (no line break in the first 64 KB). Nothing was imported.'));
  const header = headerFieldsOf(line);
  if (header === null) return fail(refused('The first line is not a CSV header. Nothing was imported.'));
  const columns = findColumns(header);
  return columns.ok ? ok(undefined) : columns;
}

const GROUPED = /^\d{1,3}(,\d{3})+$/;
const WHOLE = /^\d+(\.0+)?$/;

/** A count of residents: a whole number, digits grouped by commas or not ("1,538"). */
export function readPopulation(text: string, column: string): Result<number, string> {
  if (text === '') return fail(`${column} is empty; give the number of residents`);
  const plain = GROUPED.test(text) ? text.replaceAll(',', '') : text;
  if (!WHOLE.test(plain)) return fail(`${column} "${text.slice(0, 40)}" is not a number of residents; expected a whole number such as 1538`);
  const value = Number(plain);
  if (value > MAX_POPULATION) return fail(`${column} ${text} is more residents than any ward or LSOA has; check the column and the number`);
  return ok(value);
}

const YEAR_VALUE = /^(?:mid[-\s]?)?(\d{4})$/i;

function readYear(text: string, column: string): Result<number, string> {
  const match = YEAR_VALUE.exec(text);
  if (!match)
    return fail(`${column} ${text === '' ? 'is empty' : `"${text.slice(0, 40)}" is not a year`}; expected a year such as 2022 (the mid-year estimate)`);
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`${column} ${year} is out of range; expected a year from ${MIN_YEAR} to ${MAX_YEAR}`);
  return ok(year);
}

export function parsePopulationCsv(text: string): Result<ParsedPopulations, FileProblem> {
  let columns: Columns | null = null;
  const rows: PopulationRow[] = [];
  const rejected: RejectedRow[] = [];
  /** "code|year" (long) or "code" (wide) → the line it was first given on. */
  const lineOfKey = new Map<string, number>();
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
      const value = (i: number) => (fields[i] ?? '').trim();
      const problems: string[] = [];
      const code = value(c.code);
      const codeName = c.names[c.code]!;
      if (code === '') problems.push(`${codeName} is empty; every row needs its area code`);
      else if (code.length > MAX_CODE_CHARS) problems.push(`${codeName} is ${code.length} characters long; expected at most ${MAX_CODE_CHARS}`);
      const found: PopulationRow[] = [];
      const entries =
        c.layout === 'long'
          ? [{ year: readYear(value(c.year), c.names[c.year]!), index: c.population }]
          : c.yearColumns.map((column) => ({ year: ok(column.year), index: column.index }));
      for (const entry of entries) {
        if (!entry.year.ok) problems.push(entry.year.reason);
        const population = readPopulation(value(entry.index), c.names[entry.index]!);
        if (!population.ok) problems.push(population.reason);
        if (entry.year.ok && population.ok) found.push({ line, code, year: entry.year.value, population: population.value });
      }
      if (code !== '' && (c.layout === 'wide' || found.length > 0)) {
        const key = c.layout === 'long' ? `${code}|${found[0]!.year}` : code;
        const earlier = lineOfKey.get(key);
        if (earlier !== undefined) {
          problems.push(
            c.layout === 'long'
              ? `${codeName} "${code}" has a population for ${found[0]!.year} on line ${earlier} too; give each area once a year`
              : `${codeName} "${code}" is also on line ${earlier}; give each area once`,
          );
        } else lineOfKey.set(key, line);
      }
      if (problems.length > 0) rejected.push({ line, message: problems.join('; ') });
      else rows.push(...found);
    },
  });
  if (!walked.ok) return walked;
  const c = columns as Columns | null;
  if (!c) return fail(refused('The file has no header line. Nothing was imported.'));
  const years = c.layout === 'wide' ? c.yearColumns.map((y) => y.year).sort((a, b) => a - b) : [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const used = new Set([c.code, c.year, c.population, ...c.yearColumns.map((y) => y.index)]);
  const unused = c.names.filter((_, i) => !used.has(i));
  const notes =
    unused.length > 0
      ? [
          `Not used: ${unused.length} column${unused.length === 1 ? '' : 's'} (${quoteList(unused.slice(0, 6).map((u) => u.slice(0, 60)))}${unused.length > 6 ? ', ...' : ''}).`,
        ]
      : [];
  return ok({ codeLevel: c.codeLevel, codeColumn: c.names[c.code]!, layout: c.layout, years, rowsRead: walked.value, rows, rejected, notes });
}

/** An LSOA's ward by a best-fit lookup, and the lookup line that says so. */
export interface LookupEntry {
  ward: string;
  line: number;
}

/**
 * A best-fit LSOA → ward lookup (ONS "LSOA (2021) to Electoral Ward (2025) Best Fit Lookup":
 * LSOA21CD, WD25CD and names). Each LSOA belongs wholly to one ward; an LSOA given two wards is
 * not a best-fit lookup and is refused. Lines are the lookup file's own.
 */
export function parseWardLookupCsv(text: string): Result<Map<string, LookupEntry>, FileProblem> {
  let lsoa = -1;
  let ward = -1;
  const names: string[] = [];
  const lookup = new Map<string, LookupEntry>();
  const problems: RejectedRow[] = [];
  const walked = walkCsv(text, {
    header(fields) {
      const keys = fields.map(keyOf);
      lsoa = keys.findIndex((k) => LSOA_CODE.test(k));
      ward = keys.findIndex((k) => WARD_CODE.test(k));
      names.push(...fields);
      if (lsoa === -1 || ward === -1) {
        const lacking = [lsoa === -1 ? 'an LSOA code column (LSOA21CD)' : null, ward === -1 ? 'a ward code column (WD25CD)' : null].filter((x) => x !== null);
        return fail(
          refused(
            `The lookup file lacks ${listInWords(lacking)}. A best-fit lookup has one row per LSOA with its ward, as ONS publishes it (LSOA21CD, WD25CD); ` +
              `its first line has ${quoteList(fields.slice(0, 8))}. Nothing was imported.`,
          ),
        );
      }
      return ok(undefined);
    },
    reject(line, message) {
      problems.push({ line, message });
    },
    row(fields, line) {
      const code = (fields[lsoa] ?? '').trim();
      const wardCode = (fields[ward] ?? '').trim();
      if (code === '' || wardCode === '') {
        problems.push({ line, message: `${code === '' ? names[lsoa] : names[ward]} is empty; every row needs an LSOA and its ward` });
        return;
      }
      const earlier = lookup.get(code);
      if (earlier && earlier.ward !== wardCode) {
        problems.push({
          line,
          message: `LSOA ${code} is in ward ${wardCode} here but in ${earlier.ward} on line ${earlier.line}; a best-fit lookup puts each LSOA in one ward`,
        });
      } else if (!earlier) lookup.set(code, { ward: wardCode, line });
    },
  });
  if (!walked.ok) return fail(refused(`The lookup file: ${walked.reason.message}`));
  if (problems.length > 0) {
    const shown = problems
      .slice(0, 5)
      .map((p) => `line ${p.line}: ${p.message}`)
      .join('; ');
    return fail(
      refused(
        `The lookup file has ${problems.length} bad row${problems.length === 1 ? '' : 's'} (${shown}${problems.length > 5 ? '; ...' : ''}). ` +
          'Correct the lookup and import again. Nothing was imported.',
      ),
    );
  }
  if (lookup.size === 0) return fail(refused('The lookup file has a header but no rows. Nothing was imported.'));
  return ok(lookup);
}
