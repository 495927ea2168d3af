// Partner incidents CSV (police CAD/CRIS, council ASB and CCTV logs) → ParsedFile. Exact
// date-times, and either WGS84 lng/lat or British National Grid easting/northing, which
// the locate step converts with proj4 and the OSGB36 Helmert datum shift
// (locate-rows.ts; docs/decisions/004-csv-parse-and-proj4.md).
import { z } from 'zod';
import { CATEGORIES, resolveCategory } from '../../geo/categories';
import { parsePartnerTime, plainPartnerTimeAt } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import { FLAG_NAMES, FLAGGED_SOURCE_BIT, parseFlagValue, parseLocationType, withFlag, withLocationType, type FlagName } from '../../geo/incident-flags';
import type { ParsedFile, RejectedRow } from '../store/import-types';
import { categoryCode, estimatedRows, GRID_CODES, IncidentRowsBuilder, PRECISION_CODES, type IncidentRows } from '../store/incident-columns';
import { columnIndex, columnIndexes, firstLineOf, headerFieldsOf, listInWords, repeatedColumns, walkCsv, type WalkOptions } from './csv-table';
import { refused, type FileProblem } from './read-input';
import { laterDuplicates } from './duplicate-ids';
import { checkLngLat, parseNumber, plainDecimalAt, UK } from './row-checks';

/** The optional flag columns (geo/incident-flags.ts): yes/no values, and the location type. */
export const PARTNER_FLAG_FIELDS = [...FLAG_NAMES, 'locationType'] as const;
export const PARTNER_FIELDS = ['id', 'occurred_at', 'category', 'lng', 'lat', 'easting', 'northing', ...PARTNER_FLAG_FIELDS] as const;
export type PartnerField = (typeof PARTNER_FIELDS)[number];
type FlagField = (typeof PARTNER_FLAG_FIELDS)[number];
/** Header name to read each field from, when the file does not use the default names. */
export type ColumnMapping = Partial<Record<PartnerField, string>>;

/** Default header names per field, case-insensitive. */
const DEFAULT_NAMES: Record<PartnerField, readonly string[]> = {
  id: ['id'],
  occurred_at: ['occurred_at'],
  category: ['category'],
  lng: ['lng', 'longitude'],
  lat: ['lat', 'latitude'],
  easting: ['easting'],
  northing: ['northing'],
  knife: ['knife'],
  firearm: ['firearm'],
  corrosive: ['corrosive'],
  domestic: ['domestic'],
  hate: ['hate'],
  victimUnder25: ['victimUnder25', 'victim_under_25'],
  locationType: ['locationType', 'location_type'],
};

/** The grid's extent in metres: anything outside is not a British National Grid reference. */
const BNG_EXTENT = { easting: [0, 700_000], northing: [0, 1_300_000] } as const;
/** Wider files take the normal road only. */
const PARTNER_FAST_MAX_FIELDS = 64;

export const RESERVED_SOURCES = ['police.uk', 'demo'] as const;

export const partnerSourceSchema = z
  .string({ error: 'a source name is required, e.g. council-asb' })
  .refine((s) => !RESERVED_SOURCES.some((r) => r === s), {
    message: `${RESERVED_SOURCES.join(' and ')} are reserved (police.uk open data and the demo data); name the partner system, e.g. met-cad`,
    abort: true,
  })
  .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, {
    message: 'expected 2-41 lower-case letters, digits or hyphens, starting with a letter or digit, e.g. council-asb or met-cad',
  });

const MAPPING_PAIR = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(,|$)/y;

/**
 * Parses a column mapping such as `occurred_at="Date/Time",category=Offence,easting=X,northing=Y`.
 * Values with commas need double quotes (inside the shell's own quoting).
 */
export function parseColumnMapping(text: string): Result<ColumnMapping, string> {
  const mapping: ColumnMapping = {};
  const trimmed = text.trim();
  if (trimmed === '') return ok(mapping);
  MAPPING_PAIR.lastIndex = 0;
  while (MAPPING_PAIR.lastIndex < trimmed.length) {
    const at = MAPPING_PAIR.lastIndex;
    const m = MAPPING_PAIR.exec(trimmed);
    if (!m)
      return fail(
        `cannot read the column mapping at "${trimmed.slice(at)}"; expected field=Header pairs separated by commas, e.g. occurred_at="Date/Time",category=Offence`,
      );
    const field = PARTNER_FIELDS.find((f) => f.toLowerCase() === m[1]!.toLowerCase());
    if (!field) return fail(`"${m[1]}" is not a partner field; expected one of ${PARTNER_FIELDS.join(', ')}`);
    const header = (m[2] !== undefined ? m[2].replace(/""/g, '"') : (m[3] ?? '')).trim();
    if (header === '') return fail(`${field} is mapped to an empty header name`);
    if (mapping[field] !== undefined) return fail(`${field} is mapped twice`);
    mapping[field] = header;
    if (m[4] === '') break;
  }
  return ok(mapping);
}

interface PartnerColumns {
  id: number;
  occurredAt: number;
  category: number;
  lng: number;
  lat: number;
  easting: number;
  northing: number;
  /** The flag columns the file has (column index per field), empty when none. */
  flags: { field: FlagField; column: number }[];
  /** Header name per field, as the file spells it, for messages. */
  names: Record<PartnerField, string>;
  ignored: string[];
}

function resolveHeader(fields: readonly string[], mapping: ColumnMapping): Result<PartnerColumns, FileProblem> {
  const namesOf = (field: PartnerField) => (mapping[field] !== undefined ? [mapping[field]] : DEFAULT_NAMES[field]);
  const find = (field: PartnerField) => columnIndex(fields, namesOf(field));
  const index = Object.fromEntries(PARTNER_FIELDS.map((f) => [f, find(f)])) as Record<PartnerField, number>;
  const nameOf = (field: PartnerField) => (index[field] === -1 ? namesOf(field)[0]! : fields[index[field]]!);
  const names = Object.fromEntries(PARTNER_FIELDS.map((f) => [f, nameOf(f)])) as Record<PartnerField, string>;
  const found = fields.filter((f) => f !== '');
  const foundText =
    found.length === 0
      ? 'no column names'
      : found
          .slice(0, 30)
          .map((f) => `"${f.slice(0, 60)}"`)
          .join(', ');
  const mappedMissing = PARTNER_FIELDS.filter((f) => mapping[f] !== undefined && index[f] === -1);
  if (mappedMissing.length > 0) {
    return fail(
      refused(
        `The column mapping names ${listInWords(mappedMissing.map((f) => `"${mapping[f]}" (for ${f})`))}, which the header does not have. ` +
          `The header has ${foundText}. Nothing was imported.`,
      ),
    );
  }
  const repeated = PARTNER_FIELDS.flatMap((field) => {
    const columns = repeatedColumns(fields, namesOf(field));
    return columns ? [{ field, columns }] : [];
  });
  if (repeated.length > 0) {
    // Aliases (lng and Longitude) can be told apart by a mapping; the same name twice cannot.
    const aliased = repeated.find(({ field }) => new Set(columnIndexes(fields, namesOf(field)).map((i) => fields[i]!.toLowerCase())).size > 1);
    const lastOf = (field: PartnerField) => fields[columnIndexes(fields, namesOf(field)).at(-1)!]!;
    return fail(
      refused(
        `The header has more than one column for ${repeated.map((r) => `${r.field}: ${r.columns}`).join('; and for ')}. ` +
          'Which one to read would be a guess: remove or rename the extra column' +
          (aliased ? `, or name the one to read with --columns (API: columns=), e.g. ${aliased.field}="${lastOf(aliased.field)}"` : '') +
          '. Nothing was imported.',
      ),
    );
  }
  const missing: string[] = [];
  if (index.occurred_at === -1) missing.push(`"${names.occurred_at}" (occurred_at)`);
  if (index.category === -1) missing.push(`"${names.category}" (category)`);
  const hasWgs84 = index.lng !== -1 && index.lat !== -1;
  const hasGrid = index.easting !== -1 && index.northing !== -1;
  if (!hasWgs84 && !hasGrid) {
    missing.push('either lng and lat (WGS84) or easting and northing (British National Grid) columns');
  }
  if (missing.length > 0) {
    return fail(
      refused(
        `The header lacks ${listInWords(missing)}. The header has ${foundText}. Name the columns as docs/importers.md says, ` +
          'or map yours with --columns (API: columns=), e.g. occurred_at="Date/Time",category=Offence,easting=X,northing=Y. Nothing was imported.',
      ),
    );
  }
  const used = new Set(PARTNER_FIELDS.map((f) => index[f]).filter((i) => i !== -1));
  return ok({
    id: index.id,
    occurredAt: index.occurred_at,
    category: index.category,
    lng: hasWgs84 ? index.lng : -1,
    lat: hasWgs84 ? index.lat : -1,
    easting: hasGrid ? index.easting : -1,
    northing: hasGrid ? index.northing : -1,
    flags: PARTNER_FLAG_FIELDS.filter((f) => index[f] !== -1).map((field) => ({ field, column: index[field] })),
    names,
    ignored: fields.filter((f, i) => f !== '' && !used.has(i)),
  });
}

/** Fail-fast check on the first 64 KB: does the first line have the columns we need? */
export function partnerHeadCheck(mapping: ColumnMapping) {
  return (head: string, complete: boolean): Result<void, FileProblem> => {
    const line = firstLineOf(head, complete);
    if (line === null) return fail(refused('No header line in the first 64 KB: this is not a partner incidents CSV. Nothing was imported.'));
    const fields = headerFieldsOf(line);
    if (!fields) return fail(refused('The first line is not a CSV header. Nothing was imported.'));
    const header = resolveHeader(fields, mapping);
    return header.ok ? ok(undefined) : header;
  };
}

/**
 * A row's flag code (geo/incident-flags.ts): every row of a file with flag columns is marked as
 * coming from a flagged source; an empty cell is "not recorded". Every bad cell is named at once.
 */
function flagsOf(fields: readonly string[], c: PartnerColumns): Result<number, string> {
  if (c.flags.length === 0) return ok(0);
  let code = FLAGGED_SOURCE_BIT;
  const problems: string[] = [];
  for (const { field, column } of c.flags) {
    const text = fields[column]!;
    if (field === 'locationType') {
      const type = parseLocationType(text, c.names.locationType);
      if (!type.ok) problems.push(type.reason);
      else if (type.value) code = withLocationType(code, type.value);
      continue;
    }
    const value = parseFlagValue(text, c.names[field]);
    if (!value.ok) problems.push(value.reason);
    else if (value.value !== null) code = withFlag(code, field as FlagName, value.value);
  }
  return problems.length > 0 ? fail(problems.join('; ')) : ok(code);
}

const CATEGORY_SLUGS = CATEGORIES.map((c) => c.slug).join(', ');

export interface PartnerCsvOptions extends WalkOptions {
  columns?: ColumnMapping;
  /** Told each time `rows` more rows are parsed, so locating can start while parsing goes on. */
  chunk?: { rows: number; onChunk: (rows: IncidentRows, from: number, to: number) => void };
}

/** Parses partner incidents CSV text; every row is a minute-precision draft or a rejection. */
export function parsePartnerCsv(text: string, options: PartnerCsvOptions = {}): Result<ParsedFile, FileProblem> {
  const mapping = options.columns ?? {};
  // A holder, not a `let`: TypeScript does not follow assignments made inside callbacks.
  const state: { columns: PartnerColumns | null } = { columns: null };
  // The fast road stores ids as spans of `text` (walkCsv hands fastRow this same string).
  const rows = new IncidentRowsBuilder(estimatedRows(text), options.chunk ?? null, text);
  const rejected: RejectedRow[] = [];
  const categoryOf = new Map<string, number | null>();
  // Spellings the normal road has accepted, for the fast road to recognise in place (a file
  // uses a handful; comparing a few is cheaper than cutting a string out of every row).
  const knownCategoryTexts: string[] = [];
  const knownCategoryCodes: number[] = [];
  let gridRows = 0;

  /** [grid, x, y]: WGS84 as given, or British National Grid metres for the locate step. */
  const locate = (fields: readonly string[], c: PartnerColumns): Result<[number, number, number], string> => {
    const lngText = c.lng === -1 ? '' : fields[c.lng]!;
    const latText = c.lat === -1 ? '' : fields[c.lat]!;
    if (c.lng !== -1 && (lngText.trim() !== '' || latText.trim() !== '' || c.easting === -1)) {
      const lng = parseNumber(lngText, c.names.lng);
      if (!lng.ok) return fail(`${lng.reason}; expected a decimal longitude such as -0.05`);
      const lat = parseNumber(latText, c.names.lat);
      if (!lat.ok) return fail(`${lat.reason}; expected a decimal latitude such as 51.52`);
      const point = checkLngLat(lng.value, lat.value, c.names.lng, c.names.lat);
      return point.ok ? ok([GRID_CODES.wgs84, point.value[0], point.value[1]]) : point;
    }
    const easting = parseNumber(fields[c.easting]!, c.names.easting);
    if (!easting.ok) return fail(`${easting.reason}; expected metres east on the British National Grid, e.g. 535000`);
    const northing = parseNumber(fields[c.northing]!, c.names.northing);
    if (!northing.ok) return fail(`${northing.reason}; expected metres north on the British National Grid, e.g. 181500`);
    const e = easting.value;
    const n = northing.value;
    if (Math.abs(e) <= 180 && Math.abs(n) <= 90) {
      return fail(`${c.names.easting} ${e} and ${c.names.northing} ${n} look like longitude/latitude, not metres; map them as lng and lat`);
    }
    if (e < BNG_EXTENT.easting[0] || e > BNG_EXTENT.easting[1]) {
      return fail(`${c.names.easting} ${e} is outside the British National Grid; expected 0..700000 metres (Tower Hamlets is near 535000)`);
    }
    if (n < BNG_EXTENT.northing[0] || n > BNG_EXTENT.northing[1]) {
      return fail(`${c.names.northing} ${n} is outside the British National Grid; expected 0..1300000 metres (Tower Hamlets is near 181000)`);
    }
    gridRows += 1;
    return ok([GRID_CODES.bng, e, n]);
  };

  // The fast road (quote-free files): one pass over the raw line, no field strings but the
  // id and category, numbers and times read in place. It takes only rows it can fully
  // accept; anything unusual, including every row with a problem, goes the normal road,
  // which alone writes messages. Tests hold the two roads to the same output.
  const bounds = new Int32Array(PARTNER_FAST_MAX_FIELDS + 1);
  let fastWidth = 0;
  function fastRow(line: string, start: number, end: number, lineNumber: number): boolean {
    // Field k spans (bounds[k] + 1, bounds[k + 1]). No helper closures: this runs per row.
    const c = state.columns!;
    let count = 0;
    bounds[0] = start - 1;
    for (let at = line.indexOf(',', start); at !== -1 && at < end; at = line.indexOf(',', at + 1)) {
      if (++count >= fastWidth) return false;
      bounds[count] = at;
    }
    if (count !== fastWidth - 1) return false;
    bounds[fastWidth] = end;
    let idStart = -1;
    let idEnd = -1;
    if (c.id !== -1 && bounds[c.id + 1]! > bounds[c.id]! + 1) {
      idStart = bounds[c.id]! + 1;
      idEnd = bounds[c.id + 1]!;
      // The normal road trims ids, Unicode spaces included: any edge outside printable ASCII goes there.
      const first = line.charCodeAt(idStart);
      const last = line.charCodeAt(idEnd - 1);
      if (first <= 32 || first > 126 || last <= 32 || last > 126) return false;
    }
    const when = plainPartnerTimeAt(line, bounds[c.occurredAt]! + 1, bounds[c.occurredAt + 1]!);
    if (when < 0) return false;
    const categoryStart = bounds[c.category]! + 1;
    const categoryLength = bounds[c.category + 1]! - categoryStart;
    let category = -1;
    for (let k = 0; k < knownCategoryTexts.length; k++) {
      const known = knownCategoryTexts[k]!;
      if (known.length === categoryLength && line.startsWith(known, categoryStart)) {
        category = knownCategoryCodes[k]!;
        break;
      }
    }
    if (category === -1) return false;
    let grid: number;
    let x: number;
    let y: number;
    if (c.lng !== -1 && c.easting === -1) {
      grid = GRID_CODES.wgs84;
      x = plainDecimalAt(line, bounds[c.lng]! + 1, bounds[c.lng + 1]!);
      y = plainDecimalAt(line, bounds[c.lat]! + 1, bounds[c.lat + 1]!);
      // Inside the UK box, which is exactly when checkLngLat accepts a point.
      if (!(x >= UK.west && x <= UK.east && y >= UK.south && y <= UK.north)) return false;
    } else if (c.easting !== -1 && c.lng === -1) {
      grid = GRID_CODES.bng;
      x = plainDecimalAt(line, bounds[c.easting]! + 1, bounds[c.easting + 1]!);
      y = plainDecimalAt(line, bounds[c.northing]! + 1, bounds[c.northing + 1]!);
      const inGrid = x >= BNG_EXTENT.easting[0] && x <= BNG_EXTENT.easting[1] && y >= BNG_EXTENT.northing[0] && y <= BNG_EXTENT.northing[1];
      if (!inGrid || (Math.abs(x) <= 180 && Math.abs(y) <= 90)) return false;
      gridRows += 1;
    } else {
      return false;
    }
    rows.pushSpan(lineNumber, idStart, idEnd, category, PRECISION_CODES.minute, Math.floor(when / 1440), when % 1440, grid, x, y);
    return true;
  }

  const walked = walkCsv(
    text,
    {
      header(fields) {
        const resolved = resolveHeader(fields, mapping);
        if (!resolved.ok) return resolved;
        state.columns = resolved.value;
        // Files with flag columns take the normal road: every flag cell is checked and may be a row error.
        fastWidth = fields.length <= PARTNER_FAST_MAX_FIELDS && resolved.value.flags.length === 0 ? fields.length : 0;
        return ok(undefined);
      },
      fastRow(line, start, end, lineNumber) {
        return fastWidth > 0 && fastRow(line, start, end, lineNumber);
      },
      reject(line, message) {
        rejected.push({ line, message });
      },
      row(fields, line) {
        const c = state.columns!;
        const id = c.id === -1 ? '' : fields[c.id]!.trim();
        const when = parsePartnerTime(fields[c.occurredAt]!);
        if (!when.ok) {
          rejected.push({
            line,
            message:
              fields[c.occurredAt]!.trim() === ''
                ? `${c.names.occurred_at} is empty; expected a date-time such as 2024-03-01T21:15`
                : `${c.names.occurred_at} ${when.reason}`,
          });
          return;
        }
        const categoryText = fields[c.category]!;
        let category = categoryOf.get(categoryText);
        if (category === undefined) {
          const found = resolveCategory(categoryText);
          category = found ? categoryCode(found.slug) : null;
          categoryOf.set(categoryText, category);
          if (category !== null && knownCategoryTexts.length < 64) {
            knownCategoryTexts.push(categoryText);
            knownCategoryCodes.push(category);
          }
        }
        if (category === null) {
          rejected.push({
            line,
            message: `${c.names.category} "${categoryText}" is not a known category; expected a slug or police.uk label, one of: ${CATEGORY_SLUGS}`,
          });
          return;
        }
        const point = locate(fields, c);
        if (!point.ok) {
          rejected.push({ line, message: point.reason });
          return;
        }
        const flags = flagsOf(fields, c);
        if (!flags.ok) {
          rejected.push({ line, message: flags.reason });
          return;
        }
        const [grid, x, y] = point.value;
        rows.push(line, id === '' ? null : id, category, PRECISION_CODES.minute, when.value.day, when.value.minute, grid, x, y, flags.value);
      },
    },
    options,
  );
  if (!walked.ok) return walked;
  const parsed = rows.finish();
  // Each partner reference once per file: later rows with an id seen earlier are rejected.
  // They stay in `rows` (chunks may already be with the locate workers), marked excluded.
  const c = state.columns;
  const ids = rows.sourceRecordId;
  const duplicates =
    c && c.id !== -1
      ? laterDuplicates(
          parsed.length,
          (row) => ids.at(row),
          (row) => ids.hashAt(row),
        )
      : [];
  let excludedRows: Uint8Array | undefined;
  if (c && duplicates.length > 0) {
    excludedRows = new Uint8Array(parsed.length);
    for (const { row, first } of duplicates) {
      excludedRows[row] = 1;
      rejected.push({
        line: parsed.line[row]!,
        message: `${c.names.id} "${parsed.sourceRecordId.at(row)}" already appears on line ${parsed.line[first]}; each partner reference must be unique in a file`,
      });
    }
    rejected.sort((a, b) => a.line - b.line);
  }
  const notes: string[] = [];
  const ignored = state.columns?.ignored ?? [];
  if (ignored.length > 0) notes.push(`Ignored ${ignored.length === 1 ? 'a column' : `${ignored.length} columns`}: ${ignored.map((i) => `"${i}"`).join(', ')}.`);
  if (gridRows > 0) {
    notes.push(
      `${gridRows.toLocaleString('en-GB')} ${gridRows === 1 ? 'row was' : 'rows were'} converted from British National Grid (EPSG:27700) with the OSGB36 Helmert shift (typically 2-5 m off in London).`,
    );
  }
  return ok({ rowsRead: walked.value, rows: parsed, rejected, notes, ...(excludedRows ? { excludedRows } : {}) });
}
