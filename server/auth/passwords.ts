import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';

// scrypt with OWASP's recommended minimum cost (N=2^17, r=8, p=1): about 0.5 s and 128 MB
// of memory per hash on our machines.
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 256 * 1024 * 1024;

/** At least this many characters (NCSC: length beats complexity rules). */
export const MIN_PASSWORD_LENGTH = 12;

/** Hashes on this thread: for the command line and seeding, never for a request. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parseStored(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  return { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, 'base64'), expected: Buffer.from(hash, 'base64') };
}

/** Checks on this thread: for the command line only. */
export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const actual = scryptSync(password, parsed.salt, parsed.expected.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: MAX_MEM });
  return timingSafeEqual(parsed.expected, actual);
}

// Requests check passwords on libuv's thread pool, at most HASH_SLOTS at once (each takes
// 128 MB and a core for half a second), leaving a core to the event loop; more wait in a
// short queue, and past that the caller is told to come back. A council's sign-ins are a
// few a minute: one slot on a 2-core machine checks two a second.
const HASH_SLOTS = Math.max(1, availableParallelism() - 1);
const MAX_WAITING = 32;
let running = 0;
const waiting: (() => void)[] = [];

/** Thrown when too many password checks are waiting: answer 503 with Retry-After. */
export class PasswordChecksBusy extends Error {
  constructor() {
    super('too many sign-ins at once');
  }
}

/** Checks a password off the event loop, so sign-ins never stall other requests. */
export async function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  if (running >= HASH_SLOTS) {
    if (waiting.length >= MAX_WAITING) throw new PasswordChecksBusy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    const actual = await new Promise<Buffer>((resolve, reject) =>
      scrypt(password, parsed.salt, parsed.expected.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: MAX_MEM }, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
    return timingSafeEqual(parsed.expected, actual);
  } finally {
    // Hand the slot straight to the next waiter, or give it back.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** Opaque secrets (session cookies, API tokens) are stored only as their SHA-256. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
