// 审计日志 — append-only record of sign-ins and changes (audit administrator). Filters and paging run on the server.
import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditEvent, Page } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n';
import { useRemote } from '../shell/useRemote';

const ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.lockout',
  'auth.password_change',
  'user.create',
  'user.update',
  'user.role',
  'user.disable',
  'user.enable',
  'user.unlock',
  'user.reset_password',
  'unit.create',
  'unit.update',
  'team.create',
  'team.update',
  'team.members',
  'security_policy.update',
  'contact.create',
  'contact.update',
  'contact.delete',
  'contact.phone_reveal',
  'enterprise.create',
  'enterprise.update',
  'enterprise.delete',
  'enterprise.merge',
  'enterprise.contact_add',
  'enterprise.contact_update',
  'enterprise.contact_delete',
  'enterprise.phone_reveal',
  'enterprise.note',
];
/** Prefix filters the server understands (action=auth.*). */
const GROUPS = ['auth', 'user', 'unit', 'team', 'contact', 'enterprise'] as const;
const TARGET_TYPES = ['user', 'unit', 'team', 'setting', 'contact', 'session', 'enterprise'];

/** Labels for the fields that appear in `changes`, per target type. */
const FIELD_LABELS: Record<string, Record<string, MessageKey>> = {
  unit: {
    code: 'units.code',
    name: 'units.name',
    shortName: 'units.shortName',
    kind: 'units.kind',
    parentId: 'units.parent',
    divisionCode: 'units.divisionCode',
    sort: 'units.sort',
    active: 'units.active',
  },
  team: {
    name: 'teams.name',
    clusterId: 'teams.cluster',
    leadUnitId: 'teams.leadUnit',
    leaderUserId: 'teams.leader',
    description: 'teams.description',
    members: 'teams.members',
  },
  user: {
    username: 'users.username',
    displayName: 'users.displayName',
    unitId: 'users.unit',
    role: 'users.role',
    phone: 'users.phone',
    status: 'users.status',
    mustChangePassword: 'users.mustChange',
    lockedUntil: 'users.statusLocked',
  },
  setting: {
    passwordMinLength: 'security.passwordMinLength',
    passwordMinClasses: 'security.passwordMinClasses',
    passwordExpiryDays: 'security.passwordExpiryDays',
    passwordHistory: 'security.passwordHistory',
    mustChangeInitialPassword: 'security.mustChangeInitialPassword',
    lockoutThreshold: 'security.lockoutThreshold',
    lockoutMinutes: 'security.lockoutMinutes',
    sessionIdleMinutes: 'security.sessionIdleMinutes',
    sessionAbsoluteHours: 'security.sessionAbsoluteHours',
  },
  contact: {
    name: 'contacts.name',
    organization: 'contacts.organization',
    title: 'contacts.jobTitle',
    phone: 'contacts.phone',
    email: 'contacts.email',
    notes: 'contacts.notes',
    ownerUnitId: 'contacts.ownerUnit',
    teamId: 'contacts.team',
  },
  enterprise: {
    name: 'ent.name',
    uscc: 'ent.uscc',
    ownership: 'ent.ownership',
    tiers: 'ent.tiers',
    hqDivision: 'ent.hqDivision',
    hqRegion: 'ent.hqRegion',
    hqCountry: 'ent.hqCountry',
    industryCode: 'ent.industry',
    clusterId: 'ent.cluster',
    registeredCapital: 'ent.capital',
    website: 'ent.website',
    notes: 'ent.notes',
    teamId: 'ent.team',
    ownerUnitId: 'ent.ownerUnit',
    title: 'ent.contactTitle',
    phone: 'ent.contactPhone',
    email: 'ent.contactEmail',
    isPrimary: 'ent.contactPrimary',
  },
};

interface FilterValues {
  action?: string;
  actor?: string;
  outcome?: string;
  targetType?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}
interface Query {
  action?: string;
  actor?: string;
  outcome?: string;
  targetType?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export default function AuditPage() {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const { data, loading, load } = useRemote<Page<AuditEvent>>('/api/audit', query, { items: [], total: 0 });

  const onSearch = (v: FilterValues) => {
    const [from, to] = v.period ?? [];
    setQuery((q) => ({
      page: 1,
      pageSize: q.pageSize,
      action: v.action || undefined,
      actor: v.actor?.trim() || undefined,
      outcome: v.outcome || undefined,
      targetType: v.targetType || undefined,
      from: from ? from.toISOString() : undefined,
      to: to ? to.toISOString() : undefined,
    }));
  };

  const actionLabel = useCallback((a: string) => tk(`auditAction.${a}`, a), [tk]);

  const formatValue = useCallback(
    (field: string, v: unknown): string => {
      if (v === null || v === undefined || v === '') return t('common.empty');
      if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
      if (field === 'role' && typeof v === 'string') return tk(`role.${v}`, v);
      if (field === 'kind' && typeof v === 'string') return tk(`unitKind.${v}`, v);
      if (Array.isArray(v))
        return v.length ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ') : '[]';
      if (typeof v === 'object') return JSON.stringify(v);
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return dayjs(v).format('YYYY-MM-DD HH:mm:ss');
      return String(v);
    },
    [t, tk],
  );

  const actionOptions = useMemo(
    () => [
      ...GROUPS.map((g) => ({ value: `${g}.*`, label: t(`auditGroup.${g}`) })),
      ...ACTIONS.map((a) => ({ value: a, label: `${actionLabel(a)}（${a}）` })),
    ],
    [actionLabel, t],
  );

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 170,
      render: (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actor',
      width: 130,
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => (
        <Space orientation="vertical" size={0}>
          <span>{actionLabel(a)}</span>
          <Typography.Text type="secondary" className="magnet-mono" style={{ fontSize: 12 }}>
            {a}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      responsive: ['md'],
      render: (_, r) =>
        r.targetType ? (
          <span>
            <Tag>{tk(`targetType.${r.targetType}`, r.targetType)}</Tag>
            {r.targetLabel ?? ''}
            {r.targetId ? <Typography.Text type="secondary"> #{r.targetId}</Typography.Text> : null}
          </span>
        ) : (
          t('common.empty')
        ),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      width: 90,
      render: (o: string) =>
        o === 'success' ? (
          <Tag color="green">{t('audit.success')}</Tag>
        ) : (
          <Tag color="red">{o === 'failure' ? t('audit.failure') : o}</Tag>
        ),
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      key: 'ip',
      width: 130,
      responsive: ['lg'],
      render: (s: string | null) => <span className="magnet-mono">{s ?? t('common.empty')}</span>,
    },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      key: 'detail',
      ellipsis: true,
      responsive: ['xl'],
      render: (s: string | null) => s ?? '',
    },
  ];

  const expanded = (r: AuditEvent) => {
    const rows = Object.entries(r.changes ?? {}).map(([field, pair]) => ({
      field,
      before: pair?.[0],
      after: pair?.[1],
    }));
    const labels = FIELD_LABELS[r.targetType ?? ''] ?? {};
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {r.detail && (
          <Typography.Text>
            <strong>{t('audit.detail')}：</strong>
            {r.detail}
          </Typography.Text>
        )}
        {rows.length ? (
          <Table
            className="magnet-changes"
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={rows}
            tableLayout="fixed"
            data-testid="audit-changes"
            columns={[
              {
                title: t('audit.field'),
                dataIndex: 'field',
                key: 'field',
                width: 220,
                render: (f: string) => (
                  <span>
                    {labels[f] ? t(labels[f]) : f}
                    {labels[f] && (
                      <Typography.Text type="secondary" className="magnet-mono" style={{ fontSize: 12 }}>
                        {' '}
                        {f}
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              {
                title: t('audit.before'),
                dataIndex: 'before',
                key: 'before',
                width: '38%',
                render: (v: unknown, x) => (
                  <Typography.Text delete type="secondary">
                    {formatValue(x.field, v)}
                  </Typography.Text>
                ),
              },
              { title: '', key: 'arrow', width: 40, align: 'center', render: () => '→' },
              {
                title: t('audit.after'),
                dataIndex: 'after',
                key: 'after',
                render: (v: unknown, x) => <Typography.Text strong>{formatValue(x.field, v)}</Typography.Text>,
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
        )}
      </Space>
    );
  };

  return (
    <Card title={t('audit.title')}>
      <Alert type="info" showIcon title={t('audit.appendOnly')} style={{ marginBottom: 16 }} />
      <Form<FilterValues> form={form} layout="vertical" onFinish={onSearch} data-testid="audit-filters">
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="action" label={t('audit.action')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('audit.allActions')}
                options={actionOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Form.Item name="actor" label={t('audit.actor')}>
              <Input allowClear placeholder={t('audit.actorPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={3}>
            <Form.Item name="outcome" label={t('audit.outcome')}>
              <Select
                allowClear
                placeholder={t('audit.allOutcomes')}
                options={[
                  { value: 'success', label: t('audit.success') },
                  { value: 'failure', label: t('audit.failure') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6} lg={3}>
            <Form.Item name="targetType" label={t('audit.target')}>
              <Select
                allowClear
                placeholder={t('audit.allTargets')}
                options={TARGET_TYPES.map((x) => ({ value: x, label: tk(`targetType.${x}`, x) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="period" label={t('audit.period')}>
              <DatePicker.RangePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                allowEmpty={[true, true]}
              />
            </Form.Item>
          </Col>
        </Row>
        <div className="magnet-toolbar">
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t('common.reset')}
          </Button>
          <span className="spacer" />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('common.refresh')}
          </Button>
        </div>
      </Form>
      <Table<AuditEvent>
        data-testid="audit-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: expanded,
          rowExpandable: (r) => !!(r.changes && Object.keys(r.changes).length) || !!r.detail,
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
      />
    </Card>
  );
}
