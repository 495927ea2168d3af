// Seeds a temporary database for the end-to-end stories through the server's own write
// paths (replaceAreas, commitImport, seedDemoAccounts), with the real Tower Hamlets
// boundaries from ../shared/data and synthetic incidents whose hotspots we know.
// It depends on neither the demo data generator nor the file importers.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { createAreaTest } from '../../geo/study-area';
import { isoDateOfDay, parseIsoDate } from '../../geo/time';
import { areaGeometrySchema, replaceAreas } from '../../server/areas/area-queries';
import { createApiToken, seedDemoAccounts } from '../../server/auth/auth-queries';
import { openDatabase } from '../../server/db/open-database';
import { commitImport } from '../../server/store/commit-import';
import { draftsToCommit } from '../../server/import/locate-rows';
import type { IncidentDraft } from '../../geo/types';
import { seededRandom } from '../../geo/seeded-random';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const SHARED_DATA = resolve(REPO_ROOT, '../shared/data');

/** The last day of the seeded data. Real "today" is later, so "last N days" anchors here. */
export const DATA_END_DAY = '2025-03-14';

/** Hotspots planted in the data, [lng, lat]. */
export const HOTSPOTS = {
  robberyWhitechapel: [-0.0597, 51.5194],
  violenceMileEnd: [-0.0331, 51.5252],
  violencePoplar: [-0.0175, 51.5075],
  drugsLimehouse: [-0.0396, 51.5123],
} as const;

/** The robbery cluster's peak hour in the seeded data: Friday 22:00 to 23:00, London time. */
export const ROBBERY_PEAK_CAPTION = 'Peak: Fri 22:00–23:00';

/** Month-precision (police.uk style) violence in February: straddles a 28-day window ending 14 March. */
export const FEBRUARY_MONTH_ONLY_INCIDENTS = 25;

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()),
      geometry: areaGeometrySchema,
    }),
  ),
});

function readAreas(relativePath: string) {
  return featureCollection.parse(JSON.parse(readFileSync(resolve(SHARED_DATA, relativePath), 'utf8'))).features;
}

export interface SeededDatabase {
  /** Bearer token of an analyst, for asking the API what the page should show. */
  analystToken: string;
  incidents: number;
}

export function seedDatabase(dbPath: string): SeededDatabase {
  const now = new Date(`${DATA_END_DAY}T18:00:00Z`);
  const db = openDatabase(dbPath);
  try {
    // Accounts and tokens live in real time: the server checks a token's expiry against the
    // wall clock, while the incidents sit in a fixed past window.
    const signUpTime = new Date();
    seedDemoAccounts(db, signUpTime);
    const analystToken = createApiToken(db, 'analyst', 'e2e', signUpTime);

    const [borough] = readAreas('boundaries/tower_hamlets_borough.geojson');
    if (!borough) throw new Error('the borough file has no feature');
    replaceAreas(db, 'study-area', [{ code: 'E09000030', name: 'Tower Hamlets', geometry: borough.geometry }], 'tower_hamlets_borough.geojson', now);
    const wards = readAreas('boundaries/tower_hamlets_wards.geojson').map((f) => ({
      code: String(f.properties['GSS_CODE']),
      name: String(f.properties['NAME_CURRENT']),
      geometry: f.geometry,
    }));
    replaceAreas(db, 'ward', wards, 'tower_hamlets_wards.geojson', now);
    const water = readAreas('basemap/thames_tidal_water_tower_hamlets_area.geojson');
    replaceAreas(
      db,
      'water',
      water.map((f) => ({ code: 'thames', name: 'River Thames', geometry: f.geometry })),
      'thames.geojson',
      now,
    );
    const roads = readAreas('basemap/tfl_road_network_tlrn_tower_hamlets_area.geojson');
    replaceAreas(
      db,
      'road',
      roads.map((f) => ({ code: 'tlrn', name: 'TfL red routes', geometry: f.geometry })),
      'tlrn.geojson',
      now,
    );

    const random = seededRandom(20250314);
    const endDay = parseIsoDate(DATA_END_DAY);
    if (!endDay.ok) throw new Error(endDay.reason);
    const drafts: IncidentDraft[] = [];
    const pad = (n: number) => String(n).padStart(2, '0');
    const add = (category: string, [lng, lat]: readonly [number, number], jitterDegrees: number, daysBack: number, atMinute?: number) => {
      const minute = atMinute ?? Math.floor(random() * 1440);
      drafts.push({
        sourceRecordId: `E2E-${drafts.length + 1}`,
        category,
        occurredAt: `${isoDateOfDay(endDay.value - daysBack)}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`,
        precision: 'minute',
        lng: lng + (random() - 0.5) * 2 * jitterDegrees,
        lat: lat + (random() - 0.5) * 2 * jitterDegrees * 0.62,
      });
    };
    // Robbery near Whitechapel: hot all along, hottest in the last week (and on the last day).
    for (let k = 0; k < 30; k++) add('robbery', HOTSPOTS.robberyWhitechapel, 0.0004, Math.floor(random() * 60));
    for (let k = 0; k < 14; k++) add('robbery', HOTSPOTS.robberyWhitechapel, 0.0004, Math.floor(random() * 7));
    add('robbery', HOTSPOTS.robberyWhitechapel, 0.0002, 0);
    // Friday nights at Whitechapel: 14 March 2025 is a Friday, so 7, 14 and 21 days back are too.
    for (const daysBack of [7, 7, 14, 21]) add('robbery', HOTSPOTS.robberyWhitechapel, 0.0002, daysBack, 22 * 60 + Math.floor(random() * 60));
    for (let k = 0; k < 40; k++) add('violent-crime', HOTSPOTS.violenceMileEnd, 0.0006, Math.floor(random() * 60));
    for (let k = 0; k < 25; k++) add('violent-crime', HOTSPOTS.violencePoplar, 0.0008, Math.floor(random() * 60));
    for (let k = 0; k < 35; k++) add('drugs', HOTSPOTS.drugsLimehouse, 0.0005, Math.floor(random() * 60));
    // Background: spread over the borough's box; points outside the borough are reported, not stored.
    const categories = ['robbery', 'violent-crime', 'drugs', 'possession-of-weapons'];
    for (let k = 0; k < 400; k++) {
      const point: [number, number] = [-0.075 + random() * 0.08, 51.488 + random() * 0.052];
      add(categories[k % categories.length]!, point, 0, Math.floor(random() * 60));
    }
    // Older robbery (days 60 to 200 back): enough weekly history for the forecast's backtest
    // (12 training weeks and more), with the Whitechapel cluster hot all along.
    for (let k = 0; k < 60; k++) add('robbery', HOTSPOTS.robberyWhitechapel, 0.0004, 60 + Math.floor(random() * 140));
    for (let k = 0; k < 140; k++) {
      const point: [number, number] = [-0.075 + random() * 0.08, 51.488 + random() * 0.052];
      add('robbery', point, 0, 60 + Math.floor(random() * 140));
    }

    const area = createAreaTest(borough.geometry);
    const importedAt = now.toISOString();
    // Synthetic incidents are labelled demo, as everywhere else in the app.
    const minuteBatch = commitImport(db, {
      kind: 'partner',
      source: 'demo',
      fileName: 'e2e-synthetic-partner.csv',
      fileSha256: 'e2e-synthetic-partner',
      importedBy: 'e2e',
      importedAt,
      ...draftsToCommit(drafts),
      area,
      allowRejected: false,
    });
    if (!minuteBatch.ok) throw new Error(minuteBatch.reason);

    const monthDrafts: IncidentDraft[] = [];
    for (let k = 0; k < FEBRUARY_MONTH_ONLY_INCIDENTS; k++) {
      const [lng, lat] = k % 2 === 0 ? HOTSPOTS.violenceMileEnd : HOTSPOTS.violencePoplar;
      monthDrafts.push({
        sourceRecordId: null,
        category: 'violent-crime',
        occurredAt: '2025-02',
        precision: 'month',
        lng: lng + (random() - 0.5) * 0.002,
        lat: lat + (random() - 0.5) * 0.0012,
      });
    }
    const monthBatch = commitImport(db, {
      kind: 'police-uk',
      source: 'police-uk',
      fileName: 'e2e-2025-02-street.csv',
      fileSha256: 'e2e-2025-02-street',
      importedBy: 'e2e',
      importedAt,
      ...draftsToCommit(monthDrafts),
      area,
      allowRejected: false,
    });
    if (!monthBatch.ok) throw new Error(monthBatch.reason);
    if (monthBatch.summary.imported !== FEBRUARY_MONTH_ONLY_INCIDENTS) {
      throw new Error(`expected ${FEBRUARY_MONTH_ONLY_INCIDENTS} month-only incidents, imported ${monthBatch.summary.imported}`);
    }
    return { analystToken, incidents: minuteBatch.summary.imported + monthBatch.summary.imported };
  } finally {
    db.close();
  }
}
