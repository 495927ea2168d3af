// GET /api/schools and GET /api/school-calendar over real HTTP (app.request), with the schools
// and the calendar uploaded through POST /api/imports/schools and /api/imports/school-calendar.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { filePart, multipartBody, multipartType } from '../../tests/multipart';
import { createApp } from '../app';
import { createApiToken } from '../auth/auth-queries';
import { ROLES, type Role } from '../auth/roles';
import { openDatabase } from '../db/open-database';

const NOW = new Date('2026-12-02T09:00:00Z');
const GIAS_2024 = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data/schools/tower_hamlets_schools_gias_open_2024-06-17.csv');

function setup() {
  const db = openDatabase(':memory:');
  const app = createApp({ db, clock: () => NOW });
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createApiToken(db, role, `${role} token`, NOW)])) as Record<Role, string>;
  const send = (path: string, role: Role, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${tokens[role]}`, ...init.headers } });
  return { db, send };
}

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({ urn: z.number(), name: z.string(), phase: z.string(), open: z.boolean() }).loose(),
    }),
  ),
  withoutLocation: z.object({ count: z.number(), schools: z.array(z.object({ urn: z.number(), name: z.string(), phase: z.string(), open: z.boolean() })) }),
  source: z.object({ fileName: z.string(), importedAt: z.string() }).nullable(),
});

describe('GET /api/schools', () => {
  it('serves the uploaded real file as one Point per open school with a location, and says how many have none', async () => {
    const { send } = setup();
    const empty = featureCollection.parse(await (await send('/api/schools', 'planner')).json());
    expect(empty).toEqual({ type: 'FeatureCollection', features: [], withoutLocation: { count: 0, schools: [] }, source: null });

    const text = readFileSync(GIAS_2024);
    const upload = await send('/api/imports/schools', 'analyst', {
      method: 'POST',
      body: multipartBody('b-1', [filePart('file', 'gias-2024.csv', text)]),
      headers: { 'content-type': multipartType('b-1') },
    });
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ summary: { kind: 'schools', stored: 116, withoutLocation: { count: 22 } } });

    const raw = parse(text, { columns: true }) as Record<string, string>[];
    const body = featureCollection.parse(await (await send('/api/schools', 'chair')).json());
    expect(body.features).toHaveLength(raw.filter((r) => r.longitude !== '').length);
    expect(body.withoutLocation.count).toBe(raw.filter((r) => r.longitude === '').length);
    expect(body.source).toEqual({ fileName: 'gias-2024.csv', importedAt: NOW.toISOString() });
    const benJonson = body.features.find((f) => f.properties.urn === 100890)!;
    expect(benJonson).toMatchObject({ id: 100890, geometry: { coordinates: [-0.0385993, 51.5209999] } });
    expect(benJonson.properties).toMatchObject({ urn: 100890, name: 'Ben Jonson Primary School', phase: 'primary', open: true });
    expect(Object.keys(benJonson.properties).slice(0, 4)).toEqual(['urn', 'name', 'phase', 'open']);

    const primary = featureCollection.parse(await (await send('/api/schools?phase=primary', 'analyst')).json());
    expect(primary.features.every((f) => f.properties.phase === 'primary')).toBe(true);
    expect(primary.features.length + primary.withoutLocation.count).toBe(raw.filter((r) => r.PhaseOfEducation === 'Primary').length);
    const nurseries = featureCollection.parse(await (await send('/api/schools?phase=nursery,16-plus', 'analyst')).json());
    // The 4 nursery schools and 3 16-plus colleges have no coordinates in this file.
    expect([nurseries.features.length, nurseries.withoutLocation.count]).toEqual([0, 7]);
  });

  it('hides closed schools unless asked, refuses bad parameters, and refuses the public role', async () => {
    const { send } = setup();
    const csv =
      'URN,EstablishmentName,PhaseOfEducation,EstablishmentStatus,longitude,latitude\n1,Open One,Primary,Open,-0.05,51.52\n2,Closed One,Secondary,Closed,-0.04,51.51\n';
    expect((await send('/api/imports/schools', 'analyst', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(200);
    const open = featureCollection.parse(await (await send('/api/schools', 'chair')).json());
    expect(open.features.map((f) => f.properties.urn)).toEqual([1]);
    const all = featureCollection.parse(await (await send('/api/schools?includeClosed=true', 'chair')).json());
    expect(all.features.map((f) => [f.properties.urn, f.properties.open])).toEqual([
      [1, true],
      [2, false],
    ]);
    const bad = await send('/api/schools?phase=infant', 'chair');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_parameter', message: expect.stringMatching(/^phase: "infant" is not a phase; expected one or more of primary, /) },
    });
    expect((await send('/api/schools?includeClosed=yes', 'chair')).status).toBe(400);
    expect((await send('/api/schools', 'public')).status).toBe(403);
    expect((await send('/api/school-calendar', 'public')).status).toBe(403);
    expect((await send('/api/imports/schools', 'chair', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(403);
  });

  it('answers 422 with the summary for a refused file, and stores nothing', async () => {
    const { send, db } = setup();
    const res = await send('/api/imports/schools', 'analyst', {
      method: 'POST',
      body: 'URN,EstablishmentName,PhaseOfEducation,longitude,latitude\n1,A,Primary,-0.05,51.52\n1,B,Primary,-0.05,51.52\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { code: 'import_refused' },
      summary: { stored: 0, rejected: 1, rejections: [{ line: 3, message: 'URN 1 is also on line 2; a school may appear once in a file' }] },
    });
    expect(db.prepare('SELECT count(*) FROM schools').pluck().get()).toBe(0);
  });
});

describe('GET /api/school-calendar', () => {
  it('serves the assumed default, then the imported year with its file, and the bank holidays of the years covered', async () => {
    const { send } = setup();
    const before = (await (await send('/api/school-calendar', 'planner')).json()) as {
      assumed: boolean;
      note: string;
      schoolYears: { schoolYear: string; source: string; fileName: string | null }[];
      entries: { schoolYear: string; dateFrom: string; dateTo: string; kind: string; source: string }[];
      bankHolidays: { date: string; name: string }[];
    };
    expect(before.assumed).toBe(true);
    expect(before.note).toMatch(/ASSUMED/);
    expect(before.schoolYears.map((y) => [y.schoolYear, y.source])).toEqual([
      ['2025-26', 'assumed-default'],
      ['2026-27', 'assumed-default'],
    ]);
    expect(before.entries.every((e) => e.source === 'assumed-default')).toBe(true);
    expect(before.bankHolidays.map((h) => h.date)).toContain('2026-04-03');
    expect(before.bankHolidays.every((h) => h.date >= '2025-09-01' && h.date <= '2027-08-31')).toBe(true);

    const csv =
      'date_from,date_to,kind\n2025-09-04,2025-12-19,term\n2026-01-05,2026-03-27,term\n2026-04-13,2026-07-22,term\n2025-10-27,2025-10-31,holiday\n2026-02-16,2026-02-20,holiday\n2026-05-25,2026-05-29,holiday\n';
    const upload = await send('/api/imports/school-calendar?fileName=lbth-2025-26.csv', 'analyst', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.status).toBe(200);
    expect(await upload.json()).toMatchObject({ summary: { kind: 'school-calendar', schoolYears: [{ schoolYear: '2025-26', replaced: 'assumed-default' }] } });
    const after = (await (await send('/api/school-calendar', 'chair')).json()) as typeof before;
    expect(after.schoolYears).toMatchObject([
      { schoolYear: '2025-26', source: 'imported', fileName: 'lbth-2025-26.csv', importedAt: NOW.toISOString() },
      { schoolYear: '2026-27', source: 'assumed-default', fileName: null },
    ]);
    expect(after.entries.filter((e) => e.schoolYear === '2025-26').every((e) => e.source === 'imported')).toBe(true);
    expect(after.assumed).toBe(true);
    expect(after.note).toMatch(/^School days come from imported term dates for 2025-26 \(from lbth-2025-26\.csv\); ASSUMED term dates for 2026-27/);
  });
});
