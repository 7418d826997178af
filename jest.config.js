/**
 * Test tiers, each a Jest project: `unit` (seconds, no Strapi, no build), `integration` (a real
 * playground Strapi on SQLite, or PostgreSQL with TEST_DATABASE=postgres, or MariaDB/MySQL with TEST_DATABASE=mysql; also several instances
 * on one database) and `e2e` (the admin and the reader page in Debian's Chromium). The playground
 * is compiled once, by the global setup of the projects that boot it, which also makes the run's
 * template databases (dropped by the global teardown); the e2e tier's also builds its admin.
 * tests/package installs the packed plugin into a fresh app: `npm run test:package`.
 * tests/database-server stops and starts the PostgreSQL or MariaDB test server: `npm run test:postgres`,
 * `npm run test:mysql`.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] };
const shared = { testEnvironment: 'node', testTimeout: 180000, testMatch: ['**/*.test.ts'], transform, setupFiles: ['<rootDir>/support/test-env.ts'] };
const teardown = '<rootDir>/tests/support/global-teardown.ts';
const booting = { ...shared, globalSetup: '<rootDir>/tests/support/global-setup.ts', globalTeardown: teardown };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 180000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/tests/unit'] },
    {
      ...booting,
      displayName: 'integration',
      roots: [
        '<rootDir>/tests/integration',
        '<rootDir>/tests/multi-instance',
        ...(['postgres', 'mysql'].includes(process.env.TEST_DATABASE ?? '') ? ['<rootDir>/tests/database-server'] : []),
      ],
    },
    { ...shared, globalSetup: '<rootDir>/tests/support/browser-global-setup.ts', globalTeardown: teardown, displayName: 'e2e', roots: ['<rootDir>/tests/e2e'] },
  ],
};
