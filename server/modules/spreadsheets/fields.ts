// What each importable entity's spreadsheet columns can be: the field, its kind (how a cell is converted), and the
// header names people actually use for it, Chinese and English. Header matching normalizes both sides (headers.ts).
/** A register whose module registered a sheet profile: 'enterprise', 'lead', 'project' … */
export type Entity = string;

export type FieldKind =
  | 'text'
  | 'money'
  | 'date'
  | 'pastDate'
  | 'month'
  | 'unit'
  | 'cluster'
  | 'stage'
  | 'uscc'
  | 'phone'
  | 'industry'
  | 'ownership'
  | 'tiers'
  | 'division'
  | 'country'
  | 'channel'
  | 'user'
  | 'area'
  | 'agreement'
  | 'website';

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

/** Notes of the template for amount and date columns, shared by the profiles' fields. */
export const UNIT_NOTE = {
  zh: '金额单位默认为万元；表头写明“（亿元）”或单元格带“亿/万/元”后缀时自动换算为万元',
  en: 'Amounts default to 万元; a header such as “（亿元）” or a cell suffix 亿/万/元 is converted to 万元',
};
export const DATE_NOTE = {
  zh: '可写 2024-03-05、2024/3/5、2024.3.5、2024年3月5日、20240305 或 Excel 日期',
  en: 'Any of 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 or an Excel date',
};

const registered = new Map<Entity, { label: { zh: string; en: string }; fields: FieldDef[] }>();

/** Registers an entity's columns (its module's profile does, through profiles.ts). */
export function registerFields(entity: Entity, label: { zh: string; en: string }, fields: FieldDef[]): void {
  registered.set(entity, { label, fields });
}

/** The columns an entity's sheets can have, as its module's profile registered them. */
export function fieldsOf(entity: Entity): FieldDef[] {
  const r = registered.get(entity);
  if (!r) throw new Error(`no sheet profile is registered for "${entity}"`);
  return r.fields;
}

/** The registered entities, in the order of registration. */
export const entities = (): Entity[] => [...registered.keys()];
export const isEntity = (s: string): s is Entity => registered.has(s);

/** What the entity is called in a job's label, a sheet's name and the audit. */
export const entityLabel = (entity: Entity) => registered.get(entity)?.label ?? { zh: entity, en: entity };

/** Headers that are known but carry nothing to import (a running number, a remark): they help find the header row. */
export const IGNORED_HEADERS = [
  '序号',
  '序',
  'no',
  'no.',
  '填报单位',
  '填报人',
  '更新时间',
  '录入时间',
  '备注',
  '备注说明',
  '责任单位',
];

/** Headers of the clerk's own running number (序号): shown beside the sheet's row number, never imported. */
export const SERIAL_HEADERS = ['序号', '序', '编号序', '顺序号', '行号', 'no', 'no.', '#'];
