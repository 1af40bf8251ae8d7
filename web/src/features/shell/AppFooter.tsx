import { Layout, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { useHealth } from './useHealth';

export function AppFooter() {
  const { t, tk } = useI18n();
  const health = useHealth();
  const parts = [t('footer.rights')];
  if (health) {
    parts.push(t('footer.version', { version: health.version }));
    parts.push(t('footer.database', { database: tk(`db.${health.database}`, health.database) }));
  }
  return (
    <Layout.Footer
      style={{ textAlign: 'center', padding: '12px 16px', background: 'transparent' }}
      data-testid="app-footer"
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {parts.join(' · ')}
      </Typography.Text>
    </Layout.Footer>
  );
}
