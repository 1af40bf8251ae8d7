// The one way the web app talks to the server: JSON over fetch, same-origin cookie session,
// Accept-Language from the chosen language, and the CSRF token on every state-changing request.
import { getLang, translate } from '../i18n';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  fields?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};
/** For requests made outside `request` (uploads with progress through XMLHttpRequest). */
export const getCsrfToken = () => csrfToken;

export interface ApiHandlers {
  /** 401 from any call: the session is gone. */
  onUnauthenticated?: (err: ApiError) => void;
  /** 403 PASSWORD_CHANGE_REQUIRED: the user must change the password first. */
  onPasswordChangeRequired?: (err: ApiError) => void;
}
let handlers: ApiHandlers = {};
export const setApiHandlers = (h: ApiHandlers) => {
  handlers = h;
};

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect on 401 / 403 PASSWORD_CHANGE_REQUIRED (the login form, the first session check). */
  quiet?: boolean;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLang(),
  };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK', message: translate('error.network') });
  }

  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const b = data as Partial<ErrorBody> | undefined;
    const err = new ApiError(
      res.status,
      b && typeof b.code === 'string'
        ? {
            code: b.code,
            message: b.message || translate('error.http', { status: res.status }),
            fields: Array.isArray(b.fields) ? b.fields : undefined,
          }
        : { code: `HTTP_${res.status}`, message: translate('error.http', { status: res.status }) },
    );
    if (!opts.quiet) {
      if (res.status === 401) handlers.onUnauthenticated?.(err);
      else if (res.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired?.(err);
    }
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'method' | 'query'>) =>
    request<T>(path, { ...opts, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'PATCH', body }),
  del: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'method' | 'body'>) =>
    request<T>(path, { ...opts, method: 'DELETE', body }),
};

/** The fields of `next` that differ from `prev`, so that a PATCH carries only real changes. */
export function changedFields<T extends Record<string, unknown>>(
  prev: Partial<Record<keyof T, unknown>>,
  next: T,
): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) {
    const a = prev[k] ?? null;
    const b = next[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = next[k];
  }
  return out;
}
