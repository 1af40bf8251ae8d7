import { describe, expect, it } from 'vitest';
import { copyLine, copyValue } from './copy.js';

describe('COPY text format', () => {
  it('writes null as \\N and escapes what would end a field or a line', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('\\N')).toBe('\\\\N'); // the text "\N", not a null
  });
  it('writes arrays as quoted array literals and objects as JSON', () => {
    expect(copyValue(['外资', 'a"b', 'c\\d'])).toBe('{"外资","a\\\\"b","c\\\\\\\\d"}');
    expect(copyValue({ k: 'v\t1' })).toBe('{"k":"v\\\\t1"}');
    expect(copyValue(12.5)).toBe('12.5');
  });
  it('joins a row with tabs and ends it with a line break', () => {
    expect(copyLine([1, null, 'x'])).toBe('1\t\\N\tx\n');
  });
});
