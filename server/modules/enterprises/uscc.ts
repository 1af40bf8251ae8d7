// Makes valid 统一社会信用代码 (GB 32100-2015) for demo data and tests: registration authority and type,
// the GB/T 2260 division, a 9-character organisation code with its GB 11714 check character, and the
// mod-31 check character of the whole code.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-digit organisation code body. */
function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The 18th character for the first 17. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** A valid code for an enterprise (91…) registered in `division`, numbered by `seq`. */
export function makeUSCC(division: string, seq: number): string {
  // Spread the numbers so that neighbouring demo records do not look sequential.
  const body = String((seq * 7_919_371 + 12_345_678) % 100_000_000).padStart(8, '0');
  const first17 = `91${division}${body}${orgCodeCheck(body)}`;
  return first17 + usccCheckChar(first17);
}
