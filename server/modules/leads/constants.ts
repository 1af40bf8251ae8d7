// The lead register's fixed choices and the stale rule, shared by the routes, the service, the repository and exports.

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
export const SORTS = ['updatedAt', 'createdAt', 'lastFollowUpAt', 'intendedAmount'] as const;
/** A lead in follow-up with no follow-up (or, without any, no creation) for this long is stale. */
export const STALE_DAYS = 30;

export const staleCutoff = (now = new Date()) => new Date(now.getTime() - STALE_DAYS * 86_400_000);
