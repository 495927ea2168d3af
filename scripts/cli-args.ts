// Command-line options for the CLIs: parsed with node's parseArgs; a bad option prints what
// is wrong and the usage (exit 2), --help prints the usage (exit 0).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type ParsedCli<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** The parsed options, or the exit code to return when there is nothing more to do. */
export function parseCli<T extends ParseArgsConfig>(config: T, usage: string): ParsedCli<T> | number {
  let parsed: ParsedCli<T>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}
