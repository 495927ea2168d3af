// Hand-made police.uk stop-and-search rows for the tests, each saying what it is for. The study
// area they go with is STOP_SEARCH_AREA, a box around Whitechapel and Stepney.

export const STOP_SEARCH_HEADER =
  'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,' +
  'Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing';

export const STOP_SEARCH_AREA: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [-0.08, 51.5],
      [-0.02, 51.5],
      [-0.02, 51.53],
      [-0.08, 51.53],
      [-0.08, 51.5],
    ],
  ],
};
export const WHITECHAPEL: [number, number] = [-0.06, 51.515];
export const STEPNEY: [number, number] = [-0.05, 51.52];

interface SearchRow {
  type?: string;
  date: string;
  at: [number, number] | null;
  gender?: string;
  age: string;
  selfDefined: string;
  officer: string;
  object: string;
  outcome: string;
  linked?: string;
}

const LEGISLATION: Record<string, string> = {
  'Controlled drugs': 'Misuse of Drugs Act 1971 (section 23)',
  'Offensive weapons': 'Police and Criminal Evidence Act 1984 (section 1)',
};

export function searchLine(row: SearchRow): string {
  const [lng, lat] = row.at ?? [null, null];
  return [
    row.type ?? 'Person search',
    row.date,
    'False',
    '',
    lat ?? '',
    lng ?? '',
    row.gender ?? 'Male',
    row.age,
    row.selfDefined,
    row.officer,
    LEGISLATION[row.object] ?? '',
    row.object,
    row.outcome,
    row.linked ?? '',
    '',
  ].join(',');
}

export const searchFile = (lines: readonly string[]) => [STOP_SEARCH_HEADER, ...lines].join('\n') + '\n';

const asian1824 = { age: '18-24', selfDefined: 'Asian/Asian British - Bangladeshi', officer: 'Asian' };

/**
 * Seven rows: five searches inside the area (three in June, two in July London time), one
 * outside it and one without a location.
 */
export const HAND_MADE_ROWS = [
  // Lines 2 and 3: two people searched together, the same row twice: two searches.
  searchLine({ date: '2018-06-10T12:00:00+00:00', at: WHITECHAPEL, ...asian1824, object: 'Controlled drugs', outcome: 'Arrest' }),
  searchLine({ date: '2018-06-10T12:00:00+00:00', at: WHITECHAPEL, ...asian1824, object: 'Controlled drugs', outcome: 'Arrest' }),
  // Line 4.
  searchLine({
    date: '2018-06-20T09:00:00+00:00',
    at: STEPNEY,
    age: '25-34',
    selfDefined: 'White - English/Welsh/Scottish/Northern Irish/British',
    officer: 'White',
    object: 'Controlled drugs',
    outcome: 'A no further action disposal',
  }),
  // Line 5: 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time): a July search.
  searchLine({
    type: 'Vehicle search',
    date: '2018-06-30T23:30:00+00:00',
    at: STEPNEY,
    age: '10-17',
    selfDefined: 'Black/African/Caribbean/Black British - African',
    officer: 'Black',
    object: 'Offensive weapons',
    outcome: 'Nothing found - no further action',
  }),
  // Line 6.
  searchLine({
    date: '2018-07-05T15:00:00+00:00',
    at: WHITECHAPEL,
    age: '10-17',
    selfDefined: 'Asian/Asian British - Bangladeshi',
    officer: 'Asian',
    object: 'Controlled drugs',
    outcome: 'Khat or Cannabis warning',
  }),
  // Line 7: Canning Town, outside the area.
  searchLine({ date: '2018-07-06T15:00:00+00:00', at: [0.01, 51.51], ...asian1824, object: 'Controlled drugs', outcome: 'Arrest' }),
  // Line 8: no location.
  searchLine({ date: '2018-07-07T15:00:00+00:00', at: null, ...asian1824, object: 'Controlled drugs', outcome: 'A no further action disposal' }),
];
