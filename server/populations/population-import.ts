// The population importer behind `npm run import -- population [--lookup <csv>]` and
// POST /api/imports/population (server/import/run-import.ts delegates here): read the file (and
// the LSOA → ward lookup when the file gives LSOAs), check every row against the stored wards,
// add LSOAs up to wards, and store the years the file gives, all or nothing (decision 035).
import { listAreas } from '../areas/area-queries';
import type { Db } from '../db/open-database';
import { readInput, refused, type FileProblem, type InputSource } from '../import/read-input';
import type { RejectedRow } from '../store/import-types';
import { checkPopulationHead, parsePopulationCsv, parseWardLookupCsv, type LookupEntry, type PopulationLayout, type PopulationRow } from './population-csv';
import { replaceWardPopulations, WARD_AREA_KIND, type WardPopulation } from './population-queries';

const REPORTED_LIMIT = 100;
/** The head check for a lookup: any first line will do here; its columns are checked when parsed. */
const anyHead = () => ({ ok: true as const, value: undefined });

export interface PopulationImportContext {
  db: Db;
  importedBy: string;
  now: Date;
  maxRawBytes?: number;
  onBytes?: (bytesRead: number) => void;
}

export interface PopulationImportFile {
  input: InputSource;
  fileName: string;
}

export interface PopulationYearTotal {
  year: number;
  /** Wards given a population for the year. */
  wards: number;
  population: number;
}

export interface PopulationImportSummary {
  kind: 'population';
  /** The import batch the file is recorded as; null when it was refused. */
  batchId: number | null;
  fileName: string;
  fileSha256: string;
  /** The LSOA → ward lookup read with the file; null for a ward-level file. */
  lookupFileName: string | null;
  /** `lsoa`: the file's LSOAs were added up to wards by the lookup. */
  level: 'ward' | 'lsoa';
  layout: PopulationLayout;
  rowsRead: number;
  /** Distinct LSOAs summed (0 for a ward-level file). */
  lsoas: number;
  years: number[];
  /** Ward-year populations stored; 0 when refused. */
  stored: number;
  /** Years that had populations before: replaced whole. */
  replacedYears: number[];
  byYear: PopulationYearTotal[];
  rejected: number;
  rejections: RejectedRow[];
  notes: string[];
}

export type PopulationOutcome = { ok: true; summary: PopulationImportSummary } | { ok: false; problem: FileProblem; summary: PopulationImportSummary | null };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export async function importPopulation(
  context: PopulationImportContext,
  file: PopulationImportFile,
  lookupFile: PopulationImportFile | null,
): Promise<PopulationOutcome> {
  const options = {
    ...(context.maxRawBytes !== undefined ? { maxRawBytes: context.maxRawBytes } : {}),
    ...(context.onBytes ? { onBytes: context.onBytes } : {}),
  };
  const read = await readInput(file.input, { checkHead: checkPopulationHead, ...options });
  if (!read.ok) return { ok: false, problem: read.reason, summary: null };
  let lookup: { text: string; fileName: string } | null = null;
  if (lookupFile) {
    const lookupRead = await readInput(lookupFile.input, { checkHead: anyHead, ...options });
    if (!lookupRead.ok) return { ok: false, problem: { ...lookupRead.reason, message: `The lookup file: ${lookupRead.reason.message}` }, summary: null };
    lookup = { text: lookupRead.value.text, fileName: lookupFile.fileName };
  }
  return importPopulationText(context, { text: read.value.text, sha256: read.value.sha256, fileName: file.fileName }, lookup);
}

/** A population file already read (the demo's, or an upload's), with its lookup's text when it gives LSOAs. */
export function importPopulationText(
  context: Pick<PopulationImportContext, 'db' | 'importedBy' | 'now'>,
  file: { text: string; sha256: string; fileName: string },
  lookupText: { text: string; fileName: string } | null,
): PopulationOutcome {
  const parsed = parsePopulationCsv(file.text);
  if (!parsed.ok) return { ok: false, problem: parsed.reason, summary: null };
  const { codeLevel, layout, rowsRead, years } = parsed.value;
  const level = codeLevel === 'either' ? (lookupText ? 'lsoa' : 'ward') : codeLevel;
  if (level === 'lsoa' && !lookupText) {
    return {
      ok: false,
      problem: refused(
        `This file gives populations by LSOA (its code column is "${parsed.value.codeColumn}"). Import it together with a best-fit LSOA to ward lookup ` +
          '(ONS LSOA21CD to WD25CD), so its LSOAs can be added up to wards (docs/importers.md). Nothing was imported.',
      ),
      summary: null,
    };
  }
  const notes = [...parsed.value.notes];
  let lookup: Map<string, LookupEntry> | null = null;
  if (level === 'lsoa' && lookupText) {
    const found = parseWardLookupCsv(lookupText.text);
    if (!found.ok) return { ok: false, problem: found.reason, summary: null };
    lookup = found.value;
  } else if (lookupText) {
    notes.push(`The file gives wards (its code column is "${parsed.value.codeColumn}"), so the lookup ${lookupText.fileName} was not used.`);
  }

  // Checked against the wards as they stand inside the write's own transaction: an areas import
  // cannot land between the check and the write.
  const run = context.db.transaction((): PopulationOutcome => {
    const wards = new Map(listAreas(context.db, WARD_AREA_KIND).map((w) => [w.code, w.name]));
    if (wards.size === 0) {
      return {
        ok: false,
        problem: refused(
          'No wards are stored, so there is nothing to give populations to. Import the ward boundaries first (areas of kind ward), then this file. Nothing was imported.',
        ),
        summary: null,
      };
    }
    const rejected = [...parsed.value.rejected];
    const totals = new Map<string, WardPopulation>();
    const lsoasSeen = new Set<string>();
    const wardList = () => `${[...wards.keys()].sort().slice(0, 3).join(', ')}${wards.size > 3 ? ', ...' : ''} (${plural(wards.size, 'ward')})`;
    const rowWard = (row: PopulationRow): string | null => {
      if (!lookup) {
        if (wards.has(row.code)) return row.code;
        const hint = /^E01\d{6}$/.test(row.code) ? ' It looks like an LSOA code: import the file with an LSOA to ward lookup.' : '';
        rejected.push({ line: row.line, message: `"${row.code}" is not a stored ward; the stored wards are ${wardList()}.${hint}` });
        return null;
      }
      const entry = lookup.get(row.code);
      if (!entry) {
        const hint = wards.has(row.code) ? ' It is a stored ward code: import a ward-level file without a lookup.' : '';
        rejected.push({
          line: row.line,
          message: `LSOA "${row.code}" is not in the lookup ${lookupText!.fileName}, so its ward is not known; the lookup must use the file's LSOA vintage (2011 or 2021 codes).${hint}`,
        });
        return null;
      }
      if (!wards.has(entry.ward)) {
        rejected.push({
          line: row.line,
          message: `LSOA ${row.code} is in ward ${entry.ward} by the lookup (its line ${entry.line}), which is not a stored ward; the stored wards are ${wardList()}`,
        });
        return null;
      }
      return entry.ward;
    };
    // Rows already rejected by the parser are not here; one message per line, so a wide row is checked once.
    const checkedLines = new Map<number, string | null>();
    for (const row of parsed.value.rows) {
      if (!checkedLines.has(row.line)) checkedLines.set(row.line, rowWard(row));
      const ward = checkedLines.get(row.line);
      if (!ward) continue;
      if (lookup) lsoasSeen.add(row.code);
      const key = `${ward}|${row.year}`;
      const total = totals.get(key) ?? { code: ward, year: row.year, population: 0, lsoas: lookup ? 0 : null };
      total.population += row.population;
      if (total.lsoas !== null) total.lsoas += 1;
      totals.set(key, total);
    }
    rejected.sort((a, b) => a.line - b.line);

    const rows = [...totals.values()].sort((a, b) => a.code.localeCompare(b.code) || a.year - b.year);
    const byYear = years.map((year) => {
      const ofYear = rows.filter((r) => r.year === year);
      return { year, wards: ofYear.length, population: ofYear.reduce((sum, r) => sum + r.population, 0) };
    });
    for (const year of years) {
      const missing = [...wards.keys()].filter((code) => !totals.has(`${code}|${year}`));
      if (missing.length > 0 && rejected.length === 0) {
        const named = missing.slice(0, 8).map((code) => `${code} (${wards.get(code)})`);
        notes.push(
          `${year}: ${plural(missing.length, 'stored ward')} of ${wards.size} got no population: ${named.join(', ')}${missing.length > 8 ? ', ...' : ''}.`,
        );
      }
    }
    if (lookup) {
      const unlisted = [...lookup].filter(([code, entry]) => wards.has(entry.ward) && !lsoasSeen.has(code)).map(([code]) => code);
      if (unlisted.length > 0 && rejected.length === 0) {
        notes.push(
          `${plural(unlisted.length, 'LSOA')} the lookup puts in stored wards ${unlisted.length === 1 ? 'is' : 'are'} not in the file (${unlisted.slice(0, 5).join(', ')}` +
            `${unlisted.length > 5 ? ', ...' : ''}), so those wards' totals leave ${unlisted.length === 1 ? 'it' : 'them'} out.`,
        );
      }
    }

    const summary: PopulationImportSummary = {
      kind: 'population',
      batchId: null,
      fileName: file.fileName,
      fileSha256: file.sha256,
      lookupFileName: lookup ? lookupText!.fileName : null,
      level,
      layout,
      rowsRead,
      lsoas: lsoasSeen.size,
      years,
      stored: 0,
      replacedYears: [],
      byYear,
      rejected: rejected.length,
      rejections: rejected.slice(0, REPORTED_LIMIT),
      notes,
    };
    if (rejected.length > 0) {
      const first = rejected[0]!;
      return {
        ok: false,
        problem: refused(
          `${plural(rejected.length, 'row')} of ${plural(rowsRead, 'row')} ${rejected.length === 1 ? 'was' : 'were'} rejected (first: line ${first.line}: ${first.message}). ` +
            'Correct them and import the file again: a population file is stored whole or not at all. Nothing was imported.',
        ),
        summary,
      };
    }
    if (rows.length === 0) return { ok: false, problem: refused('The file has a header but no populations. Nothing was imported.'), summary };

    const written = replaceWardPopulations(
      context.db,
      years,
      rows,
      {
        source: lookup ? 'population (LSOAs by lookup)' : 'population',
        fileName: file.fileName,
        fileSha256: file.sha256,
        importedAt: context.now.toISOString(),
        importedBy: context.importedBy,
        rowsRead,
      },
      ({ batchId, replacedYears, stored }) => {
        Object.assign(summary, { batchId, replacedYears, stored });
        return { ...summary, imported: stored, duplicates: 0, outsideArea: 0 };
      },
    );
    return { ok: true, summary: { ...summary, batchId: written.batchId, stored: written.stored, replacedYears: written.replacedYears } };
  });
  return run.immediate();
}
