// Reads vitest's JSON report (--reporter=json --outputFile=...) into counts, and builds the closing count line.
// Used by scripts/test-all.mjs; tested by tests/unit/test-report.test.ts.

/**
 * Counts of one vitest run, taken from its JSON report.
 * A test file that failed without any failed test in it (it did not load, or a hook threw before any test ran)
 * counts as one failure, so that a broken file can never pass unnoticed.
 * @param {any} report the parsed JSON report
 * @returns {{passed: number, failed: number, skipped: number, failedTests: number, brokenFiles: string[], files: number}}
 */
export function countReport(report) {
  if (
    !report ||
    typeof report !== 'object' ||
    typeof report.numPassedTests !== 'number' ||
    typeof report.numFailedTests !== 'number'
  ) {
    throw new Error('not a vitest JSON report');
  }
  const results = Array.isArray(report.testResults) ? report.testResults : [];
  const brokenFiles = results
    .filter((r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed'))
    .map((r) => r.name ?? '(unknown file)');
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped,
    failedTests: report.numFailedTests,
    brokenFiles,
    files: report.numTotalTestSuites ?? results.length,
  };
}

/**
 * The closing line: "N passed, N failed" or "N passed, N failed, N skipped".
 * @param {{passed: number, failed: number, skipped: number}[]} counts
 */
export function countLine(counts) {
  const sum = (k) => counts.reduce((n, c) => n + (c[k] ?? 0), 0);
  const skipped = sum('skipped');
  return `${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

/**
 * The verdict on one tier.
 * @param {{ran: boolean, exitCode?: number|null, counts?: {passed: number, failed: number}}} t
 * @returns {{ok: boolean, why: string}}
 */
export function tierVerdict(t) {
  if (!t.ran) return { ok: false, why: 'did not run' };
  if (!t.counts) return { ok: false, why: `vitest exited with ${t.exitCode} and wrote no report` };
  if (t.counts.failed > 0) return { ok: false, why: `${t.counts.failed} failed` };
  if (t.counts.passed + t.counts.failed === 0) {
    return {
      ok: false,
      why:
        t.exitCode === 0
          ? 'ran no test'
          : `ran no test, vitest exited with ${t.exitCode} (no test files, or a global setup failed: see its output)`,
    };
  }
  if (t.exitCode !== 0)
    return {
      ok: false,
      why: `vitest exited with ${t.exitCode} though no test failed (see its output: unhandled error?)`,
    };
  return { ok: true, why: 'ok' };
}
