// The project list's fixed choices, shared by the routes (request schemas), the service and the repository.

/** Total investment bands of the list filter, in 亿元. */
export const AMOUNT_BANDS = ['1-3', '3-10', '10-20', '20+'] as const;
/** The same bands in 万元 (the stored unit): lower bound inclusive, upper bound exclusive. */
export const BAND_RANGES: Record<string, [number, number | null]> = {
  '1-3': [10_000, 30_000],
  '3-10': [30_000, 100_000],
  '10-20': [100_000, 200_000],
  '20+': [200_000, null],
};

export const SORTS = ['updatedAt', 'createdAt', 'totalInvestment', 'signedAt', 'name', 'lastProgressAt'] as const;
