// The columns a lead sheet can have: each field, its kind (how a cell is read and checked, with the rules its form and
// API use), and the header names people actually use for it, Chinese and English.
import { UNIT_NOTE, type FieldDef } from '../spreadsheets/fields.js';

export const IMPORT_FIELDS: FieldDef[] = [
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
