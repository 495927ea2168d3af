// GET /api/cameras and POST /api/imports/cameras over real HTTP (app.request): the real TfL file
// uploaded and served back as GeoJSON with each camera's effective view, the status filter, and
// the roles: camera positions are staff only (public 403), imports analyst only.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { filePart, multipartBody, multipartType } from '../../tests/multipart';
import { createApp } from '../app';
import { areaGeometrySchema, replaceAreas } from '../areas/area-queries';
import { createApiToken } from '../auth/auth-queries';
import { ROLES, type Role } from '../auth/roles';
import { openDatabase } from '../db/open-database';

const NOW = new Date('2026-12-02T09:00:00Z');
const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');
const TFL = resolve(SHARED_DATA, 'context/tfl_jamcams_traffic_cameras_tower_hamlets_bbox_2015-06-01.csv');
const borough = z
  .object({ features: z.array(z.object({ geometry: areaGeometrySchema })) })
  .parse(JSON.parse(readFileSync(resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson'), 'utf8'))).features[0]!.geometry;

function setup() {
  const db = openDatabase(':memory:');
  replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: borough }], 'test', NOW);
  const app = createApp({ db, clock: () => NOW });
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createApiToken(db, role, `${role} token`, NOW)])) as Record<Role, string>;
  const send = (path: string, role: Role, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${tokens[role]}`, ...init.headers } });
  const upload = (body: string, role: Role = 'analyst', query = '') =>
    send(`/api/imports/cameras${query}`, role, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
  return { db, send, upload };
}

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z
        .object({
          id: z.string(),
          type: z.enum(['fixed', 'ptz', 'redeployable', 'anpr']),
          status: z.enum(['working', 'faulty', 'removed']),
          bearing: z.number().nullable(),
          fieldOfView: z.number(),
          rangeMeters: z.number(),
          assumed: z.array(z.string()),
          name: z.string().nullable(),
          installedOn: z.string().nullable(),
        })
        .strict(),
    }),
  ),
  defaults: z.record(z.string(), z.object({ fieldOfView: z.number(), rangeMeters: z.number(), why: z.string() })),
});

describe('GET /api/cameras', () => {
  it('serves the uploaded TfL file as one Point per camera inside the borough, with the view assumed for each', async () => {
    const { send } = setup();
    expect(featureCollection.parse(await (await send('/api/cameras', 'planner')).json()).features).toEqual([]);

    const text = readFileSync(TFL);
    const res = await send('/api/imports/cameras', 'analyst', {
      method: 'POST',
      body: multipartBody('b-1', [filePart('file', 'jamcams.csv', text)]),
      headers: { 'content-type': multipartType('b-1') },
    });
    expect(res.status).toBe(200);
    const raw = parse(text, { columns: true }) as Record<string, string>[];
    const inside = raw.filter((r) => booleanPointInPolygon([Number(r.longitude), Number(r.latitude)], borough));
    expect(await res.json()).toMatchObject({
      summary: { kind: 'cameras', fileName: 'jamcams.csv', stored: inside.length, outsideArea: raw.length - inside.length },
    });

    for (const role of ['chair', 'planner', 'analyst'] as const) {
      const body = featureCollection.parse(await (await send('/api/cameras', role)).json());
      expect(body.features).toHaveLength(inside.length);
    }
    const body = featureCollection.parse(await (await send('/api/cameras', 'chair')).json());
    const r = inside[0]!;
    expect(body.features.find((f) => f.id === r.camera_id)).toEqual({
      type: 'Feature',
      id: r.camera_id,
      geometry: { type: 'Point', coordinates: [Number(r.longitude), Number(r.latitude)] },
      properties: {
        id: r.camera_id,
        type: 'ptz',
        status: r.available === 'true' ? 'working' : 'faulty',
        bearing: null,
        fieldOfView: 360,
        rangeMeters: 100,
        assumed: ['type', 'fieldOfView', 'rangeMeters'],
        name: r.location,
        installedOn: null,
      },
    });
    expect(body.defaults['fixed']).toMatchObject({ fieldOfView: 90, rangeMeters: 60 });

    const faulty = featureCollection.parse(await (await send('/api/cameras?status=faulty', 'analyst')).json());
    expect(faulty.features.map((f) => f.id).sort()).toEqual(
      inside
        .filter((x) => x.available === 'false')
        .map((x) => x.camera_id)
        .sort(),
    );
    const both = featureCollection.parse(await (await send('/api/cameras?status=working,faulty', 'analyst')).json());
    expect(both.features).toHaveLength(inside.length);
  });

  it('gives the effective sector of a camera with a bearing, and refuses a status that is not one', async () => {
    const { send, upload } = setup();
    const csv = 'id,type,lng,lat,bearing,fieldOfView,rangeMeters,status\nF1,fixed,-0.05,51.52,45,,,removed\nA1,anpr,-0.04,51.51,,,,working\n';
    expect((await upload(csv)).status).toBe(200);
    const body = featureCollection.parse(await (await send('/api/cameras?status=removed', 'planner')).json());
    expect(body.features.map((f) => f.properties)).toEqual([
      {
        id: 'F1',
        type: 'fixed',
        status: 'removed',
        bearing: 45,
        fieldOfView: 90,
        rangeMeters: 60,
        assumed: ['fieldOfView', 'rangeMeters'],
        name: null,
        installedOn: null,
      },
    ]);
    const anpr = featureCollection.parse(await (await send('/api/cameras?status=working', 'planner')).json());
    // No bearing: a circle of the sector's area, all three values assumed.
    expect(anpr.features[0]!.properties).toMatchObject({
      bearing: null,
      fieldOfView: 360,
      rangeMeters: 7.1,
      assumed: ['bearing', 'fieldOfView', 'rangeMeters'],
    });

    const bad = await send('/api/cameras?status=broken', 'chair');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: {
        code: 'invalid_parameter',
        message: 'status: "broken" is not a camera status; expected one or more of working, faulty, removed, comma-separated',
      },
    });
  });
});

describe('who may see and import cameras', () => {
  it('refuses the public role camera positions and imports (403), and other staff imports, storing nothing', async () => {
    const { send, upload, db } = setup();
    const csv = 'id,type,lng,lat\nC1,ptz,-0.05,51.52\n';
    expect((await send('/api/cameras', 'public')).status).toBe(403);
    expect((await send('/api/cameras?status=working', 'public')).status).toBe(403);
    for (const role of ['public', 'chair', 'planner'] as const) {
      const res = await upload(csv, role);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(db.prepare('SELECT count(*) FROM cameras').pluck().get()).toBe(0);
    expect((await upload(csv, 'analyst', '?fileName=ours.csv')).status).toBe(200);
    expect((await send('/api/cameras', 'public')).status).toBe(403);
    expect(await (await send('/api/imports', 'chair')).json()).toMatchObject({
      batches: [{ kind: 'cameras', source: 'cameras', fileName: 'ours.csv', rowsImported: 1 }],
    });
  });

  it('answers 422 with the summary for a refused file, and stores nothing', async () => {
    const { upload, db } = setup();
    const res = await upload('id,type,lng,lat,bearing,rangeMeters\nC1,ptz,-0.05,51.52,400,\nC2,fixed,-0.05,51.52,10,-5\n');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { code: 'import_refused' },
      summary: {
        stored: 0,
        rejected: 2,
        rejections: [
          { line: 2, message: 'bearing 400 is out of range; expected degrees clockwise from north, 0 to 360' },
          { line: 3, message: 'rangeMeters -5 is out of range; expected metres, more than 0 and at most 1000' },
        ],
      },
    });
    expect(db.prepare('SELECT count(*) FROM cameras').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
  });
});
