import { describe, expect, it } from 'vitest';
import { gramsOf, normalizeSearch, queryGrams, searchTextOf } from './search.js';

describe('Chinese search grams', () => {
  it('indexes single characters and pairs', () => {
    expect(gramsOf('凤祥股份').sort()).toEqual(['凤', '凤祥', '祥', '祥股', '股', '股份', '份'].sort());
  });
  it('asks for pairs, or the one character', () => {
    expect(queryGrams('凤祥')).toEqual(['凤祥']);
    expect(queryGrams('凤祥股')).toEqual(['凤祥', '祥股']);
    expect(queryGrams('凤')).toEqual(['凤']);
    expect(queryGrams('  ')).toEqual([]);
    expect(queryGrams('a')).toEqual([]);
  });
  it('keeps single letters and digits out of the index, but not their pairs', () => {
    expect(gramsOf('A1号').sort()).toEqual(['a1', '1号', '号'].sort());
    const g = new Set(gramsOf('91371500MA3C1234X1'));
    expect(g.has('9')).toBe(false);
    expect(queryGrams('MA3C').every((x) => g.has(x))).toBe(true);
  });
  it('finds a record by one character of its own name only', () => {
    const g = new Set(gramsOf('恒瑞铝业', '张海燕'));
    expect(g.has('铝')).toBe(true);
    expect(g.has('张')).toBe(false);
    expect(g.has('张海')).toBe(true);
  });
  it('every query gram of a substring is among the record grams', () => {
    const name = '聊城市鲁西化工集团（东阿）有限公司';
    const g = new Set(gramsOf(name));
    for (const q of ['鲁西', '化工集团', '东阿', '西化'])
      expect(
        queryGrams(q).every((x) => g.has(x)),
        q,
      ).toBe(true);
  });
  it('normalizes case, spaces and brackets', () => {
    expect(normalizeSearch('ABC 有限（公司）')).toBe('abc有限公司');
    expect(searchTextOf('A B', null, '（c）')).toBe('ab|c');
  });
});
