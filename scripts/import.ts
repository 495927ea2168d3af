// npm run import -- <police-uk|partner|study-area|areas> [options] <files...>
// The thin main of the import CLI; the logic (and its help) is in ./import-cli.ts.
import { processIo, runImportCli } from './import-cli';

process.exitCode = await runImportCli(process.argv.slice(2), processIo());
