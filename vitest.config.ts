import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Migrate once (PGlite tarball + PostgreSQL template database); each test starts from a copy.
    globalSetup: ['test/setup/templates.ts'],
    setupFiles: ['test/setup/pglite.ts'],
    // Generous: a test's speed is not what it checks, and a machine shared with other work can be
    // ten times slower than a quiet one. A test that hangs still fails, just later.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
