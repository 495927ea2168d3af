import { defineConfig } from 'vitest/config';

// End-to-end stories in Debian's Chromium against a built app on a seeded temporary database.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    // One vite build for all stories, before any of them starts.
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
