import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError, toast } from '../shell/feedback';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** POST /api/auth/password. The password rules live on the server; its field messages show here. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void | Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    try {
      await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      toast('success', t('password.changed'));
      form.resetFields();
      await onDone?.();
    } catch (e) {
      reportError(e, { form });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      requiredMark={false}
      data-testid="change-password-form"
    >
      <Alert type="info" showIcon title={t('password.policyHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password id="currentPassword" autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password id="newPassword" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password id="confirmPassword" autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="change-password-submit">
          {t('password.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
