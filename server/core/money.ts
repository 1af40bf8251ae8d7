// Money as decimal strings in 万元 (two decimals), compared and summed exactly in hundredths, and the bounds every
// way in (forms, the API, spreadsheet imports) holds amounts to.
export const MAX_AMOUNT = 100_000_000n * 100n; // 1e8 万元 (one 万亿元), in hundredths, inclusive
export const MAX_CAPITAL = 10_000_000_000n * 100n; // registered capital: below 1e10 万元, in hundredths

const DECIMAL = /^(-?)(\d{1,16})(?:\.(\d{1,2}))?$/;

/** "12500.5" → 1250050n (hundredths); null when the text is not a decimal with at most two places. */
export function toCents(s: string | null | undefined): bigint | null {
  if (s == null) return null;
  const m = DECIMAL.exec(String(s).trim());
  if (!m) return null;
  const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -v : v;
}

export const fromCents = (c: bigint) => {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};

/** Checks an amount: 'invalid' (not a decimal), 'amount_out_of_range' (negative or above 1e8 万元), or null when fine. */
export function amountProblem(s: string): 'invalid' | 'amount_out_of_range' | null {
  const c = toCents(s);
  if (c === null) return 'invalid';
  if (c < 0n || c > MAX_AMOUNT) return 'amount_out_of_range';
  return null;
}

/** Checks a registered capital: 'invalid', 'capital_out_of_range' (negative, or 1e10 万元 and above), or null when fine. */
export function capitalProblem(s: string): 'invalid' | 'capital_out_of_range' | null {
  const c = toCents(s);
  if (c === null) return 'invalid';
  if (c < 0n || c >= MAX_CAPITAL) return 'capital_out_of_range';
  return null;
}

/** Land in 亩, also kept in hundredths: 0 – 10,000,000 亩. */
export const MAX_AREA_MU = 10_000_000n * 100n;
export const areaProblem = (s: string): 'invalid' | null => {
  const c = toCents(s);
  return c === null || c < 0n || c > MAX_AREA_MU ? 'invalid' : null;
};

/** The amount normalized to two decimals ("12500" → "12500.00"). */
export const normalizeAmount = (s: string) => fromCents(toCents(s)!);
