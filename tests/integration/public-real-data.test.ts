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
});
