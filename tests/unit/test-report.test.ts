// The counting behind `npm test`'s closing line (scripts/lib/test-report.mjs).
import { describe, expect, it } from 'vitest';
import { countLine, countReport, tierVerdict } from '../../scripts/lib/test-report.mjs';

const report = (over: Record<string, unknown> = {}) => ({
  numTotalTestSuites: 2,
  numPassedTests: 5,
  numFailedTests: 1,
  numPendingTests: 2,
  numTodoTests: 1,
  numTotalTests: 9,
  testResults: [
    { name: 'a.test.ts', status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }] },
    { name: 'b.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }] },
  ],
  ...over,
});

describe('countReport', () => {
  it('takes passed, failed and skipped (pending + todo) from the report', () => {
    expect(countReport(report())).toMatchObject({ passed: 5, failed: 1, skipped: 3, brokenFiles: [] });
  });

  it('counts a file that failed with no failed test in it as one failure', () => {
    const r = report({
      numFailedTests: 0,
      testResults: [{ name: 'broken.test.ts', status: 'failed', assertionResults: [] }],
    });
    expect(countReport(r)).toMatchObject({ failed: 1, brokenFiles: ['broken.test.ts'] });
  });

  it('refuses what is not a vitest report', () => {
    expect(() => countReport({})).toThrow();
    expect(() => countReport(null)).toThrow();
  });
});

describe('countLine', () => {
  it('sums the tiers and leaves out skipped when there is none', () => {
    expect(
      countLine([
        { passed: 3, failed: 0, skipped: 0 },
        { passed: 4, failed: 1, skipped: 0 },
      ]),
    ).toBe('7 passed, 1 failed');
    expect(countLine([{ passed: 3, failed: 0, skipped: 2 }])).toBe('3 passed, 0 failed, 2 skipped');
    expect(countLine([])).toBe('0 passed, 0 failed');
  });
});

describe('tierVerdict', () => {
  const counts = { passed: 2, failed: 0, skipped: 0 };
  it('passes a tier only when it ran tests, none failed and vitest exited 0', () => {
    expect(tierVerdict({ ran: true, exitCode: 0, counts }).ok).toBe(true);
    expect(tierVerdict({ ran: false }).ok).toBe(false);
    expect(tierVerdict({ ran: true, exitCode: 1 }).ok).toBe(false);
    expect(tierVerdict({ ran: true, exitCode: 1, counts }).ok).toBe(false);
    expect(tierVerdict({ ran: true, exitCode: 0, counts: { passed: 0, failed: 0, skipped: 3 } }).why).toBe(
      'ran no test',
    );
    expect(tierVerdict({ ran: true, exitCode: 1, counts: { passed: 2, failed: 1, skipped: 0 } }).why).toBe('1 failed');
  });
});
