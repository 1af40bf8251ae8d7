// 项目库: the list with filters, totals and warnings, and the board by approved stage. The server applies the data
// scope, counts (windowed) and derives flags and warnings; the page only shows them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, Link } from 'react-router';
import {
  Badge,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType, TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { AppstoreOutlined, PlusOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { ExportButton } from '../imports/ExportButton';
import { reportError } from '../shell/feedback';
import { hasFilterValues, SavedViews } from '../shell/SavedViews';
import { fmtDate, formatAmount, formatYi, STAGE_COLORS } from './format';
import { ProjectFormDrawer } from './ProjectFormDrawer';
import type { KanbanColumn, ProjectFilters, ProjectList, ProjectRow } from './types';
import { useProjectRefs, type ProjectRefs } from './useProjectRefs';
import { WarningTags } from './WarningTags';

type Sort = {
  sort: 'updatedAt' | 'createdAt' | 'totalInvestment' | 'signedAt' | 'name' | 'lastProgressAt';
  order: 'asc' | 'desc';
};

const toQuery = (f: ProjectFilters) => ({
  q: f.q,
  ownerUnitId: f.ownerUnitId,
  clusterId: f.clusterId,
  teamId: f.teamId,
  band: f.band,
  warning: f.warning,
  pending: f.pending === undefined ? undefined : String(f.pending),
  signedFrom: f.signedFrom,
  signedTo: f.signedTo,
  stage: f.stage?.length ? f.stage.join(',') : undefined,
  flags: f.flags?.length ? f.flags.join(',') : undefined,
});

export default function ProjectsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const refs = useProjectRefs();
  const canWrite = can('business.write');
  const [mode, setMode] = useState<'list' | 'kanban'>('list');
  const [filters, setFilters] = useState<ProjectFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [sort, setSort] = useState<Sort>({ sort: 'updatedAt', order: 'desc' });
  const [data, setData] = useState<ProjectList>({ items: [], total: 0, totalIsExact: true, totals: null });
  const [columns, setColumns] = useState<KanbanColumn[]>([]);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [qDraft, setQDraft] = useState('');
  const totalsKey = useRef<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      // Stage and flag lists travel comma-separated; the server splits them.
      if (mode === 'list') {
        // The totals (a full count and sum) are asked for only when the filter changes, not on every page.
        const key = JSON.stringify(filters);
        const fresh = key !== totalsKey.current;
        const r = await api.get<ProjectList>('/api/projects', {
          ...toQuery(filters),
          ...paging,
          ...sort,
          withTotals: fresh,
        });
        totalsKey.current = key;
        setData((prev) => ({ ...r, totals: fresh ? r.totals : prev.totals }));
      } else {
        const { stage: _stage, ...rest } = toQuery(filters);
        setColumns((await api.get<{ columns: KanbanColumn[] }>('/api/projects/kanban', rest)).columns);
      }
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(false);
    }
  }, [mode, filters, paging, sort]);
  useEffect(() => {
    void load();
  }, [load]);

  const setFilter = (patch: Partial<ProjectFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const applyView = (f: ProjectFilters) => {
    setFilters(f);
    setQDraft(f.q ?? '');
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const onTableChange = (
    p: TablePaginationConfig,
    _f: unknown,
    s: SorterResult<ProjectRow> | SorterResult<ProjectRow>[],
  ) => {
    const one = Array.isArray(s) ? s[0] : s;
    setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 });
    if (one?.order && one.columnKey)
      setSort({ sort: one.columnKey as Sort['sort'], order: one.order === 'ascend' ? 'asc' : 'desc' });
    else setSort({ sort: 'updatedAt', order: 'desc' });
  };

  const sortOrder = (key: Sort['sort']) => (sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);
  const tableColumns: TableColumnsType<ProjectRow> = [
    {
      title: t('projects.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      width: 250,
      fixed: 'left',
      render: (n: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/projects/${r.id}`} data-testid={`project-link-${r.id}`}>
            {n}
          </Link>
          {r.code && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.code}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('projects.stage'), key: 'stage', width: 160, render: (_, r) => <StageCell row={r} refs={refs} /> },
    {
      title: t('projects.warnings'),
      dataIndex: 'warnings',
      key: 'warnings',
      width: 190,
      render: (_, r) => <WarningTags warnings={r.warnings} />,
    },
    { title: t('projects.ownerUnit'), dataIndex: 'ownerUnitName', key: 'ownerUnit', width: 150 },
    {
      title: t('projects.investor'),
      dataIndex: 'investor',
      key: 'investor',
      width: 180,
      ellipsis: { showTitle: true },
      render: (s: string | null) => s ?? t('common.empty'),
    },
    {
      title: t('projects.totalInvestment'),
      dataIndex: 'totalInvestment',
      key: 'totalInvestment',
      sorter: true,
      sortOrder: sortOrder('totalInvestment'),
      align: 'right',
      width: 130,
      render: (v: string | null) => formatAmount(v, t) ?? t('common.empty'),
    },
    {
      title: t('projects.flags'),
      dataIndex: 'flags',
      key: 'flags',
      width: 240,
      render: (fs: string[]) => (
        <Tooltip title={fs.map((f) => refs.flagLabel(f)).join('、')}>
          <Space size={[0, 4]} wrap>
            {fs.slice(0, 2).map((f) => (
              <Tag key={f} color="blue">
                {refs.flagLabel(f)}
              </Tag>
            ))}
            {fs.length > 2 && <Tag>+{fs.length - 2}</Tag>}
          </Space>
        </Tooltip>
      ),
    },
    {
      title: t('projects.signedAt'),
      dataIndex: 'signedAt',
      key: 'signedAt',
      sorter: true,
      sortOrder: sortOrder('signedAt'),
      width: 120,
      render: (d: string | null) => d ?? t('common.empty'),
    },
    {
      title: t('projects.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      width: 120,
      render: fmtDate,
    },
  ];

  const totalLabel = data.totalIsExact ? String(data.total) : `${data.total}+`;
  const hasFilters = hasFilterValues(filters);

  return (
    <Card
      title={t('projects.title')}
      extra={
        <Segmented
          value={mode}
          onChange={(v) => setMode(v as 'list' | 'kanban')}
          data-testid="projects-mode"
          options={[
            { value: 'list', icon: <UnorderedListOutlined />, label: t('projects.mode.list') },
            { value: 'kanban', icon: <AppstoreOutlined />, label: t('projects.mode.kanban') },
          ]}
        />
      }
    >
      <div className="magnet-toolbar">
        <Input.Search
          allowClear
          placeholder={t('projects.searchPlaceholder')}
          style={{ width: 260 }}
          value={qDraft}
          data-testid="projects-search"
          onChange={(e) => setQDraft(e.target.value)}
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
        />
        {mode === 'list' && (
          <Select
            mode="multiple"
            allowClear
            maxTagCount={1}
            placeholder={t('projects.filter.stage')}
            style={{ minWidth: 150 }}
            options={refs.stageOptions}
            value={filters.stage ?? []}
            onChange={(v: string[]) => setFilter({ stage: v.length ? v : undefined })}
            data-testid="filter-stage"
          />
        )}
        {refs.countyOptions.length > 0 && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('projects.filter.county')}
            style={{ width: 170 }}
            options={refs.countyOptions}
            value={filters.ownerUnitId}
            onChange={(v?: number) => setFilter({ ownerUnitId: v })}
          />
        )}
        {refs.clusterOptions.length > 0 && (
          <Select
            allowClear
            placeholder={t('projects.filter.cluster')}
            style={{ width: 150 }}
            options={refs.clusterOptions}
            value={filters.clusterId}
            onChange={(v?: number) => setFilter({ clusterId: v })}
          />
        )}
        {refs.teamOptions.length > 0 && (
          <Select
            allowClear
            placeholder={t('projects.filter.team')}
            style={{ width: 170 }}
            options={refs.teamOptions}
            value={filters.teamId}
            onChange={(v?: number) => setFilter({ teamId: v })}
          />
        )}
        <Select
          allowClear
          placeholder={t('projects.filter.band')}
          style={{ width: 130 }}
          options={refs.bandOptions}
          value={filters.band}
          onChange={(v?: string) => setFilter({ band: v })}
          data-testid="filter-band"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount={1}
          placeholder={t('projects.filter.flags')}
          style={{ minWidth: 160 }}
          options={refs.flagOptions}
          value={filters.flags ?? []}
          onChange={(v: string[]) => setFilter({ flags: v.length ? v : undefined })}
        />
        <Select
          allowClear
          placeholder={t('projects.filter.warning')}
          style={{ width: 130 }}
          data-testid="filter-warning"
          options={[
            { value: 'red', label: t('projects.warning.red') },
            { value: 'yellow', label: t('projects.warning.yellow') },
            { value: 'any', label: t('projects.warning.any') },
          ]}
          value={filters.warning}
          onChange={(v?: ProjectFilters['warning']) => setFilter({ warning: v })}
        />
        <Select
          allowClear
          placeholder={t('projects.filter.pending')}
          style={{ width: 130 }}
          options={[
            { value: 'true', label: t('projects.pending.yes') },
            { value: 'false', label: t('projects.pending.no') },
          ]}
          value={filters.pending === undefined ? undefined : String(filters.pending)}
          onChange={(v?: string) => setFilter({ pending: v === undefined ? undefined : v === 'true' })}
        />
        <DatePicker.RangePicker
          placeholder={[t('projects.filter.signedFrom'), t('projects.filter.signedTo')]}
          style={{ width: 240 }}
          value={filters.signedFrom && filters.signedTo ? [dayjs(filters.signedFrom), dayjs(filters.signedTo)] : null}
          onChange={(r) =>
            setFilter({ signedFrom: r?.[0]?.format('YYYY-MM-DD'), signedTo: r?.[1]?.format('YYYY-MM-DD') })
          }
        />
        {hasFilters && (
          <Button
            onClick={() => {
              setFilters({});
              setQDraft('');
            }}
          >
            {t('common.reset')}
          </Button>
        )}
      </div>
      <div className="magnet-toolbar">
        <SavedViews entity="projects" filters={filters} onApply={applyView} />
        <span className="spacer" />
        {mode === 'list' && data.totals && (
          <Typography.Text data-testid="projects-totals">
            {t('projects.totals', { count: data.totals.count, amount: formatYi(data.totals.totalInvestment, t) })}
          </Typography.Text>
        )}
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            totalsKey.current = null;
            void load();
          }}
        >
          {t('common.refresh')}
        </Button>
        {/* The list's own query (the same names /api/exports/project takes); in the board the stage filter does not apply. */}
        <ExportButton
          entity="project"
          filters={mode === 'list' ? toQuery(filters) : { ...toQuery(filters), stage: undefined }}
        />
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">
            {t('projects.add')}
          </Button>
        )}
      </div>

      {mode === 'list' ? (
        <Table<ProjectRow>
          data-testid="projects-table"
          rowKey="id"
          size="middle"
          loading={loading}
          columns={tableColumns}
          dataSource={data.items}
          scroll={{ x: 1480 }}
          onChange={onTableChange}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: () => t('projects.pagerTotal', { total: totalLabel }),
          }}
        />
      ) : (
        <Spin spinning={loading}>
          <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }} data-testid="projects-kanban">
            {columns.map((c) => (
              <Card
                key={c.stage}
                size="small"
                style={{ minWidth: 230, flex: '0 0 230px', background: '#fafbfd' }}
                data-testid={`kanban-${c.stage}`}
                title={
                  <Space>
                    <Tag color={STAGE_COLORS[c.stage]}>{refs.stageLabel(c.stage)}</Tag>
                    <Badge count={c.count} showZero color="#1d55b0" overflowCount={9999} />
                  </Space>
                }
                extra={
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatYi(c.totalInvestment, t)}
                  </Typography.Text>
                }
              >
                {c.cards.length === 0 && (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.kanban.empty')} />
                )}
                <Space orientation="vertical" style={{ width: '100%' }} size={8}>
                  {c.cards.map((p) => (
                    <Card key={p.id} size="small" hoverable onClick={() => navigate(`/projects/${p.id}`)}>
                      <Typography.Text strong ellipsis={{ tooltip: p.name }} style={{ display: 'block' }}>
                        {p.name}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.ownerUnitName}
                      </Typography.Text>
                      <div
                        style={{ display: 'flex', justifyContent: 'space-between', marginTop: 4, alignItems: 'center' }}
                      >
                        <span>{formatAmount(p.totalInvestment, t) ?? t('common.empty')}</span>
                        <WarningTags warnings={p.warnings} compact />
                      </div>
                      {p.pendingToStage && (
                        <Tag color="orange" style={{ marginTop: 4 }}>
                          {t('projects.pendingTo', { stage: refs.stageLabel(p.pendingToStage) })}
                        </Tag>
                      )}
                    </Card>
                  ))}
                  {c.count > c.cards.length && (
                    <Typography.Text type="secondary">
                      {t('projects.kanban.more', { n: c.count - c.cards.length })}
                    </Typography.Text>
                  )}
                </Space>
              </Card>
            ))}
          </div>
        </Spin>
      )}

      <ProjectFormDrawer
        open={creating}
        refs={refs}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          navigate(`/projects/${p.id}`);
        }}
      />
    </Card>
  );
}

function StageCell({ row, refs }: { row: ProjectRow; refs: ProjectRefs }) {
  const { t } = useI18n();
  const approved = row.approvedStage ?? 'planning';
  return (
    <Space size={[0, 4]} wrap>
      <Tag color={STAGE_COLORS[approved]}>{refs.stageLabel(approved)}</Tag>
      {row.pendingToStage && (
        <Tooltip title={t('projects.pendingHint')}>
          <Tag color="orange">{t('projects.pendingTo', { stage: refs.stageLabel(row.pendingToStage) })}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
