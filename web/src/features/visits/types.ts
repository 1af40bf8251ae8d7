// Shapes of the visits API (server/modules/visits/routes.ts).
export const VISIT_KINDS = ['visit', 'outbound', 'reception', 'video'] as const;
export const VISIT_STATUSES = ['planned', 'completed'] as const;
export const ORGANISATION_KINDS = [
  'chamber',
  'association',
  'agent',
  'university',
  'institute',
  'park',
  'other',
] as const;

export interface Visit {
  id: number;
  kind: string;
  status: string;
  visitDate: string;
  divisionCode: string | null;
  abroadCountry: string | null;
  regionGroup: string | null;
  leaderName: string | null;
  outcome: string | null;
  ownerUnitName: string | null;
  createdByName: string | null;
  version: number;
}
export interface VisitDetail extends Visit {
  counterparts: { enterpriseId: number | null; organisationId: number | null; name: string; kind: string }[];
  leads: { id: number; title: string; status: string; intendedAmount: string | null }[];
  units: { id: number; name: string }[];
  replayed?: boolean;
}
export interface VisitPage {
  items: Visit[];
  total: number;
}

export interface VisitBody {
  kind: string;
  status: string;
  visitDate: string;
  divisionCode?: string | null;
  abroadCountry?: string | null;
  enterpriseIds?: number[];
  organisationIds?: number[];
  outcome?: string | null;
  leads?: { title: string; intendedAmount?: string | null }[];
  idempotencyKey?: string;
}

export interface ProgressRow {
  subject: string;
  id: number;
  name: string;
  unitKind: string | null;
  target: number;
  total: number;
  byMonth: number[];
  expected: number;
  behind: boolean;
  metTotal: number;
}
export interface ProgressDetail extends ProgressRow {
  organisations: {
    enterpriseId: number | null;
    organisationId: number | null;
    name: string;
    firstVisitId: number;
    firstVisitDate: string;
  }[];
}
