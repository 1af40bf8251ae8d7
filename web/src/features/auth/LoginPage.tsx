import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { reportError } from '../shell/feedback';
import { useAuth } from './AuthContext';
import { AuthLayout } from './AuthLayout';
import { FullPageSpin } from './guards';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' && from !== '/change-password' ? from : '/';

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'authenticated' && !submitting) {
    return <Navigate to={state.user.mustChangePassword ? '/change-password' : target} replace />;
  }

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password);
      navigate(user.mustChangePassword ? '/change-password' : target, { replace: true });
    } catch (e) {
      form.setFieldValue('password', '');
      if (isApiError(e) && (e.status === 401 || e.status === 429 || e.status === 403)) setError(e.message);
      else reportError(e, { form });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      <Form<LoginForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        autoComplete="on"
        size="large"
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input
            id="username"
            prefix={<UserOutlined />}
            placeholder={t('auth.usernamePlaceholder')}
            autoComplete="username"
            autoFocus
            maxLength={64}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password
            id="password"
            prefix={<LockOutlined />}
            placeholder={t('auth.passwordPlaceholder')}
            autoComplete="current-password"
            maxLength={128}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          {t('app.loginNotice')}
        </Typography.Paragraph>
      </Form>
    </AuthLayout>
  );
}
