import { describe, expect, it } from 'vitest';
import type { SchemeItem } from './constants.js';
import { canonical, rankTotals, scoreItems, scoreRun, sealOf, type SubjectInput } from './scoring.js';

const subject = (
  id: number,
  name: string,
  figures: Record<string, string>,
  targets: Record<string, string> = {},
): SubjectInput => ({
  subjectId: id,
  name,
  targets,
  reviews: {},
  figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, { value: v, recordIds: [id * 10] }])),
});

describe('scoring methods', () => {
  const ratio: SchemeItem = {
    key: 'r',
    section: 's',
    label: 'l',
    method: 'ratio',
    indicator: 'signed_amount',
    weight: '30.00',
    capRatio: '1.20',
  };
  it('ratio to target × weight, capped', () => {
    expect(scoreItems([ratio], subject(1, 'a', { signed_amount: '150' }, { signed_amount: '100' }), {})[0].score).toBe(
      '36.00',
    );
    expect(scoreItems([ratio], subject(1, 'a', { signed_amount: '1' }, { signed_amount: '3' }), {})[0].score).toBe(
      '10.00',
    );
    expect(scoreItems([ratio], subject(1, 'a', { signed_amount: '5' }), {})[0].score).toBe('0.00'); // no target
  });
  it('efficacy coefficient (x − min)/(max − min) × 40 + 60, weighted', () => {
    const eff: SchemeItem = {
      key: 'e',
      section: 's',
      label: 'l',
      method: 'efficacy',
      indicator: 'funds_in_place',
      weight: '20.00',
    };
    const r = { funds_in_place: { min: 0n, max: 100_000_000n } };
    expect(scoreItems([eff], subject(1, 'a', { funds_in_place: '50' }), r)[0].score).toBe('16.00');
    expect(scoreItems([eff], subject(1, 'a', { funds_in_place: '0' }), r)[0].score).toBe('12.00');
  });
  it('deductions and bonuses stop at their caps', () => {
    const ded: SchemeItem = {
      key: 'd',
      section: 's',
      label: 'l',
      method: 'deduction',
      indicator: 'overdue_unstarted',
      weight: '0.00',
      perItem: '2.00',
      cap: '5.00',
    };
    const bon: SchemeItem = {
      key: 'b',
      section: 's',
      label: 'l',
      method: 'bonus',
      indicator: 'top500_count',
      weight: '0.00',
      perItem: '3.00',
      cap: '6.00',
    };
    const s = subject(1, 'a', { overdue_unstarted: '4', top500_count: '1' });
    expect(scoreItems([ded, bon], s, {}).map((x) => x.score)).toEqual(['-5.00', '3.00']);
  });
});

describe('ranking', () => {
  it('shares a place between equal totals (1, 2, 2, 4)', () => {
    const r = rankTotals([
      { name: '乙', total: '80.00' },
      { name: '甲', total: '90.00' },
      { name: '丙', total: '80.00' },
      { name: '丁', total: '10.00' },
    ]);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 2, 4]);
  });
  it('flags the first places and summons the last and the long red', () => {
    const item: SchemeItem = {
      key: 'r',
      section: 's',
      label: 'l',
      method: 'ratio',
      indicator: 'signed_amount',
      weight: '100.00',
      capRatio: '1.00',
    };
    const subs = [90, 70, 50, 55, 40].map((v, i) =>
      subject(i + 1, `u${i}`, { signed_amount: String(v) }, { signed_amount: '100' }),
    );
    const out = scoreRun([item], { flagPlaces: 1, summonsPlaces: 1, redLine: '60.00', redMonths: 2 }, subs, {
      prevRank: new Map([[1, 2]]),
      redStreak: new Map([[4, 1]]),
    });
    expect(out.map((u) => [u.name, u.rank, u.flag, u.summonsReason])).toEqual([
      ['u0', 1, true, null],
      ['u1', 2, false, null],
      ['u3', 3, false, 'red_months'],
      ['u2', 4, false, null],
      ['u4', 5, false, 'bottom'],
    ]);
    expect(out[0].change).toBe(1);
  });
});

describe('seal', () => {
  it('does not depend on key order and changes with any figure', () => {
    expect(canonical({ b: 1, a: [{ y: '2', x: null }] })).toBe(canonical({ a: [{ x: null, y: '2' }], b: 1 }));
    const run = {
      schemeId: 1,
      period: '2026-11',
      seq: 1,
      scheme: {},
      results: { units: [{ total: '80.00' }] },
      prevHash: null,
    };
    expect(sealOf(run)).not.toBe(sealOf({ ...run, results: { units: [{ total: '80.01' }] } }));
  });
});
