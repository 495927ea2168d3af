// The network address a request came from, for throttling and logs.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The peer's address; behind a reverse proxy (`trustProxy`), the last X-Forwarded-For entry,
 * the one the proxy itself added. 'unknown' when the request did not come over a socket (tests).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
