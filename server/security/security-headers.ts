// Headers on every response (page, assets, API): a strict Content-Security-Policy the map
// works under, no sniffing, no framing, no referrer, and no caching of API data.
import type { MiddlewareHandler } from 'hono';
import { setFinishedHeader } from '../finished-header';
import { secureHeaders } from 'hono/secure-headers';

export interface SecurityHeaderOptions {
  /** Origins the page may fetch from besides its own: a basemap style's host, its tiles. */
  connectSources: readonly string[];
  /** Send Strict-Transport-Security: only when the page is served over HTTPS. */
  hsts: boolean;
}

export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const connect = ["'self'", ...options.connectSources];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // MapLibre and deck.gl set element styles from script (not blocked by style-src);
      // the built CSS is a file of our own.
      styleSrc: ["'self'"],
      // MapLibre runs its workers from blob: URLs and draws images from blob: and data: URLs.
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      imgSrc: ["'self'", 'data:', 'blob:', ...options.connectSources],
      fontSrc: ["'self'", 'data:'],
      connectSrc: connect,
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: options.hsts ? 'max-age=31536000' : false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  });
}

/**
 * Restricted data is never kept by a browser or a proxy (a meeting-room screen is shared). The
 * public view's answers (/api/public/*, published through the disclosure rules) say their own.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.path.startsWith('/api/public/') && c.res.headers.get('Cache-Control')?.startsWith('public')) return;
  setFinishedHeader(c, 'Cache-Control', 'no-store');
};
