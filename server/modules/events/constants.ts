// The event register's fixed choices, and the 亿元以上 threshold projects are counted by.
export const EVENT_TYPES = ['promotion', 'matchmaking', 'signing', 'expo', 'online'] as const; // 推介会 洽谈会 签约仪式 展会 云招商
export const EVENT_LEVELS = ['city', 'county', 'provincial', 'third_party'] as const;
/** 亿元以上: 1亿元 = 10,000 万元. */
export const MAJOR_PROJECT_AMOUNT = 10_000;

/**
 * Yearly event targets (DOMAIN, 2024): ≥ 20 city-level key events, ≥ 100 county-level key events across all counties,
 * and at least one concentrated city event in each of 京津冀, 长三角 and 珠三角.
 */
export const DEFAULT_EVENT_TARGETS = {
  cityKey: 20,
  countyKey: 100,
  perRegion: 1,
  regions: ['jjj', 'yrd', 'prd'],
} as const;
