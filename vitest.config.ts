import { configDefaults, defineConfig } from 'vitest/config';

/** Files that need a real PostgreSQL: only a run that includes one of them starts the embedded server. */
const POSTGRES_TESTS = 'tests/**/*postgres*.test.ts';
/** Pages in a real browser: axe and full-page screenshots of long records take seconds a page on two cores. */
const WEB_TESTS = ['tests/web/**/*.test.ts', 'tests/integrity/verifier-page.test.ts', 'tests/reports/working-document-*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, POSTGRES_TESTS, ...WEB_TESTS] },
      },
      {
        extends: true,
        test: { name: 'web', include: WEB_TESTS, testTimeout: 180_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'postgres', include: [POSTGRES_TESTS], globalSetup: ['tests/support/postgres-global-setup.ts'] },
      },
    ],
  },
});
