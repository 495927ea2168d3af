// Who owns a database file: a lock file beside it (`<db>.lock`) names the one process that
// serves it or is restoring into it, so `npm run restore` never swaps a file under a running
// server, and a server never starts on a file being restored (decision 016). A lock whose
// process has gone (kill -9, a crash, a power cut) is stale and taken over.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';

export type LockRole = 'server' | 'restore';

const holderSchema = z.object({
  role: z.enum(['server', 'restore']),
  pid: z.number().int().positive(),
  hostname: z.string(),
  since: z.string(),
});
export type LockHolder = z.infer<typeof holderSchema>;

export type LockOutcome = { ok: true; lockPath: string; release: () => void } | { ok: false; lockPath: string; holder: LockHolder | null; reason: string };

export function lockPathOf(dbPath: string): string {
  return `${dbPath}.lock`;
}

/** True while `pid` is a running process on this machine (one of another user's counts too). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie (killed, not yet reaped by its parent) still answers signal 0 but holds nothing open.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

type Read = { state: 'gone' } | { state: 'unreadable' } | { state: 'held'; holder: LockHolder };

function readLock(lockPath: string): Read {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'gone' };
    throw error;
  }
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? { state: 'held', holder: parsed.data } : { state: 'unreadable' };
  } catch {
    return { state: 'unreadable' };
  }
}

function isStale(holder: LockHolder): boolean {
  // Another machine's pids mean nothing here (a database on a shared disk): never guess.
  if (holder.hostname !== hostname()) return false;
  // Our own pid in the lock was left by an earlier process that had it: a container restarts
  // its server with the same pid, and this process has not taken the lock yet.
  if (holder.pid === process.pid) return true;
  return !isProcessAlive(holder.pid);
}

function describeHolder(dbPath: string, lockPath: string, holder: LockHolder): string {
  const who = holder.role === 'server' ? 'a Tasking Map server' : 'a restore (npm run restore)';
  const where = holder.hostname === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.hostname}`;
  const what = holder.role === 'server' ? 'Stop that server first' : 'Wait for the restore to finish';
  const unsure =
    holder.hostname === hostname()
      ? `If no such process is running, delete ${lockPath}.`
      : `This machine cannot tell whether it is still running; if it is not, delete ${lockPath}.`;
  return `${dbPath} is in use by ${who} (${where}, since ${holder.since}). ${what}. ${unsure}`;
}

/**
 * Takes the lock on `dbPath` for this process, taking over a stale one. Refuses (a value, not an
 * exception) while a live process holds it.
 */
export function acquireDatabaseLock(dbPath: string, role: LockRole, now: Date): LockOutcome {
  const lockPath = lockPathOf(dbPath);
  const mine: LockHolder = { role, pid: process.pid, hostname: hostname(), since: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // O_EXCL: of two processes creating the lock at once, exactly one succeeds.
      writeFileSync(lockPath, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      return { ok: true, lockPath, release: () => releaseLock(lockPath, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const read = readLock(lockPath);
    if (read.state === 'gone') continue;
    if (read.state === 'unreadable') {
      return {
        ok: false,
        lockPath,
        holder: null,
        reason: `${lockPath} exists but does not name the process holding ${dbPath}. If no Tasking Map server or restore is running on it, delete ${lockPath}.`,
      };
    }
    if (!isStale(read.holder)) return { ok: false, lockPath, holder: read.holder, reason: describeHolder(dbPath, lockPath, read.holder) };
    removeIfPresent(lockPath);
  }
  return { ok: false, lockPath, holder: null, reason: `Could not take ${lockPath}: other processes keep taking it. Try again.` };
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Removes the lock if it is still the one this holder took (never another process's). */
function releaseLock(lockPath: string, mine: LockHolder): void {
  const read = readLock(lockPath);
  if (read.state === 'held' && read.holder.pid === mine.pid && read.holder.since === mine.since) removeIfPresent(lockPath);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The lock for a long-running process: taken now, released when the process exits, or on
 * Ctrl-C, SIGTERM or SIGHUP when nothing else handles them. kill -9 leaves a stale lock, which
 * the next taker recognises by its dead pid. An in-memory database needs no lock.
 */
export function holdDatabaseLockUntilExit(dbPath: string, role: LockRole, now: Date): LockOutcome {
  if (dbPath === ':memory:') return { ok: true, lockPath: '', release: () => undefined };
  const outcome = acquireDatabaseLock(dbPath, role, now);
  if (!outcome.ok) return outcome;
  process.once('exit', outcome.release);
  for (const signal of SIGNALS) {
    const onSignal = () => {
      // Someone else shuts the process down gracefully; 'exit' releases the lock then.
      if (process.listenerCount(signal) > 1) return;
      outcome.release();
      process.off(signal, onSignal);
      // With no listener left the signal's default applies: the process ends as it would have.
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
  return outcome;
}
