// Amounts in 万元 shown with their unit (亿元 from 10,000 万元 up), dates, and stage/flag colours.
import dayjs from 'dayjs';
import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const num = (v: number, digits: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);

/** "125000.00" → "12.5 亿元"; "8600.00" → "8,600 万元". Display only: amounts travel as decimal strings. */
export function formatAmount(value: string | null | undefined, t: T): string | null {
  if (value == null || value === '') return null;
  const v = Number(value);
  if (!Number.isFinite(v)) return value;
  if (Math.abs(v) >= 10000) return `${num(v / 10000, 2)} ${t('projects.unit.yi')}`;
  return `${num(v, 2)} ${t('projects.unit.wan')}`;
}

/** Always in 亿元 (the totals bar). */
export const formatYi = (value: string | null | undefined, t: T) => `${num(Number(value ?? 0) / 10000, 2)} ${t('projects.unit.yi')}`;

/** 万美元 for foreign capital. */
export const formatUsd = (value: string | null | undefined, t: T) => (value == null ? null : `${num(Number(value), 2)} ${t('projects.unit.wanUsd')}`);

export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
export const fmtDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');
export const fmtMonth = (iso: string | null | undefined) => (iso ? iso.slice(0, 7) : '');
export const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export const STAGE_COLORS: Record<string, string> = {
  planning: 'default', negotiating: 'cyan', signed: 'blue', registered: 'geekblue', started: 'purple', producing: 'green', at_capacity: 'success',
  terminated: 'error',
};
export const WARNING_COLORS: Record<string, string> = { yellow: 'warning', red: 'error' };
export const PROBLEM_COLORS: Record<string, string> = { open: 'error', in_progress: 'processing', solved: 'success' };

/** Reads a File as base64 (without the data: prefix) for POST /api/files. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*;base64,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
