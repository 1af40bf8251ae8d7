// What each importable entity's spreadsheet columns can be: the field, its kind (how a cell is converted), and the
// header names people actually use for it, Chinese and English. Header matching normalizes both sides (headers.ts).
export const ENTITIES = ['enterprise', 'lead', 'project'] as const;
export type Entity = (typeof ENTITIES)[number];
export const isEntity = (s: string): s is Entity => (ENTITIES as readonly string[]).includes(s);

export const ENTITY_LABELS: Record<Entity, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'Enterprises' },
  lead: { zh: '线索', en: 'Leads' },
  project: { zh: '项目', en: 'Projects' },
};

export type FieldKind =
  | 'text' | 'money' | 'date' | 'pastDate' | 'month' | 'unit' | 'cluster' | 'stage' | 'uscc' | 'phone' | 'industry'
  | 'ownership' | 'tiers' | 'division' | 'country' | 'channel' | 'user' | 'area' | 'agreement' | 'website';

export interface FieldDef {
  key: string;
  zh: string;
  en: string;
  kind: FieldKind;
  /** Header names that mean this field (normalized when compared). The first is the template's header. */
  aliases: string[];
  required?: boolean;
  /** A field a sheet must not leave out when one of its columns plainly holds it (a county, a stage, a credit code). */
  keyField?: boolean;
  max?: number;
  /** money: the currency the amount is kept in (万元 or 万美元). */
  currency?: 'cny' | 'usd';
  /** money: the largest amount allowed, in 万元, and the error code when it is exceeded. */
  limit?: 'amount' | 'capital';
  example?: string;
  note?: { zh: string; en: string };
}

const UNIT_NOTE = { zh: '金额单位默认为万元；表头写明“（亿元）”或单元格带“亿/万/元”后缀时自动换算为万元', en: 'Amounts default to 万元; a header such as “（亿元）” or a cell suffix 亿/万/元 is converted to 万元' };
const DATE_NOTE = { zh: '可写 2024-03-05、2024/3/5、2024.3.5、2024年3月5日、20240305 或 Excel 日期', en: 'Any of 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 or an Excel date' };

export const PROJECT_FIELDS: FieldDef[] = [
  { key: 'name', zh: '项目名称', en: 'Project name', kind: 'text', required: true, max: 200, example: '年产5万吨高性能铝合金新材料项目',
    aliases: ['项目名称', '名称', '项目', '项目全称', 'project name', 'project', 'name'] },
  { key: 'code', zh: '项目编号', en: 'Project code', kind: 'text', max: 50, example: 'LC2024-0001',
    aliases: ['项目编号', '项目代码', '项目编码', '编号', '项目统一代码', 'project code', 'code'] },
  { key: 'investorName', zh: '投资方', en: 'Investor', kind: 'text', max: 200, example: '某新材料科技（上海）有限公司',
    aliases: ['投资方', '投资主体', '企业名称', '投资企业', '投资单位', '签约企业', '签约主体', '合作方', '投资方名称', '客商', 'investor'] },
  { key: 'registeredUscc', zh: '统一社会信用代码', en: 'Credit code', kind: 'uscc', example: '91371500MA3C5XXXXX',
    keyField: true,
    aliases: ['统一社会信用代码', '信用代码', '社会信用代码', '注册企业统一社会信用代码', '项目公司信用代码', '企业信用代码', 'uscc', 'credit code'],
    note: { zh: '落地注册企业的18位统一社会信用代码', en: 'The 18-character code of the company registered locally' } },
  { key: 'totalInvestment', zh: '总投资', en: 'Total investment', kind: 'money', limit: 'amount', example: '50000', note: UNIT_NOTE,
    aliases: ['总投资', '计划总投资', '项目总投资', '总投资额', '投资总额', '投资额', '计划投资', '项目投资额', '拟投资额', 'total investment'] },
  { key: 'fixedAssetInvestment', zh: '固定资产投资', en: 'Fixed-asset investment', kind: 'money', limit: 'amount', example: '40000', note: UNIT_NOTE,
    aliases: ['固定资产投资', '固投', '固定资产投资额', '其中固定资产投资', 'fixed asset investment'] },
  { key: 'foreignCapital', zh: '合同外资', en: 'Contracted foreign capital', kind: 'money', currency: 'usd', limit: 'amount', example: '',
    note: { zh: '单位默认为万美元', en: 'In 万美元 (10,000 USD) unless the header says otherwise' },
    aliases: ['合同外资', '外资', '合同外资额', '利用外资', '合同利用外资', 'foreign capital'] },
  { key: 'signedAmount', zh: '签约金额', en: 'Signed amount', kind: 'money', limit: 'amount', example: '50000', note: UNIT_NOTE,
    aliases: ['签约金额', '签约额', '协议金额', '签约投资额', '协议投资额', 'signed amount'] },
  { key: 'registeredCapital', zh: '注册资本', en: 'Registered capital', kind: 'money', limit: 'amount', example: '', note: UNIT_NOTE,
    aliases: ['注册资本', '注册资金', '项目公司注册资本', 'registered capital'] },
  { key: 'county', zh: '所在县区', en: 'County or zone', kind: 'unit', example: '东昌府区',
    note: { zh: '可写简称：东昌府、临清、高新区、经开区、度假区等；县区用户只能导入本单位的项目', en: 'Short names work (东昌府, 临清, 高新区 …); county users can only import their own county\'s projects' },
    keyField: true,
    // Not 责任单位 or 所属单位: those name the office answerable for the project (a bureau, a department), not where it lands.
    aliases: ['所在县区', '所在县（市、区）', '县（市、区）', '县（市区）', '县市区', '所在县市区', '落地县区', '属地', '县区', '所属县区',
      '所属县（市、区）', '所在区县', '区县', '所属区县', '县市区园区', '县（市、区）园区', '所在县（市、区）及园区', '落地地点', '项目所在地',
      '所在地', '建设地点', '项目建设地点', '落户县区', '落户地', '县区名称', '县区开发区', 'county'] },
  { key: 'cluster', zh: '所属产业', en: 'Industry cluster', kind: 'cluster', example: '新材料',
    aliases: ['所属产业', '产业集群', '产业链', '所属集群', '产业类别', '产业分类', '所属产业链', '产业', '所属产业集群', 'cluster'] },
  { key: 'industryCode', zh: '行业代码', en: 'Industry code', kind: 'industry', example: 'C3252',
    note: { zh: 'GB/T 4754 国民经济行业代码，或行业名称（如“医药制造业”）', en: 'A GB/T 4754 code or an industry name' },
    aliases: ['行业代码', '国民经济行业代码', '所属行业', '行业', '行业分类', '国民经济行业分类', 'industry code', 'industry'] },
  { key: 'stage', zh: '项目阶段', en: 'Stage', kind: 'stage', example: '签约',
    note: { zh: '谋划、在谈（洽谈）、签约、注册（落地）、开工（在建）、投产（竣工）、达产、终止；也可写“洽谈中”“已签约未开工”“正在建设”“已投产”等常见说法，认不出的会标为错误；非投促局导入的阶段须经投促局审核后计入', en: 'planning, negotiating, signed, registered, started, producing, at capacity, terminated; stages imported by others count after the bureau approves them' },
    keyField: true,
    aliases: ['项目阶段', '进展阶段', '状态', '项目状态', '阶段', '进展状态', '当前阶段', '项目进展', '进展情况', '推进情况', '项目进度',
      '进展', '目前进展', '当前进展', '项目推进情况', '所处阶段', '建设进度', '建设阶段', '项目进展情况', '推进阶段', 'stage', 'status'] },
  { key: 'signedAt', zh: '签约时间', en: 'Signed on', kind: 'pastDate', example: '2024年3月5日', note: DATE_NOTE,
    aliases: ['签约时间', '签约日期', '签约年月', '签订时间', '签订日期', '协议签订时间', '签约', 'signed at', 'signed on'] },
  { key: 'agreementType', zh: '协议类型', en: 'Agreement type', kind: 'agreement', example: '投资协议',
    note: { zh: '投资协议、框架协议或补充协议', en: 'investment, framework or supplement' },
    aliases: ['协议类型', '签约类型', '合同类型', 'agreement type'] },
  { key: 'signedEvent', zh: '签约活动', en: 'Signing event', kind: 'text', max: 200, example: '2024年聊城市重点项目集中签约活动',
    aliases: ['签约活动', '签约平台', '签约会议', '签约场合', 'signing event'] },
  { key: 'plannedStartMonth', zh: '计划开工时间', en: 'Planned start', kind: 'month', example: '2024年6月',
    aliases: ['计划开工时间', '计划开工日期', '计划开工', '预计开工时间', '拟开工时间', 'planned start'] },
  { key: 'startedAt', zh: '开工时间', en: 'Started on', kind: 'pastDate', example: '', note: DATE_NOTE,
    aliases: ['开工时间', '开工日期', '实际开工时间', '实际开工日期', 'started at', 'started on'] },
  { key: 'producedAt', zh: '投产时间', en: 'Producing since', kind: 'pastDate', example: '', note: DATE_NOTE,
    aliases: ['投产时间', '投产日期', '竣工投产时间', '竣工时间', '实际投产时间', 'produced at'] },
  { key: 'landMu', zh: '用地面积（亩）', en: 'Land (mu)', kind: 'area', example: '120',
    aliases: ['用地面积', '占地面积', '用地', '占地', '亩数', '用地规模', 'land', 'land mu'] },
  { key: 'capacity', zh: '设计产能', en: 'Capacity', kind: 'text', max: 200, example: '',
    aliases: ['设计产能', '产能', '达产规模', '生产规模', 'capacity'] },
  { key: 'leaderName', zh: '责任领导', en: 'Responsible leader', kind: 'text', max: 50, example: '张某某',
    aliases: ['责任领导', '包保领导', '分包领导', '联系领导', '牵头领导', '包联领导', 'leader'] },
  { key: 'liaisonName', zh: '联络人', en: 'Liaison', kind: 'text', max: 50, example: '李某',
    aliases: ['联络人', '联系人', '项目联系人', '项目负责人', '对接人', 'liaison', 'contact'] },
  { key: 'liaisonPhone', zh: '联系电话', en: 'Phone', kind: 'phone', example: '13800000000',
    aliases: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '联系人电话', 'phone', 'mobile'] },
  { key: 'content', zh: '建设内容', en: 'Content', kind: 'text', max: 4000, example: '新建厂房8万平方米，购置熔铸、挤压生产线12条',
    aliases: ['建设内容', '项目内容', '项目简介', '主要建设内容', '建设规模及内容', '建设规模和内容', '项目概况', '简介', 'content', 'description'] },
];

export const ENTERPRISE_FIELDS: FieldDef[] = [
  { key: 'name', zh: '企业名称', en: 'Enterprise name', kind: 'text', required: true, max: 100, example: '某新材料科技（上海）有限公司',
    aliases: ['企业名称', '名称', '企业', '公司名称', '单位名称', '企业全称', '公司', 'company name', 'company', 'name'] },
  { key: 'uscc', zh: '统一社会信用代码', en: 'Credit code', kind: 'uscc', example: '91310000MA1FL0XXXX', keyField: true,
    aliases: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码', 'uscc', 'credit code'] },
  { key: 'ownership', zh: '企业性质', en: 'Ownership', kind: 'ownership', example: '民企',
    note: { zh: '央企、地方国企、民企、外企、港澳台企业', en: 'central SOE, local SOE, private, foreign, HK/Macao/Taiwan' },
    aliases: ['企业性质', '所有制', '所有制性质', '经济性质', '企业所有制', '经济类型', 'ownership'] },
  { key: 'registeredCapital', zh: '注册资本', en: 'Registered capital', kind: 'money', limit: 'capital', example: '5000', note: UNIT_NOTE,
    aliases: ['注册资本', '注册资金', '注册资本金', 'registered capital'] },
  { key: 'hqDivision', zh: '总部所在地', en: 'Headquarters', kind: 'division', example: '上海市浦东新区',
    note: { zh: '省市区名称（如“上海市浦东新区”）或6位行政区划代码；境外企业写国家名称', en: 'A place name or a GB/T 2260 code; a country for enterprises abroad' },
    aliases: ['总部所在地', '总部所在地区', '总部', '总部地址', '总部所在城市', '所在地区', '注册地', '所在地', '所在省市', '地区', 'headquarters', 'hq'] },
  { key: 'hqCountry', zh: '国家/地区', en: 'Country', kind: 'country', max: 50, example: '',
    aliases: ['国家地区', '国家', '国别', '总部国家', 'country'] },
  { key: 'industryCode', zh: '所属行业', en: 'Industry', kind: 'industry', example: 'C3252',
    note: { zh: 'GB/T 4754 国民经济行业代码，或行业名称', en: 'A GB/T 4754 code or an industry name' },
    aliases: ['所属行业', '行业', '行业代码', '行业分类', '国民经济行业', '国民经济行业代码', 'industry'] },
  { key: 'cluster', zh: '所属产业', en: 'Industry cluster', kind: 'cluster', example: '新材料',
    aliases: ['所属产业', '产业集群', '产业链', '所属集群', '产业类别', '产业', 'cluster'] },
  { key: 'tiers', zh: '企业标签', en: 'Tags', kind: 'tiers', example: '上市公司、专精特新',
    note: { zh: '可写多个，用顿号或逗号分隔：世界500强、中国500强、民营500强、上市公司、专精特新“小巨人”、独角兽、行业冠军、链主、本地存量企业', en: 'Several, separated by 、 or commas' },
    aliases: ['企业标签', '标签', '类型', '企业类型', '企业类别', '企业称号', '荣誉资质', 'tags', 'tiers'] },
  { key: 'website', zh: '网站', en: 'Website', kind: 'website', max: 200, example: 'www.example.com',
    aliases: ['网站', '官网', '网址', '企业网站', '企业官网', 'website'] },
  { key: 'notes', zh: '备注', en: 'Notes', kind: 'text', max: 2000, example: '',
    aliases: ['备注', '简介', '企业简介', '主营业务', '主营产品', '说明', 'notes', 'remarks'] },
  { key: 'contactName', zh: '联系人', en: 'Contact', kind: 'text', max: 50, example: '王某',
    aliases: ['联系人', '联系人姓名', '对接人', '企业联系人', 'contact'] },
  { key: 'contactTitle', zh: '职务', en: 'Contact title', kind: 'text', max: 50, example: '投资总监',
    aliases: ['职务', '联系人职务', '职位', 'title'] },
  { key: 'contactPhone', zh: '联系电话', en: 'Phone', kind: 'phone', example: '13800000000',
    aliases: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', 'phone', 'mobile'] },
  { key: 'ownerUnit', zh: '归属单位', en: 'Owner unit', kind: 'unit', example: '',
    note: { zh: '仅投促局导入时可指定；其他用户导入的企业归属本单位', en: 'Only the bureau may name it; others\' imports belong to their own unit' },
    aliases: ['归属单位', '所属单位', '所在县区', '县市区', '属地', '县区', '责任单位', 'owner unit'] },
];

export const LEAD_FIELDS: FieldDef[] = [
  { key: 'title', zh: '线索名称', en: 'Lead title', kind: 'text', required: true, max: 200, example: '某新材料企业华北生产基地项目',
    aliases: ['线索名称', '项目线索', '线索', '线索标题', '项目名称', '名称', 'lead title', 'lead', 'title'] },
  { key: 'enterpriseName', zh: '目标企业', en: 'Target enterprise', kind: 'text', max: 200, example: '某新材料科技（上海）有限公司',
    note: { zh: '与企业库中的企业名称完全相同时自动关联', en: 'Linked to the enterprise library when the name matches exactly' },
    aliases: ['目标企业', '企业名称', '对接企业', '意向企业', '投资方', '企业', '客商', 'target enterprise', 'enterprise'] },
  { key: 'intendedAmount', zh: '意向投资额', en: 'Intended investment', kind: 'money', limit: 'amount', example: '3亿', note: UNIT_NOTE,
    aliases: ['意向投资额', '拟投资额', '投资额', '计划投资', '预计投资', '意向投资', '总投资', '拟投资', 'intended amount', 'amount'] },
  { key: 'sourceChannel', zh: '来源渠道', en: 'Source', kind: 'channel', example: '以商招商',
    note: { zh: '以商招商、委托招商、基金招商、资本招商、招商合伙人、招商大使、商会协会、乡贤、驻外机构、招商活动、走访、其他；不填为“其他”', en: 'Empty means other' },
    aliases: ['来源渠道', '线索来源', '来源', '渠道', '获取渠道', '信息来源', 'source channel', 'source'] },
  { key: 'referrer', zh: '引荐人', en: 'Referrer', kind: 'text', max: 100, example: '',
    aliases: ['引荐人', '推荐人', '信息提供人', '提供人', '介绍人', 'referrer'] },
  { key: 'ownerUnit', zh: '所属单位', en: 'Owner unit', kind: 'unit', example: '',
    note: { zh: '仅投促局导入时可指定；其他用户导入的线索归属本单位', en: 'Only the bureau may name it; others\' imports belong to their own unit' },
    aliases: ['所属单位', '责任单位', '跟进单位', '县市区', '所在县区', '属地', '县区', 'owner unit'] },
  { key: 'ownerUser', zh: '负责人', en: 'Owner', kind: 'user', max: 50, example: '',
    note: { zh: '系统用户的姓名；找不到时由导入人负责', en: 'A user\'s name; the importer otherwise' },
    aliases: ['负责人', '责任人', '跟进人', '对接人', '承办人', 'owner'] },
  { key: 'cluster', zh: '所属产业', en: 'Industry cluster', kind: 'cluster', example: '新材料',
    aliases: ['所属产业', '产业集群', '产业链', '所属集群', '产业类别', '产业', 'cluster'] },
  { key: 'industryCode', zh: '行业代码', en: 'Industry', kind: 'industry', example: '',
    aliases: ['行业代码', '所属行业', '行业', '行业分类', 'industry'] },
  { key: 'content', zh: '线索内容', en: 'Content', kind: 'text', max: 4000, example: '拟在华北布局年产10万吨生产基地，正在比选落地城市',
    aliases: ['线索内容', '项目内容', '主要内容', '进展情况', '内容', '合作内容', '项目简介', '情况说明', '项目概况', 'content'] },
];

export const FIELDS: Record<Entity, FieldDef[]> = { enterprise: ENTERPRISE_FIELDS, lead: LEAD_FIELDS, project: PROJECT_FIELDS };

/** Headers that are known but carry nothing to import (a running number, a remark): they help find the header row. */
export const IGNORED_HEADERS = ['序号', '序', 'no', 'no.', '填报单位', '填报人', '更新时间', '录入时间', '备注', '备注说明', '责任单位'];

/** Headers of the clerk's own running number (序号): shown beside the sheet's row number, never imported. */
export const SERIAL_HEADERS = ['序号', '序', '编号序', '顺序号', '行号', 'no', 'no.', '#'];

export const fieldOf = (entity: Entity, key: string) => FIELDS[entity].find((f) => f.key === key);
