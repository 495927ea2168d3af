// The stop-and-search import behind server/import/run-import.ts (the one import path, CLI and
// upload alike): parse, clip to the stored study area, commit in one transaction.
import { createAreaTest } from '../../geo/study-area';
import { fail, ok, type Result } from '../../geo/types';
import { getStudyArea } from '../areas/area-queries';
import type { Db } from '../db/open-database';
import type { WalkOptions } from '../import/csv-table';
import { refused, type FileProblem } from '../import/read-input';
import { parseStopSearchCsv } from './stop-search-csv';
import { commitStopSearchImport, type StopSearchImportSummary } from './stop-search-store';

export interface StopSearchImportInput {
  text: string;
  sha256: string;
  fileName: string;
  importedBy: string;
  now: Date;
  allowRejected: boolean;
  walkOptions?: WalkOptions;
}

export type StopSearchImportResult = Result<StopSearchImportSummary, { problem: FileProblem; summary: StopSearchImportSummary | null }>;

export function importStopSearchText(db: Db, input: StopSearchImportInput): StopSearchImportResult {
  const parsed = parseStopSearchCsv(input.text, input.walkOptions ?? {});
  if (!parsed.ok) return fail({ problem: parsed.reason, summary: null });
  const studyArea = getStudyArea(db);
  const committed = commitStopSearchImport(db, {
    fileName: input.fileName,
    fileSha256: input.sha256,
    importedBy: input.importedBy,
    importedAt: input.now.toISOString(),
    parsed: parsed.value,
    area: studyArea ? createAreaTest(studyArea.geometry) : null,
    allowRejected: input.allowRejected,
  });
  if (!committed.ok) return fail({ problem: refused(committed.reason), summary: committed.summary });
  return ok(committed.summary);
}
