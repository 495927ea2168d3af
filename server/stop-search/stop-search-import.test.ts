// The stop-and-search import through the one import path (runImport), on a real SQLite.
import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { HAND_MADE_ROWS, searchFile, searchLine, STOP_SEARCH_AREA, STOP_SEARCH_HEADER, WHITECHAPEL } from '../../tests/stop-search-rows';
import { replaceAreas } from '../areas/area-queries';
import { openDatabase, type Db } from '../db/open-database';
import { runImport, type ImportRequest } from '../import/run-import';
import { listImportBatches } from '../store/import-batches';

const NOW = new Date('2026-11-20T09:00:00Z');
const STOP_SEARCH: ImportRequest = { kind: 'stop-search', allowRejected: false };

function setup(options: { area: boolean } = { area: true }) {
  const db = openDatabase(':memory:');
  if (options.area) replaceAreas(db, 'study-area', [{ code: 'BOX', name: 'Whitechapel and Stepney', geometry: STOP_SEARCH_AREA }], 'test', NOW);
  const context = { db, importedBy: 'user:analyst', now: NOW };
  const run = (text: string, request: ImportRequest = STOP_SEARCH, fileName = 'searches.csv') =>
    runImport(context, request, { input: { bytes: new TextEncoder().encode(text) }, fileName });
  return { db, run };
}

const stored = (db: Db) => ({
  searches: Number(db.prepare('SELECT count(*) FROM stop_searches').pluck().get()),
  batches: Number(db.prepare('SELECT count(*) FROM import_batches').pluck().get()),
  incidents: Number(db.prepare('SELECT count(*) FROM incidents').pluck().get()),
});

describe('npm run import -- stop-search (runImport)', () => {
  it('stores the located searches inside the study area in London time, and counts the rest', async () => {
    const { db, run } = setup();
    const outcome = await run(searchFile(HAND_MADE_ROWS));
    expect(outcome.ok && outcome.type).toBe('stop-search');
    expect(outcome.ok && outcome.summary).toMatchObject({
      kind: 'stop-search',
      rowsRead: 7,
      imported: 5,
      duplicates: 0,
      rejected: 0,
      outsideArea: 1,
      withoutLocation: 1,
      withoutLocationMonths: { '2018-07': 1 },
      outsideAreaRows: [{ line: 7, message: 'point 0.01, 51.51 is outside the study area' }],
      months: { '2018-06': 3, '2018-07': 2 },
      outcomes: { arrest: 2, 'no-further-action': 2, 'drugs-warning': 1 },
      objects: { drugs: 4, weapons: 1 },
    });
    expect(db.prepare('SELECT occurred_at, search_type, object_class, outcome_class FROM stop_searches ORDER BY id').all()).toEqual([
      { occurred_at: '2018-06-10T13:00', search_type: 'Person search', object_class: 'drugs', outcome_class: 'arrest' },
      { occurred_at: '2018-06-10T13:00', search_type: 'Person search', object_class: 'drugs', outcome_class: 'arrest' },
      { occurred_at: '2018-06-20T10:00', search_type: 'Person search', object_class: 'drugs', outcome_class: 'no-further-action' },
      { occurred_at: '2018-07-01T00:30', search_type: 'Vehicle search', object_class: 'weapons', outcome_class: 'no-further-action' },
      { occurred_at: '2018-07-05T16:00', search_type: 'Person search', object_class: 'drugs', outcome_class: 'drugs-warning' },
    ]);
    // Searches are not incidents, and the batch is listed with the others.
    expect(stored(db)).toEqual({ searches: 5, batches: 1, incidents: 0 });
    expect(listImportBatches(db, 10)).toMatchObject([{ kind: 'stop-search', fileName: 'searches.csv', rowsRead: 7, rowsImported: 5, rowsOutsideArea: 1 }]);
  });

  it('adds nothing when the same file comes again, and only the extra copies of a repeated row', async () => {
    const { db, run } = setup();
    await run(searchFile(HAND_MADE_ROWS));
    const again = await run(searchFile(HAND_MADE_ROWS));
    expect(again.ok && again.summary).toMatchObject({ imported: 0, duplicates: 5, outsideArea: 1, withoutLocation: 1, months: {} });
    expect(stored(db)).toEqual({ searches: 5, batches: 2, incidents: 0 });
    // Three copies of the row stored twice: one more search (the per-key maximum, decision 003).
    const third = await run(searchFile([HAND_MADE_ROWS[0]!, HAND_MADE_ROWS[0]!, HAND_MADE_ROWS[0]!]));
    expect(third.ok && third.summary).toMatchObject({ imported: 1, duplicates: 2 });
    expect(stored(db).searches).toBe(6);
  });

  it('refuses a file with a bad row whole, storing nothing, unless told to take the valid rows', async () => {
    const { db, run } = setup();
    const bad = [...HAND_MADE_ROWS, HAND_MADE_ROWS[0]!.replace('2018-06-10T12:00:00+00:00', '2018-06-31T12:00:00+00:00')];
    const refused = await run(searchFile(bad));
    expect(refused.ok).toBe(false);
    expect(refused.ok ? null : refused.problem).toEqual({
      code: 'import_refused',
      message:
        '1 of 8 rows were rejected (first: line 9: Date "2018-06-31T12:00:00+00:00" is not a real date and time; check the day, month and hour). ' +
        'Nothing was imported. Fix the rows, or import the valid rows only with --allow-rejected (API: allowRejected=true).',
    });
    expect(stored(db)).toEqual({ searches: 0, batches: 0, incidents: 0 });
    const allowed = await run(searchFile(bad), { kind: 'stop-search', allowRejected: true });
    expect(allowed.ok && allowed.summary).toMatchObject({ imported: 5, rejected: 1, rejections: [{ line: 9 }] });
    expect(stored(db).searches).toBe(5);
  });

  it('refuses a file without a required column, or without rows, before storing anything', async () => {
    const { db, run } = setup();
    const noOutcome = await run(`${STOP_SEARCH_HEADER.replace(',Outcome,', ',Result,')}\n${HAND_MADE_ROWS[0]}\n`);
    expect(noOutcome.ok ? null : noOutcome.problem.message).toMatch(/^The header lacks "Outcome"\. /);
    const headerOnly = await run(`${STOP_SEARCH_HEADER}\n`);
    expect(headerOnly.ok ? null : headerOnly.problem.message).toBe('The file has a header but no data rows. Nothing was imported.');
    expect(stored(db)).toEqual({ searches: 0, batches: 0, incidents: 0 });
  });

  it('keeps every located search when no study area is stored, and says so', async () => {
    const { db, run } = setup({ area: false });
    const outcome = await run(searchFile(HAND_MADE_ROWS));
    expect(outcome.ok && outcome.summary).toMatchObject({ imported: 6, outsideArea: 0, withoutLocation: 1 });
    expect(outcome.ok && outcome.summary.notes).toContain(
      'No study area is stored, so every located search was kept; import the borough first (npm run import -- study-area ...).',
    );
    expect(stored(db).searches).toBe(6);
  });

  it('stores each search in the H3 cell of its own point at every served resolution', async () => {
    const { db, run } = setup();
    await run(
      searchFile([
        searchLine({
          date: '2018-06-10T12:00:00+00:00',
          at: WHITECHAPEL,
          age: '18-24',
          selfDefined: '',
          officer: '',
          object: 'Controlled drugs',
          outcome: 'Arrest',
        }),
      ]),
    );
    const cells = db.prepare('SELECT h3_r7, h3_r8, h3_r9, h3_r10 FROM stop_searches').get() as Record<string, string>;
    // h3-js directly (not geo/h3, the code under test): the cell of the point at each resolution.
    expect(cells).toEqual({
      h3_r7: latLngToCell(WHITECHAPEL[1], WHITECHAPEL[0], 7),
      h3_r8: latLngToCell(WHITECHAPEL[1], WHITECHAPEL[0], 8),
      h3_r9: latLngToCell(WHITECHAPEL[1], WHITECHAPEL[0], 9),
      h3_r10: latLngToCell(WHITECHAPEL[1], WHITECHAPEL[0], 10),
    });
  });
});
