// 走访记录: the visits I can see (my unit's, my team's, those my unit went along to), newest first, with filters.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth } from '../auth/AuthContext';
import { useRemote } from '../shell/useRemote';
import { VISIT_KINDS, VISIT_STATUSES, type Visit, type VisitPage } from './types';

interface Filters {
  kind?: string;
  status?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export default function VisitsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const query = useMemo(() => ({ ...filters }), [filters]);
  const { data, loading } = useRemote<VisitPage>('/api/visits', query, { items: [], total: 0 });
  const patch = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p, page: 1 }));

  const columns: TableColumnsType<Visit> = [
    {
      title: t('visits.date'),
      dataIndex: 'visitDate',
      width: 120,
      render: (d: string, v) => (
        <Link to={`/visits/${v.id}`} data-testid={`visit-link-${v.id}`}>
          {d}
        </Link>
      ),
    },
    {
      title: t('visits.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: string) => t(`visits.kind.${k}` as MessageKey),
    },
    {
      title: t('visits.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => (
        <Tag color={s === 'completed' ? 'green' : 'blue'}>{t(`visits.status.${s}` as MessageKey)}</Tag>
      ),
    },
    {
      title: t('visits.region'),
      dataIndex: 'regionGroup',
      width: 110,
      render: (r: string | null) => (r ? t(`visits.region.${r}` as MessageKey) : ''),
    },
    { title: t('visits.ownerUnit'), dataIndex: 'ownerUnitName', width: 160 },
    { title: t('visits.leader'), dataIndex: 'leaderName', width: 110 },
    { title: t('visits.outcome'), dataIndex: 'outcome', ellipsis: true },
  ];

  return (
    <Card
      title={t('visits.title')}
      extra={
        <Space wrap>
          <Button
            icon={<BarChartOutlined />}
            onClick={() => navigate('/visits/quotas')}
            data-testid="visit-quotas-link"
          >
            {t('visits.quotas')}
          </Button>
          {can('business.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/visits/new')}
              data-testid="visit-new"
            >
              {t('visits.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('visits.kind')}
          style={{ width: 140 }}
          value={filters.kind}
          onChange={(kind) => patch({ kind })}
          options={VISIT_KINDS.map((k) => ({ value: k, label: t(`visits.kind.${k}` as MessageKey) }))}
        />
        <Select
          allowClear
          placeholder={t('visits.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => patch({ status })}
          options={VISIT_STATUSES.map((k) => ({ value: k, label: t(`visits.status.${k}` as MessageKey) }))}
        />
        <DatePicker.RangePicker
          onChange={(r) => patch({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      <Table<Visit>
        rowKey="id"
        data-testid="visits-table"
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
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
      />
    </Card>
  );
}
