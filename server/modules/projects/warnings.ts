// Warnings (预警) on projects: no progress report for too long in an early stage, and a signed project that has
// not started by its planned month. The same rules are computed here for a row (detail, list) and as an SQL
// expression (list filter), from the same thresholds, so the two cannot disagree.
import { sql, type SQL } from 'drizzle-orm';
import { projects } from '../../db/schema.js';

export type WarningLevel = 'yellow' | 'red';
export type WarningCode = 'no_progress' | 'late_start';
export interface ProjectWarning {
  code: WarningCode;
  level: WarningLevel;
  days?: number;
  months?: number;
}

export interface WarningConfig {
  /** Days without a progress report after which a project in the stage turns yellow. */
  noProgressDays: Record<string, number>;
  /** Red after this many times the yellow threshold. */
  redMultiplier: number;
  /** A signed project not started this many months after its planned month turns red (yellow from the first month). */
  lateStartRedMonths: number;
}

export const DEFAULT_WARNING_CONFIG: WarningConfig = {
  noProgressDays: { planning: 45, negotiating: 30, signed: 20 },
  redMultiplier: 2,
  lateStartRedMonths: 3,
};

/** Stages in which a project is signed but has not started. */
export const NOT_STARTED_STAGES = ['signed', 'registered'];

export function mergeWarningConfig(stored: unknown): WarningConfig {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<WarningConfig>;
  return {
    noProgressDays: { ...DEFAULT_WARNING_CONFIG.noProgressDays, ...(s.noProgressDays ?? {}) },
    redMultiplier: s.redMultiplier ?? DEFAULT_WARNING_CONFIG.redMultiplier,
    lateStartRedMonths: s.lateStartRedMonths ?? DEFAULT_WARNING_CONFIG.lateStartRedMonths,
  };
}

export interface WarningFacts {
  stage: string;
  lastProgressAt: Date | null;
  stageChangedAt: Date;
  /** YYYY-MM-DD (the first of the month) or YYYY-MM. */
  plannedStartMonth: string | null;
}

const DAY = 86_400_000;

/** The calendar month in Asia/Shanghai as a month number (year × 12 + month − 1). */
function shanghaiMonth(d: Date): number {
  const s = new Date(d.getTime() + 8 * 3600_000);
  return s.getUTCFullYear() * 12 + s.getUTCMonth();
}
const monthOf = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const firstOfMonth = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;

/** Since when a project has been silent: its last progress report or its last stage change, whichever is later. */
const silentSince = (p: WarningFacts) =>
  p.lastProgressAt && p.lastProgressAt > p.stageChangedAt ? p.lastProgressAt : p.stageChangedAt;

export function computeWarnings(
  p: WarningFacts,
  now: Date,
  config: WarningConfig = DEFAULT_WARNING_CONFIG,
): ProjectWarning[] {
  const out: ProjectWarning[] = [];
  const limit = config.noProgressDays[p.stage];
  if (limit) {
    const days = Math.floor((now.getTime() - silentSince(p).getTime()) / DAY);
    if (days >= limit * config.redMultiplier) out.push({ code: 'no_progress', level: 'red', days });
    else if (days >= limit) out.push({ code: 'no_progress', level: 'yellow', days });
  }
  if (NOT_STARTED_STAGES.includes(p.stage) && p.plannedStartMonth) {
    const late = shanghaiMonth(now) - monthOf(p.plannedStartMonth);
    if (late >= config.lateStartRedMonths) out.push({ code: 'late_start', level: 'red', months: late });
    else if (late >= 1) out.push({ code: 'late_start', level: 'yellow', months: late });
  }
  return out;
}

/** The worst level among the warnings, or null. */
export const worstLevel = (ws: ProjectWarning[]): WarningLevel | null =>
  ws.some((w) => w.level === 'red') ? 'red' : ws.length ? 'yellow' : null;

/** SQL for the worst warning level of a projects row ('red' | 'yellow' | NULL), with the thresholds of `now`. */
export function warningLevelSql(now: Date, config: WarningConfig = DEFAULT_WARNING_CONFIG): SQL {
  const since = sql`GREATEST(COALESCE(${projects.lastProgressAt}, ${projects.stageChangedAt}), ${projects.stageChangedAt})`;
  const red: SQL[] = [];
  const yellow: SQL[] = [];
  for (const [stage, days] of Object.entries(config.noProgressDays)) {
    if (!days) continue;
    const y = new Date(now.getTime() - days * DAY).toISOString();
    const r = new Date(now.getTime() - days * config.redMultiplier * DAY).toISOString();
    // days >= limit  ⇔  since <= now - limit days (whole days, as computeWarnings floors)
    red.push(sql`(${projects.stage} = ${stage} AND ${since} <= ${r}::timestamptz)`);
    yellow.push(sql`(${projects.stage} = ${stage} AND ${since} <= ${y}::timestamptz)`);
  }
  const cur = shanghaiMonth(now);
  const notStarted = sql`${projects.stage} IN (${sql.join(
    NOT_STARTED_STAGES.map((s) => sql`${s}`),
    sql`, `,
  )}) AND ${projects.plannedStartMonth} IS NOT NULL`;
  red.push(
    sql`(${notStarted} AND ${projects.plannedStartMonth} < ${firstOfMonth(cur - config.lateStartRedMonths + 1)}::date)`,
  );
  yellow.push(sql`(${notStarted} AND ${projects.plannedStartMonth} < ${firstOfMonth(cur)}::date)`);
  return sql`(CASE WHEN ${sql.join(red, sql` OR `)} THEN 'red' WHEN ${sql.join(yellow, sql` OR `)} THEN 'yellow' END)`;
}
