// Serves the built page (vite's dist/web): hashed assets cached for a year (their names change
// with their content), the page itself revalidated on every load, and each file sent as the
// Brotli or gzip copy the build wrote beside it when the browser takes one.
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';

export function serveWebBuild(app: Hono<AppEnv>, root: string): void {
  app.use('/*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/') || c.res.status !== 200) return;
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.use('/*', serveStatic({ root, precompressed: true }));
  app.get('/*', serveStatic({ root, path: 'index.html', precompressed: true }));
}
