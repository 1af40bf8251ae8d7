// Field checks shared by the project services: calendar dates, amounts, text.
import type { FieldError } from '../../core/errors.js';
import { amountProblem, normalizeAmount } from './money.js';

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function todayShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const addDays = (ymd: string, n: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A date of something that happened: not before 2000, not later than tomorrow (Asia/Shanghai). */
export function checkPastDate(field: string, value: string | null | undefined, errors: FieldError[]) {
  if (value == null) return;
  if (!isCalendarDate(value)) errors.push({ field, code: 'invalid' });
  else if (value < '2000-01-01') errors.push({ field, code: 'date_too_early' });
  else if (value > addDays(todayShanghai(), 1)) errors.push({ field, code: 'date_in_future' });
}

/** Checks an amount in 万元 and returns it with two decimals (or undefined when absent). */
export function checkAmount(field: string, value: string | null | undefined, errors: FieldError[]): string | null | undefined {
  if (value == null || value === '') return value === '' ? null : value;
  const problem = amountProblem(String(value));
  if (problem) { errors.push({ field, code: problem }); return undefined; }
  return normalizeAmount(String(value));
}

/** "2025-07" or "2025-07-15" → "2025-07-01"; null when not a month of 2000–2100. */
export function normalizeMonth(s: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m || +m[1] < 2000 || +m[1] > 2100 || +m[2] < 1 || +m[2] > 12) return null;
  if (m[3] && !isCalendarDate(s)) return null;
  return `${m[1]}-${m[2]}-01`;
}

export const isPhone = (s: string) => /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}$/.test(s);

export const clean = (s: string | null | undefined) => (s == null ? s : s.trim() || null);
