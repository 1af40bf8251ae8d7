// Scores, ranks, flags and summons of a monthly run, from the figures and targets frozen into it. Pure: every
// input is given, so that a run can be recomputed and compared, and every score carries its formula.
import { createHash } from 'node:crypto';
import { divMicro, divRound, fmtMicro, maxBig, minBig, mulMicro, roundMicro, toMicro } from '../../core/decimal.js';
import type { SchemeItem, SchemeRules } from './constants.js';

export interface SubjectInput {
  subjectId: number;
  name: string;
  /** Indicator → the figure's value and the records behind it. */
  figures: Record<string, { value: string; recordIds: number[] }>;
  /** Indicator → the target accrued through the period. */
  targets: Record<string, string | undefined>;
  /** Item key → the reviewer's score and evidence. */
  reviews: Record<string, { score: string; evidence: string } | undefined>;
}

export interface ItemResult {
  key: string;
  method: string;
  inputs: Record<string, string | null>;
  score: string;
  formula: string;
  recordIds: number[];
}

export interface UnitResult {
  subjectId: number;
  name: string;
  total: string;
  rank: number;
  /** Places gained since the last run of the previous period (positive: up); null when there was none. */
  change: number | null;
  flag: boolean;
  red: boolean;
  summoned: boolean;
  summonsReason: string | null;
  items: ItemResult[];
}

const M = (s: string | null | undefined) => toMicro(s ?? '0') ?? 0n;
const f2 = (v: bigint) => fmtMicro(v, 2);

/** Scores one subject's items; efficacy items need the group's minimum and maximum of the indicator. */
export function scoreItems(
  items: SchemeItem[],
  s: SubjectInput,
  ranges: Record<string, { min: bigint; max: bigint }>,
): ItemResult[] {
  return items.map((item): ItemResult => {
    const fig = item.indicator ? s.figures[item.indicator] : undefined;
    const x = M(fig?.value);
    const xs = fig?.value ?? '0';
    const recordIds = fig?.recordIds ?? [];
    const w = M(item.weight);
    switch (item.method) {
      case 'ratio': {
        const target = item.indicator ? s.targets[item.indicator] : undefined;
        const t = target == null ? 0n : M(target);
        const cap = M(item.capRatio ?? '1');
        if (t <= 0n) {
          return {
            key: item.key,
            method: item.method,
            inputs: { actual: xs, target: target ?? null, capRatio: fmtMicro(cap, 2) },
            score: '0.00',
            formula: `无目标 no target → 0.00`,
            recordIds,
          };
        }
        const ratio = minBig(divMicro(x, t), cap);
        const score = roundMicro(mulMicro(ratio, w));
        return {
          key: item.key,
          method: item.method,
          inputs: { actual: xs, target: target!, capRatio: fmtMicro(cap, 2) },
          score: f2(score),
          formula: `min(${xs} ÷ ${target}, ${fmtMicro(cap, 2)}) × ${item.weight} = ${f2(score)}`,
          recordIds,
        };
      }
      case 'efficacy': {
        const r = ranges[item.indicator!];
        const span = r.max - r.min;
        // (x − min)/(max − min) × 40 + 60, on a 100-point scale, then weighted; all equal → full marks.
        const s100 = span > 0n ? mulMicro(divMicro(x - r.min, span), 40_000_000n) + 60_000_000n : 100_000_000n;
        const score = roundMicro(divRound(mulMicro(w, s100), 100n));
        return {
          key: item.key,
          method: item.method,
          inputs: { actual: xs, min: f2(r.min), max: f2(r.max) },
          score: f2(score),
          formula:
            span > 0n
              ? `((${xs} − ${f2(r.min)}) ÷ (${f2(r.max)} − ${f2(r.min)}) × 40 + 60) × ${item.weight} ÷ 100 = ${f2(score)}`
              : `各单位相同 all equal → ${item.weight}`,
          recordIds,
        };
      }
      case 'deduction': {
        const score = -roundMicro(minBig(mulMicro(x, M(item.perItem)), M(item.cap)));
        return {
          key: item.key,
          method: item.method,
          inputs: { actual: xs, perItem: item.perItem ?? '0', cap: item.cap ?? '0' },
          score: f2(score),
          formula: `−min(${xs} × ${item.perItem}, ${item.cap}) = ${f2(score)}`,
          recordIds,
        };
      }
      case 'bonus': {
        const score = roundMicro(minBig(mulMicro(x, M(item.perItem)), M(item.cap)));
        return {
          key: item.key,
          method: item.method,
          inputs: { actual: xs, perItem: item.perItem ?? '0', cap: item.cap ?? '0' },
          score: f2(score),
          formula: `min(${xs} × ${item.perItem}, ${item.cap}) = ${f2(score)}`,
          recordIds,
        };
      }
      case 'reviewer': {
        const r = s.reviews[item.key];
        const score = r ? roundMicro(maxBig(minBig(M(r.score), w), 0n)) : 0n;
        return {
          key: item.key,
          method: item.method,
          inputs: { score: r?.score ?? null, evidence: r?.evidence ?? null },
          score: f2(score),
          formula: r ? `评审 reviewer: ${r.score}（${r.evidence}）` : '未评分 not scored → 0.00',
          recordIds: [],
        };
      }
      default:
        throw new Error(`unknown scoring method ${item.method satisfies never}`);
    }
  });
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; equal totals share a place, listed by name. */
export function rankTotals<T extends { total: string; name: string }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => {
    const d = M(b.total) - M(a.total);
    return d > 0n ? 1 : d < 0n ? -1 : a.name.localeCompare(b.name, 'zh-CN');
  });
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || M(sorted[i - 1].total) !== M(r.total)) rank = i + 1;
    return { ...r, rank };
  });
}

export interface History {
  /** subject → rank in the last run of the previous period */ prevRank: Map<number, number>;
  /** subject → how many of the previous (redMonths − 1) periods it was red in, in a row */ redStreak: Map<
    number,
    number
  >;
}

export function scoreRun(
  items: SchemeItem[],
  rules: SchemeRules,
  subjects: SubjectInput[],
  history: History,
): UnitResult[] {
  const ranges: Record<string, { min: bigint; max: bigint }> = {};
  for (const item of items) {
    if (item.method !== 'efficacy' || !item.indicator) continue;
    const xs = subjects.map((s) => M(s.figures[item.indicator!]?.value));
    ranges[item.indicator] = { min: xs.reduce(minBig, xs[0] ?? 0n), max: xs.reduce(maxBig, xs[0] ?? 0n) };
  }
  const scored = subjects.map((s) => {
    const its = scoreItems(items, s, ranges);
    return {
      subjectId: s.subjectId,
      name: s.name,
      total: f2(its.reduce((sum, i) => sum + M(i.score), 0n)),
      items: its,
    };
  });
  const ranked = rankTotals(scored);
  const n = ranked.length;
  const redLine = M(rules.redLine);
  return ranked.map((r) => {
    const red = M(r.total) < redLine;
    const bottom = r.rank > n - rules.summonsPlaces;
    const redLong = red && (history.redStreak.get(r.subjectId) ?? 0) + 1 >= rules.redMonths;
    const prev = history.prevRank.get(r.subjectId);
    return {
      ...r,
      change: prev == null ? null : prev - r.rank,
      flag: r.rank <= rules.flagPlaces,
      red,
      summoned: bottom || redLong,
      summonsReason: bottom && redLong ? 'bottom_and_red' : bottom ? 'bottom' : redLong ? 'red_months' : null,
    };
  });
}

/** JSON with keys in order, so that a value read back from jsonb hashes as it was written. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** The run's seal: its scheme, period, sequence, results and the previous run's seal. */
export function sealOf(run: {
  schemeId: number;
  period: string;
  seq: number;
  scheme: unknown;
  results: unknown;
  prevHash: string | null;
}): string {
  return createHash('sha256')
    .update(
      canonical({
        schemeId: run.schemeId,
        period: run.period,
        seq: run.seq,
        scheme: run.scheme,
        results: run.results,
        prevHash: run.prevHash,
      }),
    )
    .digest('hex');
}
