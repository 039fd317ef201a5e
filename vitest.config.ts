import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only add contention for SQLite files and spawned servers.
    maxWorkers: 2,
    // CI shares two cores with real server processes, Chromium and PostgreSQL: one retry absorbs
    // timing noise; a test that fails twice still fails the run.
    retry: process.env.CI ? 1 : 0,
    reporters: ['default'],
  },
});
