// npm run backup -- <file> [--force] [--db data/tasking-map.db]
// Copies the database into <file> while the server keeps running (server/backup/, decision 016).
import { parseCli } from './cli-args';
import { backupDatabase } from '../server/backup/backup-database';
import { describeContents } from '../server/backup/database-file';

const USAGE = `Usage: npm run backup -- <file> [--force] [--db <path>]
Copies the database ($DB_PATH, or data/tasking-map.db; or --db) into <file>, safely while the
server runs, e.g.
  npm run backup -- backups/tasking-map-2026-12-01.db
The file appears only once the copy is complete and passes SQLite's integrity check. An existing
file is never replaced unless you add --force. Put it back with npm run restore -- <file>.`;

async function main(): Promise<number> {
  const parsed = parseCli(
    {
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(`${positionals.length === 0 ? 'Name the file to write the backup to' : 'Name one backup file'}.\n${USAGE}`);
    return 2;
  }
  const dbPath = values.db ?? (process.env.DB_PATH || 'data/tasking-map.db');
  try {
    const outcome = await backupDatabase({ dbPath, targetPath: positionals[0]!, force: values.force ?? false });
    if (!outcome.ok) {
      console.error(outcome.reason);
      return 1;
    }
    const report = outcome.value;
    console.log(`Backed up ${dbPath} to ${report.targetPath}: ${describeContents(report.bytes, report)}.`);
    return 0;
  } catch (error) {
    console.error(`The backup failed, and wrote nothing: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
