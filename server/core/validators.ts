// Chinese standards and common field checks, shared by schemas and services.

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export const isMobile = (s: string) => /^1[3-9]\d{9}$/.test(s);

/** A contact's phone: a mobile number, or a landline with its area code (0635-8888888). */
export const isPhone = (s: string) => isMobile(s) || /^0\d{2,3}-?\d{7,8}$/.test(s);

/** A web address, with or without its scheme. */
export const isWebsite = (s: string) => /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?$/i.test(s);

export const isEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters with a mod-31 check character. */
export function isUSCC(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]) * USCC_WEIGHTS[i];
  const check = USCC_CHARS[(31 - (sum % 31)) % 31];
  return code[17] === check;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码 (GB 11643-1999): 18 characters, a real birth date, and the ISO 7064 MOD 11-2 check. */
export function isChineseIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = +id.slice(6, 10),
    m = +id.slice(10, 12),
    d = +id.slice(12, 14);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date > new Date()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += +id[i] * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}

/** Shows the first 3 and last 4 digits of a phone number. */
export const maskPhone = (p: string | null) => (p && p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p);
