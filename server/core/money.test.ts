import { describe, expect, it } from 'vitest';
import { amountProblem, capitalProblem, fromCents, normalizeAmount, toCents } from './money.js';

describe('amounts in 万元', () => {
  it('keeps two decimals as a string, exactly', () => {
    expect(normalizeAmount('1200')).toBe('1200.00');
    expect(normalizeAmount(' 0.5 ')).toBe('0.50');
    expect(normalizeAmount('0012500.25')).toBe('12500.25');
    expect(normalizeAmount('100000000')).toBe('100000000.00');
    expect(fromCents(toCents('0.1')! + toCents('0.2')!)).toBe('0.30');
  });
  it('refuses what is not a decimal with two places, negatives and the absurd', () => {
    for (const bad of ['1.234', '1e9', 'abc', '', '12,500']) expect(amountProblem(bad), bad).toBe('invalid');
    for (const bad of ['-5', '100000000.01', '1000000000']) expect(amountProblem(bad), bad).toBe('amount_out_of_range');
    expect(amountProblem('100000000')).toBeNull();
  });
  it('allows a registered capital up to just below 1e10 万元', () => {
    expect(capitalProblem('9999999999.99')).toBeNull();
    expect(capitalProblem('10000000000')).toBe('capital_out_of_range');
    expect(capitalProblem('-1')).toBe('capital_out_of_range');
    expect(capitalProblem('1.234')).toBe('invalid');
  });
});
