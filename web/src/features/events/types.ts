// Shapes of the events API (server/modules/events/routes.ts).
export const EVENT_TYPES = ['promotion', 'matchmaking', 'signing', 'expo', 'online'] as const;
export const EVENT_LEVELS = ['city', 'county', 'provincial', 'third_party'] as const;

export interface EventRow {
  id: number;
  name: string;
  type: string;
  isKey: boolean;
  level: string;
  startDate: string;
  endDate: string;
  place: string | null;
  regionGroup: string;
  organiser: string | null;
  ownerUnitName: string | null;
  version: number;
  signedCount: number;
  signedAmount: string;
  majorCount: number;
  pendingCount: number;
}
export interface Signing {
  id: number;
  projectId: number;
  projectName: string;
  signedAmount: string | null;
  firstEventId: number | null;
  countStatus: 'counted' | 'pending' | 'resigned' | 'returned';
}
export interface EventDetail extends EventRow {
  signings: Signing[];
}
