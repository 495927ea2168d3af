// npm run restore -- <file> [--db data/tasking-map.db]
// Puts a backup in place of the database, keeping the one it replaces (server/backup/, decision 016).
import { parseCli } from './cli-args';
import { describeContents } from '../server/backup/database-file';
import { restoreDatabase } from '../server/backup/restore-database';

const USAGE = `Usage: npm run restore -- <file> [--db <path>]
Replaces the database ($DB_PATH, or data/tasking-map.db; or --db) with the backup <file>, e.g.
  npm run restore -- backups/tasking-map-2026-12-01.db
Stop the server first: the restore refuses while one runs on the database. It checks that the
file is a whole Tasking Map database this version can open, and keeps the database it replaces
as <db>.before-restore-<UTC time>.`;

function main(): number {
  const parsed = parseCli(
    {
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(`${positionals.length === 0 ? 'Name the backup file to restore' : 'Name one backup file'}.\n${USAGE}`);
    return 2;
  }
  const dbPath = values.db ?? (process.env.DB_PATH || 'data/tasking-map.db');
  const backupPath = positionals[0]!;
  try {
    const outcome = restoreDatabase({ backupPath, dbPath, now: new Date() });
    if (!outcome.ok) {
      console.error(outcome.reason);
      return 1;
    }
    const report = outcome.value;
    const migrated = report.migratedFrom === null ? '' : ` (upgraded from schema version ${report.migratedFrom} to ${report.schemaVersion})`;
    console.log(`Restored ${backupPath} into ${dbPath}: ${describeContents(report.bytes, report)}${migrated}.`);
    console.log(
      report.keptAs
        ? `The database it replaced is kept as ${report.keptAs}; delete it once the restored one is right.`
        : `There was no database at ${dbPath} before.`,
    );
    console.log('Start the server again with npm start.');
    return 0;
  } catch (error) {
    console.error(
      `The restore failed: ${error instanceof Error ? error.message : String(error)}. If ${dbPath} is missing, it is kept as ${dbPath}.before-restore-<time>.`,
    );
    return 1;
  }
}

process.exitCode = main();
