// Scoring methods of an assessment scheme and the scheme's shape, shared by routes, service and bulletins.
/** A scheme is drafted, put to the units for comments (征求意见), then published; only a published one is run. */
export const SCHEME_STATUSES = ['draft', 'consultation', 'published'] as const;

export const METHODS = ['ratio', 'efficacy', 'deduction', 'bonus', 'reviewer'] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_LABELS: Record<Method, { zh: string; en: string }> = {
  ratio: { zh: '完成率×权重（封顶）', en: 'Ratio to target × weight (capped)' },
  efficacy: { zh: '功效系数法', en: 'Efficacy coefficient' },
  deduction: { zh: '按项扣分（封顶）', en: 'Deduction per item (capped)' },
  bonus: { zh: '加分（封顶）', en: 'Bonus (capped)' },
  reviewer: { zh: '评审打分', en: 'Reviewer score' },
};

export interface SchemeItem {
  key: string;
  section: string;
  label: string;
  method: Method;
  /** The computed indicator (every method but reviewer). */
  indicator?: string;
  /** Points of the item (ratio, efficacy, reviewer); deductions and bonuses carry 0. */
  weight: string;
  /** ratio: the completion ratio counts at most this much (1 = the weight is the cap). */
  capRatio?: string;
  /** deduction and bonus: points per unit of the indicator, and at most this many points. */
  perItem?: string;
  cap?: string;
}

export interface SchemeRules {
  /** 夺旗: the first places carry a flag. */
  flagPlaces: number;
  /** 约谈: the last places are summoned … */
  summonsPlaces: number;
  /** … and so is every unit below the red line for this many months in a row. */
  redLine: string;
  redMonths: number;
}

export const DEFAULT_RULES: SchemeRules = { flagPlaces: 3, summonsPlaces: 2, redLine: '60.00', redMonths: 2 };
