// Errors carry a stable code; the message is looked up in zh-CN or en when the response is written.
export interface FieldError {
  field: string;
  code: string;
  message?: string /** the bound a too_* error broke */;
  limit?: number;
}

const MESSAGES = {
  VALIDATION_FAILED: { zh: '提交的数据有误，请检查标出的字段', en: 'Some fields are invalid', status: 400 },
  AUTH_FAILED: {
    zh: '账号或密码错误；连续多次失败后账号将被临时锁定',
    en: 'Wrong account or password; repeated failures lock the account for a while',
    status: 401,
  },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in', status: 401 },
  SESSION_EXPIRED: { zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again', status: 401 },
  PASSWORD_CHANGE_REQUIRED: {
    zh: '请先修改初始密码或已过期的密码',
    en: 'Change your initial or expired password first',
    status: 403,
  },
  CSRF_FAILED: {
    zh: '请求校验失败，请刷新页面后重试',
    en: 'Request check failed; reload the page and try again',
    status: 403,
  },
  FORBIDDEN: { zh: '没有执行此操作的权限', en: 'You are not allowed to do this', status: 403 },
  NOT_FOUND: { zh: '记录不存在或不在您的数据范围内', en: 'Not found, or outside your data scope', status: 404 },
  VERSION_CONFLICT: {
    zh: '该记录已被他人修改，请刷新后再保存（您的修改未保存）',
    en: 'Someone else changed this record; reload it before saving (your change was not saved)',
    status: 409,
  },
  DUPLICATE: { zh: '记录重复', en: 'Duplicate record', status: 409 },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later', status: 429 },
  PASSWORD_WRONG: { zh: '当前密码不正确', en: 'The current password is wrong', status: 400 },
  STAGE_PENDING: {
    zh: '该项目有待审核的阶段变更，审核完成前不能再次变更阶段',
    en: 'A stage move of this project awaits review; wait for the decision before moving it again',
    status: 409,
  },
  NOT_PENDING: { zh: '该阶段变更已审核，不能重复处理', en: 'This stage move has already been reviewed', status: 409 },
  PAYLOAD_TOO_LARGE: { zh: '文件过大', en: 'The file is too large', status: 413 },
  ADMIN_ROLE_CONFLICT: {
    zh: '三员分立：一个账号只能担任一种管理员角色，且不能给自己授权',
    en: 'Separation of duties: one administrator role per account, and never granted to oneself',
    status: 409,
  },
  LEAD_STATE: {
    zh: '线索当前的状态不允许此操作（公海中的线索请先认领）',
    en: "The lead's status does not allow this (claim a pool lead first)",
    status: 409,
  },
  LEAD_TAKEN: {
    zh: '该线索已被他人认领，不在公海中了',
    en: 'Someone else has claimed this lead; it is no longer in the pool',
    status: 409,
  },
  ENTERPRISE_MERGED: {
    zh: '该企业已合并到另一条记录，不能再修改',
    en: 'This enterprise was merged into another record and can no longer be changed',
    status: 409,
  },
  ENTERPRISE_IN_USE: {
    zh: '该企业仍被线索或项目引用，请先合并到保留的记录或解除引用',
    en: 'Leads or projects still refer to this enterprise; merge it into the record to keep, or remove the references first',
    status: 409,
  },
  FILE_TOO_LARGE: {
    zh: '文件超过30MB，请拆分后分批导入',
    en: 'The file is larger than 30 MB; split it and import the parts',
    status: 413,
  },
  FILE_TYPE_MISMATCH: {
    zh: '文件内容与其类型不符：请上传真正的 .xlsx 或 .csv 文件（.xls 请先另存为 .xlsx）',
    en: 'The file is not what its name says: upload a real .xlsx or .csv file (save .xls as .xlsx first)',
    status: 415,
  },
  FILE_ZIP_BOMB: {
    zh: '文件解压后过大或压缩比异常，已拒绝处理',
    en: 'The file would unpack to too much data or is compressed abnormally; it was refused',
    status: 422,
  },
  FILE_EMPTY: { zh: '文件中没有可导入的数据', en: 'The file holds no data to import', status: 422 },
  IMPORT_NO_HEADER: {
    zh: '未找到表头：前15行中没有可识别的列名，请使用导入模板的列名',
    en: "No header row found: none of the first 15 rows has known column names; use the template's headers",
    status: 422,
  },
  IMPORT_TOO_MANY_ROWS: {
    zh: '数据行超过20万行，请拆分后分批导入',
    en: 'More than 200,000 data rows; split the file',
    status: 422,
  },
  IMPORT_HAS_ERRORS: {
    zh: '有数据行未通过校验：请修正后重新上传，或选择跳过错误行后提交',
    en: 'Some rows failed the checks: fix and upload again, or commit skipping the invalid rows',
    status: 409,
  },
  IMPORT_STATE: {
    zh: '该导入任务当前的状态不允许此操作',
    en: "The import job's status does not allow this",
    status: 409,
  },
  BACKUP_NOT_EMBEDDED: {
    zh: '使用 PostgreSQL 时请用 pg_dump 等数据库自身工具备份',
    en: "On PostgreSQL, back up with pg_dump and the database's own tools",
    status: 409,
  },
  SCHEME_NOT_PUBLISHED: {
    zh: '考核方案尚未发布，不能据此考核',
    en: 'The assessment scheme is not published yet',
    status: 409,
  },
  SCHEME_NOT_IN_CONSULTATION: {
    zh: '考核方案不在征求意见阶段，不能提出意见',
    en: 'The scheme is not open for comments',
    status: 409,
  },
  RUN_EXISTS: {
    zh: '该月已有考核结果；如需重新考核，请明确选择“重新考核”并填写原因',
    en: 'This month already has a run; run it again explicitly, with a reason',
    status: 409,
  },
  RUN_TAMPERED: {
    zh: '冻结的考核数据校验不一致，可能被直接修改，已拒绝生成通报',
    en: 'The frozen run fails its integrity check (changed outside the application); no bulletin is made from it',
    status: 409,
  },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error', status: 500 },
} satisfies Record<string, { zh: string; en: string; status: number }>;

/** The catalogue's codes: every AppError names one, so that each has its zh-CN and en message and its HTTP status. */
export type ErrorCode = keyof typeof MESSAGES;

const FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'is required' },
  invalid: { zh: '格式不正确', en: 'is invalid' },
  too_long: { zh: '过长', en: 'is too long' },
  not_found: { zh: '不存在', en: 'does not exist' },
  taken: { zh: '已被使用', en: 'is already taken' },
  password_too_short: { zh: '密码长度不足', en: 'password is too short' },
  password_classes: {
    zh: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'password needs at least three of: upper case, lower case, digits, symbols',
  },
  password_reused: { zh: '不能与最近使用过的密码相同', en: 'must differ from your recent passwords' },
  password_contains_username: { zh: '密码不能包含账号名', en: 'password must not contain the user name' },
  role_not_allowed: { zh: '不允许设置此角色', en: 'this role is not allowed here' },
  read_only: { zh: '不可由客户端设置', en: 'cannot be set by a client' },
  mobile: { zh: '手机号码格式不正确', en: 'is not a valid mobile number' },
  too_short: { zh: '长度不能少于 {limit}', en: 'must be at least {limit} long' },
  too_small: { zh: '不能小于 {limit}', en: 'must be at least {limit}' },
  too_large: { zh: '不能大于 {limit}', en: 'must be at most {limit}' },
  not_allowed: { zh: '不是允许的取值', en: 'is not an allowed value' },
  capital_out_of_range: {
    zh: '须为不小于0且小于100亿万元的金额（单位：万元）',
    en: 'must be an amount from 0 to below 10^10 万元',
  },
  same_record: { zh: '不能合并到记录本身', en: 'cannot be the record itself' },
  time_in_future: { zh: '不能晚于当前时间', en: 'must not be in the future' },
  same_owner: { zh: '已是当前负责人', en: 'is already the owner' },
  date_in_future: { zh: '日期不能晚于明天', en: 'must not be later than tomorrow' },
  date_too_early: { zh: '日期不能早于2000年', en: 'must not be before 2000' },
  amount_out_of_range: {
    zh: '金额须为非负数且不超过1亿万元',
    en: 'must be a non-negative amount of at most 10^8 (万元)',
  },
  kind_required: { zh: '退回或跨阶段变更须注明变更类型', en: 'a move back or past a stage needs an explicit kind' },
  reason_required: { zh: '须填写原因', en: 'needs a reason' },
  stage_same: { zh: '与当前阶段相同', en: 'is the current stage' },
  evidence_required: { zh: '须上传佐证材料', en: 'needs evidence files' },
  file_type: { zh: '文件类型不允许或与内容不符', en: 'file type is not allowed or does not match its content' },
  file_too_large: { zh: '文件不能超过10MB', en: 'file must be at most 10 MB' },
  not_in_scope: { zh: '超出您的数据范围', en: 'is outside your data scope' },
  note_required: { zh: '须填写退回意见', en: 'needs a note' },
  split_mismatch: { zh: '分解之和须等于年度目标', en: 'the parts must add up to the yearly target' },
  not_integer: { zh: '须为整数', en: 'must be a whole number' },
  weights_sum: { zh: '各项权重之和须为100', en: 'the weights must add up to 100' },
  score_above_weight: { zh: '评分不能超过该项分值', en: "must not exceed the item's weight" },
  visit_in_future: { zh: '已完成的走访日期不能晚于今天', en: 'a completed visit cannot be dated after today' },
  counterpart_required: { zh: '须至少选择一家企业或机构', en: 'needs at least one enterprise or organisation met' },
  visit_not_completed: {
    zh: '计划中的走访不能产生线索，请先标记为已完成',
    en: 'a planned visit produces no leads; mark it completed first',
  },
  event_dates: { zh: '结束日期不能早于开始日期', en: 'must not be before the start date' },
};

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly fields?: FieldError[],
    public readonly detail?: string,
  ) {
    super(detail ?? code);
  }
  get status(): number {
    return MESSAGES[this.code].status;
  }
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
    ...(err.fields?.length
      ? {
          fields: err.fields.map((f) => ({
            field: f.field,
            code: f.code,
            message:
              f.message ??
              (FIELD_MESSAGES[f.code]
                ? lang === 'en'
                  ? FIELD_MESSAGES[f.code].en
                  : FIELD_MESSAGES[f.code].zh
                : f.code
              ).replace('{limit}', String(f.limit ?? '')),
          })),
        }
      : {}),
  };
}
