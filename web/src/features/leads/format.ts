// Amounts in 万元 shown with their unit (亿元 from 10,000 万元 up), and times.
import dayjs from 'dayjs';
import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const num = (v: number, digits: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);

/** "125000.00" → "12.5 亿元"; "8600.00" → "8,600 万元"; null → null. Display only: amounts travel as strings. */
export function formatAmount(value: string | null | undefined, t: T): string | null {
  if (value == null || value === '') return null;
  const v = Number(value);
  if (!Number.isFinite(v)) return value;
  if (Math.abs(v) >= 10000) return `${num(v / 10000, 2)} ${t('leads.unitYi')}`;
  return `${num(v, 2)} ${t('leads.unitWan')}`;
}

/** Times in the browser's zone, like the other pages (the users are in Asia/Shanghai). */
export function fmtTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function fmtDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '';
}

export const STATUS_COLORS: Record<string, string> = { pool: 'gold', following: 'blue', converted: 'green', dropped: 'default' };
