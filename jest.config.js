/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // tests/package installs the packed plugin into a fresh app: `npm run test:package`.
  // tests/postgres stops and starts the PostgreSQL test server: `npm run test:postgres`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/package/', ...(process.env.TEST_DATABASE === 'postgres' ? [] : ['<rootDir>/tests/postgres/'])],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  setupFiles: ['<rootDir>/support/test-env.ts'],
  testTimeout: 180000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
};
