// The frame of the pages shown before the app: sign-in and the forced password change.
import type { ReactNode } from 'react';
import { Card, Space, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { LangSwitch } from '../shell/LangSwitch';
import { Logo } from '../shell/Logo';
import { AppFooter } from '../shell/AppFooter';

export function AuthLayout({ title, children, width = 400 }: { title: string; children: ReactNode; width?: number }) {
  const { t } = useI18n();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #0f3a7d 0%, #1d5fb8 55%, #e9eef6 55.2%, #f3f5f9 100%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LangSwitch dark />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '0 16px 24px' }}>
        <Card style={{ width: '100%', maxWidth: width, boxShadow: '0 12px 32px rgba(15,58,125,0.18)' }}>
          <Space orientation="vertical" align="center" style={{ width: '100%', marginBottom: 20 }} size={4}>
            <Logo size={48} />
            <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
            <Typography.Title level={5} style={{ margin: '16px 0 0' }}>
              {title}
            </Typography.Title>
          </Space>
          {children}
        </Card>
      </div>
      <AppFooter />
    </div>
  );
}
