// npm run token -- --role analyst [--label "nightly export"] [--db data/tasking-map.db]
// Prints a personal API token for `Authorization: Bearer <token>`. Only its hash is stored.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { createApiToken } from '../server/auth/auth-queries';
import { ROLES, type Role } from '../server/auth/roles';
import { openDatabase } from '../server/db/open-database';

const USAGE = `Usage: npm run token -- --role <${ROLES.join('|')}> [--label <text>] [--db <path>]
Prints a bearer token for scripted access, e.g.
  curl -H "Authorization: Bearer <token>" "http://localhost:3000/api/cells?group=robbery&from=2026-10-01&to=2026-11-01"`;

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        label: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const role: Role | undefined = ROLES.find((r) => r === values.role);
  if (!role) {
    console.error(`--role must be one of ${ROLES.join(', ')}${values.role ? ` (got "${values.role}")` : ''}.\n${USAGE}`);
    return 2;
  }
  const dbPath = values.db ?? process.env.DB_PATH ?? 'data/tasking-map.db';
  mkdirSync(dirname(dbPath), { recursive: true });
  const db = openDatabase(dbPath);
  const now = new Date();
  const label = values.label ?? `${role} token ${now.toISOString().slice(0, 16)}`;
  console.log(createApiToken(db, role, label, now));
  console.error(`Created ${role === 'analyst' ? 'an' : 'a'} ${role} token "${label}" in ${dbPath}. Keep it secret: it is shown once.`);
  db.close();
  return 0;
}

process.exitCode = main();
