import { describe, expect, it } from 'vitest';
import { normalizeMonth, pastDateProblem, todayShanghai } from './dates.js';

describe('dates', () => {
  it('takes today in Asia/Shanghai', () => {
    expect(todayShanghai(new Date('2026-03-04T16:30:00Z'))).toBe('2026-03-05');
    expect(todayShanghai(new Date('2026-03-04T15:59:00Z'))).toBe('2026-03-04');
  });
  it('holds a date of something that happened to 2000 … tomorrow', () => {
    const today = '2026-03-05';
    expect(pastDateProblem('2026-03-06', today)).toBeNull();
    expect(pastDateProblem('2026-03-07', today)).toBe('date_in_future');
    expect(pastDateProblem('1999-12-31', today)).toBe('date_too_early');
    expect(pastDateProblem('2025-02-29', today)).toBe('invalid');
    expect(pastDateProblem('2024-02-29', today)).toBeNull();
  });
  it("turns a month or a day into the month's first day", () => {
    expect(normalizeMonth('2025-07')).toBe('2025-07-01');
    expect(normalizeMonth('2025-07-15')).toBe('2025-07-01');
    expect(normalizeMonth('2025-13')).toBeNull();
    expect(normalizeMonth('1999-01')).toBeNull();
  });
});
