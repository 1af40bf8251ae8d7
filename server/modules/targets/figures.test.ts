import { describe, expect, it } from 'vitest';
import { figureOf, parsePeriod, rateOn, targetToDate, type ProjectFacts } from './figures.js';

const p = parsePeriod('2026-06')!;
const fact = (id: number, f: Partial<ProjectFacts>): ProjectFacts => ({
  id,
  name: `p${id}`,
  ownerUnitId: 1,
  countyUnitId: 1,
  teamId: null,
  signedOn: null,
  startedOn: null,
  producedOn: null,
  terminatedOn: null,
  amount: '0',
  foreignCapital: null,
  flags: [],
  plannedStartMonth: null,
  fundsInPlace: '0',
  ...f,
});

describe('figures', () => {
  const facts = [
    fact(1, { signedOn: '2026-03-01', amount: '15000', startedOn: '2026-05-01', flags: ['central_soe'] }),
    fact(2, { signedOn: '2026-07-02', amount: '50000' }), // approved after the period
    fact(3, { signedOn: '2025-12-30', amount: '20000', plannedStartMonth: '2026-01-01' }), // last year's signing, late to start
    fact(4, { signedOn: '2026-02-01', amount: '9000', terminatedOn: '2026-04-01' }), // terminated within the period
    fact(5, { signedOn: '2026-04-01', amount: '10000', foreignCapital: '500' }),
  ];
  it('counts each signing in the period from its approval date, and drops the terminated', () => {
    expect(figureOf('signed_100m_count', facts, p, [])).toMatchObject({ value: '2', recordIds: [1, 5] });
    expect(figureOf('signed_amount', facts, p, []).value).toBe('25000.00');
    expect(figureOf('start_rate', facts, p, [])).toMatchObject({ value: '50.00', numerator: 1, base: 2 });
    expect(figureOf('top500_count', facts, p, []).recordIds).toEqual([1]);
    expect(figureOf('overdue_unstarted', facts, p, []).recordIds).toEqual([3]);
  });
  it('converts 万美元 at the rule in force on the day', () => {
    const fx = [
      { from: '2000-01-01', rate: '7.1' },
      { from: '2026-04-01', rate: '7.25' },
    ];
    expect(rateOn(fx, '2026-03-31')?.rate).toBe('7.1');
    expect(figureOf('contracted_fdi_cny', facts, p, fx).value).toBe('3625.00');
  });
  it('accrues a yearly target by months, quarters or pro rata', () => {
    expect(
      targetToDate(
        { annual: '12', quarters: null, months: ['1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '1'] },
        5,
        true,
      ),
    ).toBe('5.00');
    expect(targetToDate({ annual: '100', quarters: ['10', '20', '30', '40'], months: null }, 4, true)).toBe('16.67');
    expect(targetToDate({ annual: '100', quarters: null, months: null }, 6, true)).toBe('50.00');
    expect(targetToDate({ annual: '60', quarters: null, months: null }, 6, false)).toBe('60.00');
  });
});
