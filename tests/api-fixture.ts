// A small real API to call every route of: SQLite in memory, an account per role, a study area
// around Whitechapel with two wards, a few hundred incidents (exact times and police.uk months)
// and one tasking (id 1), so the routes' sample paths lead to real records.
import { cellAt, cellsWithinDistance } from '../geo/h3';
import { seededRandom } from '../geo/seeded-random';
import { dayNumber, isoDateOfDay } from '../geo/time';
import type { IncidentDraft } from '../geo/types';
import { createApp, type CreateAppOptions } from '../server/app';
import { replaceAreas } from '../server/areas/area-queries';
import { createApiToken, seedTestAccounts } from '../server/auth/auth-queries';
import { ROLES, type Role } from '../server/auth/roles';
import { openDatabase } from '../server/db/open-database';
import { storeIncidents } from './store-incidents';

export const FIXTURE_NOW = new Date('2026-11-20T09:00:00Z');
const TODAY = dayNumber(2026, 11, 20);
const HOT: [number, number] = [-0.0597, 51.5194];

export const box = (west: number, south: number, east: number, north: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

function drafts(): { exact: IncidentDraft[]; monthly: IncidentDraft[] } {
  const random = seededRandom(10);
  const categories = ['robbery', 'violent-crime', 'burglary', 'anti-social-behaviour', 'drugs'];
  const exact: IncidentDraft[] = [];
  for (let k = 0; k < 400; k++) {
    const near = k % 4 === 0;
    const minute = Math.floor(random() * 1440);
    exact.push({
      sourceRecordId: `F-${k}`,
      category: categories[k % categories.length]!,
      occurredAt: `${isoDateOfDay(TODAY - 1 - Math.floor(random() * 120))}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      precision: 'minute',
      lng: near ? HOT[0] + (random() - 0.5) * 0.002 : -0.078 + random() * 0.045,
      lat: near ? HOT[1] + (random() - 0.5) * 0.001 : 51.507 + random() * 0.021,
    });
  }
  const monthly: IncidentDraft[] = [];
  for (let k = 0; k < 200; k++) {
    monthly.push({
      sourceRecordId: null,
      category: categories[k % categories.length]!,
      occurredAt: `2026-0${1 + (k % 9)}`,
      precision: 'month',
      lng: -0.078 + random() * 0.045,
      lat: 51.507 + random() * 0.021,
    });
  }
  return { exact, monthly };
}

/** A tasking as a chair sends it, on the hot cell and its neighbours. */
export const fixtureTaskingBody = () => ({
  title: 'Whitechapel robbery after school',
  theme: 'robbery',
  problem: 'A hot cluster of robbery near the station',
  cells: cellsWithinDistance(cellAt(HOT[0], HOT[1], 9), 1).sort(),
  timeBands: [{ weekdays: 'mon-fri', hours: '15-18' }],
  startDate: '2026-11-20',
  reviewDate: '2026-12-18',
  objective: 'Cut after-school robbery around the station',
  tactics: ['high-visibility-patrol'],
  team: 'theo',
  owner: 'chair',
  plannedDosage: { visitsPerDay: 2, minutesPerVisit: 15 },
  status: 'active',
});

export async function seededApi(options: Omit<CreateAppOptions, 'db' | 'clock'> = {}) {
  const db = openDatabase(':memory:');
  seedTestAccounts(db, FIXTURE_NOW);
  replaceAreas(db, 'study-area', [{ code: 'box', name: 'Whitechapel box', geometry: box(-0.08, 51.505, -0.03, 51.53) }], 'fixture', FIXTURE_NOW);
  replaceAreas(
    db,
    'ward',
    [
      { code: 'W1', name: 'West ward', geometry: box(-0.08, 51.505, -0.055, 51.53) },
      { code: 'W2', name: 'East ward', geometry: box(-0.055, 51.505, -0.03, 51.53) },
    ],
    'fixture',
    FIXTURE_NOW,
  );
  const { exact, monthly } = drafts();
  storeIncidents(db, exact);
  storeIncidents(db, monthly, 'police.uk');
  const app = createApp({ db, clock: () => FIXTURE_NOW, ...options });
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createApiToken(db, role, `${role} token`, FIXTURE_NOW)])) as Record<Role, string>;
  const created = await app.request('/api/taskings', {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.chair}`, 'content-type': 'application/json' },
    body: JSON.stringify(fixtureTaskingBody()),
  });
  if (created.status !== 201) throw new Error(`the fixture's tasking was refused: ${created.status} ${await created.text()}`);
  return { db, app, tokens };
}
