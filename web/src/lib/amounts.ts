// Amounts travel as decimal strings in 万元 (foreign capital in 万美元); they are shown with their unit,
// in 亿元 from 10,000 万元 up. Display only: no arithmetic on money happens in the browser.
import type { MessageKey } from '../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const num = (v: number, digits: number) =>
  new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);

/** "125000.00" → "12.5 亿元"; "8600.00" → "8,600 万元"; null → null. */
export function formatAmount(value: string | null | undefined, t: T): string | null {
  if (value == null || value === '') return null;
  const v = Number(value);
  if (!Number.isFinite(v)) return value;
  if (Math.abs(v) >= 10000) return `${num(v / 10000, 2)} ${t('unit.yi')}`;
  return `${num(v, 2)} ${t('unit.wan')}`;
}

/** Always in 亿元 (totals). */
export const formatYi = (value: string | null | undefined, t: T) =>
  `${num(Number(value ?? 0) / 10000, 2)} ${t('unit.yi')}`;

/** 万美元, for foreign capital. */
export const formatUsd = (value: string | null | undefined, t: T) =>
  value == null ? null : `${num(Number(value), 2)} ${t('unit.wanUsd')}`;
