// Shapes of the enterprise library's API (server/modules/enterprises/schema.ts).

export const OWNERSHIPS = ['soe_central', 'soe_local', 'private', 'foreign', 'hmt'] as const;
export const TIERS = [
  'fortune500',
  'china500',
  'private500',
  'listed',
  'little_giant',
  'unicorn',
  'champion',
  'chain_leader',
  'local_stock',
] as const;
export const REGIONS = ['local', 'in_province', 'jjj', 'yrd', 'prd', 'hmt', 'other', 'abroad'] as const;

export interface Enterprise {
  id: number;
  name: string;
  uscc: string | null;
  ownership: string | null;
  tiers: string[];
  hqDivision: string | null;
  hqDivisionName: string | null;
  hqRegion: string | null;
  hqCountry: string | null;
  industryCode: string | null;
  industryName: string | null;
  clusterId: number | null;
  clusterName: string | null;
  registeredCapital: string | null;
  website: string | null;
  notes: string | null;
  ownerUnitId: number;
  ownerUnitName: string;
  teamId: number | null;
  teamName: string | null;
  mergedIntoId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseContact {
  id: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
  phoneMasked: boolean;
  createdAt: string;
}

export interface TimelineEntry {
  id: number;
  entityId: number;
  at: string;
  kind: string;
  summary: string;
  data: Record<string, unknown> | null;
  userName: string | null;
}

export interface EnterpriseDetail extends Enterprise {
  mergedIntoName: string | null;
  contacts: EnterpriseContact[];
  timeline: TimelineEntry[];
  references: { leads: number; projects: number };
}

export interface EnterprisePage {
  items: Enterprise[];
  total: number;
  totalIsExact: boolean;
}

export interface SimilarItem {
  id: number;
  name: string;
  uscc: string | null;
  ownerUnitName: string;
  hqRegion: string | null;
  score: number;
  sameUscc: boolean;
}
export interface SimilarResponse {
  tradeName: string;
  items: SimilarItem[];
  othersCount: number;
}

export interface DivisionOption {
  code: string;
  name: string;
  fullName: string;
  level: string;
}
export interface IndustryOption {
  code: string;
  name: string;
  section: string;
  sectionName: string;
}
export interface IndustriesResponse {
  sections: { code: string; name: string }[];
  items: IndustryOption[];
}
