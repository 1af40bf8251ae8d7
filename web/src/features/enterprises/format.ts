// Amounts in 万元 shown with their unit: 亿元 from 10,000 万元 up.
import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const num = (v: number, digits: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);

/** "125000.00" → "12.5 亿元"; "8600.00" → "8,600 万元"; null → null. */
export function formatWan(value: string | null | undefined, t: T): string | null {
  if (value == null || value === '') return null;
  const v = Number(value);
  if (!Number.isFinite(v)) return value;
  if (Math.abs(v) >= 10000) return `${num(v / 10000, 2)} ${t('ent.unitYi')}`;
  return `${num(v, 2)} ${t('ent.unitWan')}`;
}
