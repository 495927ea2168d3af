// The app's own programs as real child processes, for tests that must see what an operator
// sees (exit codes, printed words) or must kill -9 them: the CLIs and the server (server/main.ts).
// Each runs as one node process (node --import tsx), so its pid is the process that holds the
// database: `npx tsx` would put a parent in between that kill -9 cannot pass on.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../spawn-server';
import { resolve } from 'node:path';
import { REPO_ROOT } from './test-support';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  pid: number;
  /** Output so far, for failure messages. */
  output: () => string;
  exited: Promise<Finished>;
}

/** Starts `node --import tsx <script> ...args` in the repository, with DB_PATH and friends from `env` only. */
export function startScript(script: string, args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Finished>((done, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  return { child, pid: child.pid, output: () => `${stdout}${stderr}`, exited };
}

export function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return startScript(script, args, env).exited;
}

export { freePort };

export interface ServerProcess extends Running {
  url: string;
}

/**
 * Starts the real server (server/main.ts) on dbPath, no demo data, no web build, and waits until
 * it says it is listening. Rejects with its output if it exits first.
 */
export async function startServerProcess(dbPath: string): Promise<ServerProcess> {
  const port = await freePort();
  const running = startScript('server/main.ts', [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DB_PATH: dbPath,
    DEMO_DATA: 'off',
    COOKIE_SECURE: 'false',
    WEB_DIST: 'no-web-build-in-tests',
  });
  const listening = new Promise<void>((done) => {
    const watch = (chunk: Buffer) => {
      if (chunk.toString().includes('Tasking Map on http://')) {
        running.child.stdout!.off('data', watch);
        done();
      }
    };
    running.child.stdout!.on('data', watch);
  });
  const failed = running.exited.then((end) => {
    throw new Error(`the server exited (code ${end.code}, signal ${end.signal}) before listening:\n${end.stdout}${end.stderr}`);
  });
  await Promise.race([listening, failed]);
  failed.catch(() => undefined);
  return { ...running, url: `http://127.0.0.1:${port}` };
}

/** kill -9, and wait until the process is gone (reaped: its pid no longer answers). */
export async function killHard(running: Running): Promise<Finished> {
  running.child.kill('SIGKILL');
  return running.exited;
}
