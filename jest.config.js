/** Unit tests live beside the code (*.spec.ts); e2e tests under test/ (*.e2e-spec.ts). */
const base = require('./test/support/jest-base');

module.exports = {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // The web app in Debian's Chromium, driven by playwright-core against the built app (npm test builds first).
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
