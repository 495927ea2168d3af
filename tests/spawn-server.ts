// The real server (npx tsx server/main.ts) as a child process on a database file, for tests
// that need what main does: environment, start-up messages, accounts, static files.
import { spawn, type ChildProcess } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface SpawnedServer {
  baseUrl: string;
  process: ChildProcess;
  /** Server output so far (stdout and stderr), for assertions and failure messages. */
  log: () => string;
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<void>;
}

/**
 * Starts main.ts on `dbPath` with `env` over the test's environment (PORT, HOST and DB_PATH
 * set here) and waits until /api/health answers; throws with the output if it exits first.
 */
export async function spawnServer(
  dbPath: string,
  env: Record<string, string | undefined> = {},
  /** Served over HTTPS (TLS_CERT/TLS_KEY in env): the certificate to trust when asking for /api/health. */
  tls: { ca: Buffer } | null = null,
): Promise<SpawnedServer> {
  const port = await freePort();
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_PATH: dbPath, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete fullEnv[key];
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const healthy = (): Promise<boolean> =>
    tls
      ? new Promise((done) => {
          const req = httpsGet(`${baseUrl}/api/health`, { ca: tls.ca }, (res) => {
            res.resume();
            done(res.statusCode === 200);
          });
          req.on('error', () => done(false));
        })
      : fetch(`${baseUrl}/api/health`).then(
          (res) => res.ok,
          () => false,
        );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output}`);
    if (await healthy()) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /api/health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, process: child, log: () => output, stop };
}
