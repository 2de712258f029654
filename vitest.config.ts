import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Vitest's default (CPUs − 1) runs a 2-core machine one file at a time, yet much of a test's
    // time is spent waiting (PostgreSQL, fake platform servers, child processes). Files share
    // nothing (own databases, port 0), so at least two run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Migrate once (PGlite tarball + PostgreSQL template database); each test starts from a copy.
    globalSetup: ['test/setup/templates.ts'],
    setupFiles: ['test/setup/pglite.ts'],
    // Generous: a test's speed is not what it checks, and a machine shared with other work can be
    // ten times slower than a quiet one. A test that hangs still fails, just later.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
