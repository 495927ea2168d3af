// Lint holds the architecture: geo/ depends on nothing of ours and does no I/O;
// server/ may import geo/; web/ may import geo/ and only types from server/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'child_process', 'http', 'os', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.bench/**', 'scratch/**', '.scratch*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // No import cycles anywhere in the app (issue 9): a cycle is a boundary drawn in the wrong place.
    files: ['geo/**/*.ts', 'server/**/*.ts', 'server/**/*.mjs', 'web/**/*.ts', 'web/**/*.tsx', 'scripts/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['geo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**', '**/scripts/**', '**/tests/**'], message: 'geo/ imports nothing of ours (README: architecture).' },
            { group: [...nodeBuiltins, 'better-sqlite3', 'hono', 'hono/*'], message: 'geo/ is pure: no I/O, no database, no server.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'geo/ is pure: pass `now` in.' },
        { object: 'Math', property: 'random', message: 'geo/ is pure: pass a seeded random source in.' },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**', '**/scripts/**'], message: 'server/ may import geo/ only.' }] }],
    },
  },
  {
    // The incident store is one boundary (issue 9): imports, the window index and the routes
    // go through it; it depends on nothing of theirs, so data flows one way. Checked on the
    // file an import resolves to, however its path is spelled (dynamic imports included).
    files: ['server/**/*.ts', 'server/**/*.mjs'],
    ignores: ['server/**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './server/store',
              from: './server',
              except: ['./store', './db'],
              message: 'server/store/ depends only on geo/ and server/db/: importers, the index and routes call the store, never the other way.',
            },
            {
              target: './server/incidents',
              from: ['./server/import', './server/store/commit-import.ts', './server/store/legacy-incidents.ts', './server/store/identity.ts'],
              message: 'server/incidents/ reads incidents; it never imports or writes them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The window index and its queries only read the store: no writer from the store's readers' modules.
    files: ['server/incidents/**/*.ts'],
    ignores: ['server/incidents/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/web/**', '**/scripts/**'], message: 'server/ may import geo/ only.' },
            {
              regex: '(^|/)(chunk-store|coverage-store|import-batches)(\\.ts)?$',
              importNames: ['writeChunks', 'writeCoverage', 'backfillCoverage', 'insertBatch', 'finishBatch', 'labelUnlabelledChunks'],
              message: 'server/incidents/ reads incidents; it never writes them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The two classic hooks rules; a dependency left out on purpose says why on the same line.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], allowTypeImports: true, message: 'web/ takes only types from server/ (Hono RPC AppType).' },
            { group: [...nodeBuiltins, 'better-sqlite3'], message: 'web/ runs in the browser.' },
          ],
        },
      ],
    },
  },
);
