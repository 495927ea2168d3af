// The compute worker's entry: TypeScript through tsx's loader (the server runs under tsx), then
// the worker itself. Plain JavaScript so that it starts the same under tsx, vitest and node.
import { URL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
await import(new URL('./compute-worker-main.ts', import.meta.url).href);
