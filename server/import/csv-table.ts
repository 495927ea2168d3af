// Walks CSV text row by row with 1-based file line numbers (header = line 1), shared by
// the police.uk and partner importers. csv-parse does the real CSV grammar (quoted fields
// with commas and line breaks, doubled quotes). A file with no quote character at all has
// no grammar left beyond "split lines on \n, fields on commas", and csv-parse walks that
// ~10x slower than String.indexOf, so such files take the short road
// (docs/decisions/004-csv-parse-and-proj4.md); the tests hold both roads to the same output.
import { CsvError, parse } from 'csv-parse/sync';
import { fail, ok, type Result } from '../../geo/types';
import { refused, type FileProblem } from './read-input';

export interface CsvVisitor {
  /** Gets the header fields (trimmed); a failure stops the walk. */
  header(fields: readonly string[]): Result<void, FileProblem>;
  /** Gets each data row with as many fields as the header. `fields` is reused between calls: copy what you keep. */
  row(fields: readonly string[], line: number): void;
  /** Gets each data row whose field count differs from the header's, with the message to report. */
  reject(line: number, message: string): void;
  /**
   * Optional fast road for quote-free text: takes the raw line text[start, end) and returns
   * true when it took the row; false sends the row down the normal road (split, row()).
   * It must only take rows row() would accept, with the same values. `text` is the very
   * string given to walkCsv, so offsets into it stay valid after the walk.
   */
  fastRow?(text: string, start: number, end: number, line: number): boolean;
}

/** Hands a data row to the visitor, or rejects it when its width differs from the header's. */
function visitRow(visitor: CsvVisitor, fields: readonly string[], line: number, headerWidth: number): void {
  if (fields.length === headerWidth) {
    visitor.row(fields, line);
    return;
  }
  visitor.reject(line, `has ${fields.length} fields but the header has ${headerWidth}; a value with a comma needs double quotes around it`);
}

export interface WalkOptions {
  /** Progress in characters of text walked. */
  onProgress?: (charsDone: number, charsTotal: number) => void;
  /** Tests force the csv-parse road to compare it with the short one. */
  road?: 'auto' | 'csv-parse';
  /** Tests turn the visitor's fast road off to compare it with the normal one. */
  fastRows?: boolean;
}

const PROGRESS_EVERY_ROWS = 16_384;

/** True when plain splitting is exactly CSV for this text: no quotes, no bare CR line ends. */
export function isQuoteFree(text: string): boolean {
  if (text.includes('"')) return false;
  const cr = text.indexOf('\r');
  return cr === -1 || text.indexOf('\r\n') !== -1;
}

/** Returns the number of data rows walked (blank lines are not rows). */
export function walkCsv(text: string, visitor: CsvVisitor, options: WalkOptions = {}): Result<number, FileProblem> {
  return (options.road ?? 'auto') === 'auto' && isQuoteFree(text) ? walkQuoteFree(text, visitor, options) : walkWithCsvParse(text, visitor, options);
}

function walkQuoteFree(text: string, visitor: CsvVisitor, options: WalkOptions): Result<number, FileProblem> {
  const fields: string[] = [];
  const total = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  let rows = 0;
  let headerSeen = false;
  let headerWidth = 0;
  const fast = options.fastRows ?? true;
  while (pos < total) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = total;
    line += 1;
    const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > pos && headerSeen && fast && visitor.fastRow?.(text, pos, stop, line)) {
      rows += 1;
      if (options.onProgress && rows % PROGRESS_EVERY_ROWS === 0) options.onProgress(end, total);
    } else if (stop > pos) {
      fields.length = 0;
      let start = pos;
      for (;;) {
        const comma = text.indexOf(',', start);
        if (comma === -1 || comma >= stop) {
          fields.push(text.slice(start, stop));
          break;
        }
        fields.push(text.slice(start, comma));
        start = comma + 1;
      }
      if (!headerSeen) {
        headerSeen = true;
        headerWidth = fields.length;
        const accepted = visitor.header(fields.map((f) => f.trim()));
        if (!accepted.ok) return accepted;
      } else {
        rows += 1;
        visitRow(visitor, fields, line, headerWidth);
        if (options.onProgress && rows % PROGRESS_EVERY_ROWS === 0) options.onProgress(end, total);
      }
    }
    pos = end + 1;
  }
  if (!headerSeen) return fail(refused('The file has no header line. Nothing was imported.'));
  options.onProgress?.(total, total);
  return ok(rows);
}

function walkWithCsvParse(text: string, visitor: CsvVisitor, options: WalkOptions): Result<number, FileProblem> {
  let headerSeen = false;
  let headerWidth = 0;
  let headerProblem: FileProblem | null = null;
  let rows = 0;
  // csv-parse reports the line a record ENDS on; a quoted field may span lines, and blank
  // lines are skipped, so the start line is the previous end + skipped blanks + 1.
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        if (headerProblem) return null;
        const line = previousEnd + (context.empty_lines - previousEmpty) + 1;
        previousEnd = context.lines;
        previousEmpty = context.empty_lines;
        if (!headerSeen) {
          headerSeen = true;
          headerWidth = record.length;
          const accepted = visitor.header(record.map((f) => f.trim()));
          if (!accepted.ok) headerProblem = accepted.reason;
          return null;
        }
        rows += 1;
        visitRow(visitor, record, line, headerWidth);
        if (options.onProgress && rows % PROGRESS_EVERY_ROWS === 0) options.onProgress(Math.min(context.bytes, text.length), text.length);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      return fail(refused(`The CSV is malformed: ${error.message}. Check the quotes around that line. Nothing was imported.`));
    }
    throw error;
  }
  if (headerProblem) return fail(headerProblem);
  if (!headerSeen) return fail(refused('The file has no header line. Nothing was imported.'));
  options.onProgress?.(text.length, text.length);
  return ok(rows);
}

/** The first line of a text (without its line break), or null when none ends in `head`. */
export function firstLineOf(head: string, complete: boolean): string | null {
  const text = head.replace(/^\uFEFF/, '').replace(/^(\s*\r?\n)+/, '');
  const end = text.indexOf('\n');
  if (end === -1) return complete ? text.replace(/\r$/, '') : null;
  return text.slice(0, end).replace(/\r$/, '');
}

/** Splits one header line into trimmed names (csv-parse, so quoted names work). */
export function headerFieldsOf(line: string): string[] | null {
  try {
    const records = parse(line, { relax_quotes: true, relax_column_count: true }) as unknown;
    if (!Array.isArray(records) || !Array.isArray(records[0])) return null;
    return records[0].map((f: unknown) => String(f).trim());
  } catch {
    return null;
  }
}

/** Finds a column by any of its accepted names, case-insensitive; -1 when absent. */
export function columnIndex(header: readonly string[], names: readonly string[]): number {
  const wanted = names.map((n) => n.toLowerCase());
  return header.findIndex((h) => wanted.includes(h.toLowerCase()));
}

/** Every column matching any of the accepted names, as columnIndex matches them, in header order. */
export function columnIndexes(header: readonly string[], names: readonly string[]): number[] {
  const wanted = names.map((n) => n.toLowerCase());
  const found: number[] = [];
  header.forEach((h, i) => {
    if (wanted.includes(h.toLowerCase())) found.push(i);
  });
  return found;
}

/**
 * Names the columns a field was found in more than once, e.g. `"Month" (column 2) and "month"
 * (column 13)` (columns counted from 1, as a spreadsheet shows them); null when at most once.
 * Reading the first would be a guess: the other may be the one the sender meant.
 */
export function repeatedColumns(header: readonly string[], names: readonly string[]): string | null {
  const found = columnIndexes(header, names);
  if (found.length < 2) return null;
  return listInWords(found.map((i) => `"${header[i]!.slice(0, 60)}" (column ${i + 1})`));
}

/** "a, b and c" for messages. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const quoteList = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');
