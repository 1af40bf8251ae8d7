// 客商联系人 — the first business record. The server scopes the list to the user's unit and teams
// and masks phone numbers for roles that do not need them.
import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { EyeInvisibleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, changedFields } from '../../api/client';
import type { Contact, Items, Page, Team } from '../../api/types';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { reportError, toast } from '../shell/feedback';
import { useRemote } from '../shell/useRemote';

interface ContactForm {
  name: string;
  organization?: string | null;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
  teamId?: number | null;
}
type Panel = { mode: 'create' } | { mode: 'edit'; contact: Contact } | { mode: 'view'; contact: Contact };

const isMasked = (p: string | null | undefined) => !!p && p.includes('*');
const fmt = (s: string | null | undefined) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '');

export default function ContactsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const canWrite = can('business.write');
  const canOrg = can('org.read');
  const [teams, setTeams] = useState<Team[]>([]);
  const [query, setQuery] = useState<{ q?: string; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const { data, loading, load } = useRemote<Page<Contact>>('/api/contacts', query, { items: [], total: 0 });
  const [panel, setPanel] = useState<Panel | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ContactForm>();

  useEffect(() => {
    if (!canWrite || !canOrg) return;
    api
      .get<Items<Team>>('/api/teams')
      .then((r) => setTeams(r.items))
      .catch(() => {
        /* team choice is optional */
      });
  }, [canWrite, canOrg]);

  const teamOptions = useMemo(() => teams.map((x) => ({ value: x.id, label: x.name })), [teams]);

  const fetchOne = async (id: number) => api.get<Contact>(`/api/contacts/${id}`);

  const openView = async (c: Contact) => {
    try {
      setPanel({ mode: 'view', contact: await fetchOne(c.id) });
    } catch (e) {
      reportError(e);
    }
  };
  const openEdit = async (c: Contact) => {
    try {
      const fresh = await fetchOne(c.id);
      form.resetFields();
      form.setFieldsValue({ ...fresh });
      setPanel({ mode: 'edit', contact: fresh });
    } catch (e) {
      reportError(e);
    }
  };
  const openCreate = () => {
    form.resetFields();
    setPanel({ mode: 'create' });
  };

  const submit = async () => {
    if (!panel || panel.mode === 'view') return;
    const v = await form.validateFields();
    const clean = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
    const body: ContactForm = {
      name: v.name.trim(),
      organization: clean(v.organization),
      title: clean(v.title),
      phone: clean(v.phone),
      email: clean(v.email),
      notes: clean(v.notes),
      teamId: v.teamId ?? null,
    };
    setSaving(true);
    try {
      if (panel.mode === 'edit') {
        const c = panel.contact;
        const patch = changedFields(
          c as unknown as Record<string, unknown>,
          body as unknown as Record<string, unknown>,
        );
        if (Object.keys(patch).length) await api.patch(`/api/contacts/${c.id}`, { ...patch, version: c.version });
        toast('success', t('common.saved'));
      } else {
        await api.post('/api/contacts', Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null)));
        toast('success', t('common.created'));
      }
      setPanel(null);
      await load();
    } catch (e) {
      const current = panel;
      reportError(e, {
        form,
        onConflict: () => {
          if (current.mode !== 'edit') return;
          void openEdit(current.contact).then(() => toast('info', t('error.conflictReloaded'), 'conflict-reloaded'));
        },
      });
    } finally {
      setSaving(false);
    }
  };

  const remove = async (c: Contact) => {
    try {
      await api.del(`/api/contacts/${c.id}`, { version: c.version });
      toast('success', t('common.deleted'));
      if (panel && panel.mode !== 'create' && panel.contact.id === c.id) setPanel(null);
      await load();
    } catch (e) {
      reportError(e, { onConflict: () => void load() });
    }
  };

  const phoneCell = (p: string | null) =>
    p ? (
      isMasked(p) ? (
        <Tooltip title={t('contacts.phoneMasked')}>
          <span className="magnet-mono">
            {p} <EyeInvisibleOutlined style={{ color: '#999' }} />
          </span>
        </Tooltip>
      ) : (
        <span className="magnet-mono">{p}</span>
      )
    ) : (
      t('common.empty')
    );

  const columns: TableColumnsType<Contact> = [
    {
      title: t('contacts.name'),
      dataIndex: 'name',
      key: 'name',
      render: (n: string, c) => (
        <Typography.Link onClick={() => void openView(c)} data-testid={`contact-view-${c.id}`}>
          {n}
        </Typography.Link>
      ),
    },
    {
      title: t('contacts.organization'),
      dataIndex: 'organization',
      key: 'organization',
      ellipsis: true,
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('contacts.jobTitle'),
      dataIndex: 'title',
      key: 'title',
      responsive: ['md'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    { title: t('contacts.phone'), dataIndex: 'phone', key: 'phone', render: phoneCell },
    {
      title: t('contacts.ownerUnit'),
      dataIndex: 'ownerUnitName',
      key: 'ownerUnit',
      responsive: ['lg'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('contacts.team'),
      dataIndex: 'teamName',
      key: 'team',
      responsive: ['lg'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('contacts.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      responsive: ['xl'],
      render: fmt,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 170 : 80,
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => void openView(c)}>
            {t('common.view')}
          </Button>
          {canWrite && (
            <Button type="link" size="small" onClick={() => void openEdit(c)} data-testid={`contact-edit-${c.id}`}>
              {t('common.edit')}
            </Button>
          )}
          {canWrite && (
            <Popconfirm
              title={t('contacts.deleteConfirm', { name: c.name })}
              onConfirm={() => remove(c)}
              okButtonProps={{ danger: true }}
            >
              <Button type="link" size="small" danger data-testid={`contact-delete-${c.id}`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const drawerTitle =
    panel?.mode === 'create'
      ? t('contacts.createTitle')
      : panel?.mode === 'edit'
        ? t('contacts.editTitle', { name: panel.contact.name })
        : t('contacts.detailTitle');

  return (
    <Card title={t('contacts.title')}>
      <div className="magnet-toolbar">
        <Input.Search
          allowClear
          placeholder={t('contacts.searchPlaceholder')}
          style={{ maxWidth: 320 }}
          data-testid="contacts-search"
          onSearch={(q) => setQuery((x) => ({ ...x, q: q.trim() || undefined, page: 1 }))}
        />
        <span className="spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate} data-testid="contact-create">
            {t('contacts.add')}
          </Button>
        )}
      </div>
      <Table<Contact>
        data-testid="contacts-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 880 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((x) => ({ ...x, page, pageSize })),
        }}
      />

      <Drawer
        open={panel !== null}
        title={drawerTitle}
        onClose={() => setPanel(null)}
        size={520}
        forceRender
        extra={
          panel?.mode === 'view' ? (
            canWrite && (
              <Button type="primary" onClick={() => void openEdit(panel.contact)}>
                {t('common.edit')}
              </Button>
            )
          ) : (
            <Space>
              <Button onClick={() => setPanel(null)}>{t('common.cancel')}</Button>
              <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="contact-save">
                {t('common.save')}
              </Button>
            </Space>
          )
        }
      >
        {panel?.mode === 'view' && (
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'name', label: t('contacts.name'), children: panel.contact.name },
              {
                key: 'organization',
                label: t('contacts.organization'),
                children: panel.contact.organization ?? t('common.empty'),
              },
              { key: 'title', label: t('contacts.jobTitle'), children: panel.contact.title ?? t('common.empty') },
              { key: 'phone', label: t('contacts.phone'), children: phoneCell(panel.contact.phone) },
              { key: 'email', label: t('contacts.email'), children: panel.contact.email ?? t('common.empty') },
              {
                key: 'ownerUnit',
                label: t('contacts.ownerUnit'),
                children: panel.contact.ownerUnitName ?? t('common.empty'),
              },
              { key: 'team', label: t('contacts.team'), children: panel.contact.teamName ?? t('common.empty') },
              {
                key: 'notes',
                label: t('contacts.notes'),
                children: (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {panel.contact.notes ?? t('common.empty')}
                  </Typography.Paragraph>
                ),
              },
              { key: 'createdAt', label: t('contacts.createdAt'), children: fmt(panel.contact.createdAt) },
              { key: 'updatedAt', label: t('contacts.updatedAt'), children: fmt(panel.contact.updatedAt) },
            ]}
          />
        )}
        <Form<ContactForm>
          form={form}
          layout="vertical"
          style={{ display: panel?.mode === 'view' ? 'none' : undefined }}
          data-testid="contact-form"
        >
          <Form.Item
            name="name"
            label={t('contacts.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input id="contact-name" maxLength={50} />
          </Form.Item>
          <Form.Item name="organization" label={t('contacts.organization')}>
            <Input id="contact-organization" maxLength={100} />
          </Form.Item>
          <Form.Item name="title" label={t('contacts.jobTitle')}>
            <Input id="contact-title" maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t('contacts.phone')}>
            <Input id="contact-phone" maxLength={20} inputMode="tel" />
          </Form.Item>
          <Form.Item name="email" label={t('contacts.email')}>
            <Input id="contact-email" maxLength={100} inputMode="email" />
          </Form.Item>
          {panel?.mode === 'create' && (
            <Form.Item label={t('contacts.ownerUnit')}>
              <Typography.Text type="secondary">{t('contacts.ownerUnitHint')}</Typography.Text>
            </Form.Item>
          )}
          {panel?.mode === 'edit' && (
            <Form.Item label={t('contacts.ownerUnit')}>
              <Typography.Text>{panel.contact.ownerUnitName}</Typography.Text>
            </Form.Item>
          )}
          {canOrg && (
            <Form.Item name="teamId" label={t('contacts.team')}>
              <Select
                allowClear
                placeholder={t('contacts.noTeam')}
                options={teamOptions}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          )}
          <Form.Item name="notes" label={t('contacts.notes')}>
            <Input.TextArea id="contact-notes" rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}
