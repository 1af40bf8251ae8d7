// 安全策略 — password, lockout and session rules (security administrator). The server validates
// the values and applies them; the page only edits them.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Divider, Form, InputNumber, Row, Space, Switch, Tag } from 'antd';
import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { SecurityPolicy } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n';
import { reportError, toast } from '../shell/feedback';

type NumberField = Exclude<keyof SecurityPolicy, 'mustChangeInitialPassword' | 'version'>;

interface FieldDef {
  name: NumberField;
  label: MessageKey;
  unit: MessageKey;
  hint?: MessageKey;
}

const PASSWORD: FieldDef[] = [
  { name: 'passwordMinLength', label: 'security.passwordMinLength', unit: 'security.unit.chars' },
  {
    name: 'passwordMinClasses',
    label: 'security.passwordMinClasses',
    unit: 'security.unit.classes',
    hint: 'security.classesHint',
  },
  {
    name: 'passwordExpiryDays',
    label: 'security.passwordExpiryDays',
    unit: 'security.unit.days',
    hint: 'security.expiryHint',
  },
  { name: 'passwordHistory', label: 'security.passwordHistory', unit: 'security.unit.times' },
];
const LOCKOUT: FieldDef[] = [
  { name: 'lockoutThreshold', label: 'security.lockoutThreshold', unit: 'security.unit.times' },
  { name: 'lockoutMinutes', label: 'security.lockoutMinutes', unit: 'security.unit.minutes' },
];
const SESSION: FieldDef[] = [
  { name: 'sessionIdleMinutes', label: 'security.sessionIdleMinutes', unit: 'security.unit.minutes' },
  { name: 'sessionAbsoluteHours', label: 'security.sessionAbsoluteHours', unit: 'security.unit.hours' },
];

export default function SecurityPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<SecurityPolicy>();
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const p = await api.get<SecurityPolicy>('/api/settings/security');
      setPolicy(p);
      form.resetFields();
      form.setFieldsValue(p);
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, [form]);
  useEffect(() => {
    void load();
  }, [load]);

  const onFinish = async (v: SecurityPolicy) => {
    if (!policy) return;
    setSaving(true);
    try {
      const { version: _ignored, ...values } = v;
      const saved = await api.put<SecurityPolicy>('/api/settings/security', { ...values, version: policy.version });
      toast('success', t('security.saved'));
      if (saved && typeof saved.version === 'number') {
        setPolicy(saved);
        form.setFieldsValue(saved);
      } else await load();
    } catch (e) {
      reportError(e, {
        form,
        onConflict: () => void load().then(() => toast('info', t('error.conflictReloaded'), 'conflict-reloaded')),
      });
    } finally {
      setSaving(false);
    }
  };

  const numberItems = (defs: FieldDef[]) => (
    <Row gutter={16}>
      {defs.map((d) => (
        <Col xs={24} md={12} key={d.name}>
          <Form.Item
            name={d.name}
            label={t(d.label)}
            extra={d.hint ? t(d.hint) : undefined}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <InputNumber id={d.name} min={0} precision={0} style={{ width: '100%' }} suffix={t(d.unit)} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );

  return (
    <Card
      title={t('security.title')}
      loading={loading && !policy}
      extra={
        policy && (
          <Tag>{policy.version ? t('common.version', { version: policy.version }) : t('security.neverSaved')}</Tag>
        )
      }
    >
      <Alert type="info" showIcon title={t('security.intro')} style={{ marginBottom: 16 }} />
      <Form<SecurityPolicy>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        style={{ maxWidth: 820 }}
        data-testid="security-form"
      >
        <Divider titlePlacement="start">{t('security.passwordSection')}</Divider>
        {numberItems(PASSWORD)}
        <Form.Item
          name="mustChangeInitialPassword"
          valuePropName="checked"
          label={t('security.mustChangeInitialPassword')}
        >
          <Switch id="mustChangeInitialPassword" checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
        <Divider titlePlacement="start">{t('security.lockoutSection')}</Divider>
        {numberItems(LOCKOUT)}
        <Divider titlePlacement="start">{t('security.sessionSection')}</Divider>
        {numberItems(SESSION)}
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={saving}
            disabled={!policy}
            data-testid="security-save"
          >
            {t('common.save')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
