/** `npm run test:reliability`: real processes under faults, load and hostile input (test/reliability/*.reliability-spec.ts). */
const { join } = require('node:path');
const base = require('../support/jest-base');

const rootDir = join(__dirname, '../..');

module.exports = {
  rootDir,
  testTimeout: 300000,
  // One scenario at a time: each starts its own processes and loads the machine on purpose.
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/summary.reporter.js'],
  projects: [{ ...base, rootDir, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'] }],
};
