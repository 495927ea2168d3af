// An independent reading of the real police.uk files for the import tests: node:zlib and
// String.split, with its own category table, sharing no code with server/import. The
// files hold no quote characters (asserted), so splitting on commas is exact for them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SHARED_DATA } from './test-support';

export const POLICE_UK_FILES = [
  'tower_hamlets_burglary_street_2010-12_2019-12.csv.gz',
  'tower_hamlets_street_points_2018-02_2019-12_excl_violence_asb.csv.gz',
  'tower_hamlets_policeuk_api_crime_points_all_types_2016-01_2016-12.csv.gz',
  'tower_hamlets_policeuk_api_crime_points_all_types_2018-06.csv.gz',
] as const;

export const crimeFile = (name: string) => resolve(SHARED_DATA, 'crime', name);

/** data.police.uk crime type → API slug, written out here rather than taken from geo/categories. */
const SLUG_OF_TYPE: Record<string, string> = {
  'Anti-social behaviour': 'anti-social-behaviour',
  'Bicycle theft': 'bicycle-theft',
  Burglary: 'burglary',
  'Criminal damage and arson': 'criminal-damage-arson',
  Drugs: 'drugs',
  'Other theft': 'other-theft',
  'Possession of weapons': 'possession-of-weapons',
  'Public order': 'public-order',
  Robbery: 'robbery',
  Shoplifting: 'shoplifting',
  'Theft from the person': 'theft-from-the-person',
  'Vehicle crime': 'vehicle-crime',
  'Violence and sexual offences': 'violent-crime',
  'Other crime': 'other-crime',
};

export interface RawRow {
  month: string;
  category: string;
  lng: number;
  lat: number;
}

export interface RawFile {
  name: string;
  dataRows: number;
  noLocation: number;
  rows: RawRow[];
}

export function readRawFile(name: string): RawFile {
  const text = gunzipSync(readFileSync(crimeFile(name))).toString('utf8');
  if (text.includes('"')) throw new Error(`${name} has quotes; this simple reader cannot read it`);
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = lines[0]!.split(',');
  const at = (column: string) => {
    const i = header.indexOf(column);
    if (i === -1) throw new Error(`${name} has no ${column} column`);
    return i;
  };
  const [month, lng, lat, type] = [at('Month'), at('Longitude'), at('Latitude'), at('Crime type')];
  const rows: RawRow[] = [];
  let noLocation = 0;
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (f[lng] === '' && f[lat] === '') {
      noLocation += 1;
      continue;
    }
    const category = SLUG_OF_TYPE[f[type]!];
    if (!category) throw new Error(`${name}: unknown crime type ${f[type]}`);
    rows.push({ month: f[month]!, category, lng: Number(f[lng]), lat: Number(f[lat]) });
  }
  return { name, dataRows: lines.length - 1, noLocation, rows };
}

/** Identity of a police.uk row: month, category and snap point (coordinates as numbers). */
export const rowKey = (r: RawRow) => `${r.month}|${r.category}|${r.lng}|${r.lat}`;

export function countByKey(rows: readonly RawRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(rowKey(r), (counts.get(rowKey(r)) ?? 0) + 1);
  return counts;
}

/**
 * What importing the files in order should store and report: per file, rows whose key was
 * already present as often are duplicates; the store ends with the per-key MAX over files.
 */
export function expectedImport(files: readonly { rows: readonly RawRow[] }[]) {
  const stored = new Map<string, number>();
  const sample = new Map<string, RawRow>();
  const perFile = files.map((file) => {
    const counts = countByKey(file.rows);
    let imported = 0;
    for (const [key, n] of counts) {
      const before = stored.get(key) ?? 0;
      if (n > before) {
        imported += n - before;
        stored.set(key, n);
      }
    }
    for (const r of file.rows) sample.set(rowKey(r), r);
    return { imported, duplicates: file.rows.length - imported };
  });
  return { stored, sample, perFile };
}

/** Stored multiset → counts per (month, category), as 'YYYY-MM|slug' → n. */
export function countsByMonthAndCategory(stored: Map<string, number>, sample: Map<string, RawRow>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, n] of stored) {
    const r = sample.get(key)!;
    const k = `${r.month}|${r.category}`;
    counts.set(k, (counts.get(k) ?? 0) + n);
  }
  return counts;
}
