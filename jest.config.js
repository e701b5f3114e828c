/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig's isolatedModules makes ts-jest transpile without type checking (about 4x faster
    // start-up); `npm run typecheck` checks types once.
    '^.+\\.ts$': 'ts-jest',
  },
  testTimeout: 30000,
  // Servers, browsers and child processes are closed by each test; should one linger (a
  // stuck socket in a failing test), CI must still end rather than wait for it.
  forceExit: true,
  globalSetup: '<rootDir>/test/support/build.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
