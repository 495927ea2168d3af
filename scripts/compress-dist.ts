// After vite build: writes a Brotli (.br) and a gzip (.gz) copy beside every text file of
// dist/web worth compressing, for the server to send instead (server/web-build.ts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map|wasm)$/;
/** Below this, compression saves less than a packet. */
const MIN_BYTES = 1024;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** Compresses every file worth it under `root`; returns the text bytes before and after (Brotli). */
export function compressDist(root: string): { before: number; after: number } {
  let before = 0;
  let after = 0;
  for (const path of files(root)) {
    if (!COMPRESSIBLE.test(path) || statSync(path).size < MIN_BYTES) continue;
    const content = readFileSync(path);
    const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    before += content.length;
    after += br.length;
  }
  return { before, after };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.argv[2] ?? 'dist/web';
  const { before, after } = compressDist(root);
  console.log(`Compressed ${root}: ${(before / 1e6).toFixed(2)} MB of text to ${(after / 1e6).toFixed(2)} MB with Brotli.`);
}
