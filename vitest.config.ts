import { configDefaults, defineConfig } from 'vitest/config';

// One config for every suite: API and realtime tests against a real database (PostgreSQL when
// TEST_DATABASE_URL is set, embedded PGlite otherwise), browser tests against a built SPA.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The fault suites run on their own (`npm run test:faults`, vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, 'tests/faults/**'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: more workers only make each file slower.
    maxWorkers: 2,
  },
});
