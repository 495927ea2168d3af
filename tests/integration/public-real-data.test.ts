// The public ward table on the real data (issue 15, Must show): for a 2016 month, every ward's
// published figure is what the disclosure rules make of an independent count of the raw police.uk
// file (csv-parse and Turf's point-in-polygon over the real ward boundaries, not our importer or
// index): 0 or "fewer than 10" for none, "fewer than 10" for 1-9, the count rounded to the nearest
// 5 from 10 up, or "withheld" where a small figure next to it needs protecting.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { booleanPointInPolygon } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundToBase } from '../../geo/disclosure/rules';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/open-database';
import { SHARED_DATA } from './test-support';

const NOW = new Date('2026-12-02T10:00:00Z');
const MONTH = '2016-06';
const THEMES: Record<string, readonly string[]> = {
  robbery: ['Robbery'],
  violence: ['Violence and sexual offences', 'Possession of weapons'],
  asb: ['Anti-social behaviour'],
  burglary: ['Burglary'],
};
const FILE = resolve(SHARED_DATA, 'crime/tower_hamlets_policeuk_api_crime_points_all_types_2016-01_2016-12.csv.gz');
const WARDS = resolve(SHARED_DATA, 'boundaries/tower_hamlets_wards.geojson');
const POPULATION = resolve(SHARED_DATA, 'context/tower_hamlets_lsoa2021_population_density_mid2011_mid2022.csv');
const LOOKUP = resolve(SHARED_DATA, 'context/tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup.csv');

interface Figure {
  kind: 'zero' | 'rounded' | 'fewer-than' | 'withheld';
  value: number | null;
}

describe('the public ward table on the real 2016 police.uk file', () => {
  let dir: string;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'public-real-'));
    const path = join(dir, 'real.db');
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, progress: false, env: {}, now: () => NOW };
    for (const args of [
      ['study-area', resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson')],
      ['areas', '--kind', 'ward', WARDS],
      ['police-uk', FILE],
      ['population', '--lookup', LOOKUP, POPULATION],
    ]) {
      expect(await runImportCli([...args, '--db', path], io), args[0]).toBe(0);
    }
    db = openDatabase(path);
    app = createApp({ db, clock: () => NOW });
  }, 120_000);
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes each ward as the rules make of an independent count of the raw file', async () => {
    const rows = parse(gunzipSync(readFileSync(FILE)).toString('utf8'), { columns: true }) as Record<string, string>[];
    const wards = (JSON.parse(readFileSync(WARDS, 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>).features.sort((a, b) =>
      String(a.properties!['NAME_CURRENT']).localeCompare(String(b.properties!['NAME_CURRENT'])),
    );
    let withheld = 0;
    for (const [theme, types] of Object.entries(THEMES)) {
      const raw = new Map<string, number>();
      for (const row of rows) {
        if (row['Month'] !== MONTH || !types.includes(row['Crime type']!)) continue;
        const point = [Number(row['Longitude']), Number(row['Latitude'])];
        const ward = wards.find((w) => booleanPointInPolygon(point, w));
        if (ward) raw.set(String(ward.properties!['GSS_CODE']), (raw.get(String(ward.properties!['GSS_CODE'])) ?? 0) + 1);
      }
      const response = await app.request(`/api/public/wards?theme=${theme}&month=${MONTH}`);
      expect(response.status, theme).toBe(200);
      const body = (await response.json()) as { borough: Figure; wards: (Figure & { code: string; name: string })[] };
      expect(body.wards).toHaveLength(20);
      const check = (published: Figure, count: number, where: string) => {
        if (published.kind === 'withheld') {
          withheld += 1;
          expect(count, where).toBeGreaterThanOrEqual(10);
        } else if (count === 0) expect(['zero', 'fewer-than'], where).toContain(published.kind);
        else if (count < 10) expect(published.kind, where).toBe('fewer-than');
        else expect({ kind: published.kind, value: published.value }, where).toEqual({ kind: 'rounded', value: roundToBase(count, 5) });
      };
      for (const ward of body.wards) check(ward, raw.get(ward.code) ?? 0, `${theme} ${ward.name}`);
      check(
        body.borough,
        [...raw.values()].reduce((a, b) => a + b, 0),
        `${theme} borough`,
      );
      // Robbery in a month is a small-number table: some wards are hidden.
      if (theme === 'robbery') expect(body.wards.some((w) => w.kind === 'fewer-than')).toBe(true);
    }
    // Withholding is the exception, not the rule.
    expect(withheld).toBeLessThan(20);
  }, 120_000);

  it('gives each ward a rate per 1,000 residents from its published figure and its mid-2016 residents summed independently', async () => {
    const lookup = new Map((parse(readFileSync(LOOKUP, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => [r['LSOA21CD']!, r['WD25CD']!]));
    const residents = new Map<string, number>();
    for (const row of parse(readFileSync(POPULATION, 'utf8'), { columns: true }) as Record<string, string>[]) {
      const ward = lookup.get(row['LSOA 2021 Code']!)!;
      residents.set(ward, (residents.get(ward) ?? 0) + Number(row['Mid-2016: Population']));
    }
    const body = (await (await app.request(`/api/public/wards?theme=violence&month=${MONTH}`)).json()) as {
      borough: Figure & { residents: number; ratePer1000: number | null };
      wards: (Figure & { code: string; residents: number; residentsYear: number; ratePer1000: number | null })[];
    };
    let rated = 0;
    for (const ward of body.wards) {
      expect([ward.residents, ward.residentsYear], ward.code).toEqual([residents.get(ward.code), 2016]);
      if (ward.kind === 'rounded') {
        rated += 1;
        expect(ward.ratePer1000, ward.code).toBe(Math.round((ward.value! / residents.get(ward.code)!) * 10_000) / 10);
      } else expect(ward.ratePer1000, ward.code).toBeNull();
    }
    expect(rated).toBeGreaterThan(15);
    // Mid-2016: 289,011 residents in the 20 wards (the ONS estimates summed).
    expect(body.borough.residents).toBe(289_011);
  }, 60_000);
});
