// Cross-site request forgery: a page on another origin (another port of this host included:
// SameSite cookies ignore ports) must not be able to make a signed-in browser change
// anything. Requests that carry a bearer token hold no ambient credential and pass; every
// other state-changing request must come from one of our own pages:
// - Sec-Fetch-Site, when the browser sends it, must be same-origin;
// - Origin, when sent, must be one of ours;
// - and it must carry the X-Tasking-Map header our page adds. A cross-origin page cannot add
//   a custom header without a CORS preflight, which this server never grants, so a form,
//   a text/plain or a multipart POST from elsewhere is refused even by a browser that sends
//   neither Sec-Fetch-Site nor Origin.
import type { Context, MiddlewareHandler } from 'hono';

export const PAGE_HEADER = 'X-Tasking-Map';
const SAFE = /^(GET|HEAD|OPTIONS)$/;

export interface CsrfOptions {
  /** Origins our pages are served from besides the request's own (e.g. https://tasking.example.gov.uk behind a proxy). */
  publicOrigins: readonly string[];
  /** Behind a reverse proxy: the page's origin is X-Forwarded-Proto + X-Forwarded-Host (or Host). */
  trustProxy: boolean;
}

function ownOrigins(c: Context, options: CsrfOptions): string[] {
  const url = new URL(c.req.url);
  const origins = [url.origin, ...options.publicOrigins];
  if (options.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() ?? c.req.header('host');
    if (proto && host) origins.push(`${proto}://${host}`);
  }
  return origins;
}

const refuse = (c: Context) =>
  c.json(
    {
      error: {
        code: 'cross_origin',
        message: 'This request did not come from a Tasking Map page, so it was refused. Use the app itself, or an API token for scripts.',
      },
    },
    403,
  );

export function csrfGuard(options: CsrfOptions): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.test(c.req.method)) return next();
    if (/^Bearer\s+\S+$/i.test(c.req.header('authorization') ?? '')) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin') return refuse(c);
    const origin = c.req.header('origin');
    if (origin !== undefined && !ownOrigins(c, options).includes(origin)) return refuse(c);
    if (c.req.header(PAGE_HEADER) !== '1') return refuse(c);
    return next();
  };
}
