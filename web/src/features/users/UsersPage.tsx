// 用户管理 — accounts, their unit and role. users.manage edits accounts; roles.assign changes roles
// (separation of duties is enforced by the server).
import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, changedFields } from '../../api/client';
import type { Page, User } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { UnitTreeSelect, useUnits } from '../units/unitTree';
import { useRoles } from './useRoles';
import { useRemote } from '../shell/useRemote';

interface Filters {
  q?: string;
  unitId?: number;
  role?: string;
  page: number;
  pageSize: number;
}
interface UserForm {
  username?: string;
  displayName: string;
  unitId: number;
  role?: string;
  phone?: string | null;
}
type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | { mode: 'role'; user: User };

const isLocked = (u: User) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());

export default function UsersPage() {
  const { t, tk } = useI18n();
  const { can, user: me } = useAuth();
  const canManage = can('users.manage');
  const canAssign = can('roles.assign');
  const roles = useRoles();
  const { units } = useUnits(can('org.read'));
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const { data, loading, load } = useRemote<Page<User>>('/api/users', filters, { items: [], total: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [initialPassword, setInitialPassword] = useState<{ name: string; password: string } | null>(null);
  const [form] = Form.useForm<UserForm>();

  const roleLabel = useCallback(
    (code: string) => tk(`role.${code}`, roles.find((r) => r.code === code)?.zh ?? code),
    [tk, roles],
  );
  const roleOptions = useMemo(
    () => roles.map((r) => ({ value: r.code, label: roleLabel(r.code) })),
    [roles, roleLabel],
  );
  const adminCodes = useMemo(() => new Set(roles.filter((r) => r.admin).map((r) => r.code)), [roles]);

  const open = (e: Editing) => {
    form.resetFields();
    if (e.mode !== 'create')
      form.setFieldsValue({
        displayName: e.user.displayName,
        unitId: e.user.unitId,
        phone: e.user.phone,
        role: e.user.role,
      });
    setEditing(e);
  };

  const reloadInto = async (id: number, mode: 'edit' | 'role') => {
    const fresh = ((await load())?.items ?? []).find((u) => u.id === id);
    if (fresh) {
      open({ mode, user: fresh });
      toast('info', t('error.conflictReloaded'), 'conflict-reloaded');
    } else setEditing(null);
  };

  const submit = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing.mode === 'create') {
        const r = await api.post<{ user: User; initialPassword: string }>('/api/users', {
          username: v.username!.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          role: v.role,
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        });
        setEditing(null);
        setInitialPassword({ name: r.user?.username ?? v.username!, password: r.initialPassword });
      } else if (editing.mode === 'edit') {
        const u = editing.user;
        const patch = changedFields(u as unknown as Record<string, unknown>, {
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          phone: v.phone?.trim() || null,
        });
        if (Object.keys(patch).length) await api.patch(`/api/users/${u.id}`, { ...patch, version: u.version });
        toast('success', t('common.saved'));
        setEditing(null);
      } else {
        const u = editing.user;
        if (v.role !== u.role) await api.put(`/api/users/${u.id}/role`, { role: v.role, version: u.version });
        toast('success', t('users.roleChanged'));
        setEditing(null);
      }
      await load();
    } catch (e) {
      const current = editing;
      reportError(e, {
        form,
        onConflict: () => {
          if (current.mode !== 'create') void reloadInto(current.user.id, current.mode);
        },
      });
    } finally {
      setSaving(false);
    }
  };

  const act = async (u: User, action: 'disable' | 'enable' | 'unlock' | 'reset-password') => {
    try {
      const r = await api.post<{ initialPassword?: string }>(`/api/users/${u.id}/${action}`);
      if (action === 'reset-password' && r?.initialPassword)
        setInitialPassword({ name: u.username, password: r.initialPassword });
      else
        toast(
          'success',
          t(action === 'disable' ? 'users.disabledOk' : action === 'enable' ? 'users.enabledOk' : 'users.unlockedOk'),
        );
      await load();
    } catch (e) {
      reportError(e, { onConflict: () => void load() });
    }
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      render: (s: string) => <span className="magnet-mono">{s}</span>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.unit'),
      dataIndex: 'unitName',
      key: 'unit',
      responsive: ['md'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      width: 190,
      render: (r: string) => <Tag color={adminCodes.has(r) ? 'purple' : 'blue'}>{roleLabel(r)}</Tag>,
    },
    {
      title: t('users.phone'),
      dataIndex: 'phone',
      key: 'phone',
      responsive: ['lg'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={[2, 2]} wrap>
          {u.status === 'disabled' ? (
            <Tag>{t('users.statusDisabled')}</Tag>
          ) : (
            <Tag color="green">{t('users.statusActive')}</Tag>
          )}
          {isLocked(u) && (
            <Tooltip title={dayjs(u.lockedUntil).format('YYYY-MM-DD HH:mm')}>
              <Tag color="red">{t('users.statusLocked')}</Tag>
            </Tooltip>
          )}
          {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      responsive: ['xl'],
      render: (s: string | null) =>
        s ? (
          dayjs(s).format('YYYY-MM-DD HH:mm')
        ) : (
          <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
        ),
    },
  ];
  if (canManage || canAssign) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canManage ? 260 : 110,
      render: (_, u) => (
        <Space size={0} wrap>
          {canManage && (
            <Button type="link" size="small" onClick={() => open({ mode: 'edit', user: u })}>
              {t('common.edit')}
            </Button>
          )}
          {canAssign && u.id !== me?.id && (
            <Button
              type="link"
              size="small"
              onClick={() => open({ mode: 'role', user: u })}
              data-testid={`user-role-${u.id}`}
            >
              {t('users.changeRole')}
            </Button>
          )}
          {canManage &&
            u.id !== me?.id &&
            (u.status === 'disabled' ? (
              <Popconfirm title={t('users.confirmEnable', { name: u.username })} onConfirm={() => act(u, 'enable')}>
                <Button type="link" size="small">
                  {t('users.enable')}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t('users.confirmDisable', { name: u.username })}
                onConfirm={() => act(u, 'disable')}
                okButtonProps={{ danger: true }}
              >
                <Button type="link" size="small" danger>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            ))}
          {canManage && isLocked(u) && (
            <Popconfirm title={t('users.confirmUnlock', { name: u.username })} onConfirm={() => act(u, 'unlock')}>
              <Button type="link" size="small">
                {t('users.unlock')}
              </Button>
            </Popconfirm>
          )}
          {canManage && u.id !== me?.id && (
            <Popconfirm
              title={t('users.confirmReset', { name: u.username })}
              onConfirm={() => act(u, 'reset-password')}
              okButtonProps={{ danger: true }}
            >
              <Button type="link" size="small">
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  const title =
    editing?.mode === 'create'
      ? t('users.createTitle')
      : editing?.mode === 'edit'
        ? t('users.editTitle', { name: editing.user.username })
        : editing?.mode === 'role'
          ? t('users.roleTitle', { name: editing.user.username })
          : '';

  return (
    <Card title={t('users.title')}>
      <div className="magnet-toolbar">
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          style={{ maxWidth: 260 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
          data-testid="users-search"
        />
        {units.length > 0 && (
          <UnitTreeSelect
            units={units}
            placeholder={t('users.allUnits')}
            style={{ minWidth: 200 }}
            value={filters.unitId}
            onChange={(v) => setFilters((f) => ({ ...f, unitId: (v as number | undefined) ?? undefined, page: 1 }))}
          />
        )}
        <Select
          allowClear
          placeholder={t('users.allRoles')}
          style={{ minWidth: 170 }}
          options={roleOptions}
          value={filters.role}
          onChange={(v) => setFilters((f) => ({ ...f, role: v ?? undefined, page: 1 }))}
        />
        <span className="spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open({ mode: 'create' })}
            data-testid="user-create"
          >
            {t('users.add')}
          </Button>
        )}
      </div>
      <Table<User>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 900 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
      />

      <Modal
        open={editing !== null}
        title={title}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        okText={t('common.save')}
        confirmLoading={saving}
        forceRender
        width={520}
      >
        <Form<UserForm> form={form} layout="vertical">
          {editing?.mode === 'role' ? (
            <>
              <Alert type="warning" showIcon title={t('users.roleHint')} style={{ marginBottom: 16 }} />
              <Form.Item label={t('users.displayName')}>
                <Typography.Text>
                  {editing.user.displayName}（{editing.user.unitName}）
                </Typography.Text>
              </Form.Item>
              <Form.Item
                name="role"
                label={t('users.role')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Select options={roleOptions} />
              </Form.Item>
            </>
          ) : (
            <>
              {editing?.mode === 'create' && (
                <Form.Item
                  name="username"
                  label={t('users.username')}
                  rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                >
                  <Input maxLength={32} autoComplete="off" className="magnet-mono" />
                </Form.Item>
              )}
              <Form.Item
                name="displayName"
                label={t('users.displayName')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                name="unitId"
                label={t('users.unit')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <UnitTreeSelect units={units} />
              </Form.Item>
              {editing?.mode === 'create' && (
                <Form.Item
                  name="role"
                  label={t('users.role')}
                  rules={[{ required: true, message: t('common.required') }]}
                >
                  <Select options={roleOptions} />
                </Form.Item>
              )}
              <Form.Item name="phone" label={t('users.phone')}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>

      <Modal
        open={initialPassword !== null}
        title={t('users.initialPasswordTitle')}
        onCancel={() => setInitialPassword(null)}
        footer={
          <Button type="primary" onClick={() => setInitialPassword(null)}>
            {t('common.close')}
          </Button>
        }
        mask={{ closable: false }}
      >
        {initialPassword && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>{t('users.initialPasswordFor', { name: initialPassword.name })}</Typography.Text>
            <Typography.Text
              copyable={{ text: initialPassword.password }}
              code
              style={{ fontSize: 20 }}
              data-testid="initial-password"
            >
              {initialPassword.password}
            </Typography.Text>
            <Alert type="warning" showIcon title={t('users.initialPasswordHint')} />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
