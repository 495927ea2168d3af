// What the API fuzz (tests/integration/fuzz.test.ts) sends: fast-check arbitraries for query
// strings, path parameters, JSON bodies and uploads, each a mix of valid-looking values (so the
// request gets past validation into the code behind it), values at the edges, and garbage.
import fc, { type JsonValue } from 'fast-check';
import { gzipSync } from 'node:zlib';
import { CATEGORIES, CATEGORY_GROUPS } from '../geo/categories';
import { cellAt } from '../geo/h3';
import { PATH_PARAM_SAMPLES, type InputField } from './api-routes';
import { filePart, multipartBody, textPart, type FormPart } from './multipart';

const HOT_CELL = cellAt(-0.0597, 51.5194, 9);
const NEAR_CELLS = [HOT_CELL, cellAt(-0.06, 51.52, 9), cellAt(-0.05, 51.515, 9), cellAt(-0.07, 51.51, 9)];

/**
 * Valid-looking values for query parameters, by name. Enum values are read off each route's
 * schema; a parameter that has neither fails the fuzz, so a new one gets samples here.
 */
export const QUERY_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  categories: ['robbery', 'robbery,burglary', 'violent-crime,drugs,anti-social-behaviour', 'knife-crime'],
  group: CATEGORY_GROUPS.map((g) => g.id),
  // Every sample from is before every sample to, so a baseline window is a valid one.
  from: ['2026-08-01', '2026-10-23', '2026-11-13', '2026-06-01'],
  to: ['2026-11-20', '2026-11-21', '2026-12-01'],
  asOf: ['2026-11-01', '2026-10-01', '2026-11-20'],
  activeOn: ['2026-11-20', '2026-12-25'],
  resolution: ['7', '8', '9', '10'],
  hours: ['15-18', '22-2', '0-24', '9', '7-9,15-18'],
  weekdays: ['mon-fri', 'sat-sun', 'mon', 'fri-mon'],
  k: ['1', '2', '3'],
  baselineWindows: ['4', '1', '12'],
  windows: ['12', '6', '24'],
  windowDays: ['7', '28', '14'],
  trainingWindows: ['3', '12'],
  coverages: ['0.05', '0.01,0.05,0.1', '1'],
  limit: ['1', '50', '500'],
  cells: [HOT_CELL, NEAR_CELLS.join(','), NEAR_CELLS.slice(0, 2).join(',')],
  // Taskings' statuses, and cameras' (GET /api/cameras?status=).
  status: ['active', 'proposed,active', 'closed', 'review-due', 'working', 'faulty,removed'],
  threshold: ['0.25', '0.1', '0.5'],
  team: ['theo', 'ward-team'],
  // Patrol plans' London date (GET /api/patrol-plans?date=).
  date: ['2026-11-20', '2026-12-25'],
  bufferRings: ['1', '2', '3'],
  controlArea: ['ward:W1', 'ward:W2', 'ward:nowhere'],
  kind: ['ward', 'water', 'road', 'study-area', 'neighbourhood'],
  // The public view (issue 15): a theme is a z.enum (its options are found); months, wards and trend lengths.
  month: ['2026-10', '2026-04', '2025-12'],
  ward: ['E05009317', 'demo-bow'],
  months: ['12', '6', '24'],
  // GET /api/populations?year= (decision 035).
  year: ['2022', '2016', '2030', '2011'],
  nameProperty: ['name', 'NAME'],
  codeProperty: ['code', 'id'],
  fileName: ['jan.csv', 'wards.geojson', 'street.csv.gz'],
  source: ['council-asb', 'met-cad'],
  columns: ['occurred_at=Date/Time,easting=X,northing=Y', 'id=Ref,occurred_at="Date, time",category=Offence', 'lng=x,lat=y'],
  phase: ['primary', 'primary,secondary', 'nursery,16-plus', 'other'],
  phases: ['secondary', 'primary,all-through', 'other'],
  bufferMeters: ['400', '100', '1000'],
  schoolDays: ['only', 'exclude', 'any'],
  weights: ['drug-offences:1,drug-asb:0.5', 'drug-searches-found:2', 'drug-asb:0'],
};

/** Values at the edges of what parameters parse: numbers, dates, lists, encodings. */
const EDGE_VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '-0',
  '1.5',
  '1e3',
  '1e308',
  '-1e308',
  'NaN',
  'Infinity',
  '0x10',
  '9007199254740993',
  '99999999999999999999999',
  'true',
  'false',
  'null',
  'undefined',
  '[]',
  '{}',
  ',',
  ',,,',
  '2026-02-29',
  '2028-02-29',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '275760-09-13',
  '2026-11-20T25:00',
  '1970-01-01',
  '24-0',
  '0-0',
  '25',
  '-5-3',
  'sun-sat',
  'mon-',
  '-',
  '::',
  'ward:',
  ':W1',
  'a:b:c',
  '%',
  '%zz',
  '%E2%82',
  '\u0000',
  '\uFEFFrobbery',
  'robbery\n',
  '<script>',
  "' OR 1=1 --",
  '../../etc/passwd',
];

/** Each code point of `text` as UTF-8 bytes, percent-encoded (lone surrogates become U+FFFD). */
const percentEncoded = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

/** How a value is written into a URL: properly encoded, every byte percent-encoded, or raw (only what would split the query escaped). */
const urlEncoding = fc.constantFrom<(text: string) => string>(
  (text) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD')),
  percentEncoded,
  (text) => text.replace(/[&#=\s]/g, (c) => percentEncoded(c)),
);

const garbageText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 24 }),
);

/** A valid-looking value with one edit: a character added, removed or replaced, a list padded, a case changed. */
const edited = (values: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...values), fc.nat(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.nat({ max: 7 }))
    .map(([value, at, extra, how]) => {
      const i = value.length === 0 ? 0 : at % value.length;
      switch (how) {
        case 0:
          return value.slice(0, i) + extra + value.slice(i);
        case 1:
          return value.slice(0, i) + value.slice(i + 1);
        case 2:
          return value.slice(0, i) + extra + value.slice(i + 1);
        case 3:
          return `${value},${value}`;
        case 4:
          return value.toUpperCase();
        case 5:
          return ` ${value} `;
        case 6:
          return `${value},`;
        default:
          return value.replace(/\d/g, '9');
      }
    });

/** Far too long: a value repeated into a list, or one long run. */
const tooLong = (values: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...values), fc.integer({ min: 200, max: 3000 }), fc.boolean())
    .map(([value, times, asList]) =>
      asList ? Array.from({ length: times }, () => value).join(',') : (value || 'x').repeat(Math.ceil(times / Math.max(1, value.length)) * 4),
    );

/** A value for one parameter, mostly valid-looking so requests reach the code behind validation. */
export function parameterValue(validLooking: readonly string[]): fc.Arbitrary<string> {
  const valid = validLooking.length > 0 ? validLooking : ['x'];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    { weight: 3, arbitrary: edited(valid) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_VALUES) },
    { weight: 2, arbitrary: garbageText },
    { weight: 1, arbitrary: tooLong(valid) },
  );
}

/** The values a field is sampled from: its enum options and its samples. */
export const samplesOf = (field: InputField): string[] => [...field.options, ...(QUERY_SAMPLES[field.name] ?? [])];

/** A valid-looking query string: each required field with a sample value, optional ones now and then. */
export function validQuery(fields: readonly InputField[]): fc.Arbitrary<string> {
  return fc
    .tuple(...fields.map((field) => (field.optional ? fc.option(fc.constantFrom(...samplesOf(field)), { freq: 2 }) : fc.constantFrom(...samplesOf(field)))))
    .map((values) =>
      values
        .map((value, i) => (value === null ? null : `${encodeURIComponent(fields[i]!.name)}=${encodeURIComponent(value)}`))
        .filter((pair) => pair !== null)
        .join('&'),
    );
}

/**
 * A query string for these fields: a valid-looking baseline (each field present or not) with
 * some fields given fuzzed values, sometimes repeated, sometimes with names the route does not know.
 */
export function queryString(fields: readonly InputField[]): fc.Arbitrary<string> {
  if (fields.length === 0) {
    return fc
      .tuple(fc.array(fc.tuple(garbageText, garbageText), { maxLength: 3 }), urlEncoding)
      .map(([pairs, encode]) => pairs.map(([n, v]) => `${encode(n)}=${encode(v)}`).join('&'));
  }
  // Required fields nearly always, optional ones now and then: most baselines are valid requests.
  const baseline = fc.tuple(
    ...fields.map((field) =>
      fc.oneof(
        { weight: field.optional ? 2 : 1, arbitrary: fc.constant(null) },
        { weight: field.optional ? 1 : 19, arbitrary: fc.constantFrom(...samplesOf(field)) },
      ),
    ),
  );
  const fuzzed = fc.array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...fields).chain((field) => fc.tuple(fc.constant(field.name), parameterValue(samplesOf(field)))) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('unknown', 'from_', 'Resolution', 'limit[]', 'cells[0]', ''), parameterValue(['1'])) },
      { weight: 1, arbitrary: fc.tuple(garbageText, garbageText) },
    ),
    { minLength: 0, maxLength: 3 },
  );
  return fc.tuple(baseline, fuzzed, urlEncoding, fc.boolean(), fc.constantFrom('&', '&&')).map(([base, extra, encode, repeatFirst, separator]) => {
    const pairs: [string, string][] = [];
    base.forEach((value, i) => {
      if (value !== null) pairs.push([fields[i]!.name, value]);
    });
    for (const [name, value] of extra) {
      const at = pairs.findIndex(([n]) => n === name);
      // Usually replace the baseline's value (one thing wrong at a time); sometimes send the name twice.
      if (at >= 0 && !repeatFirst) pairs[at] = [name, value];
      else pairs.push([name, value]);
    }
    return pairs.map(([name, value]) => `${encode(name)}=${encode(value)}`).join(separator);
  });
}

/** A value for a path parameter: its sample, others like it, the edges of its type, and garbage (encoded). */
export function pathValue(name: string): fc.Arbitrary<string> {
  const sample = PATH_PARAM_SAMPLES[name] ?? '1';
  const numeric = ['0', '1', '2', '3', '00001', '4294967296', '9007199254740993', '99999999999999999999999'];
  const cells = [
    sample,
    cellAt(-0.0597, 51.5194, 7),
    cellAt(-0.0597, 51.5194, 10),
    cellAt(-0.0597, 51.5194, 15),
    cellAt(-0.0597, 51.5194, 0),
    cellAt(151.2, -33.9, 9),
    '8928308280fffff',
    'ffffffffffffffff',
    '0',
    '85283473ffffff',
  ];
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...(name === 'cell' ? cells : name === 'id' ? numeric : [sample])) },
    { weight: 2, arbitrary: fc.tuple(edited([sample]), urlEncoding).map(([value, encode]) => encode(value)) },
    { weight: 1, arbitrary: fc.tuple(garbageText, urlEncoding).map(([value, encode]) => encode(value) || '%20') },
  );
}

// ---- JSON bodies ----------------------------------------------------------------------------

export type Json = JsonValue;

const EDGE_JSON: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  '',
  ' ',
  '0',
  'null',
  '2026-02-30',
  '2026-11-20T25:61',
  '9999-12-31',
  'x'.repeat(5000),
  '\u0000',
  '💥',
  [],
  {},
  [null],
  [''],
  { id: 'x', label: 'y' },
  [[0, 0]],
];

/** Paths to every value inside a JSON value, the root included ([] is the root). */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, item]) => (item === undefined ? [] : pathsOf(item, [...at, key])))];
  return here;
}

function updated(value: Json, path: readonly (string | number)[], change: (old: Json) => Json | undefined): Json {
  if (path.length === 0) return change(value) ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...value];
    const next = updated(copy[head] ?? null, rest, change);
    if (rest.length === 0 && change(copy[head] ?? null) === undefined) copy.splice(head, 1);
    else copy[head] = next;
    return copy;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof head === 'string') {
    const copy = { ...value };
    if (rest.length === 0) {
      const next = change(copy[head] ?? null);
      if (next === undefined) delete copy[head];
      else copy[head] = next;
    } else {
      copy[head] = updated(copy[head] ?? null, rest, change);
    }
    return copy;
  }
  return value;
}

/** One edit anywhere in a JSON value: removed, replaced by an edge or random value, duplicated, padded, or a key added. */
const jsonEdit = (base: Json, domainValues: fc.Arbitrary<Json>) =>
  fc.tuple(
    fc.constantFrom(...pathsOf(base)),
    fc.oneof(
      { weight: 3, arbitrary: domainValues },
      { weight: 3, arbitrary: fc.constantFrom(...EDGE_JSON) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      { weight: 1, arbitrary: garbageText },
    ),
    fc.nat({ max: 5 }),
    fc.integer({ min: 2, max: 2500 }),
  );

function applyEdit(base: Json, [path, replacement, how, times]: [(string | number)[], Json, number, number]): Json {
  switch (how) {
    case 0:
      return updated(base, path, () => undefined);
    case 1:
      return updated(base, path, (old) => (Array.isArray(old) ? Array.from({ length: times }, () => old[0] ?? replacement) : old));
    case 2:
      return updated(base, path, (old) => (old !== null && typeof old === 'object' && !Array.isArray(old) ? { ...old, extraField: replacement } : replacement));
    case 3:
      // Right type, wrong value: numbers shifted far, strings emptied or doubled.
      return updated(base, path, (old) =>
        typeof old === 'number' ? old * -1000 - 1 : typeof old === 'string' ? (old.length > 0 ? `${old}${old}` : ' ') : replacement,
      );
    default:
      return updated(base, path, () => replacement);
  }
}

/**
 * A request body as text, from the valid body at the time it is sent (a PATCH needs the
 * tasking's current version): mostly that body with one to three edits, made on `template`'s
 * shape, the new values drawn also from `domainValues` (cells, areas, dates); else random JSON,
 * cut-short JSON, deep nesting or text.
 */
export function jsonBody(template: Json, domainValues: fc.Arbitrary<Json> = fc.constant(null)): fc.Arbitrary<(valid: Json) => string> {
  const text = JSON.stringify(template);
  const fixed = (body: string) => () => body;
  return fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .array(jsonEdit(template, domainValues), { minLength: 1, maxLength: 3 })
        .map((edits) => (valid: Json) => JSON.stringify(edits.reduce(applyEdit, valid))),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((body) => fixed(JSON.stringify(body))) },
    { weight: 1, arbitrary: fc.nat({ max: text.length }).map((cut) => (valid: Json) => JSON.stringify(valid).slice(0, cut)) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 100_000 }).map((depth) => fixed(`${'['.repeat(depth)}${']'.repeat(depth)}`)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', 'null', '""', '[]', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', '\uFEFF{}', '{} {}').map(fixed),
    },
    { weight: 1, arbitrary: garbageText.map(fixed) },
  );
}

// ---- Tasking bodies ---------------------------------------------------------------------------

const lngLat = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }));
const nearLngLat = fc.tuple(fc.double({ min: -0.09, max: -0.02, noNaN: true }), fc.double({ min: 51.5, max: 51.535, noNaN: true }));

/** Drawn areas: near the fixture's study area or anywhere, closed or not, tiny, self-crossing or world-sized. */
export const drawnPolygon: fc.Arbitrary<Json> = fc.oneof(
  fc
    .array(fc.oneof(nearLngLat, lngLat), { minLength: 3, maxLength: 12 })
    .chain((ring) => fc.boolean().map((close) => ({ type: 'Polygon', coordinates: [close ? [...ring, ring[0]!] : ring] }))),
  fc.constantFrom<Json>(
    // A bow tie (the ring crosses itself).
    {
      type: 'Polygon',
      coordinates: [
        [
          [-0.07, 51.51],
          [-0.05, 51.52],
          [-0.05, 51.51],
          [-0.07, 51.52],
          [-0.07, 51.51],
        ],
      ],
    },
    // The whole world.
    {
      type: 'Polygon',
      coordinates: [
        [
          [-180, -90],
          [180, -90],
          [180, 90],
          [-180, 90],
          [-180, -90],
        ],
      ],
    },
    // Across the antimeridian.
    {
      type: 'Polygon',
      coordinates: [
        [
          [179, 0],
          [-179, 0],
          [-179, 1],
          [179, 1],
          [179, 0],
        ],
      ],
    },
    // A point's worth of area.
    {
      type: 'Polygon',
      coordinates: [
        [
          [-0.06, 51.52],
          [-0.06, 51.52],
          [-0.06, 51.52],
          [-0.06, 51.52],
        ],
      ],
    },
    { type: 'Polygon', coordinates: [] },
    { type: 'MultiPolygon', coordinates: [] },
  ),
);

/** H3 cell lists: the study area's, elsewhere, other resolutions, not cells at all. */
export const cellList: fc.Arbitrary<Json> = fc.array(
  fc.oneof(
    fc.tuple(nearLngLat, fc.constantFrom(7, 8, 9, 10)).map(([[lng, lat], res]) => cellAt(lng, lat, res)),
    fc.tuple(lngLat, fc.integer({ min: 0, max: 15 })).map(([[lng, lat], res]) => cellAt(lng, lat, res)),
    fc.constantFrom('ffffffffffffffff', '0', '', HOT_CELL.toUpperCase()),
  ),
  { maxLength: 30 },
);

/** Values a tasking's fields take, for the edits: cells, drawn areas, dates, time bands, dosage. */
export const taskingValues: fc.Arbitrary<Json> = fc.oneof(
  cellList,
  drawnPolygon,
  fc.constantFrom<Json>('2026-11-20', '2026-12-18', '2026-11-19', '2025-01-01', '2099-12-31', '2026-11-19T15:05', '2026-11-19T15:20', '2026-11-20T09:00Z'),
  fc.record({ weekdays: parameterValue(QUERY_SAMPLES['weekdays'] ?? []), hours: parameterValue(QUERY_SAMPLES['hours'] ?? []) }),
  fc.record({ visitsPerDay: fc.integer({ min: -2, max: 60 }), minutesPerVisit: fc.integer({ min: -2, max: 600 }) }),
  fc.constantFrom<Json>('theo', 'chair', 'analyst', 'robbery', 'high-visibility-patrol', 'continue', 'amend', 'close', 'escalate', 7, 9, 10, 11),
);

// ---- Uploads ------------------------------------------------------------------------------

const POLICE_UK_HEADER = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
];
const PARTNER_HEADER = ['id', 'occurred_at', 'category', 'lng', 'lat', 'easting', 'northing'];
const STOP_SEARCH_HEADER = [
  'Type',
  'Date',
  'Part of a policing operation',
  'Policing operation',
  'Latitude',
  'Longitude',
  'Gender',
  'Age range',
  'Self-defined ethnicity',
  'Officer-defined ethnicity',
  'Legislation',
  'Object of search',
  'Outcome',
  'Outcome linked to object of search',
  'Removal of more than just outer clothing',
];
// A DfE GIAS extract's columns (with their " (name)" suffix), and a school calendar's.
const SCHOOLS_HEADER = [
  'URN',
  'EstablishmentName',
  'TypeOfEstablishment (name)',
  'EstablishmentStatus (name)',
  'PhaseOfEducation (name)',
  'Easting',
  'Northing',
];
const CALENDAR_HEADER = ['date_from', 'date_to', 'kind'];
// The cameras CSV column contract (geo/cameras.ts) with a name.
const CAMERAS_HEADER = ['id', 'type', 'lng', 'lat', 'bearing', 'fieldOfView', 'rangeMeters', 'status', 'installedOn', 'name'];
// A ward-level population file (decision 035).
const POPULATION_HEADER = ['code', 'year', 'population'];

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A value for a CSV column: what the column expects, or (unless `clean`) now and then something near it or garbage. */
function csvValue(column: string, clean: boolean): fc.Arbitrary<string> {
  const valid: Record<string, fc.Arbitrary<string>> = {
    Month: fc.tuple(fc.integer({ min: 2010, max: 2026 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    Longitude: nearLngLat.map(([lng]) => lng.toFixed(6)),
    Latitude: nearLngLat.map(([, lat]) => lat.toFixed(6)),
    lng: nearLngLat.map(([lng]) => String(lng)),
    lat: nearLngLat.map(([, lat]) => String(lat)),
    easting: fc.integer({ min: 530_000, max: 540_000 }).map(String),
    northing: fc.integer({ min: 178_000, max: 183_000 }).map(String),
    'Crime type': fc.constantFrom(...CATEGORIES.filter((c) => c.origin === 'police.uk').map((c) => c.label)),
    category: fc.constantFrom(...CATEGORIES.map((c) => c.slug), 'Robbery', 'Violence and sexual offences'),
    occurred_at: fc
      .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom('iso', 'uk', 'zulu'))
      .map(([d, h, form]) =>
        form === 'uk'
          ? `${String(d).padStart(2, '0')}/10/2026 ${String(h).padStart(2, '0')}:15`
          : `2026-10-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:15${form === 'zulu' ? 'Z' : ''}`,
      ),
    'Crime ID': fc.stringMatching(/^[0-9a-f]{12}$/),
    URN: fc.integer({ min: 100_000, max: 999_999 }).map(String),
    EstablishmentName: fc.constantFrom('Bow School', 'St Paul’s Way Trust School', 'École Bow', 'Mulberry, Stepney Green'),
    'TypeOfEstablishment (name)': fc.constantFrom('Community school', 'Other independent school', 'Foundation special school', 'Pupil referral unit', ''),
    'EstablishmentStatus (name)': fc.constantFrom('Open', 'Closed', 'Open, but proposed to close', 'Proposed to open'),
    'PhaseOfEducation (name)': fc.constantFrom('Primary', 'Secondary', 'Not applicable', '16 plus', 'Nursery', 'All-through'),
    Easting: fc.integer({ min: 530_000, max: 540_000 }).map(String),
    Northing: fc.integer({ min: 178_000, max: 183_000 }).map(String),
    // Autumn to summer of school year 2026-27, so a clean row is a valid term (or holiday, or inset days).
    date_from: fc.integer({ min: 1, max: 28 }).map((d) => `2026-${d % 2 === 0 ? '09' : '11'}-${String(d).padStart(2, '0')}`),
    date_to: fc.integer({ min: 1, max: 28 }).map((d) => `2027-0${1 + (d % 7)}-${String(d).padStart(2, '0')}`),
    kind: fc.constantFrom('term', 'term', 'holiday', 'inset'),
    Type: fc.constantFrom('Person search', 'Vehicle search', 'Person and Vehicle search'),
    Date: fc
      .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom('+00:00', 'Z', '+01:00'))
      .map(([d, h, offset]) => `2018-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:15:00${offset}`),
    'Object of search': fc.constantFrom('Controlled drugs', 'Offensive weapons', 'Stolen goods', ''),
    Outcome: fc.constantFrom('A no further action disposal', 'Arrest', 'Khat or Cannabis warning', 'Local resolution', 'Something new'),
    'Outcome linked to object of search': fc.constantFrom('', 'True', 'False'),
    'Age range': fc.constantFrom('10-17', '18-24', 'over 34', ''),
    id: fc.stringMatching(/^[A-Z]{2}[0-9]{4}$/),
    type: fc.constantFrom('fixed', 'ptz', 'redeployable', 'anpr', 'PTZ'),
    bearing: fc.oneof(fc.integer({ min: 0, max: 360 }).map(String), fc.constant('')),
    fieldOfView: fc.oneof(fc.integer({ min: 1, max: 360 }).map(String), fc.constant('')),
    rangeMeters: fc.oneof(fc.integer({ min: 1, max: 1000 }).map(String), fc.constant('')),
    status: fc.constantFrom('working', 'faulty', 'removed', ''),
    code: fc.constantFrom('E05009317', 'E05009336', 'demo-bow', 'E01004200'),
    year: fc.integer({ min: 2011, max: 2022 }).map(String),
    population: fc.integer({ min: 0, max: 25_000 }).map(String),
    installedOn: fc.oneof(
      fc.integer({ min: 1, max: 28 }).map((d) => `2019-04-${String(d).padStart(2, '0')}`),
      fc.integer({ min: 1, max: 12 }).map((m) => `01/${String(m).padStart(2, '0')}/2015`),
      fc.constant(''),
    ),
  };
  const fitting = valid[column] ?? fc.constantFrom('', 'Tower Hamlets', 'E01004200');
  if (clean) return fitting;
  return fc.oneof(
    { weight: 12, arbitrary: fitting },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_VALUES, '', '181.2', '-91', '51.52', '-0.05', '1e999', '2019-13', '31/02/2026 10:00') },
    { weight: 1, arbitrary: garbageText },
  );
}

/**
 * A CSV with this header: half the files every column and only fitting values (they import),
 * the rest a shuffled or cut header, values that do not fit, ragged rows; CRLF or LF, sometimes a BOM.
 */
function csvText(header: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.shuffledSubarray([...header], { minLength: 1 }), fc.boolean(), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.nat({ max: 40 }))
    .chain(([columns, clean, eol, bom, rows]) => {
      const used = clean ? [...header] : columns;
      const row = fc.tuple(fc.tuple(...used.map((column) => csvValue(column, clean))), fc.nat({ max: 20 })).map(([values, ragged]) => {
        const cells = values.map(csvField);
        // In a file that is not clean, one row in twenty has a field too few, one a field too many.
        return (clean || ragged > 1 ? cells : ragged === 0 ? cells.slice(1) : [...cells, 'extra']).join(',');
      });
      return fc
        .array(row, { minLength: rows, maxLength: rows })
        .map((lines) => `${bom ? '\uFEFF' : ''}${[used.map(csvField).join(','), ...lines].join(eol)}${eol}`);
    });
}

const geometryJson: fc.Arbitrary<Json> = fc.oneof(
  drawnPolygon,
  fc.array(drawnPolygon, { maxLength: 3 }).map((polygons) => ({
    type: 'MultiPolygon',
    coordinates: polygons.map((p) => (p !== null && typeof p === 'object' && !Array.isArray(p) ? (p['coordinates'] ?? null) : null)),
  })),
  fc.constantFrom<Json>(
    null,
    { type: 'Point', coordinates: [-0.05, 51.52] },
    { type: 'Polygon' },
    {
      type: 'Polygon',
      coordinates: [
        [
          [530000, 180000],
          [531000, 180000],
          [531000, 181000],
          [530000, 180000],
        ],
      ],
    },
    { type: 'GeometryCollection', geometries: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Closed rings of 3-8 corners near the fixture's study area (they may cross themselves). */
const nearRing = fc.array(nearLngLat, { minLength: 3, maxLength: 8 }).map((ring) => [...ring, ring[0]!]);

/** A collection that imports: one to five polygons near the study area, each with a name and a code of its own. */
const cleanGeoJson: fc.Arbitrary<string> = fc.array(nearRing, { minLength: 1, maxLength: 5 }).map((rings) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: rings.map((ring, i) => ({
      type: 'Feature',
      properties: { name: `Area ${i + 1}`, code: `A${i + 1}` },
      geometry: { type: 'Polygon', coordinates: [ring] },
    })),
  }),
);

/** GeoJSON-ish text: collections that import, and feature collections, features or bare geometries with fitting and unfitting properties, sometimes cut short. */
const geoJsonText: fc.Arbitrary<string> = fc.oneof(
  cleanGeoJson,
  fc
    .tuple(
      fc.array(
        fc.record({
          geometry: geometryJson,
          properties: fc.oneof(
            fc.record({
              name: fc.oneof(fc.constantFrom('Bow East', 'Whitechapel'), garbageText),
              code: fc.oneof(fc.constantFrom('E05009317', 'E05009318', 'W1'), garbageText),
            }),
            fc.constant(null),
            fc.jsonValue({ maxDepth: 2 }),
          ),
        }),
        { maxLength: 5 },
      ),
      fc.constantFrom('collection', 'feature', 'geometry', 'cut'),
    )
    .map(([features, shape]) => {
      const asFeatures = features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry }));
      if (shape === 'feature') return JSON.stringify(asFeatures[0] ?? { type: 'Feature' });
      if (shape === 'geometry') return JSON.stringify(features[0]?.geometry ?? null);
      const text = JSON.stringify({ type: 'FeatureCollection', features: asFeatures });
      return shape === 'cut' ? text.slice(0, Math.floor(text.length / 2)) : text;
    }),
);

/** The bytes of a file for an importer of this kind: fitting text, gzipped or not, corrupted, or random bytes. */
export type UploadKind = 'police-uk' | 'partner' | 'stop-search' | 'areas' | 'schools' | 'school-calendar' | 'cameras' | 'population';

export function uploadFile(kind: UploadKind): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const header = {
    'police-uk': POLICE_UK_HEADER,
    partner: PARTNER_HEADER,
    'stop-search': STOP_SEARCH_HEADER,
    schools: SCHOOLS_HEADER,
    'school-calendar': CALENDAR_HEADER,
    cameras: CAMERAS_HEADER,
    population: POPULATION_HEADER,
  };
  const text = kind === 'areas' ? geoJsonText : csvText(header[kind]);
  const other = kind === 'areas' ? csvText(POLICE_UK_HEADER) : geoJsonText;
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  return fc.oneof(
    { weight: 6, arbitrary: text.map(bytes) },
    { weight: 2, arbitrary: text.map((s) => new Uint8Array(gzipSync(s))) },
    // gzip cut short or with a byte changed: a corrupt archive.
    {
      weight: 2,
      arbitrary: fc.tuple(text, fc.nat(), fc.boolean()).map(([s, at, cut]) => {
        const zipped = new Uint8Array(gzipSync(s));
        const i = 10 + (at % Math.max(1, zipped.length - 10));
        if (cut) return zipped.slice(0, i);
        zipped[i] = zipped[i]! ^ 0xff;
        return zipped;
      }),
    },
    // The gzip magic bytes and then anything.
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((rest) => new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, ...rest])) },
    { weight: 1, arbitrary: other.map(bytes) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4000 }) },
    { weight: 1, arbitrary: fc.constantFrom(new Uint8Array(0), bytes('\n'), bytes('\uFEFF'), new Uint8Array(Buffer.from('Crime ID,Month\n', 'utf16le'))) },
  );
}

export interface UploadRequest {
  contentType: string | null;
  body: Uint8Array<ArrayBuffer>;
  /** A few words for the failure message and the tally. */
  shape: string;
}

const RAW_TYPES = ['text/csv', 'text/plain', 'application/gzip', 'application/x-gzip', 'application/geo+json', 'application/json', 'application/octet-stream'];

const rawUpload = (file: fc.Arbitrary<Uint8Array<ArrayBuffer>>): fc.Arbitrary<UploadRequest> =>
  fc
    .tuple(
      file,
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...RAW_TYPES) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'text/csv; charset=utf-16',
            'TEXT/CSV',
            'text/html',
            'multipart/form-data',
            'multipart/mixed; boundary=x',
            '',
            ';',
            'application/json; boundary=zz',
          ),
        },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
    )
    .map(([body, contentType]) => ({ contentType, body, shape: `raw ${contentType ?? '(no type)'}` }));

const boundaryText = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/),
  fc.constantFrom('----WebKitFormBoundary7MA4YWxkTrZu0gW', 'x'.repeat(200), 'a b', '"quoted"', ''),
);

const fileName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('street.csv', 'wards.geojson') },
  fc.constantFrom('street.csv', 'street.csv.gz', 'wards.geojson', '../../etc/passwd', 'C:\\temp\\a.csv', '', 'ü.csv'),
  garbageText,
);

/** A multipart form around the file: the right or a wrong boundary, other parts, odd headers, cut short, or a byte changed. */
const multipartUpload = (file: fc.Arbitrary<Uint8Array<ArrayBuffer>>): fc.Arbitrary<UploadRequest> =>
  fc
    .tuple(
      file,
      boundaryText,
      fc.constantFrom('same', 'same', 'same', 'same', 'same', 'quoted', 'quoted', 'other', 'missing', 'empty'),
      fc.constantFrom('file', 'file', 'file', 'file', 'file', 'upload', 'FILE', ''),
      fileName,
      fc.array(fc.tuple(fc.constantFrom('note', 'file', 'kind', ''), garbageText), { maxLength: 2 }),
      fc.constantFrom('plain', 'plain', 'plain', 'plain', 'plain', 'text-part', 'no-disposition', 'long-header', 'garbage-header', 'base64'),
      fc.constantFrom('whole', 'whole', 'whole', 'whole', 'whole', 'unclosed', 'cut', 'flipped'),
      fc.nat(),
    )
    .map(([body, boundary, declared, fieldName, name, extras, partShape, ending, at]) => {
      const safe = boundary.length > 0 ? boundary : 'b';
      let filePartOf: FormPart = filePart(fieldName, name.replace(/["\r\n]/g, ''), body, 'application/octet-stream');
      if (partShape === 'text-part') filePartOf = textPart(fieldName, Buffer.from(body).toString('latin1'));
      if (partShape === 'no-disposition') filePartOf = { headers: ['Content-Type: text/csv'], body };
      if (partShape === 'long-header') filePartOf = { ...filePartOf, headers: [...filePartOf.headers, `X-Padding: ${'p'.repeat(20_000)}`] };
      if (partShape === 'garbage-header') filePartOf = { ...filePartOf, headers: [...filePartOf.headers, 'this is not a header', ': empty name'] };
      if (partShape === 'base64') filePartOf = { ...filePartOf, headers: [...filePartOf.headers, 'Content-Transfer-Encoding: base64'] };
      const parts = [...extras.map(([n, v]) => textPart(n, v.replace(/[\uD800-\uDFFF]/g, ''))), filePartOf];
      let bytes: Uint8Array<ArrayBuffer> = multipartBody(safe, parts, { close: ending !== 'unclosed' });
      if (ending === 'cut') bytes = bytes.slice(0, at % Math.max(1, bytes.length));
      if (ending === 'flipped' && bytes.length > 0) {
        bytes = bytes.slice();
        const i = at % bytes.length;
        bytes[i] = bytes[i]! ^ 0x5a;
      }
      const header =
        declared === 'same'
          ? `multipart/form-data; boundary=${safe}`
          : declared === 'other'
            ? `multipart/form-data; boundary=${safe}x`
            : declared === 'quoted'
              ? `multipart/form-data; boundary="${safe}"`
              : declared === 'empty'
                ? 'multipart/form-data; boundary='
                : 'multipart/form-data';
      return { contentType: header, body: bytes, shape: `multipart ${declared} boundary, ${partShape} part, ${ending}` };
    });

export const uploadRequest = (kind: UploadKind): fc.Arbitrary<UploadRequest> => {
  const file = uploadFile(kind);
  return fc.oneof(rawUpload(file), multipartUpload(file));
};
