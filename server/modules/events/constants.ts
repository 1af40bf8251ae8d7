// The event register's fixed choices, and the 亿元以上 threshold projects are counted by.
export const EVENT_TYPES = ['promotion', 'matchmaking', 'signing', 'expo', 'online'] as const; // 推介会 洽谈会 签约仪式 展会 云招商
export const EVENT_LEVELS = ['city', 'county', 'provincial', 'third_party'] as const;
/** 亿元以上: 1亿元 = 10,000 万元. */
export const MAJOR_PROJECT_AMOUNT = 10_000;
