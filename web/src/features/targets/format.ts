// Figures with their units: 万元 amounts in 亿元 from 1亿 up, 万美元, counts and percentages.
import type { MessageKey } from '../../i18n';
import { formatAmount, formatUsd } from '../../lib/amounts';
import type { Indicator } from './types';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function formatFigure(value: string | null | undefined, unit: Indicator['unit'] | undefined, t: T): string {
  if (value == null) return t('common.empty');
  switch (unit) {
    case 'wan_yuan':
      return formatAmount(value, t) ?? t('common.empty');
    case 'wan_usd':
      return formatUsd(value, t) ?? t('common.empty');
    case 'percent':
      return `${Number(value).toFixed(2)}%`;
    default:
      return t('targets.unit.count', { n: String(Number(value)) });
  }
}

export const indicatorLabel = (i: Indicator | undefined, lang: string, key: string) =>
  i ? (lang === 'en' ? i.en : i.zh) : key;

/** The current month in Asia/Shanghai. */
export function currentMonth() {
  const d = new Date(Date.now() + 8 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}
