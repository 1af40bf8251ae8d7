// Amounts in 万元 shown with their unit (亿元 from 10,000 万元 up), and times.
import dayjs from 'dayjs';

// Amounts: one formatter for the whole app.
export { formatAmount } from '../../lib/amounts';

/** Times in the browser's zone, like the other pages (the users are in Asia/Shanghai). */
export function fmtTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function fmtDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '';
}

export const STATUS_COLORS: Record<string, string> = {
  pool: 'gold',
  following: 'blue',
  converted: 'green',
  dropped: 'default',
};
