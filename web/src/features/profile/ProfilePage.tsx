import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { api } from '../../api/client';
import type { Items, Team } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { useHealth } from '../shell/useHealth';

export default function ProfilePage() {
  const { t, tk } = useI18n();
  const { user, can } = useAuth();
  const health = useHealth();
  const [teamNames, setTeamNames] = useState<string[] | null>(null);

  useEffect(() => {
    if (!user?.teamIds.length || !can('org.read')) return;
    let alive = true;
    api
      .get<Items<Team>>('/api/teams')
      .then((r) => {
        if (alive) setTeamNames(r.items.filter((x) => user.teamIds.includes(x.id)).map((x) => x.name));
      })
      .catch(() => {
        /* the names are a nicety; the ids are shown instead */
      });
    return () => {
      alive = false;
    };
  }, [user, can]);

  if (!user) return null;
  const teams = user.teamIds.length
    ? (teamNames ?? user.teamIds.map((id) => `#${id}`)).map((n) => <Tag key={n}>{n}</Tag>)
    : t('profile.noTeams');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('profile.account')} data-testid="profile-card">
            <Descriptions
              column={1}
              bordered
              size="small"
              items={[
                { key: 'username', label: t('users.username'), children: user.username },
                { key: 'displayName', label: t('users.displayName'), children: user.displayName },
                { key: 'unit', label: t('users.unit'), children: user.unitName },
                {
                  key: 'role',
                  label: t('users.role'),
                  children: <Tag color="blue">{tk(`role.${user.role}`, user.role)}</Tag>,
                },
                { key: 'teams', label: t('profile.teams'), children: teams },
                {
                  key: 'perms',
                  label: t('profile.permissions'),
                  children: (
                    <Space size={[4, 4]} wrap>
                      {user.permissions.map((p) => (
                        <Tag key={p}>{tk(`perm.${p}`, p)}</Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card title={t('profile.system')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'version', label: t('profile.version'), children: health?.version ?? t('common.empty') },
                {
                  key: 'db',
                  label: t('profile.database'),
                  children: health ? tk(`db.${health.database}`, health.database) : t('common.empty'),
                },
                {
                  key: 'status',
                  label: t('profile.status'),
                  children: health ? (
                    <Tag color={health.status === 'ok' ? 'green' : 'red'}>{health.status}</Tag>
                  ) : (
                    t('common.empty')
                  ),
                },
              ]}
            />
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('password.change')}>
          <ChangePasswordForm />
        </Card>
      </Col>
    </Row>
  );
}
