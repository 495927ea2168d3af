// The API token CLI as a function, so tests run exactly what `npm run token` runs:
// runTokenCli(argv, io) → exit code. scripts/token.ts is its thin main.
import { openCliDatabase, parseCli } from './cli-args';
import { createApiToken, DEFAULT_TOKEN_DAYS, listApiTokens, MAX_TOKEN_DAYS, revokeApiToken } from '../server/auth/auth-queries';
import { ROLES, type Role } from '../server/auth/roles';

export const USAGE = `Usage: npm run token -- [create] --role <${ROLES.join('|')}> [--label <text>] [--days <1-${MAX_TOKEN_DAYS}>]
       npm run token -- list
       npm run token -- revoke <id>

  create   print a new bearer token for scripted access (shown once; only its hash is stored).
           It expires after --days days (default ${DEFAULT_TOKEN_DAYS}).
  list     every token: id, label, role, when it expires and was last used, whether revoked
  revoke   stop a token working at once

Options:
  --db <path>   SQLite database (default: $DB_PATH or data/tasking-map.db)
  -h, --help    show this help

Example:
  curl -H "Authorization: Bearer <token>" "http://localhost:3000/api/cells?group=robbery&from=2026-10-01&to=2026-11-01"`;

export interface TokenIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => Date;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');

export function runTokenCli(argv: string[], io: TokenIo): number {
  const parsed = parseCli(
    {
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        label: { type: 'string' },
        days: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'create';
  if (!['create', 'list', 'revoke'].includes(command)) {
    io.stderr(`"${command}" is not a command; expected create, list or revoke.\n\n${USAGE}`);
    return 2;
  }
  let role: Role | undefined;
  let days = DEFAULT_TOKEN_DAYS;
  let revokeId = 0;
  if (command === 'create') {
    role = ROLES.find((r) => r === values.role);
    if (!role) {
      io.stderr(`--role must be one of ${ROLES.join(', ')}${values.role ? ` (got "${values.role}")` : ''}.\n\n${USAGE}`);
      return 2;
    }
    if (values.days !== undefined) {
      days = Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
        io.stderr(`--days must be a whole number of days from 1 to ${MAX_TOKEN_DAYS} (got "${values.days}").`);
        return 2;
      }
    }
  }
  if (command === 'revoke') {
    revokeId = Number(positionals[1]);
    if (!Number.isInteger(revokeId) || revokeId < 1) {
      io.stderr(`revoke: give the token's id, from npm run token -- list${positionals[1] ? ` (got "${positionals[1]}")` : ''}.`);
      return 2;
    }
  }

  const opened = openCliDatabase(values.db, io.env, io);
  if (!opened) return 1;
  const { db, dbPath } = opened;
  try {
    const now = io.now();
    if (command === 'list') {
      const tokens = listApiTokens(db);
      if (tokens.length === 0) io.stdout(`No API tokens in ${dbPath}.`);
      for (const t of tokens) {
        const state = t.revokedAt
          ? `revoked ${day(t.revokedAt)}`
          : t.expiresAt && t.expiresAt <= now.toISOString()
            ? `expired ${day(t.expiresAt)}`
            : `expires ${day(t.expiresAt)}`;
        io.stdout(`${String(t.id).padStart(4)}  ${t.role.padEnd(8)} ${state.padEnd(26)} last used ${day(t.lastUsedAt).padEnd(16)}  ${t.label}`);
      }
      return 0;
    }
    if (command === 'revoke') {
      const outcome = revokeApiToken(db, revokeId, now);
      if (outcome === 'unknown') {
        io.stderr(`There is no token ${revokeId} in ${dbPath}; see them with npm run token -- list.`);
        return 1;
      }
      io.stdout(outcome === 'revoked' ? `Revoked token ${revokeId}: it no longer works.` : `Token ${revokeId} was already revoked.`);
      return 0;
    }
    const label = values.label ?? `${role} token ${now.toISOString().slice(0, 16)}`;
    io.stdout(createApiToken(db, role!, label, now, days));
    io.stderr(`Created ${role === 'analyst' ? 'an' : 'a'} ${role} token "${label}" in ${dbPath}, valid for ${days} days. Keep it secret: it is shown once.`);
    return 0;
  } finally {
    db.close();
  }
}
