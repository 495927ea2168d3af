// The ward populations over real HTTP (app.request): the real LSOA estimates and lookup uploaded
// as one form (file + lookup), a ward-level file as a raw body, GET /api/populations for staff
// only, and wardPopulations' choice of the nearest stored year (ties: the earlier one).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { filePart, multipartBody, multipartType } from '../../tests/multipart';
import { createApp } from '../app';
import { replaceAreas } from '../areas/area-queries';
import { createApiToken } from '../auth/auth-queries';
import { ROLES, type Role } from '../auth/roles';
import { openDatabase } from '../db/open-database';
import { populationsVersion, wardPopulations } from './population-queries';

const NOW = new Date('2026-12-02T09:00:00Z');
const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');
const LSOA_ESTIMATES = resolve(SHARED_DATA, 'context/tower_hamlets_lsoa2021_population_density_mid2011_mid2022.csv');
const LOOKUP = resolve(SHARED_DATA, 'context/tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup.csv');
const SQUARE = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};

function setup(wardCodes: readonly string[]) {
  const db = openDatabase(':memory:');
  replaceAreas(
    db,
    'ward',
    wardCodes.map((code) => ({ code, name: code, geometry: SQUARE })),
    'test',
    NOW,
  );
  const app = createApp({ db, clock: () => NOW });
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createApiToken(db, role, `${role} token`, NOW)])) as Record<Role, string>;
  const send = (path: string, role: Role, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${tokens[role]}`, ...init.headers } });
  return { db, send };
}

const REAL_WARDS = Array.from({ length: 20 }, (_, k) => `E05009${317 + k}`);

const listing = z.object({
  years: z.array(z.number()),
  version: z.string(),
  year: z.number().nullable(),
  populations: z.array(z.object({ code: z.string(), year: z.number(), population: z.number() })),
});

describe('POST /api/imports/population and GET /api/populations', () => {
  it('takes the LSOA estimates with the lookup as a second form field, and serves the wards back to staff only', async () => {
    const { db, send } = setup(REAL_WARDS);
    const boundary = 'population-form';
    const body = multipartBody(boundary, [
      filePart('file', 'estimates.csv', readFileSync(LSOA_ESTIMATES)),
      filePart('lookup', 'bestfit.csv', readFileSync(LOOKUP)),
    ]);
    const res = await send('/api/imports/population', 'analyst', { method: 'POST', body, headers: { 'content-type': multipartType(boundary) } });
    expect(res.status).toBe(200);
    const { summary } = z.object({ summary: z.object({ stored: z.number(), lookupFileName: z.string(), lsoas: z.number() }) }).parse(await res.json());
    expect(summary).toEqual({ stored: 240, lookupFileName: 'bestfit.csv', lsoas: 169 });

    const all = listing.parse(await (await send('/api/populations', 'chair')).json());
    expect(all.years).toEqual([2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    expect(all.populations).toHaveLength(240);
    expect(all.version).toBe(populationsVersion(db));
    const of2030 = listing.parse(await (await send('/api/populations?year=2030', 'planner')).json());
    expect(of2030.populations.every((p) => p.year === 2022)).toBe(true);
    expect(of2030.populations.reduce((sum, p) => sum + p.population, 0)).toBe(323_854);

    expect((await send('/api/populations', 'public')).status).toBe(403);
    expect(
      (await send('/api/imports/population', 'chair', { method: 'POST', body: 'code,year,population\n', headers: { 'content-type': 'text/csv' } })).status,
    ).toBe(403);
    const badYear = await send('/api/populations?year=soon', 'analyst');
    expect(badYear.status).toBe(400);
    expect(await badYear.text()).toMatch(/year: expected a year 1900\.\.2200/);
  });

  it('refuses the LSOA estimates sent without the lookup (422), storing nothing; takes a ward-level file as a raw body', async () => {
    const { db, send } = setup(['W1', 'W2']);
    const refused = await send('/api/imports/population', 'analyst', {
      method: 'POST',
      body: readFileSync(LSOA_ESTIMATES),
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/gives populations by LSOA/);
    expect(db.prepare('SELECT count(*) FROM populations').pluck().get()).toBe(0);
    const raw = await send('/api/imports/population?fileName=wards.csv', 'analyst', {
      method: 'POST',
      body: 'code,year,population\nW1,2020,900\nW2,2020,1100\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(raw.status).toBe(200);
    expect(wardPopulations(db, 2020)).toEqual(
      new Map([
        ['W1', { population: 900, year: 2020 }],
        ['W2', { population: 1100, year: 2020 }],
      ]),
    );
  });
});

describe('wardPopulations and populationsVersion', () => {
  it('gives each ward its stored year nearest the one asked for, the earlier on a tie, and a new version on every import', async () => {
    const { db, send } = setup(['W1', 'W2']);
    const upload = (text: string) => send('/api/imports/population', 'analyst', { method: 'POST', body: text, headers: { 'content-type': 'text/csv' } });
    const empty = populationsVersion(db);
    expect(wardPopulations(db, 2020).size).toBe(0);
    expect((await upload('code,year,population\nW1,2011,100\nW1,2015,150\nW1,2021,210\nW2,2019,500\n')).status).toBe(200);
    const first = populationsVersion(db);
    expect(first).not.toBe(empty);

    const nearest = (year: number) => Object.fromEntries([...wardPopulations(db, year)].map(([code, p]) => [code, p.year]));
    expect(nearest(2013)).toEqual({ W1: 2011, W2: 2019 }); // 2011 and 2015 are both 2 away: the earlier
    expect(nearest(2014)).toEqual({ W1: 2015, W2: 2019 });
    expect(nearest(2018)).toEqual({ W1: 2015, W2: 2019 }); // 2015 is 3 away, 2021 is 3 away: the earlier
    expect(nearest(2019)).toEqual({ W1: 2021, W2: 2019 });
    expect(nearest(1990)).toEqual({ W1: 2011, W2: 2019 });
    expect(nearest(2040)).toEqual({ W1: 2021, W2: 2019 });
    expect(wardPopulations(db, 2014).get('W1')).toEqual({ population: 150, year: 2015 });

    // The same file again replaces its years with the same numbers, and still changes the version.
    expect((await upload('code,year,population\nW1,2011,100\nW1,2015,150\nW1,2021,210\nW2,2019,500\n')).status).toBe(200);
    expect(populationsVersion(db)).not.toBe(first);
    // A refused file changes nothing.
    const second = populationsVersion(db);
    expect((await upload('code,year,population\nW9,2019,1\n')).status).toBe(422);
    expect(populationsVersion(db)).toBe(second);
  });
});
