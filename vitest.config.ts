import { defineConfig } from 'vitest/config';

// Unit and integration tests: next to the code (geo/, server/, scripts/, web/) plus tests/integration.
export default defineConfig({
  test: {
    include: ['geo/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts', 'web/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
