import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDatabaseLock, isProcessAlive, lockPathOf, type LockHolder } from './database-lock';

const NOW = new Date('2026-12-01T10:00:00Z');
let dir: string;
let dbPath: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'database-lock-'));
  dbPath = join(dir, 'tasking.db');
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A process that stays alive until the test ends. */
async function liveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

/** The pid of a process that has run and exited (and been reaped). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function writeLock(holder: Partial<LockHolder>) {
  const full: LockHolder = { role: 'server', pid: 1, hostname: hostname(), since: '2026-11-30T08:00:00.000Z', ...holder };
  writeFileSync(lockPathOf(dbPath), JSON.stringify(full));
}

describe('the database lock', () => {
  it('is taken on a free database, names this process and is released', () => {
    const lock = acquireDatabaseLock(dbPath, 'restore', NOW);
    if (!lock.ok) throw new Error(lock.reason);
    expect(JSON.parse(readFileSync(`${dbPath}.lock`, 'utf8'))).toEqual({ role: 'restore', pid: process.pid, hostname: hostname(), since: NOW.toISOString() });
    lock.release();
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
  });

  it('refuses while a live process holds it, saying who and what to do', async () => {
    const pid = await liveProcess();
    writeLock({ pid });
    const lock = acquireDatabaseLock(dbPath, 'restore', NOW);
    expect(lock.ok).toBe(false);
    if (lock.ok) return;
    expect(lock.holder?.pid).toBe(pid);
    expect(lock.reason).toBe(
      `${dbPath} is in use by a Tasking Map server (pid ${pid}, since 2026-11-30T08:00:00.000Z). Stop that server first. If no such process is running, delete ${dbPath}.lock.`,
    );
  });

  it('takes over a lock left by a process that has gone (kill -9, a crash)', () => {
    const pid = deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    writeLock({ pid });
    const lock = acquireDatabaseLock(dbPath, 'server', NOW);
    expect(lock.ok).toBe(true);
    expect(JSON.parse(readFileSync(`${dbPath}.lock`, 'utf8')).pid).toBe(process.pid);
  });

  it('never guesses about another machine, or a lock it cannot read', () => {
    writeLock({ pid: deadPid(), hostname: 'some-other-host' });
    const remote = acquireDatabaseLock(dbPath, 'restore', NOW);
    expect(!remote.ok && remote.reason).toMatch(/on some-other-host.*This machine cannot tell whether it is still running; if it is not, delete .*\.lock\.$/);
    writeFileSync(lockPathOf(dbPath), 'not json');
    const garbled = acquireDatabaseLock(dbPath, 'restore', NOW);
    expect(!garbled.ok && garbled.reason).toMatch(/exists but does not name the process holding/);
  });

  it('release leaves another process its lock', async () => {
    const lock = acquireDatabaseLock(dbPath, 'server', NOW);
    if (!lock.ok) throw new Error(lock.reason);
    const pid = await liveProcess();
    writeLock({ pid });
    lock.release();
    expect(JSON.parse(readFileSync(`${dbPath}.lock`, 'utf8')).pid).toBe(pid);
  });

  it('a process holding it until exit releases it on SIGTERM and still ends by the signal', async () => {
    const script = `import { holdDatabaseLockUntilExit } from './server/db/database-lock.ts';
      const lock = holdDatabaseLockUntilExit(${JSON.stringify(dbPath)}, 'server', new Date());
      if (!lock.ok) process.exit(3);
      console.log('held');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    expect(JSON.parse(readFileSync(`${dbPath}.lock`, 'utf8')).pid).toBe(child.pid);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
  });
});
