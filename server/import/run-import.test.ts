import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getStudyArea, listAreas } from '../areas/area-queries';
import { openDatabase } from '../db/open-database';
import { listImportBatches } from '../store/import-batches';
import { parseImportRequest, runImport, type ImportRequest } from './run-import';

const NOW = new Date('2026-11-20T09:00:00Z');
const POLICE_UK: ImportRequest = { kind: 'police-uk', allowRejected: false };
const CSV = [
  'Crime ID,Month,Longitude,Latitude,Crime type',
  'A1,2019-01,-0.0597,51.5194,Burglary',
  ',2019-01,-0.0597,51.5194,Anti-social behaviour',
  ',2019-01,-0.0597,51.5194,Anti-social behaviour',
  ',2019-02,-0.2000,51.5000,Robbery',
].join('\n');
// A square around Whitechapel that leaves out the last row's point.
const AREA = JSON.stringify({
  type: 'Feature',
  properties: { name: 'Whitechapel box', code: 'WB' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [-0.07, 51.51],
        [-0.05, 51.51],
        [-0.05, 51.53],
        [-0.07, 51.53],
        [-0.07, 51.51],
      ],
    ],
  },
});

function setup() {
  const db = openDatabase(':memory:');
  const context = { db, importedBy: 'user:analyst', now: NOW };
  const countIncidents = () => Number(db.prepare('SELECT count(*) FROM incidents').pluck().get());
  return { db, context, countIncidents };
}

describe('runImport', () => {
  it('refuses a partner file with a repeated reference, or imports its first copy only when asked', async () => {
    const { db, context, countIncidents } = setup();
    const csv = [
      'id,occurred_at,category,lng,lat',
      'R1,2024-03-01T10:00,robbery,-0.0597,51.5194',
      'R2,2024-03-01T11:00,robbery,-0.0597,51.5194',
      'R1,2024-03-02T10:00,drugs,-0.06,51.52',
      'R3,2024-03-02T12:00,drugs,-0.06,51.52',
      'R2,2024-03-03T10:00,drugs,-0.06,51.52',
    ].join('\n');
    const request: ImportRequest = { kind: 'partner', source: 'cad', columns: {}, allowRejected: false };
    const refusedOutcome = await runImport(context, request, { input: { bytes: Buffer.from(csv) }, fileName: 'cad.csv' });
    expect(!refusedOutcome.ok && refusedOutcome.problem.message).toMatch(/^2 of 5 rows were rejected \(first: line 4: id "R1" already appears on line 2;/);
    expect(countIncidents()).toBe(0);
    const allowed = await runImport(context, { ...request, allowRejected: true }, { input: { bytes: Buffer.from(csv) }, fileName: 'cad.csv' });
    expect(allowed.ok && allowed.type === 'incidents' && allowed.summary).toMatchObject({ rowsRead: 5, imported: 3, rejected: 2, outsideArea: 0 });
    expect(db.prepare('SELECT source_record_id, occurred_at FROM incidents ORDER BY id').all()).toEqual([
      { source_record_id: 'R1', occurred_at: '2024-03-01T10:00' },
      { source_record_id: 'R2', occurred_at: '2024-03-01T11:00' },
      { source_record_id: 'R3', occurred_at: '2024-03-02T12:00' },
    ]);
  });

  it('imports a police.uk file, then adds nothing when the same file comes again', async () => {
    const { db, context, countIncidents } = setup();
    const gz = gzipSync(CSV);
    const first = await runImport(context, POLICE_UK, { input: { bytes: gz }, fileName: 'jan.csv.gz' });
    expect(first.ok && first.type === 'incidents' && first.summary).toMatchObject({
      kind: 'police-uk',
      source: 'police.uk',
      fileName: 'jan.csv.gz',
      rowsRead: 4,
      imported: 4,
      duplicates: 0,
      outsideArea: 0,
      months: { '2019-01': 3, '2019-02': 1 },
    });
    const again = await runImport(context, POLICE_UK, { input: { bytes: Buffer.from(CSV) }, fileName: 'jan.csv' });
    expect(again.ok && again.summary).toMatchObject({ imported: 0, duplicates: 4 });
    expect(countIncidents()).toBe(4);
    const [latest, earliest] = listImportBatches(db, 10);
    expect(earliest).toMatchObject({
      kind: 'police-uk',
      fileName: 'jan.csv.gz',
      fileSha256: createHash('sha256').update(gz).digest('hex'),
      importedBy: 'user:analyst',
      importedAt: NOW.toISOString(),
      rowsImported: 4,
    });
    expect(latest).toMatchObject({ fileName: 'jan.csv', rowsImported: 0, rowsDuplicate: 4 });
  });

  it('counts points outside a stored study area and reports their lines', async () => {
    const { context, countIncidents } = setup();
    const area = await runImport(context, { kind: 'areas', areaKind: 'study-area' }, { input: { bytes: Buffer.from(AREA) }, fileName: 'box.geojson' });
    expect(area.ok && area.summary).toMatchObject({ kind: 'study-area', areas: 1, names: ['Whitechapel box'] });
    const result = await runImport(context, POLICE_UK, { input: { bytes: Buffer.from(CSV) }, fileName: 'jan.csv' });
    expect(result.ok && result.type === 'incidents' && result.summary).toMatchObject({
      imported: 3,
      outsideArea: 1,
      outsideAreaRows: [{ line: 5, message: 'point -0.2, 51.5 is outside the study area' }],
    });
    expect(countIncidents()).toBe(3);
  });

  it('refuses a file with a rejected row whole, unless told to take the valid rows', async () => {
    const { db, context, countIncidents } = setup();
    const bad = `${CSV}\n,2019-13,-0.05,51.52,Robbery\n`;
    const refused = await runImport(context, POLICE_UK, { input: { bytes: Buffer.from(bad) }, fileName: 'bad.csv' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem).toEqual({
      code: 'import_refused',
      message: expect.stringMatching(
        /^1 of 5 rows were rejected \(first: line 6: Month "2019-13" is not a month; expected YYYY-MM with month 01..12\)\. Nothing was imported\./,
      ),
    });
    expect(!refused.ok && refused.summary?.rejected).toBe(1);
    expect(countIncidents()).toBe(0);
    expect(listImportBatches(db, 10)).toEqual([]);
    const allowed = await runImport(context, { ...POLICE_UK, allowRejected: true }, { input: { bytes: Buffer.from(bad) }, fileName: 'bad.csv' });
    expect(allowed.ok && allowed.summary).toMatchObject({ imported: 4, rejected: 1 });
  });

  it('refuses a header-only file', async () => {
    const { context } = setup();
    const result = await runImport(context, POLICE_UK, { input: { bytes: Buffer.from('Month,Longitude,Latitude,Crime type\n') }, fileName: 'h.csv' });
    expect(!result.ok && result.problem.message).toBe('The file has a header but no data rows. Nothing was imported.');
  });

  it('imports partner rows with their own source and minute precision', async () => {
    const { db, context } = setup();
    const request = parseImportRequest({ kind: 'partner', source: 'council-asb', columns: 'occurred_at=When,category=What,easting=E,northing=N' });
    if (!request.ok) throw new Error(request.reason);
    const csv = 'When,What,E,N\n01/03/2024 21:15,drug-related-asb,535500,181800\n';
    const result = await runImport(context, request.value, { input: { bytes: Buffer.from(csv) }, fileName: 'asb.csv' });
    expect(result.ok && result.summary).toMatchObject({ source: 'council-asb', imported: 1 });
    expect(db.prepare('SELECT source, category, occurred_at, precision, start_day FROM incidents').get()).toEqual({
      source: 'council-asb',
      category: 'drug-related-asb',
      occurred_at: '2024-03-01T21:15',
      precision: 'minute',
      start_day: Date.UTC(2024, 2, 1) / 86_400_000,
    });
  });

  it('replaces the areas of a kind and leaves other kinds alone', async () => {
    const { db, context } = setup();
    const ward = (name: string, code: string) => JSON.stringify({ type: 'FeatureCollection', features: [{ ...JSON.parse(AREA), properties: { name, code } }] });
    await runImport(context, { kind: 'study-area' }, { input: { bytes: Buffer.from(AREA) }, fileName: 'box.geojson' });
    await runImport(context, { kind: 'areas', areaKind: 'ward' }, { input: { bytes: Buffer.from(ward('Old', 'W1')) }, fileName: 'w1.geojson' });
    const second = await runImport(context, { kind: 'areas', areaKind: 'ward' }, { input: { bytes: Buffer.from(ward('New', 'W2')) }, fileName: 'w2.geojson' });
    expect(second.ok && second.summary).toMatchObject({ kind: 'ward', areas: 1, replaced: 1, names: ['New'] });
    expect(listAreas(db, 'ward').map((a) => a.code)).toEqual(['W2']);
    expect(getStudyArea(db)?.code).toBe('WB');
  });
});

describe('parseImportRequest', () => {
  it('names the bad option', () => {
    expect(parseImportRequest({ kind: 'partner', source: 'police.uk' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^source: police.uk and demo are reserved/),
    });
    expect(parseImportRequest({ kind: 'partner', source: 'x-y', columns: 'when=Date' }, (p) => `--${p}`)).toEqual({
      ok: false,
      reason:
        '--columns: "when" is not a partner field; expected one of id, occurred_at, category, lng, lat, easting, northing, knife, firearm, corrosive, domestic, hate, victimUnder25, locationType',
    });
    expect(parseImportRequest({ kind: 'areas' }).ok).toBe(false);
    expect(parseImportRequest({ kind: 'police-uk', allowRejected: 'true' })).toEqual({ ok: true, value: { kind: 'police-uk', allowRejected: true } });
  });
});
