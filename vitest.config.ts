import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Web tests run in Node but compile TSX as the app's build does (web/vite.config.ts).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx'],
    pool: 'forks',
    setupFiles: ['test/support/key-home.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only add contention for SQLite files and spawned servers.
    maxWorkers: 2,
    // CI shares two cores with real server processes, Chromium and PostgreSQL: one retry absorbs
    // timing noise; a test that fails twice still fails the run.
    retry: process.env.CI ? 1 : 0,
    // expect.poll gives up after 1 s by default: too short for a service worker's fetch or a
    // realtime event on a loaded machine (a poll that succeeds returns as soon as it does).
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
