import { defineConfig } from 'vitest/config';

// The fault suites (`npm run test:faults`): real processes, private PostgreSQL and Redis behind proxies
// they break on purpose (tests/faults). One file at a time — each starts its own cluster — and never
// part of `npm test`.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
