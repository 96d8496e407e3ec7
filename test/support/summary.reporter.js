// Writes jest's totals to $JEST_JSON_REPORT, so .ci/run can print the one summary line CI reads.
const { writeFileSync } = require('node:fs');

module.exports = class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.JEST_JSON_REPORT;
    if (!file) return;
    const { numPassedTests, numFailedTests, numRuntimeErrorTestSuites, numPendingTests } = results;
    writeFileSync(file, JSON.stringify({ numPassedTests, numFailedTests, numRuntimeErrorTestSuites, numPendingTests }));
  }
};
