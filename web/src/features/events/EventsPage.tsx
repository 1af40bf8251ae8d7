// 招商活动: the events I can see with what was signed at each (count, amount, 亿元以上), counted once per project.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n, type MessageKey } from '../../i18n';
import { formatAmount } from '../../lib/amounts';
import { useRemote } from '../shell/useRemote';
import { EVENT_LEVELS, EVENT_TYPES, type EventRow } from './types';

interface Filters {
  year?: number;
  type?: string;
  level?: string;
  page: number;
  pageSize: number;
}

export default function EventsPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({ year: new Date().getFullYear(), page: 1, pageSize: 20 });
  const query = useMemo(() => ({ ...filters }), [filters]);
  const { data, loading } = useRemote<{ items: EventRow[]; total: number }>('/api/events', query, {
    items: [],
    total: 0,
  });
  const patch = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p, page: 1 }));

  const columns: TableColumnsType<EventRow> = [
    {
      title: t('events.name'),
      dataIndex: 'name',
      width: 260,
      render: (n: string, e) => (
        <Space>
          <Link to={`/events/${e.id}`} data-testid={`event-link-${e.id}`}>
            {n}
          </Link>
          {e.isKey && <Tag color="red">{t('events.key')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('events.type'),
      dataIndex: 'type',
      width: 100,
      render: (v: string) => t(`events.type.${v}` as MessageKey),
    },
    {
      title: t('events.level'),
      dataIndex: 'level',
      width: 100,
      render: (v: string) => t(`events.level.${v}` as MessageKey),
    },
    {
      title: t('events.dates'),
      key: 'dates',
      width: 200,
      render: (_, e) => (e.startDate === e.endDate ? e.startDate : `${e.startDate} ~ ${e.endDate}`),
    },
    {
      title: t('visits.region'),
      dataIndex: 'regionGroup',
      width: 110,
      render: (r: string) => t(`visits.region.${r}` as MessageKey),
    },
    { title: t('events.signedCount'), dataIndex: 'signedCount', width: 90 },
    {
      title: t('events.signedAmount'),
      dataIndex: 'signedAmount',
      width: 120,
      render: (v: string) => formatAmount(v, t),
    },
    { title: t('events.majorCount'), dataIndex: 'majorCount', width: 100 },
    { title: t('events.pendingCount'), dataIndex: 'pendingCount', width: 90 },
  ];

  return (
    <Card title={t('events.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber min={2000} max={2100} value={filters.year} onChange={(v) => patch({ year: v ?? undefined })} />
        <Select
          allowClear
          placeholder={t('events.type')}
          style={{ width: 130 }}
          value={filters.type}
          onChange={(type) => patch({ type })}
          options={EVENT_TYPES.map((k) => ({ value: k, label: t(`events.type.${k}` as MessageKey) }))}
        />
        <Select
          allowClear
          placeholder={t('events.level')}
          style={{ width: 130 }}
          value={filters.level}
          onChange={(level) => patch({ level })}
          options={EVENT_LEVELS.map((k) => ({ value: k, label: t(`events.level.${k}` as MessageKey) }))}
        />
      </Space>
      <Table<EventRow>
        rowKey="id"
        data-testid="events-table"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 1100 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data.total,
          onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
        }}
      />
    </Card>
  );
}
