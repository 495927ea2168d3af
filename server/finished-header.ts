import type { Context } from 'hono';

/**
 * Sets a header on the response a handler has already made, in place. Hono's `c.header()` after
 * the handler rebuilds the whole Response (and with it a full fetch Response) to do this: a
 * measurable share of a cached answer's cost under load (decision 022).
 */
export function setFinishedHeader(c: Context, name: string, value: string): void {
  c.res.headers.set(name, value);
}
