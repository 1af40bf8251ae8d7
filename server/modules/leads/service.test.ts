import { describe, expect, it } from 'vitest';
import { normalizeAmount } from './service.js';

describe('intended amounts (万元)', () => {
  it('keeps two decimals as a string', () => {
    expect(normalizeAmount('1200')).toBe('1200.00');
    expect(normalizeAmount(' 0.5 ')).toBe('0.50');
    expect(normalizeAmount('0012,500.25')).toBe('12500.25');
    expect(normalizeAmount('100000000')).toBe('100000000.00');
  });
  it('refuses negatives, more than two places, exponents and the absurd', () => {
    for (const bad of ['-5', '1.234', '1e9', 'abc', '', '100000000.01', '1000000000']) expect(normalizeAmount(bad), bad).toBeNull();
  });
});
