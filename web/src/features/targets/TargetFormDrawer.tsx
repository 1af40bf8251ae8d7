// Setting a target: a unit (county, zone, department, the city) or a team, one indicator, the yearly figure and
// its quarters or months, or a multi-year goal. The server checks the splits add up and names the wrong field.
import { useEffect, useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError, toast } from '../shell/feedback';
import { useCodeLists } from '../shell/useCodeLists';
import { indicatorLabel } from './format';
import type { Indicator, Target } from './types';

interface FormValues {
  subject: 'unit' | 'team';
  unitId?: number;
  teamId?: number;
  indicator: string;
  startYear: number;
  endYear?: number;
  annual: string;
  split: 'none' | 'quarters' | 'months';
  quarters?: string[];
  months?: string[];
  note?: string;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const TARGET_KINDS = ['city', 'county', 'district', 'zone', 'department', 'bureau'];

export function TargetFormDrawer({
  open,
  target,
  year,
  indicators,
  onClose,
  onSaved,
}: {
  open: boolean;
  target: Target | null;
  year: number;
  indicators: Indicator[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const { units, teams } = useCodeLists();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const subject = Form.useWatch('subject', form);
  const split = Form.useWatch('split', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (target) {
      form.setFieldsValue({
        subject: target.teamId ? 'team' : 'unit',
        unitId: target.ownerUnitId,
        teamId: target.teamId ?? undefined,
        indicator: target.indicator,
        startYear: target.startYear,
        endYear: target.endYear,
        annual: target.annual,
        note: target.note ?? undefined,
        split: target.months ? 'months' : target.quarters ? 'quarters' : 'none',
        quarters: target.quarters ?? undefined,
        months: target.months ?? undefined,
      });
    } else {
      form.setFieldsValue({ subject: 'unit', startYear: year, endYear: year, split: 'quarters' });
    }
  }, [open, target, year, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      startYear: v.startYear,
      endYear: v.endYear ?? v.startYear,
      indicator: v.indicator,
      unitId: v.subject === 'unit' ? (v.unitId ?? null) : null,
      teamId: v.subject === 'team' ? (v.teamId ?? null) : null,
      annual: String(v.annual).trim(),
      note: v.note?.trim() || null,
      quarters: v.split === 'quarters' ? (v.quarters ?? []).map((x) => String(x ?? '').trim()) : null,
      months: v.split === 'months' ? (v.months ?? []).map((x) => String(x ?? '').trim()) : null,
    };
    setSaving(true);
    try {
      if (target) await api.patch(`/api/targets/${target.id}`, { ...body, version: target.version });
      else await api.post('/api/targets', body);
      toast('success', t('common.saved'));
      onSaved();
    } catch (e) {
      reportError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      forceRender
      title={target ? t('targets.edit') : t('targets.create')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="target-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<FormValues> form={form} layout="vertical" data-testid="target-form">
        <Form.Item name="subject" label={t('targets.subject')}>
          <Radio.Group
            options={[
              { value: 'unit', label: t('targets.subject.unit') },
              { value: 'team', label: t('targets.subject.team') },
            ]}
          />
        </Form.Item>
        {subject === 'team' ? (
          <Form.Item
            name="teamId"
            label={t('targets.team')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select showSearch optionFilterProp="label" options={teams.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
        ) : (
          <Form.Item
            name="unitId"
            label={t('targets.unit')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={units.filter((u) => TARGET_KINDS.includes(u.kind)).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="indicator"
          label={t('targets.indicator')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={indicators.map((i) => ({ value: i.key, label: indicatorLabel(i, lang, i.key) }))} />
        </Form.Item>
        <Space>
          <Form.Item
            name="startYear"
            label={t('targets.startYear')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber min={2000} max={2200} />
          </Form.Item>
          <Form.Item name="endYear" label={t('targets.endYear')} extra={t('targets.endYearHint')}>
            <InputNumber min={2000} max={2200} />
          </Form.Item>
        </Space>
        <Form.Item
          name="annual"
          label={t('targets.annual')}
          extra={t('targets.annualHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input id="target-annual" />
        </Form.Item>
        <Form.Item name="split" label={t('targets.split')}>
          <Radio.Group
            options={[
              { value: 'none', label: t('targets.split.none') },
              { value: 'quarters', label: t('targets.split.quarters') },
              { value: 'months', label: t('targets.split.months') },
            ]}
          />
        </Form.Item>
        {split === 'quarters' && (
          <Space wrap>
            {[0, 1, 2, 3].map((i) => (
              <Form.Item key={i} name={['quarters', i]} label={t('targets.quarter', { n: i + 1 })}>
                <Input style={{ width: 100 }} />
              </Form.Item>
            ))}
          </Space>
        )}
        {split === 'months' && (
          <Space wrap>
            {MONTHS.map((m) => (
              <Form.Item key={m} name={['months', m - 1]} label={t('targets.month', { n: m })}>
                <Input style={{ width: 80 }} />
              </Form.Item>
            ))}
          </Space>
        )}
        <Form.Item name="note" label={t('targets.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Typography.Text type="secondary">{t('targets.formHint')}</Typography.Text>
      </Form>
    </Drawer>
  );
}
