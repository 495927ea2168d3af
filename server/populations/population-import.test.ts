// The population importer through the one import path (runImport): the real ONS LSOA 2021
// estimates in ../shared/data/context added up to the real wards by the real best-fit lookup,
// checked against an independent sum (csv-parse over the raw files, not our parser), and
// made-up files for row errors, refusals that store nothing, and re-imports.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open-database';
import { runImport, type ImportOutcome } from '../import/run-import';
import { replaceAreas } from '../areas/area-queries';
import type { PopulationImportSummary } from './population-import';
import { listWardPopulations, wardPopulations } from './population-queries';

const SHARED_DATA = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/data');
const LSOA_ESTIMATES = resolve(SHARED_DATA, 'context/tower_hamlets_lsoa2021_population_density_mid2011_mid2022.csv');
const LOOKUP = resolve(SHARED_DATA, 'context/tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup.csv');
const IMD_2015 = resolve(SHARED_DATA, 'context/tower_hamlets_imd2019_population_mid2015_lsoa2011.csv');
const WARDS = resolve(SHARED_DATA, 'boundaries/tower_hamlets_wards.geojson');
const NOW = new Date('2026-12-02T09:00:00Z');
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

async function realWards(db: Db) {
  const outcome = await runImport(
    { db, importedBy: 'test', now: NOW },
    { kind: 'areas', areaKind: 'ward' },
    { input: { path: WARDS }, fileName: 'wards.geojson' },
  );
  if (!outcome.ok) throw new Error(outcome.problem.message);
}

function madeUpWards(db: Db, codes: readonly string[]) {
  replaceAreas(
    db,
    'ward',
    codes.map((code) => ({ code, name: `Ward ${code}`, geometry: SQUARE })),
    'test',
    NOW,
  );
}

const file = (input: { path: string } | { text: string }, fileName = 'populations.csv') =>
  'path' in input ? { input, fileName: input.path.split('/').at(-1)! } : { input: { bytes: new TextEncoder().encode(input.text) }, fileName };

async function importPopulation(db: Db, input: { path: string } | { text: string }, lookup: { path: string } | { text: string } | null = null) {
  return runImport({ db, importedBy: 'test', now: NOW }, { kind: 'population', lookup: lookup ? file(lookup, 'lookup.csv') : null }, file(input));
}

function summaryOf(outcome: ImportOutcome): PopulationImportSummary {
  if (!('type' in outcome) || outcome.type !== 'population' || !outcome.summary) throw new Error(`not a population summary: ${JSON.stringify(outcome)}`);
  return outcome.summary;
}

function refusal(outcome: ImportOutcome): string {
  if (outcome.ok) throw new Error('expected the file to be refused');
  return outcome.problem.message;
}

/** Everything stored: what "nothing stored" is checked against. */
const snapshot = (db: Db) => ({
  populations: db.prepare('SELECT * FROM populations ORDER BY area_code, year').all(),
  batches: db.prepare('SELECT count(*) FROM import_batches').pluck().get(),
});

describe('the real ONS LSOA 2021 estimates with the best-fit ward lookup', () => {
  // Independent of the importer: csv-parse over both raw files and a plain sum per ward.
  const lookupRows = parse(readFileSync(LOOKUP, 'utf8'), { columns: true }) as Record<string, string>[];
  const wardOfLsoa = new Map(lookupRows.map((r) => [r['LSOA21CD']!, r['WD25CD']!]));
  const estimates = parse(readFileSync(LSOA_ESTIMATES, 'utf8'), { columns: true }) as Record<string, string>[];
  const independentSums = (year: number) => {
    const sums = new Map<string, number>();
    for (const row of estimates) {
      const ward = wardOfLsoa.get(row['LSOA 2021 Code']!)!;
      sums.set(ward, (sums.get(ward) ?? 0) + Number(row[`Mid-${year}: Population`]));
    }
    return sums;
  };

  it('stores every year 2011..2022 for the 20 wards, each ward the sum of its LSOAs; mid-2022 totals 323,854 as ONS publishes', async () => {
    expect(estimates).toHaveLength(169);
    expect(new Set(wardOfLsoa.values()).size).toBe(20);
    const db = openDatabase(':memory:');
    await realWards(db);
    const outcome = await importPopulation(db, { path: LSOA_ESTIMATES }, { path: LOOKUP });
    expect(outcome.ok).toBe(true);
    const summary = summaryOf(outcome);
    expect(summary).toMatchObject({ level: 'lsoa', layout: 'wide', rowsRead: 169, lsoas: 169, stored: 240, rejected: 0, replacedYears: [] });
    expect(summary.years).toEqual([2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022]);
    // No ward is left without a population: the only notes are about the unused columns.
    expect(summary.notes.filter((n) => !n.startsWith('Not used'))).toEqual([]);

    for (const year of [2016, 2022]) {
      const expected = independentSums(year);
      const stored = new Map(
        listWardPopulations(db)
          .filter((p) => p.year === year)
          .map((p) => [p.code, p.population]),
      );
      expect(stored).toEqual(expected);
      expect(summary.byYear.find((y) => y.year === year)).toEqual({ year, wards: 20, population: [...expected.values()].reduce((a, b) => a + b, 0) });
    }
    expect([...wardPopulations(db, 2022).values()].reduce((sum, p) => sum + p.population, 0)).toBe(323_854);
    // Every stored ward code is one of the ward boundaries' codes, E05009317..E05009336.
    expect([...wardPopulations(db, 2022).keys()].sort()).toEqual(Array.from({ length: 20 }, (_, k) => `E05009${317 + k}`));
    // Each ward's LSOA count is its lookup count.
    const lsoasOf = (ward: string) => lookupRows.filter((r) => r['WD25CD'] === ward).length;
    expect(
      listWardPopulations(db)
        .filter((p) => p.year === 2022)
        .every((p) => p.lsoas === lsoasOf(p.code)),
    ).toBe(true);
  });

  it('refuses the LSOA file without a lookup, saying it needs one, and stores nothing', async () => {
    const db = openDatabase(':memory:');
    await realWards(db);
    const before = snapshot(db);
    expect(refusal(await importPopulation(db, { path: LSOA_ESTIMATES }))).toMatch(/gives populations by LSOA .*"LSOA 2021 Code".*best-fit LSOA to ward lookup/);
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses the 2011-LSOA IMD population with the 2021 lookup: each LSOA ONS changed in 2021 a row error by its line', async () => {
    const db = openDatabase(':memory:');
    await realWards(db);
    const before = snapshot(db);
    const imd = parse(readFileSync(IMD_2015, 'utf8'), { columns: true }) as Record<string, string>[];
    const notInLookup = imd.flatMap((r, k) => (wardOfLsoa.has(r['LSOA code (2011)']!) ? [] : [k + 2]));
    expect(notInLookup.length).toBeGreaterThan(0);
    const outcome = await importPopulation(db, { path: IMD_2015 }, { path: LOOKUP });
    const summary = summaryOf(outcome);
    expect(summary.years).toEqual([2015]);
    expect(summary.rejected).toBe(notInLookup.length);
    expect(summary.rejections.map((r) => r.line)).toEqual(notInLookup);
    expect(summary.rejections[0]!.message).toMatch(
      /^LSOA "E01\d{6}" is not in the lookup tower_hamlets_lsoa2021_to_ward2025_bestfit_lookup\.csv, so its ward is not known; the lookup must use the file.s LSOA vintage/,
    );
    expect(refusal(outcome)).toMatch(
      new RegExp(`^${notInLookup.length} rows of 144 rows were rejected \\(first: line ${notInLookup[0]}: .*Nothing was imported\\.$`),
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses any population file while no wards are stored, saying to import them first', async () => {
    const db = openDatabase(':memory:');
    expect(refusal(await importPopulation(db, { path: LSOA_ESTIMATES }, { path: LOOKUP }))).toMatch(/No wards are stored.*Import the ward boundaries first/);
    expect(refusal(await importPopulation(db, { text: 'code,year,population\nE05009317,2022,100\n' }))).toMatch(/No wards are stored/);
    expect(snapshot(db)).toEqual({ populations: [], batches: 0 });
  });
});

describe('made-up population files', () => {
  const WARDS_ABC = ['W-A', 'W-B', 'W-C'];
  const database = () => {
    const db = openDatabase(':memory:');
    madeUpWards(db, WARDS_ABC);
    return db;
  };

  it('reads code,year,population and the header names ward_code, WD25CD and Mid-YYYY columns, grouped digits included', async () => {
    const db = database();
    expect((await importPopulation(db, { text: 'ward_code,year,population\nW-A,2021,"1,200"\nW-B,mid-2021,300\nW-C,2021,0\n' })).ok).toBe(true);
    expect(
      (await importPopulation(db, { text: 'WD25CD,WD25NM,Mid-2020: Population,Mid-2020: People per Sq Km\nW-A,A,1100,5\nW-B,B,290,5\nW-C,C,1,5\n' })).ok,
    ).toBe(true);
    expect(listWardPopulations(db).map((p) => `${p.code} ${p.year} ${p.population} ${p.lsoas}`)).toEqual([
      'W-A 2020 1100 null',
      'W-A 2021 1200 null',
      'W-B 2020 290 null',
      'W-B 2021 300 null',
      'W-C 2020 1 null',
      'W-C 2021 0 null',
    ]);
  });

  it('rejects, by line, codes that are not stored wards, non-numeric populations, bad years and repeats, storing nothing', async () => {
    const db = database();
    const before = snapshot(db);
    const text = [
      'code,year,population',
      'W-A,2022,100',
      'W-Z,2022,50',
      'W-B,2022,lots',
      'W-C,22,10',
      'W-A,2022,101',
      'E01004198,2022,1521',
      'W-B,2022,-5',
      'W-C,2022,',
    ].join('\n');
    const outcome = await importPopulation(db, { text });
    const summary = summaryOf(outcome);
    expect(summary.rejections).toEqual([
      { line: 3, message: '"W-Z" is not a stored ward; the stored wards are W-A, W-B, W-C (3 wards).' },
      { line: 4, message: 'population "lots" is not a number of residents; expected a whole number such as 1538' },
      { line: 5, message: 'year "22" is not a year; expected a year such as 2022 (the mid-year estimate)' },
      { line: 6, message: 'code "W-A" has a population for 2022 on line 2 too; give each area once a year' },
      {
        line: 7,
        message:
          '"E01004198" is not a stored ward; the stored wards are W-A, W-B, W-C (3 wards). It looks like an LSOA code: import the file with an LSOA to ward lookup.',
      },
      { line: 8, message: 'population "-5" is not a number of residents; expected a whole number such as 1538' },
      { line: 9, message: 'population is empty; give the number of residents' },
    ]);
    expect(refusal(outcome)).toMatch(
      /^7 rows of 8 rows were rejected \(first: line 3: "W-Z" is not a stored ward.*stored whole or not at all\. Nothing was imported\.$/,
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses headers it cannot read, naming what is missing, and stores nothing', async () => {
    const db = database();
    const before = snapshot(db);
    const cases: [string, RegExp][] = [
      ['ward,year,population\nW-A,2022,1\n', /no area code column.*"ward", "year", "population"/],
      ['code,population\nW-A,1\n', /lacks a year column, and has no column per year/],
      ['code,year\nW-A,2022\n', /lacks a population column/],
      ['code,ward_code,year,population\nW-A,W-A,2022,1\n', /more than one area code column: "code" \(column 1\) and "ward_code" \(column 2\)/],
      ['code,Mid-2022: Population,mid 2022\nW-A,1,1\n', /Two columns give the year 2022/],
      ['code,year,population,Mid-2021: Population\nW-A,2022,1,1\n', /both year and population columns and a column per year/],
      ['code,year,population\n', /header but no populations/],
    ];
    for (const [text, message] of cases) expect(refusal(await importPopulation(db, { text }))).toMatch(message);
    expect(snapshot(db)).toEqual(before);
  });

  it('adds LSOAs up to wards by a lookup; an LSOA missing from it, or in a ward not stored, is a row error; a conflicting lookup is refused', async () => {
    const db = database();
    const lookup = 'LSOA21CD,WD25CD\nL1,W-A\nL2,W-A\nL3,W-B\nL4,W-C\nL5,W-Q\n';
    const good = await importPopulation(
      db,
      { text: 'LSOA21CD,Mid-2021: Population,Mid-2022: Population\nL1,10,11\nL2,20,22\nL3,5,6\nL4,1,2\n' },
      { text: lookup },
    );
    expect(good.ok).toBe(true);
    expect(summaryOf(good)).toMatchObject({ level: 'lsoa', lsoas: 4, stored: 6 });
    expect(listWardPopulations(db).filter((p) => p.year === 2022)).toEqual([
      { code: 'W-A', year: 2022, population: 33, lsoas: 2 },
      { code: 'W-B', year: 2022, population: 6, lsoas: 1 },
      { code: 'W-C', year: 2022, population: 2, lsoas: 1 },
    ]);

    const before = snapshot(db);
    const bad = await importPopulation(db, { text: 'code,year,population\nL1,2023,1\nL9,2023,1\nL5,2023,1\nW-A,2023,1\n' }, { text: lookup });
    expect(summaryOf(bad).rejections).toEqual([
      { line: 3, message: expect.stringMatching(/^LSOA "L9" is not in the lookup lookup\.csv, so its ward is not known/) },
      { line: 4, message: 'LSOA L5 is in ward W-Q by the lookup (its line 6), which is not a stored ward; the stored wards are W-A, W-B, W-C (3 wards)' },
      { line: 5, message: expect.stringMatching(/LSOA "W-A" is not in the lookup.*It is a stored ward code: import a ward-level file without a lookup\.$/) },
    ]);
    expect(refusal(await importPopulation(db, { text: 'LSOA21CD,Mid-2023: Population\nL1,1\n' }, { text: 'LSOA21CD,WD25CD\nL1,W-A\nL1,W-B\n' }))).toMatch(
      /lookup file has 1 bad row \(line 3: LSOA L1 is in ward W-B here but in W-A on line 2; a best-fit lookup puts each LSOA in one ward\)/,
    );
    expect(refusal(await importPopulation(db, { text: 'LSOA21CD,Mid-2023: Population\nL1,1\n' }, { text: 'LSOA,ward\nL1,W-A\n' }))).toMatch(
      /lookup file lacks an LSOA code column \(LSOA21CD\) and a ward code column \(WD25CD\)/,
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('replaces the years a re-import gives, keeps the others, and notes a ward left without a population', async () => {
    const db = database();
    await importPopulation(db, { text: 'code,year,population\nW-A,2021,100\nW-B,2021,200\nW-C,2021,300\nW-A,2022,110\nW-B,2022,210\nW-C,2022,310\n' });
    const again = await importPopulation(db, { text: 'code,year,population\nW-A,2022,111\nW-B,2022,211\n' });
    expect(again.ok).toBe(true);
    const summary = summaryOf(again);
    expect(summary.replacedYears).toEqual([2022]);
    expect(summary.notes).toEqual(['2022: 1 stored ward of 3 got no population: W-C (Ward W-C).']);
    expect(listWardPopulations(db).map((p) => `${p.code} ${p.year} ${p.population}`)).toEqual([
      'W-A 2021 100',
      'W-A 2022 111',
      'W-B 2021 200',
      'W-B 2022 211',
      'W-C 2021 300',
    ]);
    // The nearest stored year for W-C is now 2021.
    expect(wardPopulations(db, 2022).get('W-C')).toEqual({ population: 300, year: 2021 });
  });
});
