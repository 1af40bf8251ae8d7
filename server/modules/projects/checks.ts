// Field checks shared by the project services: calendar dates, amounts, text. The rules themselves are the core's
// (core/dates, core/money, core/validators), which spreadsheet imports apply too.
import { pastDateProblem } from '../../core/dates.js';
import type { FieldError } from '../../core/errors.js';
import { amountProblem, normalizeAmount } from '../../core/money.js';

/** A date of something that happened: not before 2000, not later than tomorrow (Asia/Shanghai). */
export function checkPastDate(field: string, value: string | null | undefined, errors: FieldError[]) {
  if (value == null) return;
  const problem = pastDateProblem(value);
  if (problem) errors.push({ field, code: problem });
}

/** Checks an amount in 万元 and returns it with two decimals (or undefined when absent). */
export function checkAmount(
  field: string,
  value: string | null | undefined,
  errors: FieldError[],
): string | null | undefined {
  if (value == null || value === '') return value === '' ? null : value;
  const problem = amountProblem(String(value));
  if (problem) {
    errors.push({ field, code: problem });
    return undefined;
  }
  return normalizeAmount(String(value));
}

export const clean = (s: string | null | undefined) => (s == null ? s : s.trim() || null);
