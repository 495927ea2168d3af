// GET /api/themes/serious-violence over HTTP: on the real police.uk file for June 2018 (violence
// and weapons, monthly) the layer is police.uk's approximation and says so, its count checked
// against an independent reading of the raw file; a partner CSV with flags, imported through the
// partner importer, switches the window to the partnership's definition, and its flags decide
// what is counted, hand-worked below; the public role is refused.
import { booleanPointInPolygon } from '@turf/turf';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { replaceAreas } from '../../server/areas/area-queries';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase, type Db } from '../../server/db/open-database';
import { runImport } from '../../server/import/run-import';
import { crimeFile, readRawFile } from './raw-police-uk';
import { readBoroughGeometry } from './test-support';

const NOW = new Date('2026-11-20T09:00:00Z');
const WINDOW = 'from=2018-06-01&to=2018-07-01&resolution=9';
const FILE = 'tower_hamlets_policeuk_api_crime_points_all_types_2018-06.csv.gz';

interface Body {
  meta: {
    label: string;
    definition: string;
    definitionRule: string;
    includeDwellings: string;
    notes: string[];
    timeFilter: { withoutNeededTime: number } | null;
  };
  totals: { layer: number; borough: number; dwellingsLeftOut: number; flaggedPartnerIncidents: number; byFlag: Record<string, number> };
  cells: { cell: string; count: number; bin: number }[];
  profile: { total: number; byHour: number[]; withoutTime: number; victimUnder25: { total: number; byHour: number[] } };
}

// Partner records in June 2018, around Whitechapel and Bow (inside the borough). What the
// partnership's definition makes of each, with dwellings left out:
const PARTNER_CSV = [
  'Ref,occurred_at,category,lng,lat,WeaponKnife,firearm,corrosive,DA,hate,Victim under 25,Where',
  'P1,2018-06-02T21:10,robbery,-0.0597,51.5194,Y,,,N,N,Y,public', // robbery with a knife: counted (knife)
  'P2,2018-06-03T22:40,violent-crime,-0.0250,51.5290,N,N,N,N,N,Y,public', // violence: counted (category)
  'P3,2018-06-04T19:05,criminal-damage-arson,-0.0330,51.5250,N,N,N,Y,N,N,dwelling', // domestic at home: left out by default
  'P4,2018-06-05T20:30,violent-crime,-0.0330,51.5250,N,N,N,Y,N,N,dwelling', // domestic violence at home: left out by default
  'P5,2018-06-06T23:15,public-order,-0.0400,51.5150,N,N,N,N,Y,N,public', // hate crime: counted (hate)
  'P6,2018-06-07T09:00,burglary,-0.0500,51.5200,N,N,N,N,N,N,dwelling', // burglary, no flag: not in the definition
  'P7,2018-06-08T08:55,violent-crime,-0.0600,51.5220,N,N,N,N,N,Y,', // violence, location not recorded: counted
  'P8,2018-06-09T02:00,shoplifting,-0.0650,51.5150,,,,,,,', // nothing recorded: not in the definition
].join('\n');

describe('GET /api/themes/serious-violence', () => {
  let db: Db;
  let get: (path: string, role?: 'analyst' | 'public') => Promise<{ status: number; body: Body }>;
  let inBorough: { violenceAndWeapons: number };
  beforeAll(async () => {
    db = openDatabase(':memory:');
    const geometry = readBoroughGeometry();
    replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry }], 'test', NOW);
    const context = { db, importedBy: 'test', now: NOW };
    const imported = await runImport(context, { kind: 'police-uk', allowRejected: true }, { input: { bytes: readFileSync(crimeFile(FILE)) }, fileName: FILE });
    if (!imported.ok) throw new Error(imported.problem.message);
    const app = createApp({ db, clock: () => NOW });
    const tokens = { analyst: createApiToken(db, 'analyst', 'a', NOW), public: createApiToken(db, 'public', 'p', NOW) };
    get = async (path, role = 'analyst') => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${tokens[role]}` } });
      return { status: res.status, body: (await res.json()) as Body };
    };
    const feature = { type: 'Feature' as const, properties: {}, geometry };
    const raw = readRawFile(FILE).rows.filter((r) => r.month === '2018-06' && booleanPointInPolygon([r.lng, r.lat], feature));
    inBorough = { violenceAndWeapons: raw.filter((r) => r.category === 'violent-crime' || r.category === 'possession-of-weapons').length };
  }, 120_000);

  it("is police.uk's monthly approximation on the real June 2018 file, and says so", async () => {
    const { status, body } = await get(`/api/themes/serious-violence?${WINDOW}`);
    expect(status).toBe(200);
    expect(body.meta.definition).toBe('police-uk-monthly');
    expect(body.meta.label).toMatch(/police\.uk, monthly\): an approximation of the partnership's definition/);
    expect(body.meta.notes.join(' ')).toMatch(/No partner data with flags covers this window/);
    expect(inBorough.violenceAndWeapons).toBeGreaterThan(500);
    expect(body.totals.layer).toBe(inBorough.violenceAndWeapons);
    expect(body.totals.borough).toBe(inBorough.violenceAndWeapons);
    expect(body.totals.dwellingsLeftOut).toBe(0);
    expect(body.cells.reduce((sum, c) => sum + c.count, 0)).toBe(inBorough.violenceAndWeapons);
    // Monthly data has no hour: everything is in the month, nothing in the hours.
    expect(body.profile.withoutTime).toBe(inBorough.violenceAndWeapons);
    expect(body.profile.byHour.every((n) => n === 0)).toBe(true);
  });

  it('refuses the public role, and a bad setting with what to write', async () => {
    expect((await get(`/api/themes/serious-violence?${WINDOW}`, 'public')).status).toBe(403);
    const bad = await get(`/api/themes/serious-violence?${WINDOW}&includeDwellings=maybe`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('expected exclude (leave out incidents inside homes, the tasking view) or include');
  });

  it("switches to the partnership's definition once flagged partner data covers the window, counting by the flags", async () => {
    const imported = await runImport(
      { db, importedBy: 'test', now: NOW },
      {
        kind: 'partner',
        source: 'met-cad',
        columns: { id: 'Ref', knife: 'WeaponKnife', domestic: 'DA', victimUnder25: 'Victim under 25', locationType: 'Where' },
        allowRejected: false,
      },
      { input: { bytes: Buffer.from(PARTNER_CSV) }, fileName: 'cad-june.csv' },
    );
    expect(imported.ok && imported.type === 'incidents' && imported.summary.imported).toBe(8);

    const tasking = (await get(`/api/themes/serious-violence?${WINDOW}`)).body;
    expect(tasking.meta.definition).toBe('partner');
    expect(tasking.meta.label).toMatch(/the partnership's definition/);
    expect(tasking.totals.flaggedPartnerIncidents).toBe(8);
    // P1, P2, P5, P7; police.uk's rows carry no flags and are not counted under this definition.
    expect(tasking.totals.layer).toBe(4);
    expect(tasking.totals.borough).toBe(6);
    expect(tasking.totals.dwellingsLeftOut).toBe(2);
    expect(tasking.totals.byFlag).toEqual({ knife: 1, firearm: 0, corrosive: 0, domestic: 2, hate: 1, victimUnder25: 3 });
    expect(tasking.cells.reduce((sum, c) => sum + c.count, 0)).toBe(4);
    expect(tasking.profile.victimUnder25.total).toBe(3);
    expect(tasking.profile.byHour[21]! + tasking.profile.byHour[22]! + tasking.profile.byHour[23]! + tasking.profile.byHour[8]!).toBe(4);

    const everything = (await get(`/api/themes/serious-violence?${WINDOW}&includeDwellings=include`)).body;
    expect(everything.totals.layer).toBe(6);
    expect(everything.cells.reduce((sum, c) => sum + c.count, 0)).toBe(6);

    // The hour filter of the other windowed routes: 20:00-24:00 keeps P1, P2 and P5 (P4 is at home).
    const evening = (await get(`/api/themes/serious-violence?${WINDOW}&hours=20-24`)).body;
    expect(evening.totals.layer).toBe(3);
    expect(evening.meta.timeFilter).not.toBeNull();
  });
});
