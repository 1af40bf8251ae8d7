// Shapes of the leads API (GET /api/leads, /api/leads/:id) and its code lists.

export const SOURCE_CHANNELS = [
  'business_referral',
  'commissioned',
  'fund',
  'equity',
  'partner',
  'ambassador',
  'chamber',
  'native',
  'outpost',
  'event',
  'visit',
  'other',
] as const;
export const LEAD_STATUSES = ['pool', 'following', 'converted', 'dropped'] as const;
export const FOLLOW_UP_METHODS = ['visit', 'call', 'meeting', 'event', 'other'] as const;
export const LEAD_SORTS = ['updatedAt', 'createdAt', 'lastFollowUpAt', 'intendedAmount'] as const;

export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface Lead {
  id: number;
  title: string;
  enterpriseId: number | null;
  enterpriseName: string | null;
  industryCode: string | null;
  industryName: string | null;
  clusterId: number | null;
  clusterName: string | null;
  /** 万元, a decimal string */
  intendedAmount: string | null;
  content: string | null;
  sourceChannel: string;
  referrer: string | null;
  status: LeadStatus | string;
  ownerUnitId: number | null;
  ownerUnitName: string | null;
  ownerUserId: number | null;
  ownerUserName: string | null;
  teamId: number | null;
  teamName: string | null;
  projectId: number | null;
  dropReason: string | null;
  lastFollowUpAt: string | null;
  stale: boolean;
  createdBy: number;
  createdByName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FollowUp {
  id: number;
  at: string;
  method: string | null;
  content: string;
  nextStep: string | null;
  userId: number;
  userName: string | null;
  unitId: number;
  unitName: string | null;
  createdAt: string;
}

export interface Transfer {
  id: number;
  kind: 'claim' | 'release' | 'handover' | string;
  reason: string | null;
  at: string;
  fromUnitId: number | null;
  fromUnitName: string | null;
  fromUserId: number | null;
  fromUserName: string | null;
  toUnitId: number | null;
  toUnitName: string | null;
  toUserId: number | null;
  toUserName: string | null;
  byUserId: number;
  byUserName: string | null;
}

export interface TimelineEntry {
  id: number;
  at: string;
  kind: string;
  summary: string;
  data: unknown;
  userId: number | null;
  userName: string | null;
}

export type LeadAction = 'claim' | 'edit' | 'followUp' | 'release' | 'handover' | 'convert' | 'drop';

export interface LeadDetail extends Lead {
  allowedActions: LeadAction[];
  followUps: FollowUp[];
  transfers: Transfer[];
  timeline: TimelineEntry[];
}

export interface LeadPage {
  items: Lead[];
  total: number;
  totalIsExact: boolean;
}

export interface Assignee {
  id: number;
  displayName: string;
  unitId: number;
  unitName: string;
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

/** The fields a user types; owner, status and version are the server's. */
export interface LeadInput {
  title: string;
  enterpriseId?: number | null;
  enterpriseName?: string | null;
  industryCode?: string | null;
  clusterId?: number | null;
  intendedAmount?: string | null;
  content?: string | null;
  sourceChannel: string;
  referrer?: string | null;
  teamId?: number | null;
}
