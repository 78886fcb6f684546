import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Model-level tests simulate years of thousands of hosts; give slow CI machines room.
    testTimeout: 60_000,
  },
});
