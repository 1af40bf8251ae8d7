export interface Indicator {
  key: string;
  zh: string;
  en: string;
  unit: 'count' | 'wan_yuan' | 'wan_usd' | 'percent';
  additive: boolean;
}

export interface Target {
  id: number;
  startYear: number;
  endYear: number;
  indicator: string;
  ownerUnitId: number;
  ownerUnitName: string;
  teamId: number | null;
  teamName: string | null;
  annual: string;
  quarters: string[] | null;
  months: string[] | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FigureCell {
  indicator: string;
  value: string;
  recordCount: number;
  numerator: number | null;
  base: number | null;
  targetAnnual: string | null;
  targetToDate: string | null;
}

export interface Progress {
  period: string;
  from: string;
  to: string;
  fx: { from: string; rate: string }[];
  indicators: Indicator[];
  rows: { subjectId: number; subjectName: string; kind: string; figures: FigureCell[] }[];
}

export interface FigureRecords {
  indicator: string;
  value: string;
  numerator: number | null;
  base: number | null;
  items: {
    id: number;
    name: string;
    signedOn: string | null;
    startedOn: string | null;
    producedOn: string | null;
    amount: string | null;
    foreignCapital: string | null;
    fundsInPlace: string;
    flags: string[];
    plannedStartMonth: string | null;
  }[];
}
