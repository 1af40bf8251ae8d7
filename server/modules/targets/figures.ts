// Progress figures from project facts, under the counting rules. The facts come from the repository already
// filtered by the rules that are a matter of the record (excluded, in-city capital, real estate, deleted); the
// rules of time live here: a stage counts from the date the bureau approved it, a project counts once, at its
// first approved signing, and a project terminated by the period's end no longer counts.
import { divMicro, fmtMicro, mulMicro, toMicro } from '../../core/decimal.js';
import type { Indicator } from './constants.js';

export interface ProjectFacts {
  id: number;
  name: string;
  ownerUnitId: number;
  /** The county-level unit it counts for (a park's project counts for its county or zone). */
  countyUnitId: number | null;
  teamId: number | null;
  /** Asia/Shanghai dates of the first approval of a move into the stage or beyond. */
  signedOn: string | null;
  startedOn: string | null;
  producedOn: string | null;
  terminatedOn: string | null;
  /** The counted amount in 万元: the signed amount (for an expansion, the increment signed). */
  amount: string | null;
  foreignCapital: string | null; // 万美元
  flags: string[];
  plannedStartMonth: string | null;
  /** Funds in place (到位资金) in the year through the period's month, 万元. */
  fundsInPlace: string;
}

export interface Period {
  year: number;
  month: number;
  from: string;
  to: string;
}

export function periodOf(year: number, month: number): Period {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    year,
    month,
    from: `${year}-01-01`,
    to: `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`,
  };
}

/** "2026-11" → the year to date through November. */
export function parsePeriod(s: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return y >= 2000 && y <= 2200 && mo >= 1 && mo <= 12 ? periodOf(y, mo) : null;
}

export interface FxRule {
  from: string;
  rate: string;
}

/** The rate (万元 per 万美元) in force on a date: the latest rule starting on or before it. */
export function rateOn(rules: FxRule[], date: string): FxRule | null {
  let best: FxRule | null = null;
  for (const r of rules) if (r.from <= date && (!best || r.from > best.from)) best = r;
  return best;
}

export interface Figure {
  value: string;
  /** The records behind the figure (for a rate: its base, the projects signed in the period). */
  recordIds: number[];
  /** For rates: numerator and base counts. */
  numerator?: number;
  base?: number;
}

export const ONE_YI = 10_000n * 1_000_000n; // 1亿元 = 10000万元, in millionths
const TOP_FLAGS = ['fortune500', 'china500', 'central_soe'];
/** A signed project not started this many months after its planned start month is overdue. */
export const OVERDUE_MONTHS = 3;

const within = (d: string | null, p: Period) => d != null && d >= p.from && d <= p.to;
const by = (d: string | null, p: Period) => d != null && d <= p.to;
const amountOf = (f: ProjectFacts) => toMicro(f.amount) ?? 0n;

function addMonths(ymd: string, n: number) {
  const [y, m] = ymd.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
}

function sumOf(rows: ProjectFacts[], pick: (f: ProjectFacts) => bigint, places = 2): Figure {
  const total = rows.reduce((s, f) => s + pick(f), 0n);
  return { value: fmtMicro(total, places), recordIds: rows.map((f) => f.id) };
}

function rateOf(base: ProjectFacts[], reached: (f: ProjectFacts) => boolean): Figure {
  const num = base.filter(reached).length;
  const value = base.length
    ? fmtMicro(divMicro(BigInt(num) * 100n * 1_000_000n, BigInt(base.length) * 1_000_000n))
    : '0.00';
  return { value, recordIds: base.map((f) => f.id), numerator: num, base: base.length };
}

/** One indicator's figure over the facts of one subject (a unit or a team) for the period. */
export function figureOf(indicator: Indicator, facts: ProjectFacts[], p: Period, fx: FxRule[]): Figure {
  const live = facts.filter((f) => !by(f.terminatedOn, p));
  const signedIn = live.filter((f) => within(f.signedOn, p));
  switch (indicator) {
    case 'signed_100m_count': {
      const rows = signedIn.filter((f) => amountOf(f) >= ONE_YI);
      return { value: String(rows.length), recordIds: rows.map((f) => f.id) };
    }
    case 'signed_amount':
      return sumOf(signedIn, amountOf);
    case 'funds_in_place':
      return sumOf(
        live.filter((f) => (toMicro(f.fundsInPlace) ?? 0n) > 0n),
        (f) => toMicro(f.fundsInPlace) ?? 0n,
      );
    case 'start_rate':
      return rateOf(signedIn, (f) => by(f.startedOn, p));
    case 'production_rate':
      return rateOf(signedIn, (f) => by(f.producedOn, p));
    case 'top500_count': {
      const rows = signedIn.filter((f) => amountOf(f) >= ONE_YI && f.flags.some((x) => TOP_FLAGS.includes(x)));
      return { value: String(rows.length), recordIds: rows.map((f) => f.id) };
    }
    case 'contracted_fdi':
      return sumOf(
        signedIn.filter((f) => (toMicro(f.foreignCapital) ?? 0n) > 0n),
        (f) => toMicro(f.foreignCapital)!,
      );
    case 'contracted_fdi_cny': {
      // Each project's 万美元 at the rate in force on the day its signing was approved.
      const rows = signedIn.filter((f) => (toMicro(f.foreignCapital) ?? 0n) > 0n && rateOn(fx, f.signedOn!));
      return sumOf(rows, (f) => mulMicro(toMicro(f.foreignCapital)!, toMicro(rateOn(fx, f.signedOn!)!.rate)!));
    }
    case 'overdue_unstarted': {
      const rows = live.filter(
        (f) =>
          by(f.signedOn, p) &&
          !by(f.startedOn, p) &&
          f.plannedStartMonth != null &&
          addMonths(f.plannedStartMonth, OVERDUE_MONTHS) <= p.to,
      );
      return { value: String(rows.length), recordIds: rows.map((f) => f.id) };
    }
  }
}

/** A yearly target accrued through the period's month: the months if split, else the quarters, else pro rata. */
export function targetToDate(
  t: { annual: string; quarters: string[] | null; months: string[] | null },
  month: number,
  additive: boolean,
): string {
  const annual = toMicro(t.annual)!;
  if (!additive) return fmtMicro(annual);
  if (t.months?.length === 12) return fmtMicro(t.months.slice(0, month).reduce((s, m) => s + (toMicro(m) ?? 0n), 0n));
  if (t.quarters?.length === 4) {
    const full = Math.floor(month / 3);
    let sum = t.quarters.slice(0, full).reduce((s, q) => s + (toMicro(q) ?? 0n), 0n);
    const rest = month % 3;
    if (rest) sum += divMicro((toMicro(t.quarters[full]) ?? 0n) * BigInt(rest), 3_000_000n);
    return fmtMicro(sum);
  }
  return fmtMicro(divMicro(annual * BigInt(month), 12_000_000n));
}
