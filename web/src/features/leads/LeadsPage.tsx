// 招商线索: my leads, my unit's, the pool (公海) and everything I may see. The server scopes every list and
// decides who may claim; the list only offers the buttons.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Button,
  Card,
  Checkbox,
  Grid,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { ExportButton } from '../imports/ExportButton';
import { reportError, toast } from '../shell/feedback';
import { useRemote } from '../shell/useRemote';
import { SavedViews } from '../shell/SavedViews';
import { fmtTime, formatAmount, STATUS_COLORS } from './format';
import { LeadFormDrawer } from './LeadFormDrawer';
import { useLeadRefs } from './useLeadRefs';
import { LEAD_SORTS, type Lead, type LeadDetail, type LeadPage } from './types';

type TabKey = 'mine' | 'unit' | 'pool' | 'all';
const TABS: TabKey[] = ['mine', 'unit', 'pool', 'all'];

interface Filters {
  q?: string;
  status?: string;
  sourceChannel?: string;
  clusterId?: number;
  ownerUnitId?: number;
  stale?: boolean;
  sort: (typeof LEAD_SORTS)[number];
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}
/** What a saved view keeps: the filters, without sorting and paging (the tab stays the user's choice). */
type ViewFilters = Omit<Filters, 'sort' | 'order' | 'page' | 'pageSize'>;
const VIEW_KEYS = [
  'q',
  'status',
  'sourceChannel',
  'clusterId',
  'ownerUnitId',
  'stale',
] as const satisfies readonly (keyof ViewFilters)[];

export default function LeadsPage() {
  const { t } = useI18n();
  const { can, user } = useAuth();
  const navigate = useNavigate();
  const refs = useLeadRefs();
  const phone = !Grid.useBreakpoint().md;
  const canWrite = can('business.write');
  const cityWide = user?.role === 'bureau_staff' || user?.role === 'city_leader';
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.includes(params.get('tab') as TabKey)
    ? (params.get('tab') as TabKey)
    : canWrite
      ? 'mine'
      : 'all';
  const [filters, setFilters] = useState<Filters>({ sort: 'updatedAt', order: 'desc', page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [qDraft, setQDraft] = useState('');
  const viewFilters = useMemo<ViewFilters>(
    () => Object.fromEntries(VIEW_KEYS.map((k) => [k, filters[k]])) as ViewFilters,
    [filters],
  );

  const query = useMemo(() => {
    const q: Record<string, string | number | boolean | undefined> = { ...filters };
    if (tab === 'mine') q.ownerUserId = 'me';
    if (tab === 'unit' && user) q.ownerUnitId = user.unitId;
    if (tab === 'pool') q.status = 'pool';
    return q;
  }, [filters, tab, user]);

  // The export takes the list's filters (the tab's owner and status included), without sorting and paging.
  const exportFilters = useMemo(() => {
    const { sort: _sort, order: _order, page: _page, pageSize: _pageSize, ...rest } = query;
    return rest;
  }, [query]);

  const { data, loading, load } = useRemote<LeadPage>('/api/leads', query, { items: [], total: 0, totalIsExact: true });

  const setTab = (k: string) => {
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set('tab', k);
        return n;
      },
      { replace: true },
    );
    setFilters((f) => ({
      ...f,
      page: 1,
      status: k === 'pool' ? undefined : f.status,
      ownerUnitId: k === 'unit' ? undefined : f.ownerUnitId,
    }));
  };
  const patch = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p, page: 1 }));
  // A saved view replaces every filter (keys it lacks are cleared); sorting and page size stay.
  const applyView = (v: ViewFilters) => {
    patch(Object.fromEntries(VIEW_KEYS.map((k) => [k, v[k] ?? undefined])) as ViewFilters);
    setQDraft(typeof v.q === 'string' ? v.q : '');
  };

  const claim = async (l: Lead) => {
    try {
      await api.post<LeadDetail>(`/api/leads/${l.id}/claim`, { version: l.version });
      toast('success', t('leads.claimed'));
    } catch (e) {
      reportError(e);
    }
    await load();
  };

  const owner = (l: Lead) =>
    l.status === 'pool' ? (
      <Tag color="gold">{t('leads.inPool')}</Tag>
    ) : (
      <span>
        {l.ownerUnitName ?? t('common.empty')}
        {l.ownerUserName ? <Typography.Text type="secondary"> · {l.ownerUserName}</Typography.Text> : null}
      </span>
    );

  const columns: TableColumnsType<Lead> = [
    {
      title: t('leads.field.title'),
      dataIndex: 'title',
      key: 'title',
      render: (s: string, l) => (
        <Space size={4} wrap>
          <Link to={`/leads/${l.id}`} data-testid={`lead-link-${l.id}`}>
            {s}
          </Link>
          {l.stale && (
            <Tooltip title={t('leads.staleHint')}>
              <Tag color="orange">{t('leads.stale')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('leads.field.enterprise'),
      dataIndex: 'enterpriseName',
      key: 'enterprise',
      ellipsis: true,
      responsive: ['md'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('leads.field.sourceChannel'),
      dataIndex: 'sourceChannel',
      key: 'channel',
      width: 110,
      responsive: ['lg'],
      render: (c: string) => refs.channelLabel(c),
    },
    {
      title: t('leads.field.intendedAmount'),
      dataIndex: 'intendedAmount',
      key: 'amount',
      width: 130,
      align: 'right',
      responsive: ['sm'],
      render: (a: string | null) => formatAmount(a, t) ?? t('common.empty'),
    },
    {
      title: t('leads.field.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{refs.statusLabel(s)}</Tag>,
    },
    { title: t('leads.field.owner'), key: 'owner', responsive: ['md'], render: (_, l) => owner(l) },
    {
      title: t('leads.field.lastFollowUpAt'),
      dataIndex: 'lastFollowUpAt',
      key: 'last',
      width: 150,
      responsive: ['xl'],
      render: (s: string | null) => fmtTime(s) || t('common.empty'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: phone ? 70 : 120,
      fixed: phone ? undefined : 'right',
      render: (_, l) => (
        <Space size={0}>
          {canWrite && l.status === 'pool' && (
            <Popconfirm title={t('leads.claimConfirm', { title: l.title })} onConfirm={() => claim(l)}>
              <Button type="link" size="small" data-testid={`lead-claim-${l.id}`}>
                {t('leads.claim')}
              </Button>
            </Popconfirm>
          )}
          {!phone && (
            <Button type="link" size="small" onClick={() => navigate(`/leads/${l.id}`)}>
              {t('common.view')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const sortOptions = LEAD_SORTS.flatMap((s) =>
    (['desc', 'asc'] as const).map((o) => ({
      value: `${s}:${o}`,
      label: `${t(`leads.sort.${s}`)} ${o === 'desc' ? '↓' : '↑'}`,
    })),
  );

  return (
    <Card title={t('leads.title')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={TABS.map((k) => ({ key: k, label: t(`leads.tab.${k}`) }))}
        data-testid="lead-tabs"
      />
      <div className="magnet-toolbar">
        <Input.Search
          allowClear
          placeholder={t('leads.searchPlaceholder')}
          style={{ maxWidth: 280 }}
          data-testid="leads-search"
          value={qDraft}
          onChange={(e) => setQDraft(e.target.value)}
          onSearch={(q) => patch({ q: q.trim() || undefined })}
        />
        {tab !== 'pool' && (
          <Select
            allowClear
            placeholder={t('leads.filter.status')}
            style={{ width: 120 }}
            value={filters.status}
            options={refs.statusOptions}
            onChange={(v) => patch({ status: v })}
          />
        )}
        <Select
          allowClear
          placeholder={t('leads.filter.channel')}
          style={{ width: 140 }}
          value={filters.sourceChannel}
          options={refs.channelOptions}
          onChange={(v) => patch({ sourceChannel: v })}
        />
        <Select
          allowClear
          placeholder={t('leads.filter.cluster')}
          style={{ width: 160 }}
          value={filters.clusterId}
          options={refs.clusterOptions}
          onChange={(v) => patch({ clusterId: v })}
        />
        {cityWide && tab !== 'pool' && tab !== 'unit' && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('leads.filter.unit')}
            style={{ width: 180 }}
            value={filters.ownerUnitId}
            options={refs.unitOptions}
            onChange={(v) => patch({ ownerUnitId: v })}
          />
        )}
        {tab !== 'pool' && (
          <Checkbox
            checked={!!filters.stale}
            onChange={(e) => patch({ stale: e.target.checked || undefined })}
            data-testid="leads-stale"
          >
            {t('leads.filter.stale')}
          </Checkbox>
        )}
        <Select
          style={{ width: 150 }}
          value={`${filters.sort}:${filters.order}`}
          options={sortOptions}
          onChange={(v: string) => {
            const [sort, order] = v.split(':') as [Filters['sort'], Filters['order']];
            patch({ sort, order });
          }}
        />
        <SavedViews entity="leads" filters={viewFilters} onApply={applyView} />
        <span className="spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
        <ExportButton entity="lead" filters={exportFilters} />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-create">
            {t('leads.add')}
          </Button>
        )}
      </div>
      <Table<Lead>
        data-testid="leads-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={phone ? undefined : { x: 760 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) =>
            data.totalIsExact ? t('common.total', { total }) : t('leads.totalAtLeast', { total: total - 1 }),
          onChange: (page, pageSize) => setFilters((x) => ({ ...x, page, pageSize })),
        }}
      />
      <LeadFormDrawer
        open={creating}
        refs={refs}
        onClose={() => setCreating(false)}
        onSaved={(l) => {
          setCreating(false);
          navigate(`/leads/${l.id}`);
        }}
      />
    </Card>
  );
}
