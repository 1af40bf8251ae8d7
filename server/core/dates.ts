// Calendar dates as YYYY-MM-DD strings in Asia/Shanghai, and the bounds every way in (forms, the API, spreadsheet
// imports) holds them to.

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function todayShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const addDays = (ymd: string, n: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const EARLIEST_DATE = '2000-01-01';

/**
 * A date of something that happened: not before 2000 and not later than tomorrow (a day of slack for clocks and
 * time zones). 'invalid', 'date_too_early', 'date_in_future', or null when fine.
 */
export function pastDateProblem(
  value: string,
  today = todayShanghai(),
): 'invalid' | 'date_too_early' | 'date_in_future' | null {
  if (!isCalendarDate(value)) return 'invalid';
  if (value < EARLIEST_DATE) return 'date_too_early';
  if (value > addDays(today, 1)) return 'date_in_future';
  return null;
}

/** "2025-07" or "2025-07-15" → "2025-07-01"; null when not a month of 2000–2100. */
export function normalizeMonth(s: string): string | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m || +m[1] < 2000 || +m[1] > 2100 || +m[2] < 1 || +m[2] > 12) return null;
  if (m[3] && !isCalendarDate(s)) return null;
  return `${m[1]}-${m[2]}-01`;
}
