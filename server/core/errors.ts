// Errors carry a stable code; the message is looked up in zh-CN or en when the response is written.
export interface FieldError { field: string; code: string; message?: string }

const MESSAGES: Record<string, { zh: string; en: string; status: number }> = {
  VALIDATION_FAILED: { zh: '提交的数据有误，请检查标出的字段', en: 'Some fields are invalid', status: 400 },
  AUTH_FAILED: { zh: '账号或密码错误；连续多次失败后账号将被临时锁定', en: 'Wrong account or password; repeated failures lock the account for a while', status: 401 },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in', status: 401 },
  SESSION_EXPIRED: { zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again', status: 401 },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改初始密码或已过期的密码', en: 'Change your initial or expired password first', status: 403 },
  CSRF_FAILED: { zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again', status: 403 },
  FORBIDDEN: { zh: '没有执行此操作的权限', en: 'You are not allowed to do this', status: 403 },
  NOT_FOUND: { zh: '记录不存在或不在您的数据范围内', en: 'Not found, or outside your data scope', status: 404 },
  VERSION_CONFLICT: { zh: '该记录已被他人修改，请刷新后再保存（您的修改未保存）', en: 'Someone else changed this record; reload it before saving (your change was not saved)', status: 409 },
  DUPLICATE: { zh: '记录重复', en: 'Duplicate record', status: 409 },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later', status: 429 },
  PASSWORD_WRONG: { zh: '当前密码不正确', en: 'The current password is wrong', status: 400 },
  ADMIN_ROLE_CONFLICT: { zh: '三员分立：一个账号只能担任一种管理员角色，且不能给自己授权', en: 'Separation of duties: one administrator role per account, and never granted to oneself', status: 409 },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error', status: 500 },
};

const FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'is required' },
  invalid: { zh: '格式不正确', en: 'is invalid' },
  too_long: { zh: '过长', en: 'is too long' },
  not_found: { zh: '不存在', en: 'does not exist' },
  taken: { zh: '已被使用', en: 'is already taken' },
  password_too_short: { zh: '密码长度不足', en: 'password is too short' },
  password_classes: { zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类', en: 'password needs at least three of: upper case, lower case, digits, symbols' },
  password_reused: { zh: '不能与最近使用过的密码相同', en: 'must differ from your recent passwords' },
  password_contains_username: { zh: '密码不能包含账号名', en: 'password must not contain the user name' },
  role_not_allowed: { zh: '不允许设置此角色', en: 'this role is not allowed here' },
  read_only: { zh: '不可由客户端设置', en: 'cannot be set by a client' },
  mobile: { zh: '手机号码格式不正确', en: 'is not a valid mobile number' },
};

export class AppError extends Error {
  constructor(public readonly code: keyof typeof MESSAGES | string, public readonly fields?: FieldError[], public readonly detail?: string) {
    super(detail ?? code);
  }
  get status(): number { return MESSAGES[this.code]?.status ?? 400; }
}

export const validationError = (fields: FieldError[]) => new AppError('VALIDATION_FAILED', fields);

export type Lang = 'zh-CN' | 'en';

export function pickLang(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^en/i.test(acceptLanguage.trim()) ? 'en' : 'zh-CN';
}

export function errorBody(err: AppError, lang: Lang) {
  const m = MESSAGES[err.code] ?? MESSAGES.INTERNAL;
  return {
    code: err.code,
    message: lang === 'en' ? m.en : m.zh,
    ...(err.fields?.length ? {
      fields: err.fields.map((f) => ({
        field: f.field,
        code: f.code,
        message: f.message ?? (FIELD_MESSAGES[f.code] ? (lang === 'en' ? FIELD_MESSAGES[f.code].en : FIELD_MESSAGES[f.code].zh) : f.code),
      })),
    } : {}),
  };
}

export function statusOf(code: string): number { return MESSAGES[code]?.status ?? 400; }
