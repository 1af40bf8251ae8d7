// Ant Design's message / notification / modal instances from <App>, reachable outside components,
// and the one place that turns an API error into what the user sees.
import type { App, FormInstance } from 'antd';
import { isApiError } from '../../api/client';
import { translate } from '../../i18n';

type AppApi = ReturnType<typeof App.useApp>;
let feedback: AppApi | null = null;
export const setFeedback = (f: AppApi) => {
  feedback = f;
};

export function toast(kind: 'success' | 'info' | 'warning' | 'error', content: string, key?: string) {
  feedback?.message.open({ type: kind, content, key });
}

export interface ReportOptions {
  /** Form whose items should show the server's field messages. */
  form?: FormInstance;
  /** Called on 409 VERSION_CONFLICT after the message: reload the record. */
  onConflict?: () => void;
}

/** Shows an error: field messages on the matching Form.Item, the main message as a toast. */
export function reportError(err: unknown, opts: ReportOptions = {}): void {
  if ((err as Error)?.name === 'AbortError') return;
  if (!isApiError(err)) {
    console.error(err);
    toast('error', translate('error.unexpected'));
    return;
  }
  // 401 and PASSWORD_CHANGE_REQUIRED are redirected by the auth provider; one toast is enough.
  if (err.status === 401 || err.code === 'PASSWORD_CHANGE_REQUIRED') {
    toast('warning', err.message, 'auth');
    return;
  }
  const unmatched: string[] = [];
  if (err.fields.length) {
    if (opts.form) {
      const known = new Set(opts.form.getFieldsError().map((f) => f.name.join('.')));
      const byField = new Map<string, string[]>();
      for (const f of err.fields) {
        if (known.has(f.field)) {
          const list = byField.get(f.field) ?? [];
          if (!list.includes(f.message)) list.push(f.message);
          byField.set(f.field, list);
        } else unmatched.push(`${f.field}: ${f.message}`);
      }
      opts.form.setFields([...byField].map(([field, errors]) => ({ name: field.split('.'), errors })));
      const first = [...byField.keys()][0];
      if (first) opts.form.scrollToField(first.split('.'), { block: 'center' });
    } else {
      unmatched.push(...err.fields.map((f) => `${f.field}: ${f.message}`));
    }
    unmatched.splice(0, unmatched.length, ...new Set(unmatched));
  }
  if (err.code === 'VERSION_CONFLICT') {
    toast('warning', err.message, 'conflict');
    opts.onConflict?.();
    return;
  }
  if (unmatched.length && feedback) {
    feedback.notification.error({ title: err.message, description: unmatched.join('；'), key: 'api-error' });
  } else {
    toast('error', err.message, 'api-error');
  }
}
