// Must show (issue 11): `npm run import -- stop-search` takes the real police.uk stop-and-search
// file with a correct summary, checked against an independent reading of the raw file (csv-parse
// and Turf's point-in-polygon on the borough, its own outcome table and its own British Summer
// Time rule, sharing no code with server/stop-search); the summary route agrees; a re-import
// adds nothing.
import { booleanPointInPolygon } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCli, type CliIo } from '../../scripts/import-cli';
import { createApp } from '../../server/app';
import { createApiToken } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { SHARED_DATA } from './test-support';

const FILE = resolve(SHARED_DATA, 'crime/tower_hamlets_bbox_stop_and_search_2016-06_2019-02.csv.gz');
const BOROUGH = resolve(SHARED_DATA, 'boundaries/tower_hamlets_borough.geojson');
const NOW = new Date('2026-11-20T09:00:00Z');

/** The outcome words of the file and their classes, written out here from police.uk's meanings. */
const CLASS_OF_OUTCOME: Record<string, string> = {
  'A no further action disposal': 'no-further-action',
  'Nothing found - no further action': 'no-further-action',
  'Suspect arrested': 'arrest',
  Arrest: 'arrest',
  'Offender given drugs possession warning': 'drugs-warning',
  'Khat or Cannabis warning': 'drugs-warning',
  'Community resolution': 'community-resolution',
  'Local resolution': 'community-resolution',
  'Penalty Notice for Disorder': 'penalty-notice',
  'Offender given penalty notice': 'penalty-notice',
  'Summons / charged by post': 'summons-charge',
  'Suspect summonsed to court': 'summons-charge',
  'Offender cautioned': 'caution',
  'Caution (simple or conditional)': 'caution',
  'Article found - Detailed outcome unavailable': 'article-found',
};

/** Last Sunday of a month (UTC date), for the UK summer time rule since 1996. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay());
}
/** British Summer Time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
const isSummerTime = (utcMs: number) => {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSunday(year, 3) + 3_600_000 && utcMs < lastSunday(year, 10) + 3_600_000;
};

interface RawSearch {
  utcMs: number;
  /** London local time as 'YYYY-MM-DDTHH:MM'. */
  london: string;
  summer: boolean;
  located: boolean;
  inside: boolean;
  outcomeClass: string;
  object: string;
}

interface Raw {
  rows: RawSearch[];
}

function readRaw(): Raw {
  const text = gunzipSync(readFileSync(FILE)).toString('utf8');
  const records = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const borough = JSON.parse(readFileSync(BOROUGH, 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  const rows = records.map((r) => {
    const utcMs = Date.parse(r['Date']!);
    const summer = isSummerTime(utcMs);
    const london = new Date(utcMs + (summer ? 3_600_000 : 0)).toISOString().slice(0, 16);
    const located = r['Latitude'] !== '' && r['Longitude'] !== '';
    const point = [Number(r['Longitude']), Number(r['Latitude'])];
    const inside = located && borough.features.some((f) => booleanPointInPolygon(point, f));
    const outcomeClass = CLASS_OF_OUTCOME[r['Outcome']!];
    if (!outcomeClass) throw new Error(`the independent table has no class for "${r['Outcome']}"`);
    return { utcMs, london, summer, located, inside, outcomeClass, object: r['Object of search']! };
  });
  return { rows };
}

const tally = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};
const sortedEntries = (counts: Record<string, number>) => Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), progress: false, env: {}, now: () => NOW };
  const code = await runImportCli(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let dir: string;
let raw: Raw;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stop-search-real-'));
  raw = readRaw();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the real police.uk stop-and-search file', () => {
  it('imports with the summary an independent reading gives: inside the borough, outside it, without coordinates, outcome classes', async () => {
    const dbPath = join(dir, 'first.db');
    expect((await cli(['study-area', '--db', dbPath, BOROUGH])).code).toBe(0);
    const run = await cli(['stop-search', '--db', dbPath, FILE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const inside = raw.rows.filter((r) => r.inside);
    const outside = raw.rows.filter((r) => r.located && !r.inside);
    // The file as SOURCES.md describes it: 29,945 rows, all located (it was selected by a box).
    expect(raw.rows).toHaveLength(29_945);
    expect(raw.rows.filter((r) => !r.located)).toHaveLength(0);
    expect(inside.length).toBeGreaterThan(10_000);
    expect(outside.length).toBeGreaterThan(10_000);

    const db = openDatabase(dbPath);
    const batch = db
      .prepare("SELECT rows_read, rows_imported, rows_duplicate, rows_rejected, rows_outside_area, summary_json FROM import_batches WHERE kind = 'stop-search'")
      .get() as {
      rows_read: number;
      rows_imported: number;
      rows_duplicate: number;
      rows_rejected: number;
      rows_outside_area: number;
      summary_json: string;
    };
    expect([batch.rows_read, batch.rows_imported, batch.rows_duplicate, batch.rows_rejected, batch.rows_outside_area]).toEqual([
      29_945,
      inside.length,
      0,
      0,
      outside.length,
    ]);
    const summary = JSON.parse(batch.summary_json) as {
      withoutLocation: number;
      outcomes: Record<string, number>;
      months: Record<string, number>;
      notes: string[];
    };
    expect(summary.withoutLocation).toBe(0);
    expect(sortedEntries(summary.outcomes)).toEqual(sortedEntries(tally(inside, (r) => r.outcomeClass)));
    // Months in London time: a search at 23:30 UTC on the last day of a summer month belongs to the next month.
    expect(sortedEntries(summary.months)).toEqual(sortedEntries(tally(inside, (r) => r.london.slice(0, 7))));
    expect(summary.notes).toEqual([expect.stringMatching(/^34 rows have an empty Object of search/)]);
    // Every stored time is the independent London time, minute for minute.
    const stored = db.prepare('SELECT occurred_at, count(*) AS n FROM stop_searches GROUP BY occurred_at').all() as { occurred_at: string; n: number }[];
    expect(sortedEntries(Object.fromEntries(stored.map((s) => [s.occurred_at, s.n])))).toEqual(sortedEntries(tally(inside, (r) => r.london)));
    db.close();

    // Again: nothing added, every search inside the borough a duplicate.
    const again = await cli(['stop-search', '--db', dbPath, FILE]);
    expect(again.code).toBe(0);
    const db2 = openDatabase(dbPath);
    expect(Number(db2.prepare('SELECT count(*) FROM stop_searches').pluck().get())).toBe(inside.length);
    expect(db2.prepare("SELECT rows_imported, rows_duplicate FROM import_batches WHERE kind = 'stop-search' ORDER BY id DESC LIMIT 1").get()).toEqual({
      rows_imported: 0,
      rows_duplicate: inside.length,
    });

    // The summary route over the whole file agrees with the independent count.
    const app = createApp({ db: db2, clock: () => NOW });
    const token = createApiToken(db2, 'analyst', 'test', NOW);
    const res = await app.request('/api/stop-search/summary?from=2016-06-01&to=2019-03-01', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      total: {
        searches: number;
        outcomes: Record<string, number>;
        positiveOutcome: { measure: string; positive: number; of: number };
        byObject: { group: string; searches: number }[];
      };
      months: { month: string; searches: number }[];
    };
    expect(body.total.searches).toBe(inside.length);
    expect(sortedEntries(Object.fromEntries(Object.entries(body.total.outcomes).filter(([, n]) => n > 0)))).toEqual(
      sortedEntries(tally(inside, (r) => r.outcomeClass)),
    );
    // The Met leaves the link column empty: the rate is "outcome other than no further action".
    const nfa = inside.filter((r) => r.outcomeClass === 'no-further-action').length;
    expect(body.total.positiveOutcome).toMatchObject({ measure: 'outcome-other-than-no-further-action', positive: inside.length - nfa, of: inside.length });
    expect(body.total.byObject.find((g) => g.group === 'drugs')?.searches).toBe(inside.filter((r) => r.object === 'Controlled drugs').length);
    expect(body.months.map((m) => [m.month, m.searches])).toEqual(sortedEntries(tally(inside, (r) => r.london.slice(0, 7))));
    db2.close();
  });

  it('reads the Date offset as true UTC: the quietest hour is the same London hour in summer and winter', () => {
    // In UTC the quietest hour moves: 05:00-05:59 in summer and 06:00-06:59 in winter, which is
    // 06:00-06:59 London time in both (decision 024). Were the times London time mislabelled
    // +00:00, the quietest hour would not move with the clocks.
    const quietest = (rows: readonly RawSearch[], hourOf: (r: RawSearch) => number) => {
      const counts = new Array<number>(24).fill(0);
      for (const r of rows) counts[hourOf(r)]! += 1;
      return counts.indexOf(Math.min(...counts));
    };
    const summer = raw.rows.filter((r) => r.summer);
    const winter = raw.rows.filter((r) => !r.summer);
    const utcHour = (r: RawSearch) => new Date(r.utcMs).getUTCHours();
    const londonHour = (r: RawSearch) => Number(r.london.slice(11, 13));
    expect([quietest(summer, utcHour), quietest(winter, utcHour)]).toEqual([5, 6]);
    expect([quietest(summer, londonHour), quietest(winter, londonHour)]).toEqual([6, 6]);
  });
});
