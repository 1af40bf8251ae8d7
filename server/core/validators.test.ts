import { describe, expect, it } from 'vitest';
import { isChineseIdNumber, isEmail, isMobile, isPhone, isUSCC, isWebsite, maskPhone } from './validators.js';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts codes with a correct check character', () => {
    expect(isUSCC('91350100M000100Y43')).toBe(true);
    expect(isUSCC('911100001000044477')).toBe(true);
  });
  it('refuses a wrong check character, bad letters and wrong length', () => {
    expect(isUSCC('91350100M000100Y44')).toBe(false);
    expect(isUSCC('91350100M000100I43')).toBe(false); // I is not in the alphabet
    expect(isUSCC('91350100M000100Y4')).toBe(false);
    expect(isUSCC('')).toBe(false);
  });
});

describe('居民身份证号码 (GB 11643)', () => {
  it('accepts a number with a valid date and check digit', () => {
    expect(isChineseIdNumber('11010519491231002X')).toBe(true);
    expect(isChineseIdNumber('440524188001010014')).toBe(false); // born before 1900
  });
  it('refuses a wrong check digit or an impossible date', () => {
    expect(isChineseIdNumber('110105194912310021')).toBe(false);
    expect(isChineseIdNumber('110105194902300028')).toBe(false);
  });
});

describe('mobile numbers', () => {
  it('checks and masks', () => {
    expect(isMobile('13812345678')).toBe(true);
    expect(isMobile('12812345678')).toBe(false);
    expect(isMobile('1381234567')).toBe(false);
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(null)).toBe(null);
  });
});

describe('contact fields', () => {
  it('takes a mobile or a landline with its area code as a phone', () => {
    for (const ok of ['13812345678', '0635-8888888', '06358888888', '010-12345678']) expect(isPhone(ok), ok).toBe(true);
    for (const bad of ['12812345678', '8888888', '0635-88', '+8613812345678']) expect(isPhone(bad), bad).toBe(false);
  });
  it('takes web addresses with or without a scheme, and e-mail addresses', () => {
    expect(isWebsite('www.example.cn')).toBe(true);
    expect(isWebsite('https://example.com:8080/a?b=1')).toBe(true);
    expect(isWebsite('not a site')).toBe(false);
    expect(isEmail('a@b.cn')).toBe(true);
    expect(isEmail('a@b')).toBe(false);
  });
});
