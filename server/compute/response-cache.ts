// Answers to identical requests within one data version, kept in memory: the meeting room puts
// one view on many screens, and every screen's browser asks the same questions. The key is the
// data's version (index, study area, coverage) and the request's path and query, so an import
// or a new study area makes every entry unreachable. Only for answers that do not depend on who
// asks (the statistics routes are the same for every staff role). ETag on the same key: a
// client sending If-None-Match gets 304 (decision 022).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

const MAX_ENTRIES = 256;
const MAX_BYTES = 64 * 1024 * 1024;

export interface ResponseCache {
  /**
   * The cached answer for this request at this data version, or else `produce`'s response
   * (kept when it is a 200). The cached copy has the same status, type and body.
   */
  answer<R extends Response>(c: Context, version: string, produce: () => Promise<R>): Promise<R>;
  readonly size: number;
}

/** The answer's bytes, and their gzip, made once on the first request that takes it. */
interface Entry {
  body: Buffer;
  gzip: Buffer | null;
}

/** Below this, compressing saves less than it costs. */
const GZIP_FROM_BYTES = 2048;

function canonicalQuery(url: string): string {
  const params = new URL(url).searchParams;
  params.sort();
  return params.toString();
}

/** `keep: false` answers every request afresh (benchmarks of the computation itself). */
export function createResponseCache(options: { keep: boolean } = { keep: true }): ResponseCache {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const sizeOf = (entry: Entry) => entry.body.length + (entry.gzip?.length ?? 0);

  const remember = (key: string, body: Buffer) => {
    if (!options.keep || body.length > MAX_BYTES / 4) return;
    entries.set(key, { body, gzip: null });
    bytes += body.length;
    for (const [oldest, old] of entries) {
      if (bytes <= MAX_BYTES && entries.size <= MAX_ENTRIES) break;
      entries.delete(oldest);
      bytes -= sizeOf(old);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    answer: (async (c: Context, version: string, produce: () => Promise<Response>) => {
      const key = `${version}\n${c.req.path}?${canonicalQuery(c.req.url)}`;
      const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 32)}"`;
      const cached = entries.get(key);
      if (cached !== undefined) {
        if (
          c.req
            .header('if-none-match')
            ?.split(',')
            .some((tag) => tag.trim() === etag)
        )
          return c.body(null, 304, { ETag: etag });
        // Most recently used last.
        entries.delete(key);
        entries.set(key, cached);
        // The bytes as kept, never encoded again; gzip for a browser on the meeting-room network.
        if (cached.body.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
          if (!cached.gzip) {
            cached.gzip = gzipSync(cached.body);
            bytes += cached.gzip.length;
          }
          return c.body(cached.gzip as Uint8Array<ArrayBuffer>, 200, {
            'Content-Type': 'application/json',
            'Content-Encoding': 'gzip',
            Vary: 'Accept-Encoding',
            ETag: etag,
          });
        }
        return c.body(cached.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', ETag: etag });
      }
      const produced = await produce();
      if (produced.status !== 200) return produced;
      remember(key, Buffer.from(await produced.clone().arrayBuffer()));
      produced.headers.set('ETag', etag);
      return produced;
    }) as ResponseCache['answer'],
  };
}
