import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountForSignIn, listUsers } from '../server/auth/auth-queries';
import { verifyPassword } from '../server/auth/passwords';
import { openDatabase } from '../server/db/open-database';
import { runTokenCli, type TokenIo } from './token-cli';
import { runUsersCli, type UsersIo } from './users-cli';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'users-cli-'));
  dbPath = join(dir, 'tm.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-12-01T09:00:00Z');

function io(passwords: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const value: UsersIo & TokenIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readPassword: async () => passwords.shift() ?? '',
    env: { DB_PATH: dbPath },
    now: () => NOW,
  };
  return { io: value, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
}

function withDb<T>(read: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(dbPath);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('npm run users', () => {
  it('adds an account with the password read from standard input, and lists it', async () => {
    const add = io(['correct horse battery']);
    expect(await runUsersCli(['add', 'J.Smith@TowerHamlets.gov.uk', '--role', 'chair', '--name', 'Jo Smith'], add.io)).toBe(0);
    expect(add.stdout()).toBe(`Created the chair account "j.smith@towerhamlets.gov.uk" in ${dbPath}.`);
    const account = withDb((db) => accountForSignIn(db, 'j.smith@towerhamlets.gov.uk'));
    expect(account).toMatchObject({ name: 'Jo Smith', role: 'chair', disabled: false, demo: false });
    expect(verifyPassword('correct horse battery', account!.passwordHash)).toBe(true);
    const list = io();
    expect(await runUsersCli(['list'], list.io)).toBe(0);
    expect(list.stdout()).toMatch(/^j\.smith@towerhamlets\.gov\.uk +chair +active +never signed in {2}\(Jo Smith\)$/);
  });

  it('creates an officer account, who signs in on the phone page (decision 038)', async () => {
    const add = io(['officer password on patrol']);
    expect(await runUsersCli(['add', 'theo.adams', '--role', 'officer', '--name', 'Theo Adams'], add.io)).toBe(0);
    expect(add.stdout()).toBe(`Created the officer account "theo.adams" in ${dbPath}.`);
    expect(withDb((db) => accountForSignIn(db, 'theo.adams'))).toMatchObject({ name: 'Theo Adams', role: 'officer', disabled: false, demo: false });
    const published = io(['officer-demo-password']);
    expect(await runUsersCli(['add', 'theo.bello', '--role', 'officer'], published.io)).toBe(1);
  });

  it('refuses weak or published passwords, bad names, unknown roles and taken names, saying what to do', async () => {
    const short = io(['short']);
    expect(await runUsersCli(['add', 'jo', '--role', 'chair'], short.io)).toBe(1);
    expect(short.stderr()).toBe('A password needs at least 12 characters; a few unrelated words make a good one.');
    const published = io(['chair-demo-password']);
    expect(await runUsersCli(['add', 'jo', '--role', 'chair'], published.io)).toBe(1);
    expect(published.stderr()).toBe('That is one of the published demo passwords; choose another.');
    const name = io();
    expect(await runUsersCli(['add', 'jo smith', '--role', 'chair'], name.io)).toBe(2);
    expect(name.stderr()).toMatch(/^"jo smith": A user name is 1 to 100 characters/);
    const role = io();
    expect(await runUsersCli(['add', 'jo', '--role', 'admin'], role.io)).toBe(2);
    expect(role.stderr()).toBe('--role must be one of chair, planner, analyst, public, officer (got "admin").');
    expect(await runUsersCli(['add', 'jo', '--role', 'planner'], io(['a long enough password']).io)).toBe(0);
    const taken = io(['another long password']);
    expect(await runUsersCli(['add', 'JO', '--role', 'chair'], taken.io)).toBe(1);
    expect(taken.stderr()).toBe('There is already an account "jo" (planner). To set its password: npm run users -- passwd jo');
    withDb((db) => expect(listUsers(db).map((u) => u.username)).toEqual(['jo']));
  });

  it('sets a new password, disables and enables an account', async () => {
    await runUsersCli(['add', 'jo', '--role', 'analyst', '--password', 'first long password'], io().io);
    const passwd = io(['second long password']);
    expect(await runUsersCli(['passwd', 'jo'], passwd.io)).toBe(0);
    expect(passwd.stdout()).toBe('Set a new password for "jo" and signed it out everywhere.');
    withDb((db) => expect(verifyPassword('second long password', accountForSignIn(db, 'jo')!.passwordHash)).toBe(true));
    const disable = io();
    expect(await runUsersCli(['disable', 'jo'], disable.io)).toBe(0);
    expect(disable.stdout()).toBe('Disabled "jo" and signed it out everywhere.');
    withDb((db) => expect(accountForSignIn(db, 'jo')!.disabled).toBe(true));
    const again = io();
    expect(await runUsersCli(['disable', 'jo'], again.io)).toBe(0);
    expect(again.stdout()).toBe('"jo" is already disabled.');
    expect(await runUsersCli(['enable', 'jo'], io().io)).toBe(0);
    withDb((db) => expect(accountForSignIn(db, 'jo')!.disabled).toBe(false));
    const unknown = io();
    expect(await runUsersCli(['disable', 'nobody'], unknown.io)).toBe(1);
    expect(unknown.stderr()).toBe(`There is no account "nobody" in ${dbPath}. See them with: npm run users -- list`);
  });

  it('reads the password from a pipe when run as npm runs it', () => {
    const out = execFileSync(
      process.execPath,
      [resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/users.ts', 'add', 'piped', '--role', 'planner', '--db', dbPath],
      {
        input: 'a long password through a pipe\n',
        encoding: 'utf8',
      },
    );
    expect(out).toBe(`Created the planner account "piped" in ${dbPath}.\n`);
    withDb((db) => expect(verifyPassword('a long password through a pipe', accountForSignIn(db, 'piped')!.passwordHash)).toBe(true));
  });
});

describe('npm run token', () => {
  it('creates a token that expires, lists it and revokes it', () => {
    const create = io();
    expect(runTokenCli(['--role', 'analyst', '--label', 'nightly export', '--days', '30'], create.io)).toBe(0);
    expect(create.stdout()).toMatch(/^tm_[A-Za-z0-9_-]{43}$/);
    expect(create.stderr()).toBe(`Created an analyst token "nightly export" in ${dbPath}, valid for 30 days. Keep it secret: it is shown once.`);
    const list = io();
    expect(runTokenCli(['list'], list.io)).toBe(0);
    expect(list.stdout()).toBe('   1  analyst  expires 2026-12-31 09:00   last used -                 nightly export');
    const revoke = io();
    expect(runTokenCli(['revoke', '1'], revoke.io)).toBe(0);
    expect(revoke.stdout()).toBe('Revoked token 1: it no longer works.');
    const listed = io();
    runTokenCli(['list'], listed.io);
    expect(listed.stdout()).toContain('revoked 2026-12-01 09:00');
  });

  it('says what is wrong with a bad expiry, command or id', () => {
    const days = io();
    expect(runTokenCli(['--role', 'chair', '--days', '0'], days.io)).toBe(2);
    expect(days.stderr()).toBe('--days must be a whole number of days from 1 to 366 (got "0").');
    const command = io();
    expect(runTokenCli(['delete'], command.io)).toBe(2);
    expect(command.stderr()).toMatch(/^"delete" is not a command; expected create, list or revoke\./);
    const id = io();
    expect(runTokenCli(['revoke', '7'], id.io)).toBe(1);
    expect(id.stderr()).toBe(`There is no token 7 in ${dbPath}; see them with npm run token -- list.`);
  });
});
