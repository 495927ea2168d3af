import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { filePart, multipartBody, multipartType, textPart } from '../../tests/multipart';
import { createApp } from '../app';
import { createApiToken } from '../auth/auth-queries';
import { ROLES, type Role } from '../auth/roles';
import { openDatabase } from '../db/open-database';

const NOW = new Date('2026-11-20T09:00:00Z');
const CSV = 'Month,Longitude,Latitude,Crime type\n2019-01,-0.0597,51.5194,Robbery\n2019-01,-0.0597,51.5194,Robbery\n2019-02,-0.0177,51.5087,Robbery\n';

function setup(options: { maxUploadBytes?: number } = {}) {
  const db = openDatabase(':memory:');
  const uploadTempDir = mkdtempSync(join(tmpdir(), 'import-routes-'));
  const app = createApp({ db, clock: () => NOW, uploadTempDir, ...options });
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createApiToken(db, role, `${role} token`, NOW)])) as Record<Role, string>;
  const send = (path: string, role: Role | null, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...init.headers } });
  const upload = (path: string, body: BodyInit, type = 'text/csv', role: Role = 'analyst') =>
    send(path, role, { method: 'POST', body, headers: { 'content-type': type } });
  const stored = () => ({
    batches: Number(db.prepare('SELECT count(*) FROM import_batches').pluck().get()),
    incidents: Number(db.prepare('SELECT count(*) FROM incidents').pluck().get()),
    tempFiles: readdirSync(uploadTempDir),
  });
  return { db, send, upload, stored };
}

const BOUNDARY = 'tasking-map-test-boundary';

describe('POST /api/imports/*', () => {
  it('lets analysts only import', async () => {
    const { upload, send } = setup();
    for (const role of ['chair', 'planner', 'public'] as const) {
      expect((await upload('/api/imports/police-uk', CSV, 'text/csv', role)).status).toBe(403);
    }
    expect((await send('/api/imports/police-uk', null, { method: 'POST', body: CSV, headers: { 'x-tasking-map': '1' } })).status).toBe(401);
    expect((await upload('/api/imports/police-uk', CSV)).status).toBe(200);
  });

  it('imports a raw gzip body and answers with the summary, importedBy the token', async () => {
    const { upload, send } = setup();
    const res = await upload('/api/imports/police-uk?fileName=jan.csv.gz', gzipSync(CSV), 'application/gzip');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      summary: expect.objectContaining({ fileName: 'jan.csv.gz', rowsRead: 3, imported: 3, duplicates: 0, months: { '2019-01': 2, '2019-02': 1 } }),
    });
    const list = await send('/api/imports', 'chair');
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({
      batches: [expect.objectContaining({ kind: 'police-uk', fileName: 'jan.csv.gz', importedBy: 'token:analyst token', rowsImported: 3 })],
    });
    expect((await send('/api/imports', 'planner')).status).toBe(403);
  });

  it('takes a multipart upload in a field named file', async () => {
    const { send } = setup();
    const form = new FormData();
    form.append('file', new File([CSV], 'feb.csv', { type: 'text/csv' }));
    const res = await send('/api/imports/police-uk', 'analyst', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ summary: { fileName: 'feb.csv', imported: 3 } });
  });

  it('refuses rejected rows with 422 and the summary, unreadable files with 400', async () => {
    const { upload, db } = setup();
    const refused = await upload('/api/imports/police-uk', `${CSV}2019-13,-0.05,51.52,Robbery\n`);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; message: string }; summary: { rejected: number } };
    expect(body.error.code).toBe('import_refused');
    expect(body.error.message).toMatch(/line 5: Month "2019-13" is not a month/);
    expect(body.summary.rejected).toBe(1);
    const allowed = await upload('/api/imports/police-uk?allowRejected=true', `${CSV}2019-13,-0.05,51.52,Robbery\n`);
    expect(allowed.status).toBe(200);
    const junk = await upload('/api/imports/police-uk', Buffer.from([0x00, 0x01, 0x02, 0xff]), 'application/octet-stream');
    expect(junk.status).toBe(400);
    expect(await junk.json()).toMatchObject({ error: { code: 'unreadable_file', message: expect.stringMatching(/not a text file/) } });
    expect(Number(db.prepare('SELECT count(*) FROM import_batches').pluck().get())).toBe(1);
  });

  it('names a bad query parameter', async () => {
    const { upload } = setup();
    const res = await upload('/api/imports/partner?source=police.uk', CSV);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_parameter', message: expect.stringMatching(/^source: police.uk and demo are reserved/) } });
    const noKind = await upload('/api/imports/areas', '{}', 'application/geo+json');
    expect(noKind.status).toBe(400);
    expect(((await noKind.json()) as { error: { message: string } }).error.message).toMatch(/^kind: /);
    // Found by the API fuzz: the flag's message was zod's bare "Invalid input".
    const badFlag = await upload('/api/imports/police-uk?allowRejected=yes', CSV);
    expect(await badFlag.json()).toEqual({ error: { code: 'invalid_parameter', message: 'allowRejected: expected true or false' } });
  });

  it('refuses bodies over the limit with 413 before reading them, and odd content types with 415', async () => {
    const { upload, send } = setup();
    const big = await send('/api/imports/police-uk', 'analyst', {
      method: 'POST',
      body: CSV,
      headers: { 'content-type': 'text/csv', 'content-length': String(600 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: 'too_large', message: expect.stringMatching(/larger than 512 MB/) } });
    expect((await upload('/api/imports/police-uk', CSV, 'image/png')).status).toBe(415);
  });

  it('imports partner rows and areas', async () => {
    const { upload, db } = setup();
    const partner = await upload(
      '/api/imports/partner?source=met-cad&columns=' + encodeURIComponent('id=Ref,occurred_at="Date/Time",category=Offence,easting=X,northing=Y'),
      'Ref,Date/Time,Offence,X,Y\nC1,01/03/2024 21:15,robbery,535500,181800\n',
    );
    expect(partner.status).toBe(200);
    expect(await partner.json()).toMatchObject({ summary: { source: 'met-cad', imported: 1 } });
    const geojson = JSON.stringify({
      type: 'Feature',
      properties: { name: 'Box' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-0.07, 51.51],
            [-0.05, 51.51],
            [-0.05, 51.53],
            [-0.07, 51.51],
          ],
        ],
      },
    });
    const area = await upload('/api/imports/areas?kind=study-area&fileName=box.geojson', geojson, 'application/geo+json');
    expect(area.status).toBe(200);
    expect(await area.json()).toMatchObject({ summary: { kind: 'study-area', areas: 1, names: ['Box'] } });
    expect(db.prepare("SELECT name, source_file FROM areas WHERE kind = 'study-area'").get()).toEqual({ name: 'Box', source_file: 'box.geojson' });
  });
});

describe('multipart uploads, streamed to a temporary file', () => {
  const valid = (parts = [filePart('file', 'jan.csv', CSV)]) => multipartBody(BOUNDARY, parts);
  const cutAt = (bytes: Uint8Array<ArrayBuffer>, length: number) => bytes.subarray(0, length);
  const huge = 'x'.repeat(20 * 1024);

  it('imports a form it has read to the end, and leaves no temporary file', async () => {
    const { upload, stored } = setup();
    const res = await upload('/api/imports/police-uk', valid([textPart('note', 'January'), filePart('file', 'jan.csv', CSV)]), multipartType(BOUNDARY));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ summary: { fileName: 'jan.csv', imported: 3 } });
    expect(stored()).toEqual({ batches: 1, incidents: 3, tempFiles: [] });
  });

  it.each([
    ['no boundary in Content-Type', 'multipart/form-data', valid(), /names no boundary/],
    ['a boundary that is not the one in the body', multipartType('another-boundary'), valid(), /ends before the form's closing boundary/],
    ['a body cut off inside the file', multipartType(BOUNDARY), cutAt(valid(), 150), /ends before the form's closing boundary/],
    [
      'a body cut off after the file but before the closing boundary',
      multipartType(BOUNDARY),
      multipartBody(BOUNDARY, [filePart('file', 'jan.csv', CSV)], { close: false }),
      /ends before the form's closing boundary/,
    ],
    ['an empty body', multipartType(BOUNDARY), new Uint8Array(0), /the request has no body/],
    [
      'a part header longer than 16 KB',
      multipartType(BOUNDARY),
      valid([{ headers: [`Content-Disposition: form-data; name="file"; filename="${huge}"`], body: CSV }]),
      /malformed or longer than 16 KB/,
    ],
    ['no field named file', multipartType(BOUNDARY), valid([filePart('upload', 'jan.csv', CSV)]), /no file field named "file"/],
    ['a text field named file', multipartType(BOUNDARY), valid([textPart('file', CSV)]), /field "file" holds text, not a file/],
    [
      'two files named file',
      multipartType(BOUNDARY),
      valid([filePart('file', 'jan.csv', CSV), filePart('file', 'feb.csv', CSV)]),
      /more than one field named "file"/,
    ],
  ])('refuses %s with 400 invalid_upload and stores nothing', async (_what, type, body, message) => {
    const { upload, stored } = setup();
    const res = await upload('/api/imports/police-uk', body, type);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_upload', message: expect.stringMatching(message) } });
    expect(stored()).toEqual({ batches: 0, incidents: 0, tempFiles: [] });
  });

  it("never leaves an ignored part's error unhandled when a form is cut short: it would stop the server", async () => {
    // Found by the API fuzz (tests/integration/fuzz.test.ts): busboy hands the form's error to the
    // file part it is reading, and a part we skip had no one listening for it.
    const { upload, stored } = setup();
    const uncaught: Error[] = [];
    const record = (error: Error) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      for (const parts of [[filePart('upload', 'jan.csv', CSV)], [filePart('file', 'jan.csv', CSV), filePart('file', 'feb.csv', CSV)]]) {
        const res = await upload('/api/imports/police-uk', multipartBody(BOUNDARY, parts, { close: false }), multipartType(BOUNDARY));
        expect(res.status).toBe(400);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      process.off('uncaughtException', record);
    }
    expect(uncaught.map((error) => error.message)).toEqual([]);
    expect(stored()).toEqual({ batches: 0, incidents: 0, tempFiles: [] });
  });

  it('refuses a file over the cap with 413 while it streams, stores nothing, and takes one exactly at the cap', async () => {
    const cap = 64 * 1024;
    const rows = (bytes: number) => {
      const row = '2019-01,-0.0597,51.5194,Robbery\n';
      const header = 'Month,Longitude,Latitude,Crime type\n';
      const text = header + row.repeat(Math.floor((bytes - header.length) / row.length));
      return text + '\n'.repeat(bytes - text.length); // blank lines are not rows: exactly `bytes` long
    };
    const { upload, stored } = setup({ maxUploadBytes: cap });
    const over = await upload('/api/imports/police-uk', valid([filePart('file', 'big.csv', rows(cap + 1))]), multipartType(BOUNDARY));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: { code: 'too_large', message: expect.stringMatching(/larger than 64 KB/) } });
    expect(stored()).toEqual({ batches: 0, incidents: 0, tempFiles: [] });
    const at = await upload('/api/imports/police-uk', valid([filePart('file', 'cap.csv', rows(cap))]), multipartType(BOUNDARY));
    expect(at.status).toBe(200);
    expect(stored()).toMatchObject({ batches: 1, tempFiles: [] });
  });

  it('refuses a form whose other parts make it too large, however small its file', async () => {
    const { upload, stored } = setup({ maxUploadBytes: 1024 });
    const padding = Array.from({ length: 40 }, (_, k) => filePart(`padding-${k}`, 'pad.bin', new Uint8Array(32 * 1024), 'application/octet-stream'));
    const res = await upload('/api/imports/police-uk', valid([...padding, filePart('file', 'jan.csv', CSV)]), multipartType(BOUNDARY));
    expect(res.status).toBe(413);
    expect(stored()).toEqual({ batches: 0, incidents: 0, tempFiles: [] });
  });
});
