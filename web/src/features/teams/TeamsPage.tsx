// 招商团组 — one team per industry cluster, with a lead unit, a responsible leader and members.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { api, changedFields } from '../../api/client';
import type { Cluster, Items, Team } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { UnitTreeSelect, useUnits } from '../units/unitTree';
import { UserPicker } from '../users/UserPicker';
import { useRoles } from '../users/useRoles';

interface TeamForm {
  name: string;
  clusterId?: number | null;
  leadUnitId?: number | null;
  leaderUserId?: number | null;
  description?: string | null;
}

export default function TeamsPage() {
  const { t, tk } = useI18n();
  const { can } = useAuth();
  const canManage = can('org.manage');
  const canPickUsers = can('users.read');
  const roles = useRoles();
  const adminRoles = useMemo(() => roles.filter((r) => r.admin).map((r) => r.code), [roles]);
  const { units } = useUnits(canManage);
  const [teams, setTeams] = useState<Team[]>([]);
  const [clusters, setClusters] = useState<Cluster[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<{ mode: 'create' } | { mode: 'edit'; team: Team } | null>(null);
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const [memberIds, setMemberIds] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<TeamForm>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [tr, cr] = await Promise.all([
        api.get<Items<Team>>('/api/teams'),
        api.get<Items<Cluster>>('/api/clusters'),
      ]);
      setTeams(tr.items);
      setClusters(cr.items);
      return tr.items;
    } catch (e) {
      reportError(e);
      return [];
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle) return teams;
    return teams.filter((x) =>
      [x.name, x.clusterName, x.leadUnitName, x.leaderName].some((s) => s?.toLowerCase().includes(needle)),
    );
  }, [teams, q]);

  const openCreate = () => {
    form.resetFields();
    setEditing({ mode: 'create' });
  };
  const openEdit = (team: Team) => {
    form.resetFields();
    form.setFieldsValue({
      name: team.name,
      clusterId: team.clusterId,
      leadUnitId: team.leadUnitId,
      leaderUserId: team.leaderUserId,
      description: team.description,
    });
    setEditing({ mode: 'edit', team });
  };
  const openMembers = (team: Team) => {
    setMemberIds(team.members.map((m) => m.userId));
    setMembersOf(team);
  };

  const submit = async () => {
    const v = await form.validateFields();
    const body: TeamForm = {
      name: v.name.trim(),
      clusterId: v.clusterId ?? null,
      leadUnitId: v.leadUnitId ?? null,
      leaderUserId: v.leaderUserId ?? null,
      description: v.description?.trim() || null,
    };
    setSaving(true);
    try {
      if (editing?.mode === 'edit') {
        const patch = changedFields(
          editing.team as unknown as Record<string, unknown>,
          body as unknown as Record<string, unknown>,
        );
        if (Object.keys(patch).length)
          await api.patch(`/api/teams/${editing.team.id}`, { ...patch, version: editing.team.version });
        toast('success', t('common.saved'));
      } else {
        await api.post('/api/teams', Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null)));
        toast('success', t('common.created'));
      }
      setEditing(null);
      await load();
    } catch (e) {
      reportError(e, {
        form,
        onConflict: async () => {
          if (editing?.mode !== 'edit') return;
          const fresh = (await load()).find((x) => x.id === editing.team.id);
          if (fresh) {
            openEdit(fresh);
            toast('info', t('error.conflictReloaded'), 'conflict-reloaded');
          } else setEditing(null);
        },
      });
    } finally {
      setSaving(false);
    }
  };

  const saveMembers = async () => {
    if (!membersOf) return;
    setSaving(true);
    try {
      await api.put(`/api/teams/${membersOf.id}/members`, { userIds: memberIds });
      toast('success', t('teams.membersSaved'));
      setMembersOf(null);
      await load();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<Team> = [
    {
      title: t('teams.name'),
      dataIndex: 'name',
      key: 'name',
      render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
    },
    {
      title: t('teams.cluster'),
      key: 'cluster',
      render: (_, x) => {
        const c = clusters.find((cl) => cl.id === x.clusterId);
        return x.clusterName ? (
          <Space size={4} wrap>
            {x.clusterName}
            {c && (
              <Tag color={c.category === 'emerging' ? 'blue' : 'orange'}>{tk(`cluster.${c.category}`, c.category)}</Tag>
            )}
          </Space>
        ) : (
          t('common.empty')
        );
      },
    },
    {
      title: t('teams.leadUnit'),
      dataIndex: 'leadUnitName',
      key: 'leadUnit',
      responsive: ['md'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('teams.leader'),
      dataIndex: 'leaderName',
      key: 'leader',
      responsive: ['sm'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('teams.members'),
      key: 'members',
      width: 100,
      render: (_, x) => <Tag icon={<TeamOutlined />}>{t('teams.memberCount', { count: x.members.length })}</Tag>,
    },
    {
      title: t('teams.description'),
      dataIndex: 'description',
      key: 'description',
      ellipsis: true,
      responsive: ['lg'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, x) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => openEdit(x)}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => openMembers(x)} data-testid={`team-members-${x.id}`}>
            {t('teams.manageMembers')}
          </Button>
        </Space>
      ),
    });
  }

  const editingTeam = editing?.mode === 'edit' ? editing.team : null;

  return (
    <Card title={t('teams.title')}>
      <div className="magnet-toolbar">
        <Input.Search
          allowClear
          placeholder={t('teams.searchPlaceholder')}
          style={{ maxWidth: 320 }}
          onSearch={setQ}
          onChange={(e) => {
            if (!e.target.value) setQ('');
          }}
        />
        <span className="spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate} data-testid="team-create">
            {t('teams.add')}
          </Button>
        )}
      </div>
      <Table<Team>
        data-testid="teams-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={shown}
        scroll={{ x: 760 }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        expandable={{
          expandedRowRender: (x) =>
            x.members.length ? (
              <Space size={[6, 6]} wrap>
                {x.members.map((m) => (
                  <Tag key={m.userId}>
                    {m.displayName}
                    {m.unitName ? ` · ${m.unitName}` : ''}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('teams.noMembers')}</Typography.Text>
            ),
        }}
      />

      <Modal
        open={editing !== null}
        title={editingTeam ? t('teams.editTitle', { name: editingTeam.name }) : t('teams.createTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        okText={t('common.save')}
        confirmLoading={saving}
        forceRender
        width={560}
      >
        <Form<TeamForm> form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('teams.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="clusterId" label={t('teams.cluster')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={clusters.map((c) => ({
                value: c.id,
                label: `${c.name}（${tk(`cluster.${c.category}`, c.category)}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="leadUnitId" label={t('teams.leadUnit')}>
            <UnitTreeSelect units={units} />
          </Form.Item>
          <Form.Item name="leaderUserId" label={t('teams.leader')}>
            <UserPicker
              searchable={canPickUsers}
              excludeRoles={adminRoles}
              known={
                editingTeam?.leaderUserId
                  ? [{ id: editingTeam.leaderUserId, label: editingTeam.leaderName ?? `#${editingTeam.leaderUserId}` }]
                  : []
              }
            />
          </Form.Item>
          <Form.Item name="description" label={t('teams.description')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={membersOf !== null}
        title={membersOf ? t('teams.membersTitle', { name: membersOf.name }) : ''}
        onCancel={() => setMembersOf(null)}
        onOk={() => void saveMembers()}
        okText={t('common.save')}
        confirmLoading={saving}
        width={600}
        destroyOnHidden
      >
        <Alert type="info" showIcon title={t('teams.membersHint')} style={{ marginBottom: 12 }} />
        {membersOf && (
          <>
            <UserPicker
              multiple
              value={memberIds}
              onChange={(v) => setMemberIds((v as number[] | null) ?? [])}
              searchable={canPickUsers}
              excludeRoles={adminRoles}
              known={membersOf.members.map((m) => ({
                id: m.userId,
                label: m.unitName ? `${m.displayName}（${m.unitName}）` : m.displayName,
              }))}
            />
          </>
        )}
      </Modal>
    </Card>
  );
}
