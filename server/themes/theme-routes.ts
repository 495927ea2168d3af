// The theme layers (issue 11): the themes' configuration, and each theme's layer.
import { Hono } from 'hono';
import { THEMES } from '../../geo/themes';
import type { AppDeps } from '../app-deps';
import type { AppEnv } from '../app-env';
import { allow, STAFF } from '../auth/roles';

export function themeRoutes(_deps: AppDeps) {
  // Staff only: public layers come with the public view (issue 15).
  return new Hono<AppEnv>().get('/themes', allow(...STAFF), (c) => c.json({ themes: THEMES }));
}
