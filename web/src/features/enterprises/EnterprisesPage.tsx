// 企业库 — the list. Filters, sorting and paging run on the server within the user's data scope; a long list is
// counted only ten pages ahead ("超过 N 条").
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { ExportButton } from '../imports/ExportButton';
import { useRemote } from '../shell/useRemote';
import { SavedViews } from '../shell/SavedViews';
import { EnterpriseDrawer, type DrawerMode } from './EnterpriseDrawer';
import { formatWan } from './format';
import type { Enterprise, EnterprisePage } from './types';
import { TIER_COLORS, useEnterpriseRefs } from './useEnterpriseRefs';

interface Query {
  q?: string;
  ownership?: string;
  tier?: string;
  hqRegion?: string;
  clusterId?: number;
  industry?: string;
  ownerUnitId?: number;
  sort?: 'name' | 'registeredCapital' | 'updatedAt';
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}
/** The list's filters (what a saved view keeps and the export takes): the query without sorting and paging. */
type Filters = Omit<Query, 'sort' | 'order' | 'page' | 'pageSize'>;
const FILTER_KEYS = [
  'q',
  'ownership',
  'tier',
  'hqRegion',
  'clusterId',
  'industry',
  'ownerUnitId',
] as const satisfies readonly (keyof Filters)[];

export default function EnterprisesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const refs = useEnterpriseRefs();
  const canWrite = can('business.write');
  const [query, setQuery] = useState<Query>({ page: 1, pageSize: 20 });
  const { data, loading, load } = useRemote<EnterprisePage>('/api/enterprises', query, {
    items: [],
    total: 0,
    totalIsExact: true,
  });
  const [panel, setPanel] = useState<DrawerMode | null>(null);
  const [qDraft, setQDraft] = useState('');
  const filters = useMemo<Filters>(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, query[k]])) as Filters, [query]);

  const filter =
    <K extends keyof Query>(key: K) =>
    (value: Query[K] | undefined) =>
      setQuery((x) => ({ ...x, [key]: value ?? undefined, page: 1 }));

  // A saved view replaces every filter (keys it lacks are cleared); sorting and page size stay.
  const applyView = (f: Filters) => {
    setQuery((x) => ({ ...x, ...Object.fromEntries(FILTER_KEYS.map((k) => [k, f[k] ?? undefined])), page: 1 }));
    setQDraft(typeof f.q === 'string' ? f.q : '');
  };

  const onTableChange: TableProps<Enterprise>['onChange'] = (p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as Query['sort']) : undefined;
    setQuery((x) => ({
      ...x,
      page: p.current ?? 1,
      pageSize: p.pageSize ?? x.pageSize,
      sort: key,
      order: key ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined,
    }));
  };
  const sortOrder = (key: Query['sort']) =>
    query.sort === key ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: TableColumnsType<Enterprise> = [
    {
      title: t('ent.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: 'left',
      width: 260,
      render: (n: string, e) => (
        <Link to={`/enterprises/${e.id}`} data-testid={`enterprise-link-${e.id}`}>
          {n}
        </Link>
      ),
    },
    {
      title: t('ent.uscc'),
      dataIndex: 'uscc',
      key: 'uscc',
      width: 190,
      responsive: ['lg'],
      render: (s: string | null) => (s ? <span className="magnet-mono">{s}</span> : t('common.empty')),
    },
    {
      title: t('ent.ownership'),
      dataIndex: 'ownership',
      key: 'ownership',
      width: 100,
      render: (o: string | null) => refs.ownershipLabel(o) ?? t('common.empty'),
    },
    {
      title: t('ent.tiers'),
      dataIndex: 'tiers',
      key: 'tiers',
      width: 200,
      render: (tiers: string[]) =>
        tiers.length ? (
          <Space size={[0, 4]} wrap>
            {tiers.map((x) => (
              <Tag key={x} color={TIER_COLORS[x]}>
                {refs.tierLabel(x)}
              </Tag>
            ))}
          </Space>
        ) : (
          t('common.empty')
        ),
    },
    {
      title: t('ent.hqRegion'),
      dataIndex: 'hqRegion',
      key: 'hqRegion',
      width: 120,
      render: (r: string | null, e) =>
        r ? <Tooltip title={e.hqDivisionName ?? e.hqCountry}>{refs.regionLabel(r)}</Tooltip> : t('common.empty'),
    },
    {
      title: t('ent.cluster'),
      dataIndex: 'clusterName',
      key: 'cluster',
      width: 130,
      responsive: ['md'],
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('ent.capital'),
      dataIndex: 'registeredCapital',
      key: 'registeredCapital',
      width: 140,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('registeredCapital'),
      render: (v: string | null) => formatWan(v, t) ?? t('common.empty'),
    },
    { title: t('ent.ownerUnit'), dataIndex: 'ownerUnitName', key: 'ownerUnit', width: 140, responsive: ['xl'] },
    {
      title: t('ent.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      responsive: ['xl'],
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <Card title={t('ent.title')}>
      <div className="magnet-toolbar">
        <Input.Search
          allowClear
          placeholder={t('ent.searchPlaceholder')}
          style={{ maxWidth: 300 }}
          data-testid="enterprises-search"
          value={qDraft}
          onChange={(e) => setQDraft(e.target.value)}
          onSearch={(q) => setQuery((x) => ({ ...x, q: q.trim() || undefined, page: 1 }))}
        />
        <Select
          allowClear
          placeholder={t('ent.allOwnerships')}
          style={{ width: 130 }}
          options={refs.ownershipOptions}
          value={query.ownership}
          onChange={filter('ownership')}
        />
        <Select
          allowClear
          placeholder={t('ent.allTiers')}
          style={{ width: 150 }}
          options={refs.tierOptions}
          value={query.tier}
          onChange={filter('tier')}
        />
        <Select
          allowClear
          placeholder={t('ent.allRegions')}
          style={{ width: 130 }}
          options={refs.regionOptions}
          value={query.hqRegion}
          onChange={filter('hqRegion')}
        />
        {refs.clusterOptions.length > 0 && (
          <Select
            allowClear
            placeholder={t('ent.allClusters')}
            style={{ width: 170 }}
            options={refs.clusterOptions}
            value={query.clusterId}
            onChange={filter('clusterId')}
          />
        )}
        <Select
          allowClear
          placeholder={t('ent.allIndustries')}
          style={{ width: 200 }}
          options={refs.sectionOptions}
          value={query.industry}
          onChange={filter('industry')}
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
        />
        {refs.unitOptions.length > 0 && (
          <Select
            allowClear
            placeholder={t('ent.allUnits')}
            style={{ width: 190 }}
            options={refs.unitOptions}
            value={query.ownerUnitId}
            onChange={filter('ownerUnitId')}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
          />
        )}
        <SavedViews entity="enterprises" filters={filters} onApply={applyView} />
        <span className="spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
        <ExportButton entity="enterprise" filters={filters} />
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPanel({ mode: 'create' })}
            data-testid="enterprise-create"
          >
            {t('ent.add')}
          </Button>
        )}
      </div>
      <Table<Enterprise>
        data-testid="enterprises-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 1200 }}
        onChange={onTableChange}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) =>
            data.totalIsExact ? t('common.total', { total }) : t('ent.totalAtLeast', { total: Math.max(0, total - 1) }),
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('search.hint')}
      </Typography.Text>
      <EnterpriseDrawer
        panel={panel}
        refs={refs}
        onClose={() => setPanel(null)}
        onSaved={(e, created) => {
          setPanel(null);
          if (created) navigate(`/enterprises/${e.id}`);
          else void load();
        }}
      />
    </Card>
  );
}
