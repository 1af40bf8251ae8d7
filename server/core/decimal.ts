// Exact decimal arithmetic for figures and scores: values in millionths as bigint, rounded half away from zero.
// Money stays in core/money (hundredths); scores and rates need a finer step before they are rounded for display.
const SCALE = 1_000_000n;
const DECIMAL = /^(-?)(\d{1,18})(?:\.(\d{1,6}))?$/;

/** "12.5" → 12500000n; null when not a decimal with at most six places. */
export function toMicro(s: string | number | bigint | null | undefined): bigint | null {
  if (s == null) return null;
  if (typeof s === 'bigint') return s * SCALE;
  const m = DECIMAL.exec(String(s).trim());
  if (!m) return null;
  const v = BigInt(m[2]) * SCALE + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -v : v;
}

/** a / b, both integers, rounded half away from zero. */
export function divRound(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const neg = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (x * 2n + y) / (y * 2n);
  return neg ? -q : q;
}

export const mulMicro = (a: bigint, b: bigint) => divRound(a * b, SCALE);
export const divMicro = (a: bigint, b: bigint) => divRound(a * SCALE, b);
export const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
export const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);

/** Rounds to `places` (0–6) and writes the decimal string: 12345678n, 2 → "12.35". */
export function fmtMicro(v: bigint, places = 2): string {
  const step = 10n ** BigInt(6 - places);
  const r = divRound(v, step);
  const neg = r < 0n;
  const a = neg ? -r : r;
  const unit = 10n ** BigInt(places);
  const int = a / unit;
  const frac = places ? `.${String(a % unit).padStart(places, '0')}` : '';
  return `${neg ? '-' : ''}${int}${frac}`;
}

/** Rounds to `places` and back to millionths (so that sums of rounded parts are exact). */
export const roundMicro = (v: bigint, places = 2) => toMicro(fmtMicro(v, places))!;
