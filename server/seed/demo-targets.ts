// Demo targets and the assessment scheme of the demo year (the current year): yearly targets per county and zone
// split into quarters or months, a team's targets, the city's three-year goal, and a published county scheme.
import { assessmentSchemes, assessmentSchemeVersions, targets } from '../db/schema.js';
import type { SeedRefs } from './refs.js';

const COUNTIES = [
  'LC-DCF',
  'LC-CP',
  'LC-LQ',
  'LC-YG',
  'LC-SX',
  'LC-DE',
  'LC-GX',
  'LC-GT',
  'LC-ETDZ',
  'LC-HTZ',
  'LC-JBSC',
];

/** An integer target spread over twelve months (the remainder in the last months), as decimal strings. */
function monthsOf(annual: number): string[] {
  const base = Math.floor(annual / 12);
  const rest = annual - base * 12;
  return Array.from({ length: 12 }, (_, i) => (base + (i >= 12 - rest ? 1 : 0)).toFixed(2));
}

/** An amount spread over quarters 20/25/25/30 %, the last quarter taking the rounding. */
function quartersOf(annual: number): string[] {
  const q = [0.2, 0.25, 0.25].map((p) => Math.round(annual * p));
  return [...q, annual - q.reduce((a, b) => a + b, 0)].map((x) => x.toFixed(2));
}

export const demoYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

export async function seedDemoTargets(refs: SeedRefs): Promise<void> {
  const { tx } = refs;
  const year = demoYear();
  const createdBy = refs.userIds.get('bureau')!;
  const rows: (typeof targets.$inferInsert)[] = [];
  for (const [i, code] of COUNTIES.entries()) {
    const ownerUnitId = refs.unitIds.get(code)!;
    const zone = code.endsWith('Z') || code === 'LC-JBSC';
    const count = zone ? 3 + (i % 2) : 2 + (i % 3);
    const amount = (zone ? 300_000 : 200_000) + (i % 4) * 50_000;
    rows.push(
      {
        startYear: year,
        endYear: year,
        indicator: 'signed_100m_count',
        ownerUnitId,
        annual: count.toFixed(2),
        months: monthsOf(count),
        quarters: [0, 1, 2, 3].map((q) =>
          monthsOf(count)
            .slice(q * 3, q * 3 + 3)
            .reduce((s, m) => s + Number(m), 0)
            .toFixed(2),
        ),
        createdBy,
      },
      {
        startYear: year,
        endYear: year,
        indicator: 'signed_amount',
        ownerUnitId,
        annual: amount.toFixed(2),
        quarters: quartersOf(amount),
        createdBy,
      },
      {
        startYear: year,
        endYear: year,
        indicator: 'funds_in_place',
        ownerUnitId,
        annual: Math.round(amount * 0.3).toFixed(2),
        createdBy,
      },
      {
        startYear: year,
        endYear: year,
        indicator: 'start_rate',
        ownerUnitId,
        annual: '60.00',
        createdBy,
        note: '签约项目当年开工率',
      },
    );
  }
  const nm = refs.teamIds.get('NM')!;
  rows.push({
    startYear: year,
    endYear: year,
    indicator: 'signed_100m_count',
    ownerUnitId: refs.unitIds.get('LC-GXJ')!,
    teamId: nm,
    annual: '4.00',
    quarters: ['1.00', '1.00', '1.00', '1.00'],
    createdBy,
  });
  // The city's headline goal: in three years, ≥ 50 projects of ≥ 1亿元 from 世界500强, 央企 or 中国500强.
  rows.push({
    startYear: year,
    endYear: year + 2,
    indicator: 'top500_count',
    ownerUnitId: refs.unitIds.get('LC')!,
    annual: '50.00',
    createdBy,
    note: '三年内引进世界500强、央企、中国500强投资过亿元项目不少于50个',
  });
  await tx.insert(targets).values(rows);

  const [scheme] = await tx
    .insert(assessmentSchemes)
    .values({
      year,
      unitGroup: 'counties',
      name: `${year}年度县（市、区）和开发区双招双引工作考核办法`,
      status: 'published',
      ownerUnitId: refs.unitIds.get('LC-IPB')!,
      createdBy,
      rules: { flagPlaces: 3, summonsPlaces: 2, redLine: '60.00', redMonths: 2 },
      items: [
        {
          key: 'signed_count',
          section: '招商引资',
          label: '新签约亿元以上项目',
          method: 'ratio',
          indicator: 'signed_100m_count',
          weight: '30.00',
          capRatio: '1.20',
        },
        {
          key: 'signed_amount',
          section: '招商引资',
          label: '签约总额',
          method: 'ratio',
          indicator: 'signed_amount',
          weight: '25.00',
          capRatio: '1.20',
        },
        {
          key: 'funds',
          section: '项目落地',
          label: '实际到位资金',
          method: 'efficacy',
          indicator: 'funds_in_place',
          weight: '20.00',
        },
        {
          key: 'start_rate',
          section: '项目落地',
          label: '开工率',
          method: 'efficacy',
          indicator: 'start_rate',
          weight: '15.00',
        },
        { key: 'environment', section: '评审', label: '营商环境评价', method: 'reviewer', weight: '10.00' },
        {
          key: 'overdue',
          section: '扣分',
          label: '逾期未开工项目',
          method: 'deduction',
          indicator: 'overdue_unstarted',
          weight: '0.00',
          perItem: '2.00',
          cap: '6.00',
        },
        {
          key: 'top500',
          section: '加分',
          label: '500强/央企亿元以上项目',
          method: 'bonus',
          indicator: 'top500_count',
          weight: '0.00',
          perItem: '3.00',
          cap: '6.00',
        },
      ],
    })
    .returning();
  await tx.insert(assessmentSchemeVersions).values({
    schemeId: scheme.id,
    version: scheme.version,
    status: scheme.status,
    name: scheme.name,
    items: scheme.items,
    rules: scheme.rules,
    savedBy: createdBy,
  });
}
