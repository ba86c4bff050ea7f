/**
 * Jest: TypeScript through swc, native ESM, in three tiers (jest projects):
 * - unit: `src/**\/*.spec.ts` (and specs of test helpers), pure logic: no database, no build;
 * - integration: `test/integration/<module>/*.int.ts`, services on the real PostgreSQL, no HTTP;
 * - e2e: `test/e2e/<module>/*.e2e.ts` (`*.browser.e2e.ts` in Chromium), the app over HTTP.
 * The last two share one global setup (test/setup/global-setup.mjs: build, PostgreSQL, template
 * database), which jest runs only when a test of theirs is selected.
 */
import os from 'node:os';

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Its ES build imports JSON without an import attribute, which jest's ESM loader warns about
    // on every import; the CommonJS build is the same code.
    '^libphonenumber-js$': '<rootDir>/node_modules/libphonenumber-js/index.cjs',
  },
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  setupFiles: ['<rootDir>/test/setup/env.ts'],
};

const withDatabase = {
  ...shared,
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
};

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/test/helpers'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...withDatabase,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.int.ts'],
    },
    {
      ...withDatabase,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.ts'],
    },
  ],
  // Each integration or e2e test file runs a whole app (and PostgreSQL and Chromium work beside
  // it): more workers than cores only make every test slower. On a loaded machine the suite slows
  // down rather than fails: the timeouts below measure nothing, they only catch a hang.
  maxWorkers: Math.max(1, Math.min(4, os.availableParallelism())),
  testTimeout: 180_000,
};
