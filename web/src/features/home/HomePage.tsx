import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { visibleNav } from '../shell/navigation';

export default function HomePage() {
  const { t, tk, lang } = useI18n();
  const { user, can } = useAuth();
  if (!user) return null;
  const links = visibleNav(can).filter((e) => e.key !== 'home');
  const today = dayjs().format(lang === 'en' ? 'dddd, D MMMM YYYY' : 'YYYY年M月D日 dddd');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="welcome-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.greeting', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 3 }}
          size="small"
          items={[
            { key: 'unit', label: t('home.unit'), children: user.unitName },
            {
              key: 'role',
              label: t('home.role'),
              children: <Tag color="blue">{tk(`role.${user.role}`, user.role)}</Tag>,
            },
            { key: 'today', label: t('home.today'), children: today },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('home.scopeNote')}
        </Typography.Text>
      </Card>
      <Card title={t('home.quickLinks')}>
        <Row gutter={[16, 16]}>
          {links.map((e) => (
            <Col key={e.key} xs={24} sm={12} lg={8} xl={6}>
              <Link to={e.path} data-testid={`quick-${e.key}`}>
                <Card hoverable size="small" style={{ height: '100%' }}>
                  <Space align="start">
                    <span style={{ fontSize: 24, color: '#1d55b0' }}>{e.icon}</span>
                    <span>
                      <Typography.Text strong>{t(e.label)}</Typography.Text>
                      <br />
                      {e.hint && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(e.hint)}
                        </Typography.Text>
                      )}
                    </span>
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
