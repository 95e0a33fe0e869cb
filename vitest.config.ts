import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests open real DuckDB files and servers; two cores here, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The browser tests poll the page for what it should show; a first render on a busy 2-core machine has taken
    // over a second (the default), which says nothing about the page. Waiting longer checks the same thing.
    expect: { poll: { timeout: 5_000 } },
    globalSetup: ['test/e2e/setup.ts'],
  },
});
