// data.police.uk street-level crime CSV → ParsedFile. Month precision only: police.uk
// publishes the month, never the day or time. Only Month, Longitude, Latitude and Crime
// type are required because real extracts drop the rest (DOMAIN.md, data/SOURCES.md).
import { CATEGORIES, resolveCategory } from '../../geo/categories';
import { parseIsoMonth } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import type { ParsedFile, RejectedRow } from '../store/import-types';
import { categoryCode, estimatedRows, GRID_CODES, IncidentRowsBuilder, PRECISION_CODES } from '../store/incident-columns';
import { columnIndex, firstLineOf, headerFieldsOf, listInWords, repeatedColumns, walkCsv, type WalkOptions } from './csv-table';
import { refused, type FileProblem } from './read-input';
import { checkLngLat, parseNumber } from './row-checks';

export const POLICE_UK_SOURCE = 'police.uk';

const REQUIRED = ['Month', 'Longitude', 'Latitude', 'Crime type'] as const;
/** The columns read from each row: each may appear once. */
const READ = [...REQUIRED, 'Crime ID'] as const;
/** The rest of police.uk's own header: recognised, so never reported as ignored. */
const STANDARD = ['Crime ID', 'Reported by', 'Falls within', 'Location', 'LSOA code', 'LSOA name', 'Last outcome category', 'Context'] as const;

const POLICE_UK_TYPES = CATEGORIES.filter((c) => c.origin === 'police.uk').map((c) => c.label);

interface PoliceUkColumns {
  month: number;
  lng: number;
  lat: number;
  crimeType: number;
  crimeId: number;
  ignored: string[];
}

function resolveHeader(fields: readonly string[]): Result<PoliceUkColumns, FileProblem> {
  const missing = REQUIRED.filter((name) => columnIndex(fields, [name]) === -1);
  if (missing.length > 0) {
    const found = fields.filter((f) => f !== '');
    return fail(
      refused(
        `The header lacks ${listInWords(missing.map((m) => `"${m}"`))}. A data.police.uk street-level CSV needs ` +
          `${listInWords(REQUIRED.map((m) => `"${m}"`))} on its first line; this file's first line has ` +
          `${
            found.length === 0
              ? 'no column names'
              : found
                  .slice(0, 30)
                  .map((f) => `"${f.slice(0, 60)}"`)
                  .join(', ')
          }. ` +
          // The stop-and-search file is the one people try here first: name its importer.
          (columnIndex(fields, ['Object of search']) !== -1
            ? 'It looks like a stop-and-search file: import it with npm run import -- stop-search (API: POST /api/imports/stop-search). '
            : '') +
          'Nothing was imported.',
      ),
    );
  }
  const repeated = READ.flatMap((name) => {
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
  const known = [...REQUIRED, ...STANDARD].map((n) => n.toLowerCase());
  return ok({
    month: columnIndex(fields, ['Month']),
    lng: columnIndex(fields, ['Longitude']),
    lat: columnIndex(fields, ['Latitude']),
    crimeType: columnIndex(fields, ['Crime type']),
    crimeId: columnIndex(fields, ['Crime ID']),
    ignored: fields.filter((f) => f !== '' && !known.includes(f.toLowerCase())),
  });
}

/** Fail-fast check on the first 64 KB: is the first line a police.uk header? */
export function checkPoliceUkHead(head: string, complete: boolean): Result<void, FileProblem> {
  const line = firstLineOf(head, complete);
  if (line === null) {
    return fail(refused('No header line in the first 64 KB: this is not a data.police.uk CSV. Nothing was imported.'));
  }
  const fields = headerFieldsOf(line);
  if (!fields) return fail(refused('The first line is not a CSV header. Nothing was imported.'));
  const header = resolveHeader(fields);
  return header.ok ? ok(undefined) : header;
}

/**
 * Parses police.uk street-level CSV text. Rows with neither Longitude nor Latitude are
 * police.uk's "no location" crimes: skipped with a note, not rejected.
 */
export function parsePoliceUkCsv(text: string, options: WalkOptions = {}): Result<ParsedFile, FileProblem> {
  // A holder, not a `let`: TypeScript does not follow assignments made inside callbacks.
  const state: { columns: PoliceUkColumns | null } = { columns: null };
  const rows = new IncidentRowsBuilder(estimatedRows(text));
  const rejected: RejectedRow[] = [];
  let noLocation = 0;
  // Months and crime types repeat on every row: check each distinct value once.
  const monthOf = new Map<string, Result<number>>();
  const categoryOf = new Map<string, number | null>();

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
        const monthText = fields[c.month]!.trim();
        let month = monthOf.get(monthText);
        if (month === undefined) {
          month = checkMonth(monthText);
          monthOf.set(monthText, month);
        }
        if (!month.ok) {
          rejected.push({ line, message: month.reason });
          return;
        }
        const lngText = fields[c.lng]!;
        const latText = fields[c.lat]!;
        if (lngText.trim() === '' && latText.trim() === '') {
          noLocation += 1;
          return;
        }
        const lng = parseNumber(lngText, 'Longitude');
        if (!lng.ok) {
          rejected.push({ line, message: `${lng.reason}; expected a decimal longitude such as -0.05` });
          return;
        }
        const lat = parseNumber(latText, 'Latitude');
        if (!lat.ok) {
          rejected.push({ line, message: `${lat.reason}; expected a decimal latitude such as 51.52` });
          return;
        }
        const point = checkLngLat(lng.value, lat.value, 'Longitude', 'Latitude');
        if (!point.ok) {
          rejected.push({ line, message: point.reason });
          return;
        }
        const typeText = fields[c.crimeType]!;
        let category = categoryOf.get(typeText);
        if (category === undefined) {
          const found = resolveCategory(typeText);
          category = found && found.origin === 'police.uk' ? categoryCode(found.slug) : null;
          categoryOf.set(typeText, category);
        }
        if (category === null) {
          rejected.push({
            line,
            message:
              typeText.trim() === ''
                ? `Crime type is empty; expected one of: ${POLICE_UK_TYPES.join(', ')}`
                : `Crime type "${typeText}" is not a police.uk crime type; expected one of: ${POLICE_UK_TYPES.join(', ')}`,
          });
          return;
        }
        const crimeId = c.crimeId === -1 ? '' : fields[c.crimeId]!.trim();
        rows.push(line, crimeId === '' ? null : crimeId, category, PRECISION_CODES.month, month.value, -1, GRID_CODES.wgs84, lng.value, lat.value);
      },
    },
    options,
  );
  if (!walked.ok) return walked;
  const notes: string[] = [];
  const ignored = state.columns?.ignored ?? [];
  if (ignored.length > 0) {
    notes.push(
      `Ignored ${ignored.length === 1 ? 'a column' : `${ignored.length} columns`} that police.uk street CSVs do not have: ` +
        `${ignored.map((i) => `"${i}"`).join(', ')}.`,
    );
  }
  if (noLocation > 0) {
    notes.push(
      `${noLocation.toLocaleString('en-GB')} ${noLocation === 1 ? 'row has' : 'rows have'} no location; police.uk publishes some crimes without a map point. ` +
        'They were skipped, not rejected.',
    );
  }
  return ok({ rowsRead: walked.value, rows: rows.finish(), rejected, notes });
}

/** The first day of a police.uk Month, or what is wrong with it. */
function checkMonth(text: string): Result<number> {
  if (text === '') return fail('Month is empty; expected YYYY-MM, e.g. 2019-06');
  const month = parseIsoMonth(text);
  return month.ok ? ok(month.value.startDay) : fail(`Month "${text}" is not a month; expected YYYY-MM with month 01..12`);
}
