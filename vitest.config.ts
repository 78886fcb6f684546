import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ for worker threads and the CLI's bundle, built once before any test (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // Model-level tests simulate years of thousands of hosts; give slow CI machines room.
    testTimeout: 60_000,
  },
});
