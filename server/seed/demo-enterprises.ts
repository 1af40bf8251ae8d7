// Demo enterprises of the demo city: local enterprises of the counties and zones, and targets in 京津冀, 长三角,
// 珠三角 and abroad. Every name, credit code, person and number here is invented (the credit codes are generated
// with valid check characters). Two records of one company (瑞驰) are included for the duplicate and merge demo.
import { enterpriseContacts, enterprises, timelineEntries } from '../db/schema.js';
import { gramsOf, searchTextOf } from '../core/search.js';
import { regionGroupOf } from '../reference/divisions.js';
import { makeUSCC } from '../modules/enterprises/uscc.js';
import type { SeedRefs } from './refs.js';

interface DemoEnterprise {
  unit: string; // owner unit code
  name: string;
  division?: string; // GB/T 2260 of the headquarters
  country?: string; // headquarters abroad
  ownership: string;
  tiers: string[];
  industry: string;
  cluster?: string;
  capital?: string; // 万元
  uscc?: false; // false: entered without a credit code
  team?: string; // cluster code of the team
  website?: string;
  notes?: string;
  contacts?: [name: string, title: string, phone: string][];
}

const E: DemoEnterprise[] = [
  // 东昌府区
  {
    unit: 'LC-DCF',
    name: '聊城市瑞驰新材料科技有限公司',
    division: '371502',
    ownership: 'private',
    tiers: ['local_stock', 'little_giant'],
    industry: 'C2651',
    cluster: 'NM',
    capital: '12000.00',
    contacts: [
      ['孟凡超', '董事长', '13900011001'],
      ['苗雨桐', '办公室主任', '13900011002'],
    ],
    notes: '高性能树脂材料，拟扩建二期生产线。',
  },
  {
    unit: 'LC-DCF',
    name: '山东瑞驰新材料有限公司',
    division: '370102',
    ownership: 'private',
    tiers: [],
    industry: 'C26',
    cluster: 'NM',
    uscc: false,
    contacts: [['孟凡超', '总经理', '13900011001']],
    notes: '外出招商时登记，疑与本区存量企业为同一家。',
  },
  {
    unit: 'LC-DCF',
    name: '聊城东岳精工机械有限公司',
    division: '371502',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C3442',
    cluster: 'HEM',
    capital: '5600.00',
  },
  // 茌平区
  {
    unit: 'LC-CP',
    name: '聊城茌平恒岳铝材科技有限公司',
    division: '371503',
    ownership: 'private',
    tiers: ['local_stock', 'champion'],
    industry: 'C3252',
    cluster: 'NFM',
    capital: '86000.00',
    contacts: [['郝振东', '副总经理', '13900012001']],
  },
  {
    unit: 'LC-CP',
    name: '聊城华茌新能源电池有限公司',
    division: '371503',
    ownership: 'soe_local',
    tiers: ['local_stock'],
    industry: 'C3841',
    cluster: 'NEV',
    capital: '30000.00',
  },
  // 临清市 and its bearing park
  {
    unit: 'LC-LQ',
    name: '临清市晟轮轴承有限公司',
    division: '371581',
    ownership: 'private',
    tiers: ['local_stock', 'champion'],
    industry: 'C3451',
    cluster: 'HEM',
    capital: '18800.00',
    contacts: [['冯晓军', '总经理', '13900013001']],
  },
  {
    unit: 'LC-LQ',
    name: '临清锦程纺织有限公司',
    division: '371581',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C1712',
    cluster: 'TX',
    capital: '4200.00',
  },
  {
    unit: 'LC-LQ-ZC',
    name: '临清市泓轴精密机械有限公司',
    division: '371581',
    ownership: 'private',
    tiers: ['local_stock', 'little_giant'],
    industry: 'C3451',
    cluster: 'HEM',
    capital: '9500.00',
  },
  // 阳谷县
  {
    unit: 'LC-YG',
    name: '阳谷县铜澜电缆有限公司',
    division: '371521',
    ownership: 'private',
    tiers: ['local_stock', 'private500'],
    industry: 'C3831',
    cluster: 'NFM',
    capital: '120000.00',
    contacts: [['姜海涛', '董事会秘书', '13900014001']],
  },
  {
    unit: 'LC-YG',
    name: '阳谷蓝禾生态农业有限公司',
    division: '371521',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'A0141',
    cluster: 'AG',
    capital: '2000.00',
  },
  // 莘县
  {
    unit: 'LC-SX',
    name: '莘县绿畴果蔬食品有限公司',
    division: '371522',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C1371',
    cluster: 'AG',
    capital: '3000.00',
  },
  {
    unit: 'LC-SX',
    name: '莘县启明化工有限公司',
    division: '371522',
    ownership: 'soe_local',
    tiers: ['local_stock'],
    industry: 'C2614',
    cluster: 'GC',
    capital: '25000.00',
  },
  // 东阿县 and its biomedicine park
  {
    unit: 'LC-DE-BIO',
    name: '东阿县颐康堂生物医药有限公司',
    division: '371524',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C2740',
    cluster: 'HC',
    capital: '15000.00',
    contacts: [['段思雨', '研发总监', '13900015001']],
  },
  {
    unit: 'LC-DE-BIO',
    name: '东阿瑞景医疗器械有限公司',
    division: '371524',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C3581',
    cluster: 'HC',
    capital: '3600.00',
  },
  {
    unit: 'LC-DE',
    name: '东阿县泽润阿胶制品有限公司',
    division: '371524',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C2740',
    cluster: 'HC',
    capital: '2800.00',
  },
  // 冠县
  {
    unit: 'LC-GX',
    name: '冠县翔羽纺织有限公司',
    division: '371525',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C1711',
    cluster: 'TX',
    capital: '6800.00',
  },
  {
    unit: 'LC-GX',
    name: '冠县鼎坤板材科技有限公司',
    division: '371525',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C3130',
    cluster: 'NFM',
    capital: '32000.00',
  },
  // 高唐县
  {
    unit: 'LC-GT',
    name: '高唐县泉润纸业有限公司',
    division: '371526',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C2221',
    capital: '21000.00',
  },
  {
    unit: 'LC-GT',
    name: '高唐县禾研生物科技有限公司',
    division: '371526',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C2761',
    cluster: 'HC',
    capital: '5000.00',
  },
  // zones
  {
    unit: 'LC-ETDZ',
    name: '聊城智擎新能源汽车零部件有限公司',
    division: '371502',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C3670',
    cluster: 'NEV',
    capital: '40000.00',
  },
  {
    unit: 'LC-HTZ',
    name: '聊城芯瀚半导体材料有限公司',
    division: '371502',
    ownership: 'private',
    tiers: ['local_stock', 'little_giant'],
    industry: 'C3985',
    cluster: 'NM',
    capital: '16000.00',
    team: 'NM',
  },
  {
    unit: 'LC-HTZ',
    name: '聊城北辰智能装备有限公司',
    division: '371502',
    ownership: 'private',
    tiers: ['local_stock'],
    industry: 'C3491',
    cluster: 'HEM',
    capital: '8000.00',
  },
  {
    unit: 'LC-JBSC',
    name: '聊城水城印象文化旅游有限公司',
    division: '371502',
    ownership: 'soe_local',
    tiers: ['local_stock'],
    industry: 'R8870',
    cluster: 'CT',
    capital: '10000.00',
  },

  // targets: 京津冀
  {
    unit: 'LC-OUT-BJ',
    name: '北京中科衡远新材料科技有限公司',
    division: '110108',
    ownership: 'private',
    tiers: ['unicorn'],
    industry: 'C2659',
    cluster: 'NM',
    capital: '52000.00',
    team: 'NM',
    website: 'www.example.com',
    contacts: [['卓一鸣', '投资总监', '13900021001']],
    notes: '关注华北地区新材料中试基地选址。',
  },
  {
    unit: 'LC-OUT-BJ',
    name: '北京京辰高端装备有限公司',
    division: '110105',
    ownership: 'soe_local',
    tiers: ['china500'],
    industry: 'C3411',
    cluster: 'HEM',
    capital: '300000.00',
  },
  {
    unit: 'LC-OUT-BJ',
    name: '天津滨澜新能源汽车科技有限公司',
    division: '120116',
    ownership: 'private',
    tiers: ['listed'],
    industry: 'C3612',
    cluster: 'NEV',
    capital: '88000.00',
  },
  {
    unit: 'LC-IPB',
    name: '河北冀创生物医药有限公司',
    division: '130104',
    ownership: 'private',
    tiers: [],
    industry: 'C2710',
    cluster: 'HC',
    capital: '26000.00',
  },
  {
    unit: 'LC-IPB',
    name: '中能华控集团有限公司',
    division: '110102',
    ownership: 'soe_central',
    tiers: ['china500'],
    industry: 'D4411',
    cluster: 'NEV',
    capital: '2500000.00',
    contacts: [['庞立新', '战略投资部总经理', '13900022001']],
  },
  // targets: 长三角
  {
    unit: 'LC-OUT-SH',
    name: '苏州恒创新材料科技有限公司',
    division: '320505',
    ownership: 'private',
    tiers: ['little_giant'],
    industry: 'C2929',
    cluster: 'NM',
    capital: '23000.00',
    team: 'NM',
    contacts: [
      ['程立轩', '总经理', '13900023001'],
      ['黎小满', '投资经理', '13900023002'],
    ],
  },
  {
    unit: 'LC-OUT-SH',
    name: '上海浦江智能装备有限公司',
    division: '310115',
    ownership: 'private',
    tiers: ['listed'],
    industry: 'C3491',
    cluster: 'HEM',
    capital: '64000.00',
  },
  {
    unit: 'LC-LQ',
    name: '无锡锡联轴承集团有限公司',
    division: '320214',
    ownership: 'private',
    tiers: ['champion', 'private500'],
    industry: 'C3451',
    cluster: 'HEM',
    capital: '150000.00',
    contacts: [['万浩然', '副总裁', '13900024001']],
    notes: '临清轴承产业园重点对接对象。',
  },
  {
    unit: 'LC-OUT-SH',
    name: '杭州云岫数据科技有限公司',
    division: '330106',
    ownership: 'private',
    tiers: ['unicorn'],
    industry: 'I6450',
    capital: '12000.00',
  },
  {
    unit: 'LC-HTZ',
    name: '宁波甬达汽车零部件有限公司',
    division: '330212',
    ownership: 'private',
    tiers: ['private500'],
    industry: 'C3670',
    cluster: 'NEV',
    capital: '45000.00',
  },
  {
    unit: 'LC-OUT-SH',
    name: '合肥庐芯新能源科技有限公司',
    division: '340104',
    ownership: 'private',
    tiers: ['unicorn'],
    industry: 'C3841',
    cluster: 'NEV',
    capital: '70000.00',
  },
  {
    unit: 'LC-IPB',
    name: '南京金陵瑞达化工有限公司',
    division: '320111',
    ownership: 'soe_local',
    tiers: ['china500', 'chain_leader'],
    industry: 'C2614',
    cluster: 'GC',
    capital: '420000.00',
  },
  // targets: 珠三角
  {
    unit: 'LC-OUT-SZ',
    name: '深圳华芯微电子有限公司',
    division: '440305',
    ownership: 'private',
    tiers: ['listed'],
    industry: 'C3973',
    capital: '36000.00',
  },
  {
    unit: 'LC-DE',
    name: '广州穗康医疗器械有限公司',
    division: '440106',
    ownership: 'private',
    tiers: ['little_giant'],
    industry: 'C3581',
    cluster: 'HC',
    capital: '9800.00',
    contacts: [['邝嘉文', '董事长助理', '13900025001']],
  },
  {
    unit: 'LC-OUT-SZ',
    name: '佛山禅源家居纺织有限公司',
    division: '440604',
    ownership: 'private',
    tiers: [],
    industry: 'C1771',
    cluster: 'TX',
    capital: '7600.00',
  },
  {
    unit: 'LC-OUT-SZ',
    name: '东莞莞研精密模具有限公司',
    division: '441900',
    ownership: 'hmt',
    tiers: [],
    industry: 'C3525',
    cluster: 'HEM',
    capital: '5200.00',
  },
  // targets: abroad, Hong Kong
  {
    unit: 'LC-IPB',
    name: '德国北港新材料有限公司',
    country: '德国',
    ownership: 'foreign',
    tiers: ['champion'],
    industry: 'C2651',
    cluster: 'NM',
    uscc: false,
  },
  {
    unit: 'LC-IPB',
    name: '日本樱田精密机械株式会社',
    country: '日本',
    ownership: 'foreign',
    tiers: [],
    industry: 'C3451',
    cluster: 'HEM',
    uscc: false,
  },
  {
    unit: 'LC-IPB',
    name: '新加坡狮城生物科技有限公司',
    country: '新加坡',
    ownership: 'foreign',
    tiers: [],
    industry: 'C2761',
    cluster: 'HC',
    uscc: false,
  },
  {
    unit: 'LC-OUT-SZ',
    name: '香港港隆投资控股有限公司',
    division: '810000',
    ownership: 'hmt',
    tiers: [],
    industry: 'L7212',
    uscc: false,
  },
];

export async function seedDemoEnterprises(refs: SeedRefs): Promise<void> {
  const { tx } = refs;
  const createdBy = refs.userIds.get('bureau')!;
  for (const [i, e] of E.entries()) {
    const uscc = e.uscc === false || !e.division ? null : makeUSCC(e.division, i + 1);
    const people = e.contacts ?? [];
    const parts = [e.name, uscc, ...people.map((p) => p[0])];
    const [row] = await tx
      .insert(enterprises)
      .values({
        name: e.name,
        uscc,
        ownership: e.ownership,
        tiers: e.tiers,
        hqDivision: e.division ?? null,
        hqCountry: e.country ?? null,
        hqRegion: regionGroupOf(e.division, '371500', !!e.country),
        industryCode: e.industry,
        clusterId: e.cluster ? refs.clusterIds.get(e.cluster)! : null,
        registeredCapital: e.capital ?? null,
        website: e.website ?? null,
        notes: e.notes ?? null,
        ownerUnitId: refs.unitIds.get(e.unit)!,
        teamId: e.team ? refs.teamIds.get(e.team)! : null,
        createdBy,
        searchText: searchTextOf(...parts),
        searchGrams: gramsOf(...parts),
      })
      .returning({ id: enterprises.id });
    refs.enterpriseIds.set(e.name, row.id);
    for (const [j, [name, title, phone]] of people.entries()) {
      await tx.insert(enterpriseContacts).values({ enterpriseId: row.id, name, title, phone, isPrimary: j === 0 });
    }
    await tx.insert(timelineEntries).values({
      entityType: 'enterprise',
      entityId: row.id,
      kind: 'created',
      summary: `创建企业记录「${e.name}」`,
      data: { contacts: people.length },
      userId: createdBy,
    });
  }
}
