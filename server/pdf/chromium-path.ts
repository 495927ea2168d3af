// Where the headless Chromium that prints PDFs is: CHROMIUM_PATH, or Debian's /usr/bin/chromium.
// Looked for at each print, so installing Chromium needs no restart.
import { accessSync, constants, statSync } from 'node:fs';
import { fail, ok, type Result } from '../../geo/types';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_INSTALL_HINT = "install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable";

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to launch, or a sentence saying there is none and what to install. */
export function findChromium(configured: string | null): Result<string> {
  const path = configured ?? DEFAULT_CHROMIUM_PATH;
  if (isExecutableFile(path)) return ok(path);
  const where = configured ? `at ${path} (CHROMIUM_PATH)` : `at ${path}`;
  return fail(`PDFs are printed by headless Chromium, and there is no Chromium ${where} on the server: ${CHROMIUM_INSTALL_HINT}.`);
}
