// The accounts CLI as a function, so tests run exactly what `npm run users` runs:
// runUsersCli(argv, io) → exit code. scripts/users.ts is its thin main.
import { openCliDatabase, parseCli } from './cli-args';
import { normaliseUsername, passwordProblem, usernameProblem } from '../server/auth/account-rules';
import { createUser, listUsers, setDisabled, setPassword, type UserRecord } from '../server/auth/auth-queries';
import { ROLES, type Role } from '../server/auth/roles';

export const USAGE = `Usage: npm run users -- <command> [options]

Commands:
  add <user name> --role <${ROLES.join('|')}> [--name "<display name>"] [--password <password>]
                      create an account; without --password the password is read from standard input
  passwd <user name> [--password <password>]
                      set a new password (signs the account out everywhere)
  disable <user name> disable an account and sign it out everywhere (its taskings and history stay)
  enable <user name>  enable a disabled account again
  list                every account, with its role, state and last sign-in

Options:
  --db <path>         SQLite database (default: $DB_PATH or data/tasking-map.db)
  -h, --help          show this help

Roles: chair and analyst run the tasking meeting and the data; planner plans patrols;
officer (a THEO on patrol) sees only the patrol plans that name them and logs visits on a phone;
public (Safer Neighbourhood Board members) sees published layers only.
Passwords need at least 12 characters; a few unrelated words make a good one.

Examples:
  npm run users -- add j.smith@towerhamlets.gov.uk --role chair --name "Jo Smith"
  npm run users -- add theo.adams --role officer --name "Theo Adams"
  printf '%s\\n' "$PASSWORD" | npm run users -- passwd j.smith@towerhamlets.gov.uk
  npm run users -- disable j.smith@towerhamlets.gov.uk`;

export interface UsersIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a password: hidden typing at a terminal, else the first line of standard input. */
  readPassword: (prompt: string) => Promise<string>;
  env: Record<string, string | undefined>;
  now: () => Date;
}

function describe(user: UserRecord): string {
  const state = user.disabledAt ? `disabled ${user.disabledAt.slice(0, 10)}` : user.demo ? 'demo account' : 'active';
  const last = user.lastSignInAt ? `last sign-in ${user.lastSignInAt.slice(0, 16).replace('T', ' ')} UTC` : 'never signed in';
  return `${user.username.padEnd(28)} ${user.role.padEnd(8)} ${state.padEnd(20)} ${last}  (${user.name})`;
}

async function newPassword(io: UsersIo, given: string | undefined, username: string): Promise<{ ok: true; password: string } | { ok: false; message: string }> {
  const password = given ?? (await io.readPassword(`Password for ${username}: `));
  const problem = passwordProblem(password, username);
  return problem ? { ok: false, message: problem } : { ok: true, password };
}

export async function runUsersCli(argv: string[], io: UsersIo): Promise<number> {
  const parsed = parseCli(
    {
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.stderr(USAGE);
    return 2;
  }
  const [command, rawName, ...extra] = positionals;
  const needsName = command === 'add' || command === 'passwd' || command === 'disable' || command === 'enable';
  if (command !== 'list' && !needsName) {
    io.stderr(`"${command}" is not a command; expected add, passwd, disable, enable or list.\n\n${USAGE}`);
    return 2;
  }
  if (needsName && !rawName) {
    io.stderr(`${command}: name the account, e.g. npm run users -- ${command} j.smith`);
    return 2;
  }
  if (extra.length > 0 || (command === 'list' && rawName)) {
    io.stderr(`Unexpected ${extra.length > 0 ? extra.join(' ') : rawName}: one command and one user name at a time.`);
    return 2;
  }
  const username = normaliseUsername(rawName ?? '');
  if (needsName) {
    const problem = usernameProblem(username);
    if (problem) {
      io.stderr(`"${rawName}": ${problem}`);
      return 2;
    }
  }
  let role: Role | undefined;
  if (command === 'add') {
    role = ROLES.find((r) => r === values.role);
    if (!role) {
      io.stderr(`--role must be one of ${ROLES.join(', ')}${values.role ? ` (got "${values.role}")` : ''}.`);
      return 2;
    }
  }

  const opened = openCliDatabase(values.db, io.env, io);
  if (!opened) return 1;
  const { db, dbPath } = opened;
  try {
    const now = io.now();
    if (command === 'list') {
      const users = listUsers(db);
      if (users.length === 0) io.stdout(`No accounts in ${dbPath}. Create one with: npm run users -- add <user name> --role chair`);
      for (const user of users) io.stdout(describe(user));
      return 0;
    }
    const exists = listUsers(db).find((u) => u.username === username);
    if (command === 'add') {
      if (exists) {
        io.stderr(`There is already an account "${username}" (${exists.role}). To set its password: npm run users -- passwd ${username}`);
        return 1;
      }
      const password = await newPassword(io, values.password, username);
      if (!password.ok) {
        io.stderr(password.message);
        return 1;
      }
      createUser(db, { username, displayName: values.name?.trim() || username, role: role!, password: password.password }, now);
      io.stdout(`Created the ${role} account "${username}" in ${dbPath}.`);
      return 0;
    }
    if (!exists) {
      io.stderr(`There is no account "${username}" in ${dbPath}. See them with: npm run users -- list`);
      return 1;
    }
    if (command === 'passwd') {
      const password = await newPassword(io, values.password, username);
      if (!password.ok) {
        io.stderr(password.message);
        return 1;
      }
      setPassword(db, username, password.password);
      io.stdout(`Set a new password for "${username}" and signed it out everywhere.`);
      return 0;
    }
    const disable = command === 'disable';
    if (disable === (exists.disabledAt !== null)) {
      io.stdout(`"${username}" is already ${disable ? 'disabled' : 'enabled'}.`);
      return 0;
    }
    setDisabled(db, username, disable, now);
    io.stdout(disable ? `Disabled "${username}" and signed it out everywhere.` : `Enabled "${username}".`);
    return 0;
  } finally {
    db.close();
  }
}

/** Reads a password without echo at a terminal; otherwise the first line of standard input. */
export async function readPasswordFromProcess(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
