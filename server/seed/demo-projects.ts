// Demo projects of the demo city: ~40 invented projects across the counties and zones, in every stage, with
// amounts skewed to a few large ones; some moves approved, some awaiting the bureau, some late or silent (warnings),
// some terminated. Names, codes and people are invented; investors come from the enterprise demo data when present.
import {
  files,
  projectInvestments,
  projectProblems,
  projectProgress,
  projects,
  projectStageEvents,
} from '../db/schema.js';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { deriveFor } from '../modules/projects/service.js';
import { STAGES, type Stage } from '../modules/projects/stages.js';
import type { SeedRefs } from './refs.js';

interface DemoProject {
  unit: string;
  name: string;
  investor?: string;
  investorName?: string;
  cluster?: string;
  industry?: string;
  team?: string;
  total: number; // 万元
  foreign?: number; // 万美元
  stage: Stage; // approved stage
  pending?: Stage; // a move awaiting review
  silentDays?: number; // days since the last progress report or stage change
  startPlan?: number; // planned start month, months from now (negative: in the past)
  terminated?: string; // reason, with `stage` the stage it was terminated from
  park?: string;
}

const P: DemoProject[] = [
  // 东昌府区
  {
    unit: 'LC-DCF',
    name: '年产5万吨高性能锂电池隔膜项目',
    investor: '苏州恒创新材料科技有限公司',
    cluster: 'NM',
    industry: 'C2929',
    team: 'NM',
    total: 150000,
    stage: 'signed',
    startPlan: -4,
    silentDays: 12,
  },
  {
    unit: 'LC-DCF',
    name: '高性能树脂材料二期扩建项目',
    investor: '聊城市瑞驰新材料科技有限公司',
    cluster: 'NM',
    industry: 'C2651',
    total: 32000,
    stage: 'started',
    silentDays: 8,
  },
  {
    unit: 'LC-DCF',
    name: '智能数控机床整机制造项目',
    investor: '北京京辰高端装备有限公司',
    cluster: 'HEM',
    industry: 'C3421',
    total: 85000,
    stage: 'negotiating',
    pending: 'signed',
    silentDays: 3,
  },
  {
    unit: 'LC-DCF',
    name: '城市文旅综合体提升项目',
    investorName: '某文旅投资集团',
    cluster: 'CT',
    industry: 'R8870',
    total: 12000,
    stage: 'planning',
    silentDays: 60,
  },
  // 茌平区
  {
    unit: 'LC-CP',
    name: '年产30万吨高端铝合金板带箔项目',
    investor: '聊城茌平恒岳铝材科技有限公司',
    cluster: 'NFM',
    industry: 'C3252',
    total: 500000,
    stage: 'producing',
    silentDays: 15,
  },
  {
    unit: 'LC-CP',
    name: '动力电池储能系统集成项目',
    investor: '合肥庐芯新能源科技有限公司',
    cluster: 'NEV',
    industry: 'C3841',
    total: 120000,
    stage: 'registered',
    startPlan: -1,
    silentDays: 10,
  },
  {
    unit: 'LC-CP',
    name: '再生铝循环利用项目',
    investorName: '某再生资源有限公司',
    cluster: 'NFM',
    industry: 'C4210',
    total: 18000,
    stage: 'negotiating',
    silentDays: 35,
  },
  {
    unit: 'LC-CP',
    name: '铝基新材料研发中心项目',
    cluster: 'NFM',
    industry: 'M7320',
    total: 6000,
    stage: 'planning',
    silentDays: 20,
  },
  // 临清市 (and its bearing park)
  {
    unit: 'LC-LQ',
    name: '年产2000万套高端精密轴承项目',
    investor: '无锡锡联轴承集团有限公司',
    cluster: 'HEM',
    industry: 'C3451',
    total: 260000,
    stage: 'started',
    park: 'LC-LQ-ZC',
    silentDays: 6,
  },
  {
    unit: 'LC-LQ-ZC',
    name: '风电主轴轴承生产线项目',
    investor: '日本樱田精密机械株式会社',
    cluster: 'HEM',
    industry: 'C3451',
    total: 45000,
    foreign: 3000,
    stage: 'signed',
    startPlan: 1,
    silentDays: 25,
  },
  {
    unit: 'LC-LQ',
    name: '轴承滚动体精密加工项目',
    investor: '临清市晟轮轴承有限公司',
    cluster: 'HEM',
    industry: 'C3451',
    total: 15000,
    stage: 'at_capacity',
    silentDays: 40,
  },
  {
    unit: 'LC-LQ',
    name: '棉纺织智能化改造项目',
    investor: '临清锦程纺织有限公司',
    cluster: 'TX',
    industry: 'C1712',
    total: 8000,
    stage: 'negotiating',
    terminated: '企业资金链紧张，暂缓投资',
    silentDays: 90,
  },
  // 阳谷县
  {
    unit: 'LC-YG',
    name: '特种电缆及新能源线缆项目',
    investor: '阳谷县铜澜电缆有限公司',
    cluster: 'NFM',
    industry: 'C3831',
    total: 68000,
    stage: 'producing',
    silentDays: 18,
  },
  {
    unit: 'LC-YG',
    name: '铜基新材料精深加工项目',
    investor: '中能华控集团有限公司',
    cluster: 'NFM',
    industry: 'C3251',
    total: 210000,
    stage: 'signed',
    pending: 'registered',
    startPlan: 0,
    silentDays: 2,
  },
  {
    unit: 'LC-YG',
    name: '智慧农业示范园项目',
    investor: '阳谷蓝禾生态农业有限公司',
    cluster: 'AG',
    industry: 'A0141',
    total: 9000,
    stage: 'planning',
    silentDays: 100,
  },
  // 莘县
  {
    unit: 'LC-SX',
    name: '年产10万吨可降解材料项目',
    investor: '南京金陵瑞达化工有限公司',
    cluster: 'GC',
    industry: 'C2651',
    total: 180000,
    stage: 'registered',
    startPlan: -5,
    silentDays: 28,
  },
  {
    unit: 'LC-SX',
    name: '果蔬精深加工及冷链物流项目',
    investor: '莘县绿畴果蔬食品有限公司',
    cluster: 'AG',
    industry: 'C1371',
    total: 22000,
    stage: 'started',
    silentDays: 9,
  },
  {
    unit: 'LC-SX',
    name: '精细化工中间体项目',
    investor: '莘县启明化工有限公司',
    cluster: 'GC',
    industry: 'C2614',
    total: 36000,
    stage: 'negotiating',
    pending: 'terminated',
    silentDays: 50,
  },
  // 东阿县 (and its biomedicine park)
  {
    unit: 'LC-DE-BIO',
    name: '阿胶生物活性肽产业化项目',
    investor: '东阿县颐康堂生物医药有限公司',
    cluster: 'HC',
    industry: 'C2740',
    total: 26000,
    stage: 'producing',
    silentDays: 11,
  },
  {
    unit: 'LC-DE',
    name: '高端医疗器械产业园项目',
    investor: '广州穗康医疗器械有限公司',
    cluster: 'HC',
    industry: 'C3581',
    total: 56000,
    stage: 'signed',
    startPlan: -2,
    silentDays: 22,
  },
  {
    unit: 'LC-DE-BIO',
    name: '生物医药CDMO平台项目',
    investor: '新加坡狮城生物科技有限公司',
    cluster: 'HC',
    industry: 'C2761',
    total: 98000,
    foreign: 8000,
    stage: 'negotiating',
    pending: 'signed',
    silentDays: 4,
  },
  {
    unit: 'LC-DE',
    name: '中医药康养综合体项目',
    investorName: '某康养产业投资有限公司',
    cluster: 'HC',
    industry: 'Q8416',
    total: 30000,
    stage: 'planning',
    silentDays: 46,
  },
  // 冠县
  {
    unit: 'LC-GX',
    name: '高端家纺面料项目',
    investor: '佛山禅源家居纺织有限公司',
    cluster: 'TX',
    industry: 'C1771',
    total: 14000,
    stage: 'started',
    silentDays: 14,
  },
  {
    unit: 'LC-GX',
    name: '新型装配式建材项目',
    investor: '冠县鼎坤板材科技有限公司',
    cluster: 'NFM',
    industry: 'C3130',
    total: 25000,
    stage: 'signed',
    startPlan: -3,
    silentDays: 45,
    terminated: '项目选址与规划冲突，企业撤回投资',
  },
  {
    unit: 'LC-GX',
    name: '纺织印染废水处理提标项目',
    investor: '冠县翔羽纺织有限公司',
    cluster: 'TX',
    industry: 'N7721',
    total: 4000,
    stage: 'negotiating',
    silentDays: 31,
  },
  // 高唐县
  {
    unit: 'LC-GT',
    name: '生物基新材料产业化项目',
    investor: '高唐县禾研生物科技有限公司',
    cluster: 'HC',
    industry: 'C2761',
    total: 42000,
    stage: 'registered',
    startPlan: 2,
    silentDays: 16,
  },
  {
    unit: 'LC-GT',
    name: '特种纸及纸基新材料项目',
    investor: '高唐县泉润纸业有限公司',
    industry: 'C2221',
    total: 75000,
    stage: 'at_capacity',
    silentDays: 30,
  },
  {
    unit: 'LC-GT',
    name: '光伏储能一体化项目',
    investorName: '某新能源开发有限公司',
    cluster: 'NEV',
    industry: 'D4416',
    total: 16000,
    stage: 'negotiating',
    silentDays: 5,
  },
  // 聊城经济技术开发区
  {
    unit: 'LC-ETDZ',
    name: '新能源汽车电驱系统项目',
    investor: '天津滨澜新能源汽车科技有限公司',
    cluster: 'NEV',
    industry: 'C3612',
    total: 300000,
    stage: 'started',
    silentDays: 7,
  },
  {
    unit: 'LC-ETDZ',
    name: '汽车轻量化零部件项目',
    investor: '宁波甬达汽车零部件有限公司',
    cluster: 'NEV',
    industry: 'C3670',
    total: 48000,
    stage: 'signed',
    pending: 'registered',
    startPlan: -1,
    silentDays: 1,
  },
  {
    unit: 'LC-ETDZ',
    name: '智能网联汽车测试场项目',
    investor: '聊城智擎新能源汽车零部件有限公司',
    cluster: 'NEV',
    industry: 'M7450',
    total: 20000,
    stage: 'planning',
    silentDays: 10,
  },
  {
    unit: 'LC-ETDZ',
    name: '精密模具及注塑件项目',
    investor: '东莞莞研精密模具有限公司',
    cluster: 'HEM',
    industry: 'C3525',
    total: 11000,
    foreign: 1500,
    stage: 'registered',
    startPlan: -4,
    silentDays: 33,
  },
  // 聊城高新技术产业开发区
  {
    unit: 'LC-HTZ',
    name: '第三代半导体衬底材料项目',
    investor: '北京中科衡远新材料科技有限公司',
    cluster: 'NM',
    industry: 'C3985',
    team: 'NM',
    total: 120000,
    stage: 'negotiating',
    pending: 'signed',
    silentDays: 2,
  },
  {
    unit: 'LC-HTZ',
    name: '工业机器人及智能产线项目',
    investor: '上海浦江智能装备有限公司',
    cluster: 'HEM',
    industry: 'C3491',
    total: 38000,
    stage: 'producing',
    silentDays: 19,
  },
  {
    unit: 'LC-HTZ',
    name: '城市大数据中心项目',
    investor: '杭州云岫数据科技有限公司',
    industry: 'I6450',
    total: 60000,
    stage: 'signed',
    startPlan: 0,
    silentDays: 21,
  },
  {
    unit: 'LC-HTZ',
    name: '碳纤维复合材料项目',
    investor: '德国北港新材料有限公司',
    cluster: 'NM',
    industry: 'C2651',
    team: 'NM',
    total: 90000,
    foreign: 5000,
    stage: 'planning',
    silentDays: 30,
  },
  {
    unit: 'LC-HTZ',
    name: '功率半导体封装测试项目',
    investor: '深圳华芯微电子有限公司',
    industry: 'C3973',
    total: 33000,
    stage: 'negotiating',
    silentDays: 12,
  },
  // 江北水城旅游度假区
  {
    unit: 'LC-JBSC',
    name: '运河文化沉浸式演艺项目',
    investor: '聊城水城印象文化旅游有限公司',
    cluster: 'CT',
    industry: 'R8870',
    total: 15000,
    stage: 'started',
    silentDays: 24,
  },
  {
    unit: 'LC-JBSC',
    name: '湖滨康养度假酒店项目',
    investor: '香港港隆投资控股有限公司',
    cluster: 'CT',
    industry: 'H6110',
    total: 45000,
    foreign: 2000,
    stage: 'negotiating',
    silentDays: 70,
  },
  // kept by the bureau for the materials team
  {
    unit: 'LC-HTZ',
    name: '高纯电子化学品项目',
    investor: '河北冀创生物医药有限公司',
    cluster: 'NM',
    industry: 'C2664',
    team: 'NM',
    total: 7800,
    stage: 'planning',
    silentDays: 5,
  },
];

const DAY = 86_400_000;
const ymd = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const monthFromNow = (months: number) => {
  const d = new Date(Date.now() + 8 * 3600_000);
  const m = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
};

// A credit code with a valid check character (GB 32100), invented from the division and a serial number.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function inventUSCC(serial: number): string {
  const body = `91371500MA${String(serial)
    .padStart(7, '0')
    .replace(/\d/g, (c) => USCC_CHARS[(Number(c) * 7 + 3) % 31])}`.slice(0, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]) * USCC_WEIGHTS[i];
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** A one-page PDF standing in for a signed agreement or a licence. */
function demoPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '?');
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>endobj\n4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 12 Tf 72 760 Td (${text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const money = (n: number) => n.toFixed(2);

/** The fields a move into `stage` records, invented from the project. */
function stageFields(p: DemoProject, stage: Stage, i: number, at: Date): Record<string, unknown> {
  switch (stage) {
    case 'negotiating':
      return {
        intendedInvestment: money(p.total),
        ...(p.investor ? {} : { investorName: p.investorName ?? '意向投资方' }),
      };
    case 'signed':
      return {
        agreementType: 'investment',
        signedAt: ymd(at),
        signedAmount: money(p.total),
        signedEvent:
          i % 3 === 0
            ? '聊城市重点项目集中签约仪式'
            : i % 3 === 1
              ? '长三角（上海）双招双引推介会'
              : '县（市、区）招商引资洽谈会',
      };
    case 'registered':
      return {
        registeredUscc: inventUSCC(i + 1),
        registeredCapital: money(Math.round(p.total / 5)),
        landMu: money(Math.max(20, Math.round(p.total / 1500))),
      };
    case 'started':
      return { startedAt: ymd(at), fundsInPlace: money(Math.round(p.total * 0.3)) };
    case 'producing':
      return { producedAt: ymd(at), capacity: '达到设计产能的60%', sales: money(Math.round(p.total * 0.4)) };
    case 'at_capacity':
      return {
        output: money(Math.round(p.total * 1.2)),
        tax: money(Math.round(p.total * 0.06)),
        jobs: 80 + (i % 7) * 40,
      };
    default:
      return {};
  }
}

const COLUMNS: Record<string, string> = {
  intendedInvestment: 'totalInvestment',
  investorName: 'investorName',
  agreementType: 'agreementType',
  signedAt: 'signedAt',
  signedAmount: 'signedAmount',
  signedEvent: 'signedEvent',
  registeredUscc: 'registeredUscc',
  registeredCapital: 'registeredCapital',
  landMu: 'landMu',
  startedAt: 'startedAt',
  producedAt: 'producedAt',
  capacity: 'capacity',
};

export async function seedDemoProjects(refs: SeedRefs): Promise<void> {
  const { tx } = refs;
  const bureau = refs.userIds.get('bureau')!;
  const countyUser: Record<string, string> = {
    'LC-DCF': 'dongchangfu',
    'LC-LQ': 'linqing',
    'LC-LQ-ZC': 'linqing',
    'LC-DE': 'donge',
    'LC-DE-BIO': 'donge',
    'LC-HTZ': 'gaoxin',
  };
  const now = Date.now();
  for (const [i, p] of P.entries()) {
    const submitter = refs.userIds.get(countyUser[p.unit] ?? (p.team ? 'team_nm' : 'bureau')) ?? bureau;
    const enterpriseId = p.investor ? (refs.enterpriseIds.get(p.investor) ?? null) : null;
    // Without the enterprise demo data, the investor is named on the project.
    const investorName = enterpriseId ? null : (p.investorName ?? p.investor ?? null);
    const target = (STAGES as readonly string[]).indexOf(p.stage);
    const steps = target + (p.pending ? 1 : 0) + (p.terminated ? 1 : 0);
    const silent = p.silentDays ?? 10;
    // Moves spread over the past months, the last one `silent` days ago.
    const created = new Date(now - (silent + 30 * (steps + 1)) * DAY);
    const values: Record<string, unknown> = {
      name: p.name,
      code: target >= 2 ? `LC-${new Date(created).getFullYear()}-${String(i + 1).padStart(3, '0')}` : null,
      enterpriseId,
      investorName,
      industryCode: p.industry ?? null,
      clusterId: p.cluster ? refs.clusterIds.get(p.cluster)! : null,
      teamId: p.team ? refs.teamIds.get(p.team)! : null,
      ownerUnitId: refs.unitIds.get(p.unit)!,
      parkUnitId: p.park ? refs.unitIds.get(p.park)! : null,
      leaderName: ['王建国', '李志强', '张海燕', '刘晓东', '陈思远'][i % 5],
      liaisonName: ['赵明轩', '孙丽娜', '周子墨', '吴浩宇', '郑雅文'][i % 5],
      liaisonPhone: `1370000${String(1000 + i).padStart(4, '0')}`,
      content: `${p.name}：总投资约${(p.total / 10000).toFixed(p.total >= 10000 ? 1 : 2)}亿元，主要建设生产厂房、研发中心及配套设施。`,
      totalInvestment: money(p.total),
      fixedAssetInvestment: money(Math.round(p.total * 0.7)),
      foreignCapital: p.foreign ? money(p.foreign) : null,
      isNew: true,
      plannedStartMonth: p.startPlan !== undefined ? monthFromNow(p.startPlan) : null,
      stage: 'planning',
      approvedStage: 'planning',
      createdBy: submitter,
      createdAt: created,
      updatedAt: created,
      stageChangedAt: created,
      approvedStageAt: created,
    };
    const [{ id }] = await tx
      .insert(projects)
      .values(values as typeof projects.$inferInsert)
      .returning({ id: projects.id });
    refs.projectIds.set(p.name, id);

    // The approved history: one move per stage, each approved by the bureau a few days later.
    let stage: Stage = 'planning';
    let at = created.getTime();
    const moves: { to: Stage; kind: 'forward' | 'terminate'; approved: boolean; reason?: string }[] = [];
    for (let s = 1; s <= target; s++) moves.push({ to: STAGES[s], kind: 'forward', approved: true });
    if (p.terminated) moves.push({ to: 'terminated', kind: 'terminate', approved: true, reason: p.terminated });
    if (p.pending)
      moves.push({
        to: p.pending,
        kind: p.pending === 'terminated' ? 'terminate' : 'forward',
        approved: false,
        reason: p.pending === 'terminated' ? '企业战略调整，投资意向取消' : undefined,
      });
    for (const [k, m] of moves.entries()) {
      at = k === moves.length - 1 ? now - silent * DAY : at + 30 * DAY;
      const when = new Date(at);
      const fields = stageFields(p, m.to, i, when);
      const prior: Record<string, unknown> = {};
      for (const [f, col] of Object.entries(COLUMNS))
        if (fields[f] !== undefined) {
          prior[col] = values[col] ?? null;
          values[col] = fields[f];
        }
      const reviewedAt = m.approved ? new Date(Math.min(at + 3 * DAY, now - DAY)) : null;
      const [ev] = await tx
        .insert(projectStageEvents)
        .values({
          projectId: id,
          fromStage: stage,
          toStage: m.to,
          kind: m.kind,
          effectiveDate: ymd(when),
          fields,
          reason: m.reason ?? null,
          priorValues: prior,
          status: m.approved ? 'approved' : 'pending',
          submittedBy: submitter,
          submittedAt: when,
          reviewedBy: m.approved ? bureau : null,
          reviewedAt,
          reviewNote: m.approved ? '材料齐全，同意' : null,
        })
        .returning({ id: projectStageEvents.id });
      if (m.to === 'signed' || m.to === 'registered') {
        const name = m.to === 'signed' ? `投资协议-${p.name}.pdf` : `营业执照-${p.name}.pdf`;
        const data = demoPdf(`${m.to} ${i + 1}`);
        await tx.insert(files).values({
          entityType: 'project',
          entityId: id,
          stageEventId: ev.id,
          name,
          mime: 'application/pdf',
          size: data.length,
          sha256: createHash('sha256').update(data).digest('hex'),
          data,
          uploadedBy: submitter,
          createdAt: when,
        });
      }
      stage = m.to;
      values.stage = m.to;
      values.stageChangedAt = when;
      if (m.to === 'terminated') values.terminatedReason = m.reason;
      if (m.approved) {
        values.approvedStage = m.to;
        values.approvedStageAt = reviewedAt;
        values.pendingStageEventId = null;
      } else values.pendingStageEventId = ev.id;
    }

    // Progress reports: the last one `silent` days ago, for the projects that have any.
    let lastProgressAt: Date | null = null;
    if (i % 4 !== 3) {
      for (let r = 2; r >= 0; r--) {
        const d = new Date(now - (silent + r * 15) * DAY);
        if (d.getTime() < created.getTime()) continue;
        await tx.insert(projectProgress).values({
          projectId: id,
          at: ymd(d),
          userId: submitter,
          createdAt: d,
          content: [
            '与企业高层视频会商，确认投资规模和建设节奏。',
            '完成项目可研报告评审，推进用地预审。',
            '协调解决施工用电、用水问题，现场调度推进。',
          ][(i + r) % 3],
        });
        lastProgressAt = d;
      }
    }
    const derived = await deriveFor(tx, {
      ...values,
      registeredUscc: (values.registeredUscc as string) ?? null,
    } as Parameters<typeof deriveFor>[1]);
    await tx
      .update(projects)
      .set({
        ...(values as Partial<typeof projects.$inferInsert>),
        ...derived,
        lastProgressAt,
        updatedAt: new Date(now - silent * DAY),
      })
      .where(eq(projects.id, id));

    // Investment plan and monthly completion for projects under construction or producing.
    if (target >= 4 && !p.terminated) {
      const year = new Date(now + 8 * 3600_000).getUTCFullYear();
      const month = new Date(now + 8 * 3600_000).getUTCMonth() + 1;
      const plan = Math.round(p.total * 0.4);
      await tx.insert(projectInvestments).values({ projectId: id, year, month: 0, planned: money(plan) });
      for (let m = 1; m < month; m++) {
        await tx.insert(projectInvestments).values({
          projectId: id,
          year,
          month: m,
          planned: money(Math.round(plan / 12)),
          completed: money(Math.round((plan / 12) * (0.6 + ((i + m) % 5) * 0.1))),
          fundsInPlace: money(Math.round((plan / 12) * 0.8)),
        });
      }
    }
  }

  // Problems (问题诉求), some assigned to the city's industry and IT bureau (市工信局) for projects in the counties.
  const problem = async (
    project: string,
    content: string,
    dept: string,
    status: 'open' | 'in_progress' | 'solved',
    resolution?: string,
  ) => {
    const projectId = refs.projectIds.get(project);
    if (!projectId) return;
    await tx.insert(projectProblems).values({
      projectId,
      content,
      departmentUnitId: refs.unitIds.get(dept)!,
      status,
      resolution: resolution ?? null,
      createdBy: bureau,
    });
  };
  await problem(
    '年产2000万套高端精密轴承项目',
    '二期厂房用电增容申请需协调供电部门加快办理。',
    'LC-GXJ',
    'in_progress',
  );
  await problem('新能源汽车电驱系统项目', '申请纳入省级重点技术改造项目库。', 'LC-GXJ', 'open');
  await problem(
    '年产30万吨高端铝合金板带箔项目',
    '企业反映技改设备补贴申报流程不清楚。',
    'LC-GXJ',
    'solved',
    '已上门辅导，企业完成申报。',
  );
  await problem('高端医疗器械产业园项目', '产品注册证办理周期长，需协调市场监管部门提前介入。', 'LC-WJW', 'open');
  await problem('年产10万吨可降解材料项目', '环评批复进度需加快。', 'LC-HGJ', 'in_progress');
  await problem('城市大数据中心项目', '需协调双回路供电及能耗指标。', 'LC-FGW', 'open');
}
