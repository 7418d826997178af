// `npm run test:package`: packs the plugin and installs it into a fresh Strapi app. Minutes, not
// seconds, so it runs apart from `npm test`; it needs no global setup (it never boots the playground).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/package'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // Installing Strapi and building its admin take minutes on a small shared machine.
  testTimeout: 600000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
};
