const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', transpilation: true }];
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
  // web/test holds the web app's component tests, run by Vitest (web/vitest.config.ts).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/web/'],
};
const withDatabase = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

export default {
  // A start-up hook (migrations, demo data, a Vite build) on a shared 2-core machine under load has taken well
  // over 30 s; a test that really hangs still fails after two minutes. Jest exits on its own once every app a
  // file started is closed (test/support/test-app.ts), so no --forceExit hides connections left open.
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      ...withDatabase,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/web/', '<rootDir>/test/e2e/'],
    },
    // The web app in headless Chromium against the real service (test/e2e/support/browser.ts).
    { ...shared, ...withDatabase, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
