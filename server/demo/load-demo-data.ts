// First start on an empty database: store the demo borough, its wards and two years of
// synthetic incidents ending yesterday, so the app runs with no outside files. The
// incidents go through commitImport, the same write path as every real import, under
// source 'demo' (which /api/meta reports as demo: true). The planted taskings and their
// visits go through the tasking store, each with the evidence snapshot the server would
// have taken on the day the meeting made it, recorded as made by the demo generator.
import { createHash } from 'node:crypto';
import { DEMO_STUDY_AREA_CODE, DEMO_STUDY_AREA_NAME } from '../../geo/demo/demo-area';
import { incidentsCsv } from '../../geo/demo/demo-files';
import { DEFAULT_DEMO_SEED, DEMO_SOURCE, generateDemoData } from '../../geo/demo/generate-demo-data';
import type { DemoTasking } from '../../geo/demo/generate-planted-taskings';
import { createAreaTest } from '../../geo/study-area';
import { londonWallClock, parseIsoDate } from '../../geo/time';
import type { Principal } from '../app-env';
import { getStudyArea, replaceAreas, STUDY_AREA_KIND } from '../areas/area-queries';
import type { Db } from '../db/open-database';
import { createStudyGridCache } from '../hotspots/study-grid';
import { commitImport } from '../store/commit-import';
import { createCoverageCache } from '../store/coverage-store';
import { buildIncidentIndex } from '../incidents/incident-index';
import { parsedFromDrafts } from '../store/incident-columns';
import { locateRowsHere } from '../import/locate-rows';
import { storedIncidentCount } from '../store/chunk-store';
import type { ParsedFile } from '../store/import-types';
import { takeEvidenceSnapshot } from '../taskings/tasking-evidence';
import type { TaskingFields } from '../../geo/taskings/tasking-fields';
import { insertTasking, insertVisit } from '../taskings/tasking-store';
import { demoCalendarEntries } from '../../geo/demo/school-calendar';
import { replaceCalendarYears } from '../schools/school-calendar-store';
import { replaceSchools } from '../schools/school-store';
import { demoSearchesCsv, splitDemoSearches } from '../../geo/demo/demo-searches';
import { importStopSearchText } from '../stop-search/stop-search-import';
import { demoCamerasCsv } from '../../geo/demo/demo-cameras';
import { importCamerasText } from '../cameras/camera-import';
import { demoWardPopulations, wardPopulationsCsv } from '../../geo/demo/demo-ward-populations';
import { importPopulationText } from '../populations/population-import';

export const DEMO_FILE_NAME = 'demo-data (generated)';
export const DEMO_SEARCHES_FILE_NAME = 'demo stop and search (generated)';
export const DEMO_CAMERAS_FILE_NAME = 'demo cameras (generated)';
export const DEMO_POPULATIONS_FILE_NAME = 'demo ward populations (generated)';

/** Who made the planted taskings and logged their visits, in their audit trails. */
export const DEMO_PRINCIPAL: Principal = { id: 'demo:generator', name: 'Demo data', role: 'analyst' };

/** Stores the planted taskings, each with its evidence as the data stood when it was made, and their visits. */
function storeDemoTaskings(db: Db, taskings: readonly DemoTasking[]): void {
  if (taskings.length === 0) return;
  // One index for all of them: the app builds its own on its first request.
  const index = buildIncidentIndex(db);
  const grid = createStudyGridCache(db);
  const coverage = createCoverageCache(db)();
  for (const planted of taskings) {
    const fields: TaskingFields = planted.fields;
    const snapshot = takeEvidenceSnapshot(index, grid, coverage, {
      categories: fields.categories,
      cells: fields.cells,
      h3Resolution: fields.h3Resolution,
      window: { ...planted.evidenceWindow, timeFilter: null, hours: null, weekdays: null },
      takenAt: planted.createdAt,
    });
    const record = insertTasking(db, fields, snapshot, DEMO_PRINCIPAL, planted.createdAt);
    // Logged when the visit ended, as an officer's phone sends it.
    for (const visit of planted.visits) insertVisit(db, record.id, visit, DEMO_PRINCIPAL, visit.endedAt);
  }
}

/**
 * Loads the demo data when the database holds no incidents and no study area; returns
 * what it loaded, or null when it did nothing. Everything lands in one transaction. The
 * server always uses the default seed; another seed is for measuring the demo's results.
 */
/** The demo's invented schools and its own term dates, through the schools and calendar stores as an import would. */
function storeDemoSchools(db: Db, data: ReturnType<typeof generateDemoData>, fileSha256: string, now: Date): void {
  const meta = { fileName: DEMO_FILE_NAME, fileSha256, importedAt: now.toISOString(), importedBy: 'demo-data' };
  replaceSchools(
    db,
    data.schools.map((school, k) => ({
      line: k + 2,
      urn: Number(school.urn),
      name: school.name,
      phase: school.phase === 'Primary' ? 'primary' : 'secondary',
      phaseInFile: school.phase,
      typeInFile: null,
      statusInFile: 'Open',
      open: true,
      location: { lng: school.position[0], lat: school.position[1], from: 'lng-lat' },
    })),
    meta,
    false,
  );
  const entries = demoCalendarEntries(parseDay(data.groundTruth.startDate), parseDay(data.groundTruth.endDate)).map((e, k) => ({ ...e, line: k + 2 }));
  replaceCalendarYears(db, [...new Set(entries.map((e) => e.schoolYear))], entries, meta);
}

function parseDay(text: string): number {
  const day = parseIsoDate(text);
  if (!day.ok) throw new Error(day.reason);
  return day.value;
}

export function loadDemoDataIfEmpty(db: Db, now: Date, seed = DEFAULT_DEMO_SEED): { incidents: number; searches: number; taskings: number } | null {
  // The stored count, not count(*) over the incidents view, which would decode every chunk.
  const isEmpty = () => storedIncidentCount(db) === 0 && getStudyArea(db) === null;
  if (!isEmpty()) return null;

  // Data ends yesterday, London time: today's London date is the exclusive end.
  const today = parseIsoDate(londonWallClock(now).slice(0, 10));
  if (!today.ok) throw new Error(today.reason);
  const data = generateDemoData({ endDay: today.value, seed });

  // Drug searches are stop-and-search records, stored apart from crimes (issue 11).
  const { incidents, searches } = splitDemoSearches(data.incidents);
  const parsed: ParsedFile = {
    // Line numbers as in the CSV the same data makes (header on line 1).
    ...parsedFromDrafts(incidents),
    notes: [
      `Synthetic demo data (seed ${data.groundTruth.seed}, ${data.groundTruth.startDate} to ${data.groundTruth.endDate} exclusive): no real incidents. See docs/demo-data.md.`,
    ],
  };
  const fileSha256 = createHash('sha256').update(incidentsCsv(incidents)).digest('hex');
  const searchesCsv = demoSearchesCsv(seed, searches);
  const camerasCsv = demoCamerasCsv(data.cameras);
  const populationsCsv = wardPopulationsCsv(demoWardPopulations(data.wards));

  let imported = 0;
  let searchesStored = 0;
  // Immediate, and checked again inside: an import from the CLI may have landed while the demo
  // data was being generated, and the demo never mixes with real data.
  const loaded = db.transaction(() => {
    if (!isEmpty()) return false;
    replaceAreas(db, STUDY_AREA_KIND, [{ code: DEMO_STUDY_AREA_CODE, name: DEMO_STUDY_AREA_NAME, geometry: data.studyArea }], DEMO_FILE_NAME, now);
    replaceAreas(
      db,
      'ward',
      data.wards.map((w) => ({ code: w.code, name: w.name, geometry: w.geometry })),
      DEMO_FILE_NAME,
      now,
    );
    const result = commitImport(db, {
      kind: 'partner',
      source: DEMO_SOURCE,
      fileName: DEMO_FILE_NAME,
      fileSha256,
      importedBy: 'demo-data',
      importedAt: now.toISOString(),
      parsed,
      located: locateRowsHere(parsed.rows),
      area: createAreaTest(data.studyArea),
      allowRejected: false,
    });
    if (!result.ok) throw new Error(`Demo data did not import: ${result.reason}`);
    // The generator keeps every point inside the area; anything else is a bug, not a skip.
    if (result.summary.outsideArea > 0) throw new Error(`${result.summary.outsideArea} demo incidents fell outside the demo area`);
    imported = result.summary.imported;
    storeDemoTaskings(db, data.taskings);
    storeDemoSchools(db, data, fileSha256, now);
    const stored = importStopSearchText(db, {
      text: searchesCsv,
      sha256: createHash('sha256').update(searchesCsv).digest('hex'),
      fileName: DEMO_SEARCHES_FILE_NAME,
      importedBy: 'demo-data',
      now,
      allowRejected: false,
    });
    if (!stored.ok) throw new Error(`Demo searches did not import: ${stored.reason.problem.message}`);
    const cameras = importCamerasText(
      { db, importedBy: 'demo-data', now },
      { text: camerasCsv, sha256: createHash('sha256').update(camerasCsv).digest('hex'), fileName: DEMO_CAMERAS_FILE_NAME },
    );
    if (!cameras.ok) throw new Error(`Demo cameras did not import: ${cameras.problem.message}`);
    if (cameras.summary.outsideArea > 0) throw new Error(`${cameras.summary.outsideArea} demo cameras fell outside the demo area`);
    // Residents per demo ward and year (rates per 1,000 residents), through the population importer.
    const populations = importPopulationText(
      { db, importedBy: 'demo-data', now },
      { text: populationsCsv, sha256: createHash('sha256').update(populationsCsv).digest('hex'), fileName: DEMO_POPULATIONS_FILE_NAME },
      null,
    );
    if (!populations.ok) throw new Error(`Demo ward populations did not import: ${populations.problem.message}`);
    if (stored.value.outsideArea > 0) throw new Error(`${stored.value.outsideArea} demo searches fell outside the demo area`);
    searchesStored = stored.value.imported;
    return true;
  });
  if (!loaded.immediate()) return null;
  return { incidents: imported, searches: searchesStored, taskings: data.taskings.length };
}
