/**
 * Prints one plain closing line, "N passed, N failed, N skipped", that CI systems read in any
 * language. Jest's own summary stays above it.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(
      `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
