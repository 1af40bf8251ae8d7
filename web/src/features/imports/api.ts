// The import and export endpoints: uploads through XMLHttpRequest (for the upload progress), downloads as blobs
// (so that a refusal shows its message instead of a broken file).
import { ApiError, api, buildUrl, getCsrfToken, type Query } from '../../api/client';
import { getLang, translate } from '../../i18n';

export type ImportEntity = 'project' | 'enterprise' | 'lead';
export type JobStatus = 'parsing' | 'ready' | 'committing' | 'committed' | 'failed';

/** How a column came to its field: auto (header and values agree), guess (to confirm), remembered (as last time), user. */
export type MatchSource = 'auto' | 'guess' | 'remembered' | 'user';
export interface ColumnMapping {
  col: number;
  header: string;
  field: string | null;
  unit?: string | null;
  match?: MatchSource | null;
  confidence?: number | null;
  values?: { kind: 'county' | 'stage' | 'uscc' | 'date' | 'serial' | 'other'; share: number } | null;
  serial?: boolean;
}
export interface MappingBlocker {
  field: string;
  code: string;
  col: number | null;
  message: string;
}
export interface FieldInfo {
  key: string;
  label: string;
  kind: string;
  required: boolean;
  unit: string | null;
}

export interface ImportSummary {
  sheetName?: string;
  headerRow?: number;
  encoding?: string;
  rows: number;
  valid: number;
  invalid: number;
  duplicate: number;
  duplicates: { file: number; existing: number; imported: number };
  withWarnings: number;
  skipped: { empty: number; totals: number; notes: number; headers: number };
  missingRequired: string[];
  sameFileCommitted?: { jobId: number; at: string } | null;
  committed?: { inserted: number; duplicates: number; invalidSkipped: number; at: string; notDuplicates?: number };
  serialCol?: number | null;
  remembered?: { jobId: number | null; at: string } | null;
  decisions?: { import: number; skip: number };
}

export interface ImportJob {
  id: number;
  entity: ImportEntity;
  entityLabel: string;
  fileName: string;
  fileSize: number | null;
  status: JobStatus;
  progress: number;
  summary: ImportSummary | null;
  mapping: ColumnMapping[];
  blockers: MappingBlocker[];
  headers: string[];
  fields: FieldInfo[];
  error: { code: string; message: string } | null;
  createdAt: string;
  committedAt: string | null;
}

export interface RowIssue {
  field: string;
  code: string;
  message: string;
}
export interface RowDuplicate {
  kind: 'file' | 'existing' | 'imported';
  rowNo?: number;
  clerkNo?: string;
  id?: number;
  label?: string;
  jobId?: number;
  amount?: string | null;
  reasons: string[];
  message: string;
}
export type DuplicateDecision = 'import' | 'skip';
export interface ImportRow {
  rowNo: number;
  /** The row's own number in the sheet's 序号 column. */
  clerkNo: string | null;
  decision: DuplicateDecision | null;
  decisionReason: string | null;
  status: 'valid' | 'invalid' | 'duplicate' | 'committed';
  cells: string[];
  values: Record<string, unknown>;
  labels: Record<string, string>;
  errors: RowIssue[];
  warnings: RowIssue[];
  duplicates: RowDuplicate[];
  recordId: number | null;
}
export type RowFilter = 'problems' | 'all' | 'invalid' | 'duplicate' | 'valid';

export const isBusy = (s: JobStatus) => s === 'parsing' || s === 'committing';

/** Uploads a spreadsheet; `onProgress` gets 0–100 as the bytes go out. */
export function uploadImport(
  entity: ImportEntity,
  file: File,
  onProgress: (pct: number) => void,
  signal?: AbortSignal,
): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl('/api/imports', { entity }));
    xhr.setRequestHeader('x-csrf-token', getCsrfToken());
    xhr.setRequestHeader('Accept-Language', getLang());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'NETWORK', message: translate('error.network') }));
    xhr.onabort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportJob);
      else {
        const b = body as { code?: string; message?: string; fields?: RowIssue[] } | undefined;
        reject(
          new ApiError(xhr.status, {
            code: b?.code ?? `HTTP_${xhr.status}`,
            message: b?.message ?? translate('error.http', { status: xhr.status }),
            fields: b?.fields,
          }),
        );
      }
    };
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('entity', entity);
    form.append('file', file);
    xhr.send(form);
  });
}

export const getImport = (id: number) => api.get<ImportJob>(`/api/imports/${id}`);
export const getImportRows = (id: number, q: { page: number; pageSize: number; filter: RowFilter }) =>
  api.get<{ items: ImportRow[]; total: number }>(`/api/imports/${id}/rows`, q);
export const putMapping = (id: number, mapping: { col: number; field: string | null; unit?: string | null }[]) =>
  api.put<ImportJob>(`/api/imports/${id}/mapping`, { mapping });
export const decideRow = (id: number, rowNo: number, decision: DuplicateDecision | null, reason?: string) =>
  api.put<{ row: ImportRow; summary: ImportSummary }>(`/api/imports/${id}/rows/${rowNo}/decision`, {
    decision,
    reason: reason ?? null,
  });
export const commitImport = (id: number, skipInvalid: boolean) =>
  api.post<ImportJob>(`/api/imports/${id}/commit`, { skipInvalid });

/** Downloads a file the server makes (an .xlsx), keeping the name it gives; an error answer becomes an ApiError. */
export async function download(path: string, query?: Query): Promise<void> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin', headers: { 'Accept-Language': getLang() } });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: translate('error.network') });
  }
  if (!res.ok) {
    let b: { code?: string; message?: string } | undefined;
    try {
      b = await res.json();
    } catch {
      b = undefined;
    }
    throw new ApiError(res.status, {
      code: b?.code ?? `HTTP_${res.status}`,
      message: b?.message ?? translate('error.http', { status: res.status }),
    });
  }
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="([^"]+)"/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : 'download.xlsx';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
