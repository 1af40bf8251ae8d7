// Shown right after sign-in when the password must be changed (initial or expired); nothing else works until then.
import { useNavigate } from 'react-router';
import { Alert, Button, Space } from 'antd';
import { useI18n } from '../../i18n';
import { useAuth } from './AuthContext';
import { AuthLayout } from './AuthLayout';
import { ChangePasswordForm } from './ChangePasswordForm';

export default function ChangePasswordPage() {
  const { t } = useI18n();
  const { user, refresh, logout } = useAuth();
  const navigate = useNavigate();

  const done = async () => {
    const u = await refresh();
    if (u && !u.mustChangePassword) navigate('/', { replace: true });
  };

  return (
    <AuthLayout title={t('password.forcedTitle')} width={440}>
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        {user?.mustChangePassword && (
          <Alert type="warning" showIcon title={t('password.forcedHint')} data-testid="forced-password-hint" />
        )}
        <ChangePasswordForm onDone={done} />
        <div style={{ textAlign: 'right' }}>
          {!user?.mustChangePassword && (
            <Button type="link" onClick={() => navigate('/')}>
              {t('common.backHome')}
            </Button>
          )}
          <Button type="link" onClick={() => void logout()} data-testid="logout">
            {t('auth.logout')}
          </Button>
        </div>
      </Space>
    </AuthLayout>
  );
}
