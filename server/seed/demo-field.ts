// Demo field work of the demo city: organisations met (chambers, an institute), a handful of visits by counties, a
// department and a team, and two city events. Names of organisations are invented; enterprises are the demo's own.
import { addDays, todayShanghai } from '../core/dates.js';
import { events, organisations, visitCounterparts, visitParticipants, visits, visitUnits } from '../db/schema.js';
import type { SeedRefs } from './refs.js';

const ORGANISATIONS: [name: string, kind: string, division: string][] = [
  ['长三角聊城籍企业家联谊会', 'chamber', '310101'],
  ['深圳市鲁西商会', 'chamber', '440304'],
  ['华北先进材料产业技术研究院', 'institute', '110108'],
];

interface VisitSeed {
  unit: string;
  user: string;
  team?: string;
  kind: string;
  daysAgo: number;
  division: string;
  region: string;
  enterprises: string[];
  organisations?: string[];
  outcome: string;
  alongWith?: string[];
}

const VISITS: VisitSeed[] = [
  {
    unit: 'LC-DCF',
    user: 'dongchangfu',
    kind: 'outbound',
    daysAgo: 40,
    division: '320505',
    region: 'yrd',
    enterprises: ['苏州恒创新材料科技有限公司', '上海浦江智能装备有限公司'],
    organisations: ['长三角聊城籍企业家联谊会'],
    outcome: '介绍东昌府区新材料产业园政策，对方计划下月来聊考察。',
  },
  {
    unit: 'LC-DCF',
    user: 'dongchangfu',
    kind: 'reception',
    daysAgo: 12,
    division: '371502',
    region: 'local',
    enterprises: ['天津滨澜新能源汽车科技有限公司'],
    outcome: '接待企业来访，洽谈新能源汽车零部件项目用地。',
  },
  {
    unit: 'LC-LQ',
    user: 'linqing',
    kind: 'visit',
    daysAgo: 25,
    division: '110105',
    region: 'jjj',
    enterprises: ['北京京辰高端装备有限公司'],
    outcome: '走访轴承配套需求，企业有意在临清设立配套基地。',
    alongWith: ['LC-GXJ'],
  },
  {
    unit: 'LC-GXJ',
    user: 'gongxin',
    kind: 'outbound',
    daysAgo: 18,
    division: '110108',
    region: 'jjj',
    enterprises: ['北京中科衡远新材料科技有限公司'],
    organisations: ['华北先进材料产业技术研究院'],
    outcome: '对接新材料中试项目，约定联合申报省级创新平台。',
  },
  {
    unit: 'LC-KJJ',
    user: 'team_nm',
    team: 'NM',
    kind: 'video',
    daysAgo: 6,
    division: '440304',
    region: 'prd',
    enterprises: [],
    organisations: ['深圳市鲁西商会'],
    outcome: '视频对接商会会员企业，收集新材料方向线索三条。',
  },
];

export async function seedDemoField({ tx, unitIds, teamIds, userIds, enterpriseIds }: SeedRefs) {
  const today = todayShanghai();
  const enterpriseId = (name: string) => {
    const id = enterpriseIds.get(name);
    if (id == null) throw new Error(`demo field work: enterprise ${name} is not in the demo data`);
    return id;
  };
  const orgIds = new Map<string, number>();
  for (const [name, kind, divisionCode] of ORGANISATIONS) {
    const [row] = await tx
      .insert(organisations)
      .values({ name, kind, divisionCode, ownerUnitId: unitIds.get('LC-IPB')!, createdBy: userIds.get('bureau')! })
      .returning({ id: organisations.id });
    orgIds.set(name, row.id);
  }
  for (const v of VISITS) {
    const ownerUnitId = unitIds.get(v.unit)!;
    const [row] = await tx
      .insert(visits)
      .values({
        kind: v.kind,
        status: 'completed',
        visitDate: addDays(today, -v.daysAgo),
        divisionCode: v.division,
        regionGroup: v.region,
        outcome: v.outcome,
        ownerUnitId,
        teamId: v.team ? teamIds.get(v.team)! : null,
        createdBy: userIds.get(v.user)!,
      })
      .returning({ id: visits.id });
    await tx.insert(visitParticipants).values({ visitId: row.id, userId: userIds.get(v.user)! });
    await tx.insert(visitUnits).values(
      [ownerUnitId, ...(v.alongWith ?? []).map((u) => unitIds.get(u)!)].map((unitId) => ({
        visitId: row.id,
        unitId,
      })),
    );
    const met = [
      ...v.enterprises.map((n) => ({ visitId: row.id, enterpriseId: enterpriseId(n) })),
      ...(v.organisations ?? []).map((n) => ({ visitId: row.id, organisationId: orgIds.get(n)! })),
    ];
    if (met.length) await tx.insert(visitCounterparts).values(met);
  }
  await tx.insert(events).values([
    {
      name: '投资聊城·共赢未来 长三角专场推介会',
      type: 'promotion',
      isKey: true,
      level: 'city',
      startDate: addDays(today, -30),
      endDate: addDays(today, -30),
      place: '上海',
      divisionCode: '310101',
      regionGroup: 'yrd',
      organiser: '聊城市人民政府',
      ownerUnitId: unitIds.get('LC-IPB')!,
      createdBy: userIds.get('bureau')!,
    },
    {
      name: '东昌府区新材料产业云招商对接会',
      type: 'online',
      isKey: false,
      level: 'county',
      startDate: addDays(today, -9),
      endDate: addDays(today, -9),
      regionGroup: 'local',
      organiser: '东昌府区人民政府',
      ownerUnitId: unitIds.get('LC-DCF')!,
      createdBy: userIds.get('dongchangfu')!,
    },
  ]);
}
