// Shapes of the project pipeline API (server/modules/projects/routes.ts) and its code lists.
export const STAGES = [
  'planning',
  'negotiating',
  'signed',
  'registered',
  'started',
  'producing',
  'at_capacity',
] as const;
export const ALL_STAGES = [...STAGES, 'terminated'] as const;
export type Stage = (typeof ALL_STAGES)[number];
export const FLAGS = [
  'over_100m',
  'over_1b',
  'fortune500',
  'china500',
  'central_soe',
  'foreign',
  'out_of_city',
  'out_of_province',
  'advanced_manufacturing',
  'strategic_emerging',
  'four_new',
] as const;
export const BANDS = ['1-3', '3-10', '10-20', '20+'] as const;
export const AGREEMENT_TYPES = ['investment', 'framework', 'supplement'] as const;
export const PROBLEM_STATUSES = ['open', 'in_progress', 'solved'] as const;
export const CAPITAL_ORIGINS = ['local_city', 'in_province', 'out_province', 'abroad'] as const;

/** The fields each stage records when a project moves into it (server: REQUIRED_FIELDS, plus optional ones). */
export const STAGE_FORM: Record<
  Stage,
  {
    name: string;
    kind: 'date' | 'money' | 'text' | 'uscc' | 'park' | 'enterprise' | 'int' | 'agreement' | 'area';
    required: boolean;
  }[]
> = {
  planning: [],
  negotiating: [
    { name: 'investorName', kind: 'text', required: false },
    { name: 'intendedInvestment', kind: 'money', required: true },
  ],
  signed: [
    { name: 'agreementType', kind: 'agreement', required: true },
    { name: 'signedAt', kind: 'date', required: true },
    { name: 'signedAmount', kind: 'money', required: true },
    { name: 'signedEvent', kind: 'text', required: true },
  ],
  registered: [
    { name: 'registeredUscc', kind: 'uscc', required: true },
    { name: 'registeredCapital', kind: 'money', required: true },
    { name: 'parkUnitId', kind: 'park', required: true },
    { name: 'landMu', kind: 'area', required: true },
  ],
  started: [
    { name: 'startedAt', kind: 'date', required: true },
    { name: 'fundsInPlace', kind: 'money', required: true },
  ],
  producing: [
    { name: 'producedAt', kind: 'date', required: true },
    { name: 'capacity', kind: 'text', required: true },
    { name: 'sales', kind: 'money', required: false },
  ],
  at_capacity: [
    { name: 'output', kind: 'money', required: true },
    { name: 'tax', kind: 'money', required: true },
    { name: 'jobs', kind: 'int', required: true },
  ],
  terminated: [],
};
export const EVIDENCE_REQUIRED: Stage[] = ['signed', 'registered'];

export interface ProjectWarning {
  code: 'no_progress' | 'late_start' | string;
  level: 'yellow' | 'red' | string;
  days?: number;
  months?: number;
}

export interface FileMeta {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  stageEventId: number | null;
  uploadedBy: number;
  uploadedByName: string | null;
  createdAt: string;
}

export interface StageEvent {
  id: number;
  projectId: number;
  projectName: string;
  projectCode: string | null;
  ownerUnitId: number;
  ownerUnitName: string;
  totalInvestment: string | null;
  fromStage: string;
  toStage: string;
  kind: 'forward' | 'back' | 'skip' | 'terminate' | string;
  effectiveDate: string;
  fields: Record<string, unknown>;
  reason: string | null;
  status: 'pending' | 'approved' | 'returned' | string;
  submittedBy: number;
  submittedByName: string | null;
  submittedAt: string;
  reviewedBy: number | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  files: FileMeta[];
}

export interface ProjectRow {
  id: number;
  code: string | null;
  name: string;
  stage: Stage;
  approvedStage: Stage | null;
  approvedStageAt: string | null;
  pendingStageEventId: number | null;
  pendingToStage: Stage | null;
  pendingKind: string | null;
  ownerUnitId: number;
  ownerUnitName: string;
  clusterId: number | null;
  clusterName: string | null;
  teamId: number | null;
  teamName: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  investorName: string | null;
  investor: string | null;
  industryCode: string | null;
  totalInvestment: string | null;
  fixedAssetInvestment: string | null;
  foreignCapital: string | null;
  signedAmount: string | null;
  signedAt: string | null;
  plannedStartMonth: string | null;
  startedAt: string | null;
  flags: string[];
  warnings: ProjectWarning[];
  warningLevel: 'yellow' | 'red' | null;
  lastProgressAt: string | null;
  stageChangedAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Project extends ProjectRow {
  leadId: number | null;
  parkUnitId: number | null;
  parkUnitName: string | null;
  leaderName: string | null;
  liaisonName: string | null;
  liaisonPhone: string | null;
  content: string | null;
  capitalOrigin: string | null;
  isNew: boolean;
  excludedFromCount: string | null;
  agreementType: string | null;
  signedEvent: string | null;
  registeredUscc: string | null;
  registeredCapital: string | null;
  landMu: string | null;
  producedAt: string | null;
  capacity: string | null;
  terminatedReason: string | null;
  createdBy: number;
  industryName: string | null;
  pendingMove: StageEvent | null;
  stageEvents: StageEvent[];
}

export interface ProjectList {
  items: ProjectRow[];
  total: number;
  totalIsExact: boolean;
  totals: { count: number; totalInvestment: string } | null;
}

export interface KanbanColumn {
  stage: Stage;
  count: number;
  totalInvestment: string;
  cards: ProjectRow[];
}

export interface DuplicateCandidate {
  id: number;
  name: string;
  code: string | null;
  ownerUnitName: string;
  stage: string;
  approvedStage: string | null;
  investor: string | null;
  totalInvestment: string | null;
  reasons: string[];
}
export interface Duplicates {
  candidates: DuplicateCandidate[];
  hiddenCount: number;
}

export interface Problem {
  id: number;
  projectId: number;
  content: string;
  departmentUnitId: number | null;
  departmentName: string | null;
  status: string;
  resolution: string | null;
  createdBy: number;
  createdByName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  projectName: string;
  projectCode: string | null;
  projectStage: string;
  projectOwnerUnitName: string;
  projectInScope: boolean;
}

export interface Progress {
  id: number;
  at: string;
  content: string;
  userId: number;
  userName: string | null;
  createdAt: string;
}

export interface InvestmentYear {
  year: number;
  planned: string | null;
  completedTotal: string;
  fundsInPlaceTotal: string;
  months: { month: number; planned: string | null; completed: string | null; fundsInPlace: string | null }[];
}

export interface TimelineItem {
  at: string;
  kind: string;
  text: string;
  userName: string | null;
  data: Record<string, unknown> | null;
}

/** The list filters, as kept in the URL-less page state and in saved views. */
export interface ProjectFilters {
  q?: string;
  stage?: string[];
  ownerUnitId?: number;
  clusterId?: number;
  teamId?: number;
  band?: string;
  flags?: string[];
  warning?: 'yellow' | 'red' | 'any';
  pending?: boolean;
  signedFrom?: string;
  signedTo?: string;
}
