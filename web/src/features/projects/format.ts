// Amounts in 万元 shown with their unit (亿元 from 10,000 万元 up), dates, and stage/flag colours.
import dayjs from 'dayjs';

// Amounts: one formatter for the whole app.
export { formatAmount, formatUsd, formatYi } from '../../lib/amounts';

export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
export const fmtDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');
export const fmtMonth = (iso: string | null | undefined) => (iso ? iso.slice(0, 7) : '');
export const fmtSize = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export const STAGE_COLORS: Record<string, string> = {
  planning: 'default',
  negotiating: 'cyan',
  signed: 'blue',
  registered: 'geekblue',
  started: 'purple',
  producing: 'green',
  at_capacity: 'success',
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
