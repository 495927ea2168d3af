// Builds the web app once for every end-to-end story (vite's own API, same config as
// `npm run build`, compressed copies included). E2E_REUSE_BUILD=1 skips it when dist/web is known to be current.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { compressDist } from '../../scripts/compress-dist';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

export default async function buildWebOnce(): Promise<void> {
  if (process.env['E2E_REUSE_BUILD'] === '1' && existsSync(resolve(REPO_ROOT, 'dist/web/index.html'))) return;
  // vitest sets NODE_ENV=test, and vite would honour it with React's development build:
  // test the bundle `npm run build` makes instead.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: resolve(REPO_ROOT, 'vite.config.ts'), root: resolve(REPO_ROOT, 'web'), mode: 'production', logLevel: 'warn' });
    compressDist(resolve(REPO_ROOT, 'dist/web'));
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
}
