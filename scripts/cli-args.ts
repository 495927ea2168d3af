// What every CLI does first: parse its options with node's parseArgs (a bad option prints what
// is wrong and the usage, exit 2; --help prints the usage, exit 0), and open the database named
// by --db, $DB_PATH or data/tasking-map.db (a database it cannot open is said in one line, exit 1).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDatabase, type Db } from '../server/db/open-database';

export type ParsedCli<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** Where a CLI writes; tests pass their own. */
export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const CONSOLE: CliOutput = { stdout: (text) => console.log(text), stderr: (text) => console.error(text) };

/** The parsed options, or the exit code to return when there is nothing more to do. */
export function parseCli<T extends ParseArgsConfig>(config: T, usage: string, out: CliOutput = CONSOLE): ParsedCli<T> | number {
  let parsed: ParsedCli<T>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    out.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    out.stdout(usage);
    return 0;
  }
  return parsed;
}

/** The database a CLI works on (created with its folder when new), or null once the reason is printed. */
export function openCliDatabase(dbOption: string | undefined, env: Record<string, string | undefined>, out: CliOutput): { db: Db; dbPath: string } | null {
  const dbPath = dbOption ?? (env['DB_PATH'] || 'data/tasking-map.db');
  try {
    if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
    return { db: openDatabase(dbPath), dbPath };
  } catch (error) {
    out.stderr(`Cannot open the database ${dbPath}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
