import { describe, expect, it } from 'vitest';
import { diffFields } from './audit.js';

describe('diffFields', () => {
  it('lists only the fields that changed, before → after', () => {
    const d = diffFields<Record<string, unknown>>({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: 'z' }, ['a', 'b', 'c']);
    expect(d).toEqual({ b: ['x', 'y'], c: [null, 'z'] });
  });
  it('treats a created record as changes from null and compares dates by value', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(diffFields(null, { a: 1 }, ['a'])).toEqual({ a: [null, 1] });
    expect(diffFields({ t }, { t: new Date(t.getTime()) }, ['t'])).toEqual({});
  });
});
