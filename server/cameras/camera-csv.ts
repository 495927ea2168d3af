// Cameras CSV → camera rows: the project's own columns (geo/cameras.ts CAMERA_CSV_COLUMNS), the
// same under other common names, and TfL's JamCams traffic camera list (camera_id, available,
// location, easting, northing, latitude, longitude), recognised by its header. Headers match
// case-insensitively, without spaces, underscores, hyphens or brackets. Every row is checked; the
// caller decides what a row error means for the file (all or nothing, decision 028).
import { CAMERA_STATUSES, CAMERA_TYPES, MAX_CAMERA_RANGE_METERS, type Camera, type CameraStatus, type CameraType } from '../../geo/cameras';
import { parseIsoDate } from '../../geo/time';
import { fail, ok, type Result } from '../../geo/types';
import { firstLineOf, headerFieldsOf, listInWords, quoteList, walkCsv } from '../import/csv-table';
import { refused, type FileProblem } from '../import/read-input';
import { parseNumber } from '../import/row-checks';
import { readPointColumns } from '../import/point-columns';
import type { RejectedRow } from '../store/import-types';

export type LocationFrom = 'lng-lat' | 'easting-northing';

export interface CameraRow extends Camera {
  line: number;
  name: string | null;
  /** The file has no type column (TfL JamCams): the type is the layout's assumption. */
  typeAssumed: boolean;
  /** The file gave no status for this camera: taken as working. */
  statusAssumed: boolean;
  locationFrom: LocationFrom;
}

/** `cameras`: a file with a type column; `tfl-jamcams`: TfL's traffic camera list, which has none. */
export type CameraLayout = 'cameras' | 'tfl-jamcams';

/** The type every camera of a TfL JamCams file is taken to be (decision 028). */
export const TFL_JAMCAMS_TYPE: CameraType = 'ptz';

export interface ParsedCameras {
  layout: CameraLayout;
  rowsRead: number;
  rows: CameraRow[];
  rejected: RejectedRow[];
  notes: string[];
}

/** A field and the header names it is known by, normalised as `headerKey` makes them. */
const FIELDS = {
  id: ['id', 'cameraid', 'cameraref', 'cameranumber', 'camerano'],
  type: ['type', 'cameratype'],
  lng: ['lng', 'lon', 'long', 'longitude'],
  lat: ['lat', 'latitude'],
  easting: ['easting', 'eastings'],
  northing: ['northing', 'northings'],
  bearing: ['bearing', 'direction', 'heading', 'azimuth'],
  fieldOfView: ['fieldofview', 'fov', 'angleofview', 'viewangle'],
  rangeMeters: ['rangemeters', 'rangemetres', 'range', 'rangem'],
  status: ['status', 'camerastatus'],
  available: ['available'],
  installedOn: ['installedon', 'installed', 'installdate', 'installationdate', 'dateinstalled'],
  name: ['name', 'location', 'label', 'description', 'site', 'sitename', 'cameraname'],
} as const;
type Field = keyof typeof FIELDS;
type Columns = Record<Field, number> & { names: string[]; layout: CameraLayout };

/** What the header is matched on: lower case, without spaces, underscores, hyphens, dots or brackets. */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.()[\]]+/g, '');
}

const MAX_ID_CHARS = 100;
const MAX_NAME_CHARS = 200;
const AVAILABLE_WORDS: Readonly<Record<string, boolean>> = { true: true, yes: true, y: true, '1': true, false: false, no: false, n: false, '0': false };

function findColumns(header: readonly string[]): Result<Columns, FileProblem> {
  const keys = header.map(headerKey);
  const columns = { names: [...header], layout: 'cameras' } as Columns;
  const repeated: string[] = [];
  for (const field of Object.keys(FIELDS) as Field[]) {
    const names: readonly string[] = FIELDS[field];
    // The first accepted name found wins; two columns by that same name would make it a guess.
    const byPreference = names.map((name) => keys.flatMap((key, i) => (key === name ? [i] : []))).find((list) => list.length > 0) ?? [];
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
  // TfL's JamCams list: camera_id and available, and no type column.
  if (columns.type === -1 && keys.includes('cameraid') && columns.available !== -1) columns.layout = 'tfl-jamcams';
  const missing: string[] = [];
  if (columns.id === -1) missing.push('an id column (id or camera_id)');
  if (columns.type === -1 && columns.layout !== 'tfl-jamcams') missing.push(`a type column (type: ${CAMERA_TYPES.join(', ')})`);
  const hasLngLat = columns.lng !== -1 && columns.lat !== -1;
  const hasGrid = columns.easting !== -1 && columns.northing !== -1;
  if (!hasLngLat && !hasGrid) missing.push('a position: lng and lat (WGS84), or easting and northing (British National Grid)');
  if (missing.length > 0) {
    return fail(
      refused(
        `The header lacks ${listInWords(missing)}. A cameras file has the columns ${CAMERA_COLUMNS_IN_WORDS} (docs/importers.md); ` +
          `this file's first line has ${quoteList(header.slice(0, 12))}${header.length > 12 ? ', ...' : ''}. Nothing was imported.`,
      ),
    );
  }
  if (!hasLngLat) columns.lng = columns.lat = -1;
  if (!hasGrid) columns.easting = columns.northing = -1;
  // A status column says more than TfL's available flag: the flag is then not read.
  if (columns.status !== -1) columns.available = -1;
  return ok(columns);
}

const CAMERA_COLUMNS_IN_WORDS = 'id, type, lng, lat (or easting, northing), and optionally bearing, fieldOfView, rangeMeters, status, installedOn and name';

/** Refuses, from the first line, a file that cannot be a cameras file. */
export function checkCamerasHead(head: string, complete: boolean): Result<void, FileProblem> {
  const line = firstLineOf(head, complete);
  if (line === null) return fail(refused('The first line is not a CSV header (no line break in the first 64 KB). Nothing was imported.'));
  const header = headerFieldsOf(line);
  if (header === null) return fail(refused('The first line is not a CSV header. Nothing was imported.'));
  const columns = findColumns(header);
  return columns.ok ? ok(undefined) : columns;
}

type Located = { lng: number; lat: number; from: LocationFrom };

function readPosition(value: (i: number) => string, c: Columns): Result<Located, string> {
  const point = readPointColumns(value, c);
  if (!point.ok) return point;
  if (point.value) return ok(point.value);
  const name = (i: number) => c.names[i]!;
  const columns = [c.lng === -1 ? null : `${name(c.lng)} and ${name(c.lat)}`, c.easting === -1 ? null : `${name(c.easting)} and ${name(c.northing)}`];
  return fail(`the camera has no position; give ${columns.filter((x) => x !== null).join(', or ')}`);
}

/** An optional number in a range; null when the cell is empty. */
function optionalNumber(text: string, column: string, accept: (n: number) => boolean, expected: string, problems: string[]): number | null {
  if (text === '') return null;
  const n = parseNumber(text, column);
  if (!n.ok) {
    problems.push(`${n.reason}; expected ${expected}`);
    return null;
  }
  if (!accept(n.value)) {
    problems.push(`${column} ${n.value} is out of range; expected ${expected}`);
    return null;
  }
  return n.value;
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** 'YYYY-MM-DD', or the 'DD/MM/YYYY' UK spreadsheets write, as 'YYYY-MM-DD'. */
function readDate(text: string, column: string): Result<string, string> {
  const uk = UK_DATE.exec(text);
  const iso = uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : text;
  const day = parseIsoDate(iso);
  if (!day.ok) {
    return fail(
      /^\d{4}-\d{2}-\d{2}$/.test(iso)
        ? `${column} "${text}" is not a real calendar date; check the day and month`
        : `${column} "${text}" is not a date; expected YYYY-MM-DD (or DD/MM/YYYY), e.g. 2019-04-01`,
    );
  }
  return ok(iso);
}

function readRow(fields: readonly string[], line: number, c: Columns, problems: string[]): CameraRow | null {
  const value = (i: number) => (i === -1 ? '' : (fields[i] ?? '').trim());
  const name = (i: number) => c.names[i]!;

  const id = value(c.id);
  if (id === '') problems.push(`${name(c.id)} is empty; every camera needs its id`);
  else if (id.length > MAX_ID_CHARS) problems.push(`${name(c.id)} is ${id.length} characters long; expected at most ${MAX_ID_CHARS}`);

  let type: CameraType | null = TFL_JAMCAMS_TYPE;
  if (c.type !== -1) {
    const text = value(c.type);
    type = CAMERA_TYPES.find((t) => t === text.toLowerCase()) ?? null;
    if (!type) problems.push(`${name(c.type)} ${text === '' ? 'is empty' : `"${text}" is not a camera type`}; expected one of ${CAMERA_TYPES.join(', ')}`);
  }

  const position = readPosition(value, c);
  if (!position.ok) problems.push(position.reason);

  const bearing = optionalNumber(value(c.bearing), name(c.bearing), (n) => n >= 0 && n <= 360, 'degrees clockwise from north, 0 to 360', problems);
  const fieldOfView = optionalNumber(
    value(c.fieldOfView),
    name(c.fieldOfView),
    (n) => n > 0 && n <= 360,
    'the angle of view in degrees, more than 0 and at most 360',
    problems,
  );
  const rangeMeters = optionalNumber(
    value(c.rangeMeters),
    name(c.rangeMeters),
    (n) => n > 0 && n <= MAX_CAMERA_RANGE_METERS,
    `metres, more than 0 and at most ${MAX_CAMERA_RANGE_METERS}`,
    problems,
  );

  let status: CameraStatus | null = 'working';
  let statusAssumed = true;
  if (c.status !== -1 && value(c.status) !== '') {
    const text = value(c.status);
    status = CAMERA_STATUSES.find((s) => s === text.toLowerCase()) ?? null;
    statusAssumed = false;
    if (!status) problems.push(`${name(c.status)} "${text}" is not a camera status; expected one of ${CAMERA_STATUSES.join(', ')}, or empty for working`);
  } else if (c.available !== -1 && value(c.available) !== '') {
    const text = value(c.available);
    const available = AVAILABLE_WORDS[text.toLowerCase()];
    statusAssumed = false;
    if (available === undefined) {
      status = null;
      problems.push(`${name(c.available)} "${text}" is not true or false`);
    } else status = available ? 'working' : 'faulty';
  }

  let installedOn: string | null = null;
  if (value(c.installedOn) !== '') {
    const date = readDate(value(c.installedOn), name(c.installedOn));
    if (date.ok) installedOn = date.value;
    else problems.push(date.reason);
  }

  const place = value(c.name);
  if (place.length > MAX_NAME_CHARS) problems.push(`${name(c.name)} is ${place.length} characters long; expected at most ${MAX_NAME_CHARS}`);

  if (problems.length > 0 || !type || !status || !position.ok) return null;
  return {
    line,
    id,
    type,
    typeAssumed: c.type === -1,
    name: place === '' ? null : place,
    lng: position.value.lng,
    lat: position.value.lat,
    locationFrom: position.value.from,
    bearing,
    fieldOfView,
    rangeMeters,
    status,
    statusAssumed,
    installedOn,
  };
}

export function parseCamerasCsv(text: string): Result<ParsedCameras, FileProblem> {
  let columns: Columns | null = null;
  const rows: CameraRow[] = [];
  const rejected: RejectedRow[] = [];
  const lineOfId = new Map<string, number>();
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
      const problems: string[] = [];
      const id = (fields[c.id] ?? '').trim();
      const earlier = id === '' ? undefined : lineOfId.get(id);
      if (earlier !== undefined) problems.push(`${c.names[c.id]} "${id}" is also on line ${earlier}; a camera may appear once in a file`);
      else if (id !== '') lineOfId.set(id, line);
      const row = readRow(fields, line, c, problems);
      if (row) rows.push(row);
      else rejected.push({ line, message: problems.join('; ') });
    },
  });
  if (!walked.ok) return walked;
  const c = columns as Columns | null;
  if (!c) return fail(refused('The file has no header line. Nothing was imported.'));
  return ok({ layout: c.layout, rowsRead: walked.value, rows, rejected, notes: notesOf(c) });
}

function notesOf(c: Columns): string[] {
  const notes: string[] = [];
  if (c.layout === 'tfl-jamcams') {
    notes.push(
      `Read as TfL's JamCams traffic camera list: ${c.names[c.id]} is the id, ${c.name === -1 ? 'no name column' : `${c.names[c.name]} the name`}, ` +
        `${c.names[c.available]}=false is faulty. The file has no camera type: every camera is taken as ${TFL_JAMCAMS_TYPE} ` +
        "(TfL's traffic cameras are turned by its operators), with its default view (docs/decisions/028-cameras.md).",
    );
  }
  if (c.status === -1 && c.available === -1) notes.push('The file has no status column: every camera in it is taken as working.');
  const used = new Set(Object.keys(FIELDS).map((f) => c[f as Field]));
  const unused = c.names.filter((_, i) => !used.has(i));
  if (unused.length > 0) {
    notes.push(
      `Not used: ${unused.length} column${unused.length === 1 ? '' : 's'} (${quoteList(unused.slice(0, 8))}${unused.length > 8 ? ', ...' : ''})` +
        `${unused.some((u) => headerKey(u) === 'intowerhamlets') ? '; the stored study area decides which cameras are inside' : ''}.`,
    );
  }
  return notes;
}
