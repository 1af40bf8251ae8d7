// Recording a lead or changing one. Owner unit and person, status and version are the server's; the bureau and the
// owner unit change a lead, anyone who writes may record one for themselves or put it into the pool.
import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Button, Checkbox, Drawer, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { api, changedFields } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import type { LeadRefs } from './useLeadRefs';
import { SOURCE_CHANNELS, type LeadDetail, type LeadInput } from './types';

interface FormValues extends LeadInput {
  toPool?: boolean;
}

interface Props {
  open: boolean;
  /** The lead being changed; none to record a new one. */
  lead?: LeadDetail | null;
  refs: LeadRefs;
  onClose: () => void;
  onSaved: (lead: LeadDetail) => void;
  /** 409 on save: the caller reloads the lead. */
  onConflict?: () => void;
}

interface EnterpriseOption {
  id: number;
  name: string;
}

/** Searches the enterprise library (what the user may see) as they type. */
function EnterpriseSelect({
  value,
  onChange,
  known,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  known?: EnterpriseOption | null;
  id?: string;
}) {
  const { t } = useI18n();
  const [found, setFound] = useState<EnterpriseOption[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const r = await api.get<{ items: EnterpriseOption[] }>('/api/enterprises', {
          q: q.trim() || undefined,
          pageSize: 20,
        });
        if (mine === seq.current) setFound(r.items.map((e) => ({ id: e.id, name: e.name })));
      } catch {
        if (mine === seq.current) setFound([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  const options = new Map<number, string>();
  if (known) options.set(known.id, known.name);
  for (const e of found) options.set(e.id, e.name);
  return (
    <Select<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      placeholder={t('leads.enterprisePick')}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(o) => {
        if (o && !found.length) search('');
      }}
      notFoundContent={loading ? <Spin size="small" /> : t('leads.enterpriseNone')}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
    />
  );
}

const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

export function LeadFormDrawer({ open, lead, refs, onClose, onSaved, onConflict }: Props) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const editing = !!lead;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (lead) {
      form.setFieldsValue({
        title: lead.title,
        enterpriseId: lead.enterpriseId,
        enterpriseName: lead.enterpriseId ? null : lead.enterpriseName,
        industryCode: lead.industryCode,
        clusterId: lead.clusterId,
        intendedAmount: lead.intendedAmount,
        content: lead.content,
        sourceChannel: lead.sourceChannel,
        referrer: lead.referrer,
        teamId: lead.teamId,
      });
    }
  }, [open, lead, form]);

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const body: LeadInput = {
      title: v.title.trim(),
      enterpriseId: v.enterpriseId ?? null,
      enterpriseName: v.enterpriseId ? null : clean(v.enterpriseName),
      industryCode: clean(v.industryCode),
      clusterId: v.clusterId ?? null,
      intendedAmount: clean(v.intendedAmount),
      content: clean(v.content),
      sourceChannel: v.sourceChannel,
      referrer: clean(v.referrer),
    };
    if (can('org.read') && (lead?.status ?? (v.toPool ? 'pool' : 'following')) !== 'pool')
      body.teamId = v.teamId ?? null;
    setSaving(true);
    try {
      let saved: LeadDetail;
      if (lead) {
        const before = { ...lead, enterpriseName: lead.enterpriseId ? null : lead.enterpriseName };
        const patch = changedFields(
          before as unknown as Record<string, unknown>,
          body as unknown as Record<string, unknown>,
        );
        saved = Object.keys(patch).length
          ? await api.patch<LeadDetail>(`/api/leads/${lead.id}`, { ...patch, version: lead.version })
          : lead;
        toast('success', t('common.saved'));
      } else {
        const payload = Object.fromEntries(
          Object.entries({ ...body, toPool: v.toPool || undefined }).filter(([, x]) => x !== null && x !== undefined),
        );
        saved = await api.post<LeadDetail>('/api/leads', payload);
        toast('success', t('common.created'));
      }
      onSaved(saved);
    } catch (e) {
      reportError(e, { form, onConflict });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={lead ? t('leads.editTitle', { title: lead.title }) : t('leads.createTitle')}
      onClose={onClose}
      size={560}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="lead-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="lead-form"
        initialValues={{ sourceChannel: undefined }}
      >
        <Form.Item
          name="title"
          label={t('leads.field.title')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input id="lead-title" maxLength={200} placeholder={t('leads.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t('leads.field.enterprise')} extra={t('leads.enterpriseHint')}>
          <EnterpriseSelect
            id="lead-enterprise"
            known={
              lead?.enterpriseId
                ? { id: lead.enterpriseId, name: lead.enterpriseName ?? String(lead.enterpriseId) }
                : null
            }
          />
        </Form.Item>
        {!enterpriseId && (
          <Form.Item
            name="enterpriseName"
            label={t('leads.field.enterpriseName')}
            rules={[{ required: true, whitespace: true, message: t('leads.enterpriseRequired') }]}
          >
            <Input id="lead-enterprise-name" maxLength={200} />
          </Form.Item>
        )}
        <Form.Item
          name="sourceChannel"
          label={t('leads.field.sourceChannel')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            id="lead-channel"
            options={SOURCE_CHANNELS.map((c) => ({ value: c, label: refs.channelLabel(c) }))}
            placeholder={t('leads.channelPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="referrer" label={t('leads.field.referrer')}>
          <Input id="lead-referrer" maxLength={100} placeholder={t('leads.referrerPlaceholder')} />
        </Form.Item>
        <Form.Item name="industryCode" label={t('leads.field.industry')} extra={t('leads.industryHint')}>
          <AutoComplete
            id="lead-industry"
            allowClear
            options={refs.industryOptions}
            showSearch={{
              filterOption: (input, o) =>
                String(o?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
          />
        </Form.Item>
        <Form.Item name="clusterId" label={t('leads.field.cluster')}>
          <Select id="lead-cluster" allowClear options={refs.clusterOptions} />
        </Form.Item>
        <Form.Item
          name="intendedAmount"
          label={t('leads.field.intendedAmount')}
          rules={[{ pattern: /^\s*\d{1,12}(\.\d{1,2})?\s*$/, message: t('leads.amountInvalid') }]}
        >
          <Input id="lead-amount" inputMode="decimal" suffix={t('unit.wan')} maxLength={16} />
        </Form.Item>
        <Form.Item name="content" label={t('leads.field.content')}>
          <Input.TextArea id="lead-content" rows={4} maxLength={4000} showCount />
        </Form.Item>
        {can('org.read') && lead?.status !== 'pool' && (
          <Form.Item noStyle shouldUpdate={(a, b) => a.toPool !== b.toPool}>
            {({ getFieldValue }) =>
              !getFieldValue('toPool') && (
                <Form.Item name="teamId" label={t('leads.field.team')}>
                  <Select
                    id="lead-team"
                    allowClear
                    placeholder={t('leads.noTeam')}
                    options={refs.teamOptions}
                    showSearch={{ optionFilterProp: 'label' }}
                  />
                </Form.Item>
              )
            }
          </Form.Item>
        )}
        {!editing && (
          <Form.Item name="toPool" valuePropName="checked" extra={t('leads.toPoolHint')}>
            <Checkbox id="lead-to-pool">{t('leads.toPool')}</Checkbox>
          </Form.Item>
        )}
        {!editing && (
          <Form.Item noStyle shouldUpdate={(a, b) => a.toPool !== b.toPool}>
            {({ getFieldValue }) =>
              !getFieldValue('toPool') && <Typography.Text type="secondary">{t('leads.ownerHint')}</Typography.Text>
            }
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
