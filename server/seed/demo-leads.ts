// Demo leads of the demo city: about thirty leads across the counties, zones, departments and channels,
// some waiting in the pool (公海), with follow-ups, one handover (过户) and one release-and-claim history.
// Enterprise and people names are invented. When the enterprise demo data holds an enterprise of the same
// name, the lead points at it; otherwise the name is kept as free text.
import { and, eq, isNull } from 'drizzle-orm';
import { leadFollowUps, leads, leadTransfers, projects, timelineEntries } from '../db/schema.js';
import { gramsOf, searchTextOf } from '../core/search.js';
import type { SeedRefs } from './refs.js';

type FollowUpSeed = [
  daysAgo: number,
  method: string,
  content: string,
  nextStep?: string,
  by?: [user: string, unit: string],
];
interface LeadSeed {
  title: string;
  /** Owner unit code; null: in the pool. */
  unit: string | null;
  user?: string;
  /** Who recorded it, when not its owner. */
  creator?: string;
  team?: string;
  channel: string;
  enterprise: string;
  industry?: string;
  cluster?: string;
  amount?: string;
  referrer?: string;
  content: string;
  age: number;
  followUps?: FollowUpSeed[];
  status?: 'dropped';
  dropReason?: string;
}

const LEADS: LeadSeed[] = [
  // 东昌府区
  {
    title: '高性能复合材料生产基地项目',
    unit: 'LC-DCF',
    user: 'dongchangfu',
    channel: 'business_referral',
    enterprise: '北京中科衡远新材料科技有限公司',
    industry: 'C3091',
    cluster: 'NM',
    amount: '80000',
    referrer: '东昌府区商会 邱宏伟',
    content: '拟投资建设碳纤维复合材料生产线，年产能约5000吨，意向用地约200亩。',
    age: 48,
    followUps: [
      [40, 'visit', '赴北京总部拜访投资总监，介绍区内新材料产业配套。', '邀请来聊实地考察'],
      [12, 'meeting', '企业考察团来东昌府区考察，洽谈用地和能耗指标。', '准备投资协议初稿'],
    ],
  },
  {
    title: '智能仓储物流装备制造项目',
    unit: 'LC-DCF',
    user: 'dongchangfu',
    channel: 'visit',
    enterprise: '上海浦江智能装备有限公司',
    industry: 'C3434',
    cluster: 'HEM',
    amount: '35000',
    content: '堆垛机、穿梭车等智能仓储设备生产，计划分两期建设。',
    age: 65,
    followUps: [[58, 'call', '电话沟通项目选址需求。', '发送园区资料']],
  },
  {
    title: '文旅综合体运营合作',
    unit: 'LC-DCF',
    user: 'dongchangfu',
    channel: 'event',
    enterprise: '云栖文旅发展集团有限公司',
    industry: 'R8870',
    cluster: 'CT',
    amount: '52000',
    referrer: '2024聊城（深圳）招商推介会',
    content: '意向参与古城片区文旅综合体运营，需进一步明确合作模式。',
    age: 20,
    followUps: [[18, 'event', '推介会现场对接，企业表达合作意向。', '两周内回访']],
  },
  // 临清市
  {
    title: '精密轴承扩能项目',
    unit: 'LC-LQ',
    user: 'linqing',
    creator: 'dongchangfu',
    channel: 'native',
    enterprise: '无锡锡联轴承集团有限公司',
    industry: 'C3451',
    cluster: 'HEM',
    amount: '60000',
    referrer: '临清在外乡贤联谊会 孔德明',
    content: '在临清轴承产业园新建精密轴承生产线，配套热处理中心。',
    age: 90,
    followUps: [
      [85, 'visit', '赴无锡拜访企业副总经理。', '组织企业回乡考察', ['dongchangfu', 'LC-DCF']],
      [50, 'meeting', '企业回乡考察轴承产业园。', '测算用地和设备投资'],
      [8, 'call', '企业确认投资额度，等待董事会决议。', '跟进董事会结果'],
    ],
  },
  {
    title: '纺织印染绿色升级合作',
    unit: 'LC-LQ',
    user: 'linqing',
    channel: 'chamber',
    enterprise: '锦程纺织印染有限公司',
    industry: 'C1713',
    cluster: 'TX',
    amount: '18000',
    referrer: '临清纺织服装行业协会',
    content: '引进数码印染设备，合作建设绿色印染集中区。',
    age: 40,
  },
  {
    title: '汽车零部件锻造项目',
    unit: 'LC-LQ-ZC',
    user: 'linqing',
    channel: 'commissioned',
    enterprise: '宁波甬达汽车零部件有限公司',
    industry: 'C3670',
    cluster: 'NEV',
    amount: '25000',
    referrer: '某招商咨询服务公司（委托招商）',
    content: '锻造轮毂轴承单元等汽车零部件。',
    age: 33,
    followUps: [[30, 'call', '委托机构转来企业需求，电话初步沟通。', '安排视频会议']],
  },
  // 东阿县
  {
    title: '阿胶衍生健康食品项目',
    unit: 'LC-DE',
    user: 'donge',
    channel: 'business_referral',
    enterprise: '颐和堂健康产业有限公司',
    industry: 'C1499',
    cluster: 'HC',
    amount: '30000',
    referrer: '链主企业推荐',
    content: '以阿胶为原料开发健康食品，建设生产线和研发中心。',
    age: 55,
    followUps: [
      [50, 'visit', '拜访企业，介绍东阿生物医药产业园政策。', '提供厂房选址方案'],
      [5, 'meeting', '双方就厂房租赁和装修补贴达成初步一致。', '起草合作框架协议'],
    ],
  },
  {
    title: '医疗器械研发生产基地',
    unit: 'LC-DE-BIO',
    user: 'donge',
    channel: 'outpost',
    enterprise: '广州穗康医疗器械有限公司',
    industry: 'C3581',
    cluster: 'HC',
    amount: '45000',
    referrer: '聊城市驻深圳招商联络处',
    content: '一次性医用耗材及家用医疗器械研发生产。',
    age: 26,
    followUps: [[25, 'meeting', '驻深联络处组织座谈。', '邀请企业来园区考察']],
  },
  {
    title: '生物制药原料药项目',
    unit: 'LC-DE',
    user: 'donge',
    channel: 'fund',
    enterprise: '河北冀创生物医药有限公司',
    industry: 'C2710',
    cluster: 'HC',
    amount: '120000',
    referrer: '市产业引导基金',
    content: '基金拟跟投，企业计划建设原料药及制剂生产基地。',
    age: 70,
    followUps: [[66, 'meeting', '与基金管理人、企业三方会谈。', '等待企业尽调结论']],
  },
  // 高新区
  {
    title: '新能源汽车电驱系统项目',
    unit: 'LC-HTZ',
    user: 'gaoxin',
    creator: 'donge',
    channel: 'equity',
    enterprise: '天津滨澜新能源汽车科技有限公司',
    industry: 'C3670',
    cluster: 'NEV',
    amount: '150000',
    referrer: '国有资本投资公司股权合作',
    content: '以股权投资带动电驱系统总成项目落地。',
    age: 38,
    followUps: [
      [35, 'visit', '赴天津考察企业生产线。', '研究股权投资方案'],
      [3, 'meeting', '股权投资方案内部论证。', '报领导小组研究'],
    ],
  },
  {
    title: '工业软件研发中心',
    unit: 'LC-HTZ',
    user: 'gaoxin',
    channel: 'partner',
    enterprise: '数衡信息技术有限公司',
    industry: 'I6513',
    amount: '8000',
    referrer: '招商合伙人 林思远',
    content: '设立区域研发中心，服务本地装备制造企业数字化改造。',
    age: 15,
  },
  // 市直部门与团组
  {
    title: '高端数控机床整机项目',
    unit: 'LC-GXJ',
    user: 'gongxin',
    channel: 'visit',
    enterprise: '北京京辰高端装备有限公司',
    industry: 'C3421',
    cluster: 'HEM',
    amount: '90000',
    content: '千企招商大走访中拜访，企业有在鲁西布局整机生产的计划。',
    age: 44,
    followUps: [[44, 'visit', '走访企业，了解产能布局规划。', '向团组报告']],
  },
  {
    title: '先进陶瓷材料中试基地',
    unit: 'LC-KJJ',
    user: 'team_nm',
    team: 'NM',
    channel: 'ambassador',
    enterprise: '先进材料研究院成果转化公司',
    industry: 'C3073',
    cluster: 'NM',
    amount: '12000',
    referrer: '招商大使 范思远',
    content: '研究院成果转化，建设先进陶瓷中试基地。',
    age: 28,
    followUps: [[20, 'meeting', '团组与研究院座谈，梳理可转化成果清单。', '对接意向县区']],
  },
  {
    title: '铝基新材料精深加工项目',
    unit: 'LC-KJJ',
    user: 'team_nm',
    team: 'NM',
    channel: 'chamber',
    enterprise: '华铝新材料科技有限公司',
    industry: 'C3252',
    cluster: 'NFM',
    amount: '200000',
    referrer: '山东省有色金属行业协会',
    content: '铝合金板带箔精深加工，服务新能源汽车轻量化。',
    age: 60,
  },
  {
    title: '产业基金投资储备项目',
    unit: 'LC-IPB',
    user: 'bureau',
    channel: 'fund',
    enterprise: '某产业投资基金管理有限公司',
    industry: 'J6720',
    amount: '50000',
    referrer: '龚雅琴',
    content: '基金管理人推荐的储备项目包，待分配至县区。',
    age: 10,
  },
  {
    title: '长三角总部经济合作',
    unit: 'LC-IPB',
    user: 'bureau',
    channel: 'outpost',
    enterprise: '沪聊企业服务有限公司',
    industry: 'L7212',
    amount: '5000',
    referrer: '聊城市驻上海招商联络处',
    content: '在沪企业拟设立区域总部，需协调办公空间。',
    age: 35,
  },
  // 无演示账号的县区（负责人待定）
  {
    title: '有色金属再生利用项目',
    unit: 'LC-CP',
    channel: 'business_referral',
    enterprise: '循环金属再生资源有限公司',
    industry: 'C4210',
    cluster: 'NFM',
    amount: '40000',
    content: '废铝回收及再生铝锭生产。',
    age: 50,
  },
  {
    title: '绿色化工新材料项目',
    unit: 'LC-YG',
    channel: 'commissioned',
    enterprise: '南京金陵瑞达化工有限公司',
    industry: 'C2661',
    cluster: 'GC',
    amount: '70000',
    content: '电子化学品及高端专用化学品生产。',
    age: 75,
  },
  {
    title: '蔬菜预制菜加工基地',
    unit: 'LC-SX',
    channel: 'native',
    enterprise: '鲜丰食品科技有限公司',
    industry: 'C1371',
    cluster: 'AG',
    amount: '15000',
    referrer: '在外乡贤 张宏远',
    content: '依托本地蔬菜基地建设预制菜中央厨房。',
    age: 22,
  },
  {
    title: '钢结构装配式建筑项目',
    unit: 'LC-GX',
    channel: 'visit',
    enterprise: '筑通钢构科技有限公司',
    industry: 'C3311',
    cluster: 'HEM',
    amount: '28000',
    content: '钢结构件及装配式建筑部品部件生产。',
    age: 31,
  },
  {
    title: '功能性纺织面料项目',
    unit: 'LC-GT',
    channel: 'event',
    enterprise: '佛山禅源家居纺织有限公司',
    industry: 'C1752',
    cluster: 'TX',
    amount: '22000',
    referrer: '2024纺织服装产业链招商活动',
    content: '功能性面料研发与生产。',
    age: 18,
  },
  {
    title: '冷链物流园区项目',
    unit: 'LC-ETDZ',
    channel: 'other',
    enterprise: '冷运通供应链管理有限公司',
    industry: 'G5951',
    amount: '33000',
    content: '建设区域冷链物流分拨中心。',
    age: 12,
  },
  // 公海
  {
    title: '氢燃料电池系统项目',
    unit: null,
    channel: 'event',
    enterprise: '氢行动力科技有限公司',
    industry: 'C3849',
    cluster: 'NEV',
    amount: '100000',
    referrer: '2024聊城（北京）招商推介会',
    content: '推介会收集，企业寻找华北生产基地，尚未确定对接县区。',
    age: 9,
  },
  {
    title: '光伏组件配套材料项目',
    unit: null,
    channel: 'chamber',
    enterprise: '晶耀光伏材料有限公司',
    industry: 'C3985',
    cluster: 'NM',
    amount: '36000',
    referrer: '浙江聊城商会',
    content: '光伏胶膜、背板等配套材料。',
    age: 14,
  },
  {
    title: '康养小镇投资意向',
    unit: null,
    channel: 'partner',
    enterprise: '颐年康养产业集团有限公司',
    industry: 'Q8514',
    cluster: 'HC',
    amount: '60000',
    referrer: '招商合伙人 周明杰',
    content: '康养小镇整体开发意向，需有条件的县区承接。',
    age: 6,
  },
  {
    title: '农产品跨境电商平台',
    unit: null,
    channel: 'other',
    enterprise: '聚农跨境电商有限公司',
    industry: 'F5292',
    cluster: 'AG',
    amount: '3000',
    content: '企业来电咨询，拟设立农产品跨境电商运营中心。',
    age: 4,
  },
  {
    title: '工业机器人集成应用项目',
    unit: null,
    channel: 'ambassador',
    enterprise: '智匠机器人科技有限公司',
    industry: 'C3491',
    cluster: 'HEM',
    amount: '26000',
    referrer: '招商大使 吴子墨',
    content: '工业机器人系统集成及应用示范。',
    age: 45,
  },
  // 已放弃
  {
    title: '传统焦化产能转移',
    unit: 'LC-DCF',
    user: 'dongchangfu',
    channel: 'other',
    enterprise: '某焦化有限公司',
    industry: 'C2520',
    amount: '30000',
    content: '企业拟转移焦化产能。',
    age: 100,
    status: 'dropped',
    dropReason: '不符合产业政策和能耗要求',
  },
];

const DAY = 86_400_000;

export async function seedDemoLeads(refs: SeedRefs): Promise<void> {
  const { tx } = refs;
  const now = Date.now();
  const ago = (days: number, hour = 10) => {
    const d = new Date(now - days * DAY);
    d.setUTCHours(hour - 8, 0, 0, 0);
    return d;
  };
  const bureau = refs.userIds.get('bureau')!;
  const ids = new Map<string, number>();

  for (const s of LEADS) {
    const enterpriseId = refs.enterpriseIds.get(s.enterprise) ?? null;
    const ownerUnitId = s.unit ? refs.unitIds.get(s.unit)! : null;
    const ownerUserId = s.user ? refs.userIds.get(s.user)! : null;
    const createdBy = s.creator ? refs.userIds.get(s.creator)! : (ownerUserId ?? bureau);
    const ups = [...(s.followUps ?? [])].sort((a, b) => b[0] - a[0]);
    const lastFollowUpAt = ups.length ? ago(ups[ups.length - 1][0], 15) : null;
    const [row] = await tx
      .insert(leads)
      .values({
        title: s.title,
        enterpriseId,
        enterpriseName: enterpriseId ? null : s.enterprise,
        industryCode: s.industry ?? null,
        clusterId: s.cluster ? refs.clusterIds.get(s.cluster)! : null,
        intendedAmount: s.amount ?? null,
        content: s.content,
        sourceChannel: s.channel,
        referrer: s.referrer ?? null,
        status: s.status ?? (s.unit ? 'following' : 'pool'),
        ownerUnitId,
        ownerUserId,
        teamId: s.team ? refs.teamIds.get(s.team)! : null,
        dropReason: s.dropReason ?? null,
        lastFollowUpAt,
        createdBy,
        searchText: searchTextOf(s.title, s.enterprise, s.referrer),
        searchGrams: gramsOf(s.title, s.enterprise, s.referrer),
        createdAt: ago(s.age, 9),
        updatedAt: lastFollowUpAt ?? ago(s.age, 9),
      })
      .returning({ id: leads.id });
    ids.set(s.title, row.id);
    await tx.insert(timelineEntries).values({
      entityType: 'lead',
      entityId: row.id,
      at: ago(s.age, 9),
      kind: 'created',
      summary: s.unit ? '录入线索' : '录入线索并放入公海',
      data: { status: s.unit ? 'following' : 'pool' },
      userId: createdBy,
    });
    for (const [days, method, content, nextStep, by] of ups) {
      const at = ago(days, 15);
      const userId = by ? refs.userIds.get(by[0])! : (ownerUserId ?? bureau);
      const unitId = by ? refs.unitIds.get(by[1])! : (ownerUnitId ?? refs.unitIds.get('LC-IPB')!);
      const [f] = await tx
        .insert(leadFollowUps)
        .values({ leadId: row.id, at, method, content, nextStep: nextStep ?? null, userId, unitId, createdAt: at })
        .returning({ id: leadFollowUps.id });
      await tx.insert(timelineEntries).values({
        entityType: 'lead',
        entityId: row.id,
        at,
        kind: 'follow_up',
        summary: content,
        data: { followUpId: f.id, method },
        userId,
      });
    }
    if (s.status === 'dropped') {
      await tx.insert(timelineEntries).values({
        entityType: 'lead',
        entityId: row.id,
        at: ago(s.age - 10),
        kind: 'dropped',
        summary: `放弃：${s.dropReason}`,
        data: { reason: s.dropReason },
        userId: ownerUserId ?? bureau,
      });
    }
  }

  // One handover (过户): 东昌府区 found the lead, the investor chose 临清's bearing park, 东昌府区 handed it over.
  const move = async (
    title: string,
    daysAgo: number,
    kind: 'claim' | 'release' | 'handover',
    from: [string | null, string | null],
    to: [string | null, string | null],
    by: string,
    reason: string | null,
    summary: string,
  ) => {
    const leadId = ids.get(title)!;
    const at = ago(daysAgo, 11);
    const [fromUnitId, fromUserId] = [
      from[0] ? refs.unitIds.get(from[0])! : null,
      from[1] ? refs.userIds.get(from[1])! : null,
    ];
    const [toUnitId, toUserId] = [to[0] ? refs.unitIds.get(to[0])! : null, to[1] ? refs.userIds.get(to[1])! : null];
    await tx.insert(leadTransfers).values({
      leadId,
      fromUnitId,
      fromUserId,
      toUnitId,
      toUserId,
      kind,
      reason,
      byUserId: refs.userIds.get(by)!,
      at,
    });
    await tx.insert(timelineEntries).values({
      entityType: 'lead',
      entityId: leadId,
      at,
      kind,
      summary,
      data: { fromUnitId, fromUserId, toUnitId, toUserId, reason },
      userId: refs.userIds.get(by)!,
    });
  };
  await move(
    '精密轴承扩能项目',
    70,
    'handover',
    ['LC-DCF', 'dongchangfu'],
    ['LC-LQ', 'linqing'],
    'dongchangfu',
    '企业选址意向为临清轴承产业园，按属地原则过户',
    '过户给 宋雨晴：企业选址意向为临清轴承产业园，按属地原则过户',
  );
  // And one lead that went back to the pool and was claimed by another unit.
  await move(
    '新能源汽车电驱系统项目',
    37,
    'release',
    ['LC-DE', 'donge'],
    [null, null],
    'donge',
    '与本县产业定位不符，退回公海供其他县区对接',
    '退回公海：与本县产业定位不符，退回公海供其他县区对接',
  );
  await move(
    '新能源汽车电驱系统项目',
    36,
    'claim',
    [null, null],
    ['LC-HTZ', 'gaoxin'],
    'gaoxin',
    null,
    '鲁思源 从公海认领',
  );
  await tx
    .update(leads)
    .set({ version: 3 })
    .where(eq(leads.id, ids.get('新能源汽车电驱系统项目')!));
  await tx
    .update(leads)
    .set({ version: 2 })
    .where(eq(leads.id, ids.get('精密轴承扩能项目')!));

  // Projects of the project demo data that grew out of leads: the lead is kept, converted, and linked both ways.
  for (const [name, projectId] of [...refs.projectIds].slice(0, 2)) {
    const [p] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (!p || p.leadId != null) continue;
    const [row] = await tx
      .insert(leads)
      .values({
        title: name,
        enterpriseId: p.enterpriseId,
        enterpriseName: p.enterpriseId ? null : (p.investorName ?? name),
        industryCode: p.industryCode,
        clusterId: p.clusterId,
        intendedAmount: p.totalInvestment,
        content: p.content,
        sourceChannel: 'visit',
        status: 'converted',
        ownerUnitId: p.ownerUnitId,
        teamId: p.teamId,
        projectId,
        createdBy: p.createdBy,
        searchText: searchTextOf(name, p.investorName),
        searchGrams: gramsOf(name, p.investorName),
        createdAt: new Date(p.createdAt.getTime() - 30 * DAY),
        updatedAt: p.createdAt,
      })
      .returning({ id: leads.id });
    await tx.insert(timelineEntries).values({
      entityType: 'lead',
      entityId: row.id,
      at: p.createdAt,
      kind: 'converted',
      summary: `转为项目「${name}」`,
      data: { projectId },
      userId: p.createdBy,
    });
    await tx
      .update(projects)
      .set({ leadId: row.id })
      .where(and(eq(projects.id, projectId), isNull(projects.leadId)));
  }
}
