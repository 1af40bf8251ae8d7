// The signed-in frame: header (name, user, language, sign-out), a menu that follows the user's
// permissions (a sider on wide screens, a drawer on phones), the page, and the footer.
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate, Link } from 'react-router';
import { Avatar, Button, Drawer, Grid, Layout, Menu, Space, Spin, Tag, Tooltip, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { ClusterOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { LangSwitch } from './LangSwitch';
import { Logo } from './Logo';
import { AppFooter } from './AppFooter';
import { navKeyFor, visibleNav } from './navigation';
import { GlobalSearch } from '../search/GlobalSearch';

const HEADER_BG = '#0f3a7d';
const COLLAPSE_KEY = 'magnet.siderCollapsed';

export function AppShell() {
  const { t, tk } = useI18n();
  const { user, can, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const { token } = theme.useToken();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSE_KEY) === '1');

  const selected = navKeyFor(location.pathname);

  const items = useMemo<MenuProps['items']>(() => {
    const entries = visibleNav(can);
    const out: NonNullable<MenuProps['items']> = [];
    const org = entries.filter((e) => e.group === 'org');
    for (const e of entries) {
      if (e.group === 'org') {
        if (e === org[0]) {
          out.push({
            key: 'org',
            icon: <ClusterOutlined />,
            label: t('menu.org'),
            children: org.map((o) => ({ key: o.key, icon: o.icon, label: t(o.label) })),
          });
        }
        continue;
      }
      out.push({ key: e.key, icon: e.icon, label: t(e.label) });
    }
    return out;
  }, [can, t]);

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    const entry = visibleNav(can).find((e) => e.key === key);
    if (entry) navigate(entry.path);
    setDrawerOpen(false);
  };

  const menu = (
    <Menu
      data-testid="main-menu"
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={['org']}
      onClick={onMenuClick}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const roleLabel = user ? tk(`role.${user.role}`, user.role) : '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: HEADER_BG,
          padding: isMobile ? '0 12px' : '0 20px',
          display: 'flex',
          alignItems: 'center',
          gap: isMobile ? 8 : 12,
          position: 'sticky',
          top: 0,
          zIndex: 100,
          height: 56,
          lineHeight: '56px',
        }}
      >
        {isMobile && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            aria-label={t('menu.open')}
            data-testid="menu-toggle"
            style={{ color: '#fff' }}
          />
        )}
        <Link
          to={'/'}
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 10,
            color: '#fff',
            cursor: 'pointer',
            minWidth: 0,
            overflow: 'hidden',
          }}
        >
          <Logo size={30} />
          <Typography.Text
            strong
            style={{
              color: '#fff',
              fontSize: isMobile ? 15 : 18,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
            data-testid="app-name"
          >
            {isMobile ? t('app.shortName') : t('app.name')}
          </Typography.Text>
        </Link>
        <div style={{ flex: 1 }} />
        {/* On a phone the search box takes the room that is left, so that the header never outgrows a 375 px screen. */}
        {can('business.read') &&
          (isMobile ? (
            <div style={{ flex: '1 1 150px', minWidth: 60, maxWidth: 150 }}>
              <GlobalSearch compact />
            </div>
          ) : (
            <GlobalSearch />
          ))}
        <Space size={isMobile ? 4 : 12} align="center">
          {user && (
            <Tooltip title={t('header.profile')}>
              <Link
                to={'/profile'}
                style={{ display: 'flex', alignItems: 'center', gap: 8, color: '#fff', lineHeight: 1.3 }}
                data-testid="header-user"
              >
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#f5c542', color: HEADER_BG }} />
                {/* On a phone the avatar alone: with the name, the header is wider than a 375 px screen. */}
                {!isMobile && (
                  <span style={{ display: 'flex', flexDirection: 'column' }}>
                    <span style={{ fontWeight: 500 }}>{user.displayName}</span>
                    <span style={{ fontSize: 12, opacity: 0.8 }}>{user.unitName}</span>
                  </span>
                )}
                {!isMobile && (
                  <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="header-role">
                    {roleLabel}
                  </Tag>
                )}
              </Link>
            </Tooltip>
          )}
          <LangSwitch dark />
          <Tooltip title={t('auth.logout')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={() => void logout()}
              data-testid="logout"
              style={{ color: '#fff' }}
            >
              {isMobile ? null : t('auth.logout')}
            </Button>
          </Tooltip>
        </Space>
      </Layout.Header>
      <Layout>
        {!isMobile && (
          <Layout.Sider
            theme="light"
            width={220}
            collapsible
            collapsed={collapsed}
            onCollapse={(c) => {
              setCollapsed(c);
              localStorage.setItem(COLLAPSE_KEY, c ? '1' : '0');
            }}
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <div style={{ position: 'sticky', top: 56 }}>{menu}</div>
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={
              <Space>
                <Logo size={24} />
                {t('app.name')}
              </Space>
            }
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Layout style={{ background: token.colorBgLayout }}>
          <Layout.Content style={{ padding: isMobile ? 12 : 20, minWidth: 0 }}>
            <Suspense
              fallback={
                <div style={{ padding: 64, textAlign: 'center' }}>
                  <Spin size="large" />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </Layout.Content>
          <AppFooter />
        </Layout>
      </Layout>
    </Layout>
  );
}
