import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bngToLngLat, parseColumnMapping, parsePartnerCsv, partnerHeadCheck, partnerSourceSchema } from './partner-csv';

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
    const lines = readFileSync(resolve(SHARED_DATA, 'schools/tower_hamlets_schools_2016.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
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
    expect(parseColumnMapping('when=Date')).toEqual({ ok: false, reason: '"when" is not a partner field; expected one of id, occurred_at, category, lng, lat, easting, northing' });
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
  return parsed.value;
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
});
