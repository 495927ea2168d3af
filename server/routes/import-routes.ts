import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { AppDeps } from '../app-deps';

// Placeholder until the upload API lands (issue 2, importer slice).
export function importRoutes(_deps: AppDeps) {
  return new Hono<AppEnv>();
}
