import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../geo/categories';
import { bngToLngLat, locatedDrafts } from './locate-rows';
import { parseColumnMapping, parsePartnerCsv, partnerHeadCheck, partnerSourceSchema } from './partner-csv';
import { seededRandom } from '../../geo/seeded-random';

const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');

function metresBetween([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const x = (lng2 - lng1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

describe('bngToLngLat (proj4, OSGB36 Helmert)', () => {
  it('puts every Tower Hamlets school within 10 m of the GLA longitude/latitude', () => {
    // The GLA London Schools Atlas gives both BNG and WGS84 for each school (data/SOURCES.md:
    // median 3.2 m, max 6.8 m apart with the Helmert shift, since the GLA used OSTN).
    const lines = readFileSync(resolve(SHARED_DATA, 'schools/tower_hamlets_schools_2016.csv'), 'utf8').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    // Quoted fields in this file hold no commas before the coordinates' columns end; take them from the right.
    const distances = lines.slice(1).map((line) => {
      const fields = line.split(',');
      const right = (name: string) => Number(fields[fields.length - (header.length - col(name))]);
      return metresBetween(bngToLngLat(right('EASTING'), right('NORTHING')), [right('longitude'), right('latitude')]);
    });
    expect(distances).toHaveLength(110);
    expect(Math.max(...distances)).toBeLessThan(10);
    const median = [...distances].sort((a, b) => a - b)[55]!;
    expect(median).toBeGreaterThan(1);
    expect(median).toBeLessThan(5);
  });
});

describe('parseColumnMapping', () => {
  it('reads field=Header pairs, quoted or not', () => {
    expect(parseColumnMapping('occurred_at="Date/Time",category=Offence,easting=X,northing=Y')).toEqual({
      ok: true,
      value: { occurred_at: 'Date/Time', category: 'Offence', easting: 'X', northing: 'Y' },
    });
    expect(parseColumnMapping('id=Ref, lng = "Lon, WGS84" ,lat=Lat')).toEqual({ ok: true, value: { id: 'Ref', lng: 'Lon, WGS84', lat: 'Lat' } });
    expect(parseColumnMapping('')).toEqual({ ok: true, value: {} });
  });

  it('says what is wrong with a bad mapping', () => {
    expect(parseColumnMapping('when=Date')).toEqual({
      ok: false,
      reason:
        '"when" is not a partner field; expected one of id, occurred_at, category, lng, lat, easting, northing, knife, firearm, corrosive, domestic, hate, victimUnder25, locationType',
    });
    expect(parseColumnMapping('category=A,category=B')).toEqual({ ok: false, reason: 'category is mapped twice' });
    expect(parseColumnMapping('category=')).toEqual({ ok: false, reason: 'category is mapped to an empty header name' });
  });
});

describe('partnerSourceSchema', () => {
  it('takes partner system names and refuses police.uk, demo and odd names', () => {
    expect(partnerSourceSchema.safeParse('council-asb').success).toBe(true);
    for (const bad of ['police.uk', 'demo', 'Council ASB', '-x', 'a']) expect(partnerSourceSchema.safeParse(bad).success).toBe(false);
  });
});

function parse(text: string, columns = {}) {
  const parsed = parsePartnerCsv(text, { columns });
  if (!parsed.ok) throw new Error(parsed.reason.message);
  return { ...parsed.value, drafts: locatedDrafts(parsed.value.rows) };
}

describe('parsePartnerCsv', () => {
  it('reads the default columns with WGS84 points and three date-time forms', () => {
    const file = parse(
      'id,occurred_at,category,lng,lat\n' +
        'CAD-1,2024-03-01T21:15,robbery,-0.0597,51.5194\n' +
        'CAD-2,2024-07-01T20:15:00Z,Knife crime (partner),-0.0177,51.5087\n' +
        ',01/03/2024 09:05,Violence and sexual offences,-0.0235,51.5273\n',
    );
    expect(file.rejected).toEqual([]);
    expect(file.drafts).toEqual([
      { line: 2, sourceRecordId: 'CAD-1', category: 'robbery', occurredAt: '2024-03-01T21:15', precision: 'minute', lng: -0.0597, lat: 51.5194 },
      { line: 3, sourceRecordId: 'CAD-2', category: 'knife-crime', occurredAt: '2024-07-01T21:15', precision: 'minute', lng: -0.0177, lat: 51.5087 },
      { line: 4, sourceRecordId: null, category: 'violent-crime', occurredAt: '2024-03-01T09:05', precision: 'minute', lng: -0.0235, lat: 51.5273 },
    ]);
  });

  it('maps other header names and converts easting/northing', () => {
    const file = parse('Ref,Date/Time,Offence,X,Y,Officer\nA1,2024-03-01 21:15,drugs,537643,179702,PC 123\n', {
      id: 'Ref',
      occurred_at: 'Date/Time',
      category: 'Offence',
      easting: 'X',
      northing: 'Y',
    });
    expect(file.drafts).toHaveLength(1);
    const draft = file.drafts[0]!;
    expect(metresBetween([draft.lng, draft.lat], [-0.0184308, 51.4995003])).toBeLessThan(10);
    expect(file.notes).toEqual([
      'Ignored a column: "Officer".',
      '1 row was converted from British National Grid (EPSG:27700) with the OSGB36 Helmert shift (typically 2-5 m off in London).',
    ]);
  });

  it('rejects bad rows naming the column as the file spells it', () => {
    const file = parse(
      'Ref,When,What,Easting,Northing\n' +
        'A1,31/02/2024 10:00,robbery,535000,181000\n' +
        'A2,2024-03-01T10:00,stabbing,535000,181000\n' +
        'A3,2024-03-01T10:00,robbery,5350000,181000\n' +
        'A4,2024-03-01T10:00,robbery,-0.05,51.5\n' +
        'A5,2024-03-01T10:00,robbery,,181000\n' +
        'A5,2024-03-01T10:00,robbery,535000,181000\n' +
        'A6,,robbery,535000,181000\n' +
        'A7,2024-03-01T10:00,robbery,535000,1300001\n',
      { id: 'Ref', occurred_at: 'When', category: 'What', easting: 'Easting', northing: 'Northing' },
    );
    expect(file.drafts.map((d) => d.line)).toEqual([7]);
    expect(Object.fromEntries(file.rejected.map((r) => [r.line, r.message]))).toEqual({
      2: 'When "31/02/2024 10:00" is not a real date-time',
      3: expect.stringMatching(/^What "stabbing" is not a known category; expected a slug or police.uk label, one of: anti-social-behaviour, /),
      4: 'Easting 5350000 is outside the British National Grid; expected 0..700000 metres (Tower Hamlets is near 535000)',
      5: 'Easting -0.05 and Northing 51.5 look like longitude/latitude, not metres; map them as lng and lat',
      6: 'Easting is empty; expected metres east on the British National Grid, e.g. 535000',
      8: 'When is empty; expected a date-time such as 2024-03-01T21:15',
      9: 'Northing 1300001 is outside the British National Grid; expected 0..1300000 metres (Tower Hamlets is near 181000)',
    });
  });

  it('rejects a London time the clocks skipped with its line, on the fast road and the normal one alike', () => {
    const text =
      'id,occurred_at,category,lng,lat\n' +
      'A1,2025-03-30T00:59,robbery,-0.05,51.52\n' +
      'A2,2025-03-30T01:30,robbery,-0.05,51.52\n' +
      'A3,30/03/2025 01:45,robbery,-0.05,51.52\n' +
      'A4,2025-03-30T02:00,robbery,-0.05,51.52\n' +
      'A5,2025-10-26T01:30,robbery,-0.05,51.52\n';
    for (const fastRows of [true, false]) {
      const parsed = parsePartnerCsv(text, { columns: {}, fastRows });
      if (!parsed.ok) throw new Error(parsed.reason.message);
      expect(locatedDrafts(parsed.value.rows).map((d) => [d.line, d.occurredAt])).toEqual([
        [2, '2025-03-30T00:59'],
        [5, '2025-03-30T02:00'],
        [6, '2025-10-26T01:30'],
      ]);
      expect(parsed.value.rejected).toEqual([
        {
          line: 3,
          message:
            'occurred_at "2025-03-30T01:30" does not exist in London: the clocks went forward from 01:00 to 02:00 on 2025-03-30. ' +
            'Correct it; if the system recorded UTC (GMT), add a Z: 2025-03-30T01:30Z is 02:30 London time',
        },
        { line: 4, message: expect.stringMatching(/^occurred_at "30\/03\/2025 01:45" does not exist in London: the clocks went forward/) },
      ]);
    }
  });

  it('refuses the second row with the same reference', () => {
    const file = parse('id,occurred_at,category,lng,lat\nX,2024-03-01T10:00,robbery,-0.05,51.52\nX,2024-03-02T10:00,robbery,-0.05,51.52\n');
    expect(file.rejected).toEqual([{ line: 3, message: 'id "X" already appears on line 2; each partner reference must be unique in a file' }]);
  });

  it('uses lng/lat where given and easting/northing where not, when a file has both', () => {
    const file = parse('occurred_at,category,lng,lat,easting,northing\n2024-03-01T10:00,robbery,-0.05,51.52,,\n2024-03-01T10:00,robbery,,,535000,181000\n');
    expect(file.rejected).toEqual([]);
    expect(file.drafts[0]).toMatchObject({ lng: -0.05, lat: 51.52 });
    expect(metresBetween([file.drafts[1]!.lng, file.drafts[1]!.lat], bngToLngLat(535000, 181000))).toBe(0);
  });

  it('refuses a header without a location or a mapped column that is not there', () => {
    const noPoint = parsePartnerCsv('occurred_at,category,lng\n2024-03-01T10:00,robbery,-0.05\n');
    expect(!noPoint.ok && noPoint.reason.message).toMatch(
      /^The header lacks either lng and lat \(WGS84\) or easting and northing \(British National Grid\) columns\. The header has "occurred_at", "category", "lng"\./,
    );
    const mapped = partnerHeadCheck({ occurred_at: 'Date/Time' })('When,category,lng,lat\n', false);
    expect(!mapped.ok && mapped.reason.message).toMatch(/^The column mapping names "Date\/Time" \(for occurred_at\), which the header does not have/);
  });

  it('refuses a header with two columns for one field, naming both and where they are', () => {
    const same = partnerHeadCheck({})('id,occurred_at,category,lng,lat, CATEGORY \n', false);
    expect(!same.ok && same.reason.message).toBe(
      'The header has more than one column for category: "category" (column 3) and "CATEGORY" (column 6). ' +
        'Which one to read would be a guess: remove or rename the extra column. Nothing was imported.',
    );
    // Aliases of one field (lat and Latitude) count too; a mapping can say which to read.
    const aliases = 'id,occurred_at,category,lat,lng,Latitude\n1,2024-03-01T10:00,robbery,51.52,-0.05,51.53\n';
    const refusedFile = parsePartnerCsv(aliases);
    expect(!refusedFile.ok && refusedFile.reason.message).toBe(
      'The header has more than one column for lat: "lat" (column 4) and "Latitude" (column 6). Which one to read would be a guess: ' +
        'remove or rename the extra column, or name the one to read with --columns (API: columns=), e.g. lat="Latitude". Nothing was imported.',
    );
    const mappedFile = parse(aliases, { lat: 'Latitude' });
    expect(mappedFile.drafts[0]).toMatchObject({ lat: 51.53 });
    // A mapped name that appears twice is no better.
    const mappedTwice = partnerHeadCheck({ occurred_at: 'When' })('When,category,lng,lat,when\n', false);
    expect(!mappedTwice.ok && mappedTwice.reason.message).toMatch(
      /^The header has more than one column for occurred_at: "When" \(column 1\) and "when" \(column 5\)\./,
    );
  });
});

/** Picks by weight: [[weight, make], ...]. */
function pick<T>(random: () => number, options: readonly (readonly [number, () => T])[]): T {
  const total = options.reduce((sum, [w]) => sum + w, 0);
  let r = random() * total;
  for (const [w, make] of options) {
    r -= w;
    if (r < 0) return make();
  }
  return options[options.length - 1]![1]();
}

/** Partner values good and bad, in the spellings real exports have and the mistakes they make. */
function partnerValues(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const seenIds: string[] = [];
  const plainDate = () => {
    const [y, m, d, h, min, s] = [1960 + int(71), 1 + int(12), 1 + int(28), int(24), int(60), int(60)];
    return { y, m, d, h, min, s, iso: `${y}-${pad(m)}-${pad(d)}` };
  };
  const categories = [...CATEGORIES.slice(0, 6), ...CATEGORIES.slice(14)];
  return {
    id: (): string => {
      const fresh = `CAD-${seenIds.length}-${int(1e6)}`;
      const id = pick<string>(random, [
        [60, () => fresh],
        [8, () => seenIds[int(seenIds.length)] ?? fresh], // a duplicate
        [10, () => ''],
        [3, () => '   '],
        [4, () => ` ${seenIds[int(seenIds.length)] ?? fresh} `], // a duplicate once trimmed
        [3, () => ` ${fresh}`],
        [3, () => `\u00a0${fresh}`], // Unicode spaces, which the normal road trims
        [2, () => `${fresh}\u2003`],
        [2, () => `\t${fresh}`],
        [4, () => `A B ${fresh}`],
        [1, () => `${fresh}-Ünïcödé`],
      ]);
      seenIds.push(id.trim());
      return id;
    },
    occurredAt: (): string =>
      pick<string>(random, [
        [
          40,
          () => {
            const t = plainDate();
            return `${t.iso}T${pad(t.h)}:${pad(t.min)}`;
          },
        ],
        [
          15,
          () => {
            const t = plainDate();
            return `${t.iso} ${pad(t.h)}:${pad(t.min)}:${pad(t.s)}`;
          },
        ],
        [
          5,
          () => {
            const t = plainDate();
            return `${t.iso}T${pad(t.h)}:${pad(t.min)}:${pad(t.s)}`;
          },
        ],
        [
          6,
          () => {
            const t = plainDate();
            return `${pad(t.d)}/${pad(t.m)}/${t.y} ${pad(t.h)}:${pad(t.min)}`;
          },
        ],
        [
          4,
          () => {
            const t = plainDate();
            return `${t.iso}T${pad(t.h)}:${pad(t.min)}:00Z`;
          },
        ],
        [
          3,
          () => {
            const t = plainDate();
            return `${t.iso}T${pad(t.h)}:${pad(t.min)}+01:00`;
          },
        ],
        [
          2,
          () => {
            const t = plainDate();
            return ` ${t.iso}T${pad(t.h)}:${pad(t.min)}`;
          },
        ],
        [
          1,
          () => {
            const t = plainDate();
            return `${t.iso}T${pad(t.h)}:${pad(t.min)}.5`;
          },
        ],
        [1, () => '2024-03-01T10:00:60'],
        [1, () => '2023-02-29T10:00'],
        [1, () => '2024-02-29 23:59'],
        [1, () => '2024-13-01 10:00'],
        [1, () => '2024-03-01T25:00'],
        [1, () => '2024-03-01T10:60'],
        [1, () => '31/02/2024 10:00'],
        [1, () => '20x4-03-01T10:00'],
        [1, () => '0024-03-01T10:00'],
        [1, () => '1969-12-31T23:59'],
        [1, () => ''],
        [1, () => 'yesterday'],
      ]),
    category: (): string =>
      pick<string>(random, [
        [50, () => categories[int(categories.length)]!.slug],
        [20, () => categories[int(categories.length)]!.label],
        [4, () => categories[int(categories.length)]!.label.toUpperCase()],
        [2, () => ' robbery '],
        [2, () => 'Violence and sexual offences'],
        [4, () => 'stabbing'],
        [2, () => ''],
      ]),
    /** [lng, lat] texts. */
    wgs84: (): [string, string] =>
      pick<[string, string]>(random, [
        [60, () => [(-0.08 + random() * 0.08).toFixed(1 + int(7)), (51.48 + random() * 0.06).toFixed(1 + int(7))]],
        [5, () => [String(-11 + random() * 14), String(49 + random() * 12)]], // full doubles, up to 17 digits
        [3, () => ['-5.97e-2', '5.1519e1']],
        [3, () => ['-0.05971234567890123', '51.519412345678901']],
        [3, () => ['10.5', '51.5']],
        [3, () => ['51.5194', '-0.0597']], // swapped
        [2, () => ['535000', '181000']], // metres in degree columns
        [3, () => ['', '51.5']],
        [2, () => ['-0.05', '']],
        [2, () => ['', '']],
        [2, () => ['abc', '51.5']],
        [2, () => [' -0.05', '51.5 ']],
        [1, () => ['+0.05', '51.5']],
        [1, () => ['-0', '51.5']],
        [1, () => ['-.05', '51.']],
        [1, () => ['Infinity', '51.5']],
        [1, () => ['0x10', '51.5']],
        [1, () => ['-0.05', '1e400']],
        [1, () => ['-11', '61']], // the UK box's corner, inside
        [1, () => ['3.0000001', '49']],
      ]),
    /** [easting, northing] texts. */
    bng: (): [string, string] =>
      pick<[string, string]>(random, [
        [50, () => [String(532_000 + int(7_000)), String(179_000 + int(5_000))]],
        [10, () => [(random() * 700_000).toFixed(int(4)), (random() * 1_300_000).toFixed(int(4))]],
        [3, () => ['5.35e5', '1.81e5']],
        [3, () => ['-0.05', '51.5']], // longitude/latitude in metre columns
        [1, () => ['180', '90']],
        [1, () => ['181', '90']],
        [1, () => ['0', '0']],
        [2, () => ['800000', '181000']],
        [2, () => ['535000', '1300001']],
        [1, () => ['700000', '1300000']],
        [2, () => ['-5', '181000']],
        [3, () => ['', '181000']],
        [2, () => ['535000', '']],
        [2, () => [' 535000', '181000']],
        [1, () => ['535000.123456789012345', '181000']],
        [1, () => ['NaN', '181000']],
      ]),
  };
}

interface FileShape {
  header: string[];
  columns?: Record<string, string>;
  lineEnd: string;
  /** Fields of one row, in header order. */
  row(values: ReturnType<typeof partnerValues>, random: () => number): string[];
}

const FILE_SHAPES: Record<string, FileShape> = {
  wgs84: {
    header: ['id', 'occurred_at', 'category', 'lng', 'lat'],
    lineEnd: '\n',
    row: (v) => [v.id(), v.occurredAt(), v.category(), ...v.wgs84()],
  },
  bng: {
    header: ['id', 'occurred_at', 'category', 'easting', 'northing'],
    lineEnd: '\r\n',
    row: (v) => [v.id(), v.occurredAt(), v.category(), ...v.bng()],
  },
  both: {
    header: ['id', 'occurred_at', 'category', 'lng', 'lat', 'easting', 'northing'],
    lineEnd: '\n',
    row: (v, random) => {
      const r = random();
      const blank = random() < 0.5 ? '' : ' ';
      const point: string[] =
        r < 0.4 ? [...v.wgs84(), blank, blank] : r < 0.8 ? [blank, blank, ...v.bng()] : r < 0.9 ? [...v.wgs84(), ...v.bng()] : [blank, '', '', blank];
      return [v.id(), v.occurredAt(), v.category(), ...point];
    },
  },
  mappedGrid: {
    header: ['Ref', 'Date/Time', 'Offence', 'X', 'Y', 'Officer'],
    columns: { id: 'Ref', occurred_at: 'Date/Time', category: 'Offence', easting: 'X', northing: 'Y' },
    lineEnd: '\r\n',
    row: (v, random) => [v.id(), v.occurredAt(), v.category(), ...v.bng(), random() < 0.5 ? 'PC 123' : ''],
  },
  mappedWgs84: {
    header: ['Lon', 'Lat', 'When', 'What', 'CaseNo'],
    columns: { lng: 'Lon', lat: 'Lat', occurred_at: 'When', category: 'What', id: 'CaseNo' },
    lineEnd: '\n',
    row: (v) => {
      const [lng, lat] = v.wgs84();
      return [lng, lat, v.occurredAt(), v.category(), v.id()];
    },
  },
  noIdColumn: {
    header: ['Occurred_At', 'CATEGORY', 'Longitude', 'Latitude', 'notes'],
    lineEnd: '\n',
    row: (v) => [v.occurredAt(), v.category(), ...v.wgs84(), 'n'],
  },
};

/** A seeded file of one shape, with wrong field counts, blank lines and a BOM now and then. */
function generatedFile(shape: FileShape, rows: number, seed: number): string {
  const random = seededRandom(seed);
  const values = partnerValues(random);
  const lines = [(seed % 2 === 0 ? '\uFEFF' : '') + shape.header.join(',')];
  for (let i = 0; i < rows; i++) {
    const fields = shape.row(values, random);
    const r = random();
    if (r < 0.03) fields.pop();
    else if (r < 0.06) fields.push('extra');
    lines.push(fields.join(','));
    if (random() < 0.01) lines.push(random() < 0.5 ? '' : '   ');
  }
  return lines.join(shape.lineEnd) + (seed % 3 === 0 ? '' : shape.lineEnd);
}

/** Exact spelling of a double, -0 included, so two runs compare bit for bit. */
const exact = (v: number | undefined) => (Object.is(v, -0) ? '-0' : String(v));

/** Everything parsePartnerCsv says about a file, in comparable form. */
function outcome(text: string, columns: Record<string, string> | undefined, fastRows: boolean) {
  const parsed = parsePartnerCsv(text, { columns, fastRows });
  if (!parsed.ok) return { refused: parsed.reason.message };
  const { rows, rowsRead, rejected, notes, excludedRows } = parsed.value;
  return {
    rowsRead,
    rejected,
    notes,
    excluded: excludedRows ? [...excludedRows.keys()].filter((i) => excludedRows[i] === 1) : [],
    columns: Array.from({ length: rows.length }, (_, i) =>
      [
        rows.line[i],
        rows.grid[i],
        exact(rows.x[i]),
        exact(rows.y[i]),
        rows.startDay[i],
        rows.minuteOfDay[i],
        rows.category[i],
        rows.precision[i],
        rows.sourceRecordId.at(i),
      ].join('|'),
    ),
    drafts: locatedDrafts(rows),
  };
}

describe('parsePartnerCsv fast road', () => {
  it('accepts, rejects and notes exactly what the normal road does, on ~5,000 seeded rows of every kind', () => {
    let accepted = 0;
    let rejections = 0;
    const kinds = new Set<string>();
    let seed = 100;
    for (const [name, shape] of Object.entries(FILE_SHAPES)) {
      for (const rows of [900, 40]) {
        const text = generatedFile(shape, rows, seed++);
        expect(text.includes('"'), name).toBe(false); // quote-free, so the fast road may run
        const fast = outcome(text, shape.columns, true);
        const normal = outcome(text, shape.columns, false);
        expect(fast, `${name}, seed ${seed - 1}`).toEqual(normal);
        if ('refused' in normal) throw new Error(`${name} was refused: ${normal.refused}`);
        accepted += normal.drafts.length;
        rejections += normal.rejected.length;
        for (const r of normal.rejected) kinds.add(r.message.replace(/"[^"]*"|-?[\d.e+]+/g, '…'));
      }
    }
    // The generator made what it was written to make: plenty of both, and many kinds of mistake.
    expect(accepted).toBeGreaterThan(2_500);
    expect(rejections).toBeGreaterThan(1_000);
    expect(kinds.size).toBeGreaterThan(20);
  });

  it('treats ids with Unicode spaces at their edges as the normal road does (trimmed, then unique)', () => {
    // The fast road once kept "\u00a0A" as an id of its own, so "A" on the next line was not a
    // duplicate there; it takes rows only once their category has been seen, hence line 2.
    const text =
      'id,occurred_at,category,lng,lat\nB,2024-03-01T10:00,robbery,-0.05,51.5\n\u00a0A,2024-03-01T10:00,robbery,-0.05,51.5\nA,2024-03-01T10:00,robbery,-0.05,51.5\n';
    const fast = outcome(text, undefined, true);
    expect(fast).toEqual(outcome(text, undefined, false));
    expect(!('refused' in fast) && fast.rejected).toEqual([
      { line: 4, message: 'id "A" already appears on line 3; each partner reference must be unique in a file' },
    ]);
  });

  it('refuses a letter in the year on both roads', () => {
    // plainPartnerTimeAt once read "20x4" as a NaN year, which the fast road stored as 1970-01-01.
    const text = 'id,occurred_at,category,lng,lat\nB,2024-03-01T10:00,robbery,-0.05,51.5\nC,20x4-03-01T10:00,robbery,-0.05,51.5\n';
    const fast = outcome(text, undefined, true);
    expect(fast).toEqual(outcome(text, undefined, false));
    expect(!('refused' in fast) && fast.rejected.map((r) => r.line)).toEqual([3]);
  });

  it('gives the same rows with the fast road off on a clean 50,000-row file', () => {
    const random = seededRandom(9);
    const pad = (n: number) => String(n).padStart(2, '0');
    const lines = ['id,occurred_at,category,easting,northing'];
    const labels = ['robbery', 'Knife crime (partner)', 'drugs', 'anti-social-behaviour'];
    for (let i = 0; i < 50_000; i++) {
      const when = `2024-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}T${pad(i % 24)}:${pad(i % 60)}${i % 2 ? ':30' : ''}`;
      lines.push(`CAD-${i},${when},${labels[i % 4]},${532_000 + Math.floor(random() * 7_000)},${179_000 + Math.floor(random() * 5_000)}`);
    }
    const text = lines.join('\n');
    const fast = outcome(text, undefined, true);
    const normal = outcome(text, undefined, false);
    expect('refused' in fast ? fast.refused : fast.drafts.length).toBe(50_000);
    expect(!('refused' in fast) && fast.rejected).toEqual([]);
    expect(fast).toEqual(normal);
  });
});
