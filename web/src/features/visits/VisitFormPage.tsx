// Recording a visit in the field, on a phone: one column, nothing wider than the screen. What is typed is kept in
// the browser; a submission that cannot reach the server waits there and is sent again once the phone is back
// online, under the same idempotency key, so that it is recorded once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft, type Draft } from './draft';
import { RemoteSelect } from './RemoteSelect';
import { VISIT_KINDS, VISIT_STATUSES, type VisitBody, type VisitDetail } from './types';

interface FormValues {
  kind: string;
  status: string;
  visitDate: Dayjs;
  divisionCode?: string;
  abroadCountry?: string;
  enterpriseIds?: number[];
  organisationIds?: number[];
  outcome?: string;
  leads?: { title: string; intendedAmount?: string }[];
}

const toBody = (v: FormValues): VisitBody => ({
  kind: v.kind,
  status: v.status,
  visitDate: v.visitDate.format('YYYY-MM-DD'),
  divisionCode: v.divisionCode || null,
  abroadCountry: v.abroadCountry?.trim() || null,
  enterpriseIds: v.enterpriseIds ?? [],
  organisationIds: v.organisationIds ?? [],
  outcome: v.outcome?.trim() || null,
  leads: (v.leads ?? [])
    .filter((l) => l?.title?.trim())
    .map((l) => ({ title: l.title, intendedAmount: l.intendedAmount?.trim() || null })),
});
const fromBody = (b: VisitBody): Partial<FormValues> => ({
  ...b,
  visitDate: dayjs(b.visitDate),
  divisionCode: b.divisionCode ?? undefined,
  abroadCountry: b.abroadCountry ?? undefined,
  outcome: b.outcome ?? undefined,
  leads: b.leads?.map((l) => ({ title: l.title, intendedAmount: l.intendedAmount ?? undefined })),
});

export default function VisitFormPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [waiting, setWaiting] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const sending = useRef(false);
  const userId = user?.id ?? 0;

  const send = useCallback(
    async (draft: Draft) => {
      if (sending.current) return;
      sending.current = true;
      setSaving(true);
      try {
        const v = await api.post<VisitDetail>('/api/visits', { ...draft.body, idempotencyKey: draft.idempotencyKey });
        clearDraft(userId);
        setWaiting(null);
        toast('success', t('visits.saved'));
        navigate(`/visits/${v.id}`);
      } catch (e) {
        if (isApiError(e) && e.status === 0) {
          // No connection: the draft waits in the browser and goes out when the phone is back online.
          const pending = { ...draft, pending: true };
          saveDraft(userId, pending);
          setWaiting(pending);
        } else {
          // Refused by the server: the user corrects the fields; a new submission gets a new key.
          saveDraft(userId, { ...draft, pending: false });
          setWaiting(null);
          if (isApiError(e) && e.fields.length) {
            const named = e.fields.map((f) => ({
              name: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
              errors: [f.message],
            }));
            form.setFields(named as Parameters<typeof form.setFields>[0]);
          }
          reportError(e);
        }
      } finally {
        sending.current = false;
        setSaving(false);
      }
    },
    [form, navigate, t, userId],
  );

  // A draft left from before: its values come back; one that was waiting to be sent is sent when online.
  useEffect(() => {
    if (!userId) return;
    const d = loadDraft(userId);
    if (!d) return;
    form.setFieldsValue(fromBody(d.body));
    if (d.pending) {
      setWaiting(d);
      if (navigator.onLine) void send(d);
    }
  }, [form, send, userId]);

  useEffect(() => {
    const onOnline = () => {
      const d = loadDraft(userId);
      if (d?.pending) void send(d);
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [send, userId]);

  const keepTyping = () => {
    if (!userId || waiting) return;
    const values = form.getFieldsValue(true) as FormValues;
    if (!values.visitDate) return;
    const prev = loadDraft(userId);
    saveDraft(userId, {
      body: toBody(values),
      idempotencyKey: prev?.idempotencyKey ?? newIdempotencyKey(),
      pending: false,
      savedAt: new Date().toISOString(),
    });
  };

  const submit = async (values: FormValues) => {
    const prev = loadDraft(userId);
    const draft: Draft = {
      body: toBody(values),
      idempotencyKey: prev?.idempotencyKey ?? newIdempotencyKey(),
      pending: true,
      savedAt: new Date().toISOString(),
    };
    saveDraft(userId, draft);
    await send(draft);
  };

  return (
    <Card title={t('visits.new')} data-testid="visit-form" styles={{ body: { padding: 12 } }}>
      {waiting && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="visit-draft-waiting"
          title={t('visits.draftWaiting')}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={keepTyping}
        disabled={!!waiting}
        initialValues={{ kind: 'visit', status: 'completed', visitDate: dayjs() }}
      >
        <Form.Item name="kind" label={t('visits.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="visit-kind"
            options={VISIT_KINDS.map((k) => ({ value: k, label: t(`visits.kind.${k}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('visits.status')} rules={[{ required: true }]}>
          <Select options={VISIT_STATUSES.map((k) => ({ value: k, label: t(`visits.status.${k}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="visitDate" label={t('visits.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('visits.place')} extra={t('visits.placeHint')}>
          <RemoteSelect<string>
            testId="visit-division"
            path="/api/reference/divisions"
            placeholder={t('visits.placeSearch')}
            toOption={(d) => ({ value: String(d.code), label: String(d.fullName) })}
          />
        </Form.Item>
        <Form.Item name="abroadCountry" label={t('visits.abroad')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="enterpriseIds" label={t('visits.enterprises')}>
          <RemoteSelect<number[]>
            testId="visit-enterprises"
            multiple
            path="/api/enterprises"
            placeholder={t('visits.enterpriseSearch')}
            toOption={(e) => ({ value: Number(e.id), label: String(e.name) })}
          />
        </Form.Item>
        <Form.Item name="organisationIds" label={t('visits.organisations')}>
          <RemoteSelect<number[]>
            testId="visit-organisations"
            multiple
            path="/api/organisations"
            toOption={(o) => ({ value: Number(o.id), label: String(o.name) })}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('visits.outcome')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Typography.Text strong>{t('visits.leads')}</Typography.Text>
        <Form.List name="leads">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space.Compact key={f.key} block style={{ marginTop: 8 }}>
                  <Form.Item name={[f.name, 'title']} noStyle rules={[{ required: true, whitespace: true }]}>
                    <Input
                      data-testid={`visit-lead-title-${f.name}`}
                      placeholder={t('visits.leadTitle')}
                      style={{ width: '60%' }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'intendedAmount']} noStyle>
                    <Input placeholder={t('visits.leadAmount')} inputMode="decimal" style={{ width: '30%' }} />
                  </Form.Item>
                  <Button
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('visits.leadRemove')}
                    style={{ width: '10%' }}
                  />
                </Space.Compact>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add()}
                style={{ marginTop: 8 }}
                data-testid="visit-lead-add"
              >
                {t('visits.leadAdd')}
              </Button>
            </>
          )}
        </Form.List>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={saving}
          style={{ marginTop: 16 }}
          data-testid="visit-submit"
        >
          {t('visits.submit')}
        </Button>
      </Form>
    </Card>
  );
}
