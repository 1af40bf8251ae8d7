export interface SchemeItem {
  key: string;
  section: string;
  label: string;
  method: string;
  indicator?: string;
  weight: string;
  capRatio?: string;
  perItem?: string;
  cap?: string;
}
export interface Scheme {
  id: number;
  year: number;
  unitGroup: string;
  name: string;
  status: string;
  items: SchemeItem[];
  version: number;
  rules: { flagPlaces: number; summonsPlaces: number; redLine: string; redMonths: number };
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
  change: number | null;
  flag: boolean;
  red: boolean;
  summoned: boolean;
  summonsReason: string | null;
  items: ItemResult[];
}
export interface Run {
  id: number;
  schemeId: number;
  period: string;
  seq: number;
  reason: string | null;
  hash: string;
  integrity: 'ok' | 'tampered';
  publishLevel: string;
  createdByName: string | null;
  createdAt: string;
  scheme: { name: string; items: SchemeItem[] };
  from: string;
  to: string;
  units: UnitResult[];
}
export interface RunSummary {
  id: number;
  schemeId: number;
  period: string;
  seq: number;
  reason: string | null;
  publishLevel: string;
  createdByName: string | null;
  createdAt: string;
}
export interface RunRecords {
  subjectId: number;
  name: string;
  item: ItemResult;
  items: {
    id: number;
    name: string;
    code: string | null;
    ownerUnitName: string;
    approvedStage: string | null;
    signedAmount: string | null;
    totalInvestment: string | null;
  }[];
}
