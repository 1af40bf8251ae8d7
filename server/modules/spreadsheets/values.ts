// Converting what people type into spreadsheet cells: amounts in 元/万元/亿元 into exact 万元 decimals (BigInt, never
// floats), Chinese date forms and Excel serial numbers into YYYY-MM-DD, and spreadsheet numbers into plain decimals.

/** Full-width ASCII (ＡＢＣ１２３，（）) to half-width, the ideographic space to a space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A JavaScript number as a plain decimal string, without exponent notation: 1e21 → "1000000000000000000000". */
export function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expS] = m;
  const exp = Number(expS);
  const digits = int + frac;
  const point = int.length + exp; // position of the decimal point within digits
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return sign + out;
}

// ------------------------------------------------------------------------------------------------ amounts

export type AmountUnit = '元' | '万元' | '亿元' | '美元' | '万美元' | '亿美元';
export const AMOUNT_UNITS: readonly AmountUnit[] = ['元', '万元', '亿元', '美元', '万美元', '亿美元'];
/** Powers of ten relative to 万 (10⁴). */
const UNIT_EXP: Record<AmountUnit, number> = { 元: -4, 万元: 0, 亿元: 4, 美元: -4, 万美元: 0, 亿美元: 4 };
const isUsd = (u: AmountUnit) => u.endsWith('美元');

/** The unit a header names: "总投资（亿元）", "注册资本(万元)", "投资额亿元" → 亿元 / 万元. */
export function unitOfHeader(header: string): AmountUnit | null {
  const h = toHalfWidth(header).replace(/\s+/g, '');
  const m = /(亿美元|万美元|美元|亿元|万元|亿|万|元)\)?$/.exec(h.replace(/[)\]】]$/, ''));
  if (!m) return null;
  const u = m[1];
  return u === '亿' ? '亿元' : u === '万' ? '万元' : (u as AmountUnit);
}

/** The unit a title row declares for the whole table: "金额单位：亿元", "单位：万元". */
export function declaredUnit(cells: string[]): AmountUnit | null {
  for (const c of cells) {
    const m = /(?:金额|投资|资金)?单位\s*[:：]\s*(亿美元|万美元|亿元|万元|元)/.exec(toHalfWidth(String(c ?? '')));
    if (m) return m[1] as AmountUnit;
  }
  return null;
}

export type AmountResult =
  | { cents: bigint; value: string; rounded: boolean; approximate: boolean; unit: AmountUnit }
  | { error: 'invalid' | 'currency' };

/** Hundredths (of 万元) as a decimal string: 1234500n → "12345.00". */
export function formatCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/**
 * An amount in 万元 (or 万美元 for a USD column), exactly, with two decimals, rounded half up when the source has
 * more precision (a sum in 元, "1.234567亿"). The cell's own unit suffix wins over the header's unit; the default
 * is 万元 (万美元). Thousands separators, currency signs and spaces are ignored; 约 / 左右 mark an approximate amount.
 */
export function parseAmount(
  raw: string,
  opts: { headerUnit?: AmountUnit | null; currency?: 'cny' | 'usd' } = {},
): AmountResult | null {
  const currency = opts.currency ?? 'cny';
  let s = toHalfWidth(raw)
    .replace(/[\s,，_]/g, '')
    .replace(/^(?:人民币|RMB|CNY|USD|US\$|\$|¥|￥)/i, '')
    .replace(/(?:RMB|CNY|USD)$/i, '');
  if (!s) return null;
  let approximate = false;
  const approx = /^(?:约|大约|近|超)|(?:左右|余|多|以上|上下)$/;
  while (approx.test(s)) {
    s = s.replace(approx, '');
    approximate = true;
  }
  let unit: AmountUnit | null = null;
  const m = /(亿美元|万美元|美元|亿元|万元|元|亿|万)$/.exec(s);
  if (m) {
    s = s.slice(0, -m[1].length);
    const u = m[1];
    unit =
      u === '亿'
        ? currency === 'usd'
          ? '亿美元'
          : '亿元'
        : u === '万'
          ? currency === 'usd'
            ? '万美元'
            : '万元'
          : (u as AmountUnit);
    if (approx.test(s)) {
      s = s.replace(approx, '');
      approximate = true;
    }
  }
  unit ??= opts.headerUnit ?? (currency === 'usd' ? '万美元' : '万元');
  if (isUsd(unit) !== (currency === 'usd')) return { error: 'currency' };
  const n = /^([-+]?)(\d+)(?:\.(\d*))?$/.exec(s) ?? /^([-+]?)()\.(\d+)$/.exec(s);
  if (!n) return { error: 'invalid' };
  const frac = n[3] ?? '';
  const digits = BigInt((n[2] || '0') + frac);
  // value = digits × 10^(exp − scale) 万; in hundredths: × 10^(exp + 2 − scale)
  const e = UNIT_EXP[unit] + 2 - frac.length;
  let cents: bigint;
  let rounded = false;
  if (e >= 0) cents = digits * 10n ** BigInt(e);
  else {
    const div = 10n ** BigInt(-e);
    cents = digits / div;
    const r = digits % div;
    if (r !== 0n) rounded = true;
    if (r * 2n >= div) cents += 1n;
  }
  if (n[1] === '-') cents = -cents;
  return { cents, value: formatCents(cents), rounded, approximate, unit };
}

/** A plain non-negative decimal with at most two places (land in 亩): "120" → "120.00". */
export function parseDecimal2(raw: string): { cents: bigint; value: string } | null {
  const s = toHalfWidth(raw)
    .replace(/[\s,，]/g, '')
    .replace(/亩$/, '');
  const r = parseAmount(s, { headerUnit: '万元' });
  if (!r || 'error' in r) return null;
  return { cents: r.cents, value: r.value };
}

// ------------------------------------------------------------------------------------------------ dates

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function ymd(y: number, m: number, d: number): string | 'no_such_date' | 'invalid' {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return 'invalid';
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return 'no_such_date';
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Excel's 1900 date system: serial 1 is 1900-01-01 (with Excel's phantom 1900-02-29, so count from 1899-12-30). */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 73415) return null; // up to 2100-12-31
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export type DateResult = { value: string; monthOnly: boolean } | { error: 'invalid' | 'no_such_date' };

/**
 * "2024年3月5日", "2024-3-5", "2024/03/05", "2024.3.5", "20240305", "2024-03-05 10:30", an Excel serial number
 * (45356) → "2024-03-05"; "2024年3月", "2024-03", "2024.3", "202403" → the first of the month (monthOnly).
 * An impossible day (2024-02-30) is an error, not the next month.
 */
export function parseDate(raw: string): DateResult | null {
  const s = toHalfWidth(raw).trim().replace(/\s+/g, ' ');
  if (!s) return null;
  let m =
    /^(\d{4}) ?[年\-/.] ?(\d{1,2}) ?[月\-/.] ?(\d{1,2}) ?日?(?:[ T]\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      s,
    );
  if (m) {
    const r = ymd(+m[1], +m[2], +m[3]);
    return r === 'invalid' || r === 'no_such_date' ? { error: r } : { value: r, monthOnly: false };
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const r = ymd(+m[1], +m[2], +m[3]);
    return r === 'invalid' || r === 'no_such_date' ? { error: r } : { value: r, monthOnly: false };
  }
  m = /^(\d{4}) ?[年\-/.] ?(\d{1,2}) ?月?(?:份)?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const r = ymd(+m[1], +m[2], 1);
    return r === 'invalid' || r === 'no_such_date' ? { error: 'invalid' } : { value: r, monthOnly: true };
  }
  m = /^(\d{1,5})(?:\.\d+)?$/.exec(s);
  if (m) {
    const d = excelSerialToDate(Number(s));
    return d ? { value: d, monthOnly: false } : { error: 'invalid' };
  }
  return { error: 'invalid' };
}

/** A date cell's text: the serial day read as a UTC date (xlsx.ts), so the calendar day never shifts with the zone. */
export function dateCellText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const secs = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return secs === 0 ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

// ------------------------------------------------------------------------------------------------ output

/** A text cell that a spreadsheet would run as a formula (= + - @, or a leading tab / CR) gets a leading quote. */
export function neutralize(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
