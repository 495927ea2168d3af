import type { IncidentRows } from './incident-columns';

export type ImportKind = 'police-uk' | 'partner';

/** A row the importer could not use, with its 1-based line number in the file. */
export interface RejectedRow {
  line: number;
  message: string;
}

/** What a parser hands to commitImport: every row is either in `rows` or a rejection. */
export interface ParsedFile {
  rowsRead: number;
  rows: IncidentRows;
  rejected: RejectedRow[];
  /** Things the user should know that are not errors (ignored extra columns, ...). */
  notes: string[];
  /**
   * Rows of `rows` rejected after parsing (1 = rejected; a partner id an earlier line
   * already had). They are among `rejected` and are never stored; they stay in `rows` so
   * row positions (and located chunks) do not shift.
   */
  excludedRows?: Uint8Array;
}

export interface ImportSummary {
  batchId: number | null;
  kind: ImportKind;
  source: string;
  fileName: string;
  rowsRead: number;
  imported: number;
  /** Rows already stored from an earlier import (same source and identity). */
  duplicates: number;
  rejected: number;
  outsideArea: number;
  /** First rejections, with line numbers; `rejected` has the full count. */
  rejections: RejectedRow[];
  /** First rows outside the study area, with line numbers. */
  outsideAreaRows: RejectedRow[];
  notes: string[];
  /** Months (YYYY-MM) the imported rows cover, with counts. */
  months: Record<string, number>;
}
