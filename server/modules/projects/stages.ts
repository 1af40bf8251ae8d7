// The pipeline: stage order, the fields each stage records, and how a move is classified.
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
export type MoveKind = 'forward' | 'back' | 'skip' | 'terminate';

export const AGREEMENT_TYPES = ['investment', 'framework', 'supplement'] as const; // 投资 / 框架 / 补充

export const stageIndex = (s: string) => (STAGES as readonly string[]).indexOf(s);

/** What a move from one stage to another is: null when it is no move at all. */
export function classifyMove(from: Stage, to: Stage): MoveKind | null {
  if (from === to) return null;
  if (to === 'terminated') return 'terminate';
  if (from === 'terminated') return 'back'; // reactivating a terminated project is a move back
  const d = stageIndex(to) - stageIndex(from);
  return d === 1 ? 'forward' : d > 1 ? 'skip' : 'back';
}

export type StageFieldKind = 'date' | 'money' | 'text' | 'uscc' | 'park' | 'enterprise' | 'int' | 'agreement' | 'area';

/** Every field a stage move may carry, and its kind. */
export const STAGE_FIELDS: Record<string, StageFieldKind> = {
  enterpriseId: 'enterprise',
  investorName: 'text',
  intendedInvestment: 'money',
  agreementType: 'agreement',
  signedAt: 'date',
  signedAmount: 'money',
  signedEvent: 'text',
  registeredUscc: 'uscc',
  registeredCapital: 'money',
  parkUnitId: 'park',
  landMu: 'area',
  startedAt: 'date',
  fundsInPlace: 'money',
  producedAt: 'date',
  capacity: 'text',
  sales: 'money',
  output: 'money',
  tax: 'money',
  jobs: 'int',
};

/**
 * The fields a stage requires when a project moves into it (forward or skip).
 * 'counterpart' is satisfied by enterpriseId or investorName, in the move or already on the project.
 */
export const REQUIRED_FIELDS: Record<Stage, string[]> = {
  planning: [],
  negotiating: ['counterpart', 'intendedInvestment'],
  signed: ['agreementType', 'signedAt', 'signedAmount', 'signedEvent'],
  registered: ['registeredUscc', 'registeredCapital', 'parkUnitId', 'landMu'],
  started: ['startedAt', 'fundsInPlace'],
  producing: ['producedAt', 'capacity'],
  at_capacity: ['output', 'tax', 'jobs'],
  terminated: [],
};

/** Stages whose move needs at least one evidence file (the agreement, the business licence). */
export const EVIDENCE_REQUIRED: readonly Stage[] = ['signed', 'registered'];

/** Stage fields that are also kept on the project itself (the rest stay in the stage event). */
export const FIELD_TO_COLUMN: Record<string, string> = {
  enterpriseId: 'enterpriseId',
  investorName: 'investorName',
  intendedInvestment: 'totalInvestment',
  agreementType: 'agreementType',
  signedAt: 'signedAt',
  signedAmount: 'signedAmount',
  signedEvent: 'signedEvent',
  registeredUscc: 'registeredUscc',
  registeredCapital: 'registeredCapital',
  parkUnitId: 'parkUnitId',
  landMu: 'landMu',
  startedAt: 'startedAt',
  producedAt: 'producedAt',
  capacity: 'capacity',
};
