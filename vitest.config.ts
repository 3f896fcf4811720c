import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites that share PostgreSQL or ports run in separate files; files run in parallel on 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

// vitest loads the config through its default export; this is the only default export in the repo.
export default config;
