// 千企大走访 progress: each team, department, county and zone against its yearly quota of distinct organisations,
// month by month; those behind the share due by now are marked. A figure opens the organisations behind it.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Drawer, InputNumber, Progress, Segmented, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { reportError } from '../shell/feedback';
import { useRemote } from '../shell/useRemote';
import type { ProgressDetail, ProgressRow } from './types';

export default function QuotaProgressPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const [subject, setSubject] = useState<string>('county');
  const query = useMemo(() => ({ year, subject }), [year, subject]);
  const { data, loading } = useRemote<{ items: ProgressRow[] }>('/api/visit-quotas/progress', query, { items: [] });
  const [detail, setDetail] = useState<ProgressDetail | null>(null);
  const open = async (r: ProgressRow) => {
    try {
      setDetail(await api.get<ProgressDetail>(`/api/visit-quotas/progress/${r.subject}/${r.id}`, { year }));
    } catch (e) {
      reportError(e);
    }
  };

  const columns: TableColumnsType<ProgressRow> = [
    {
      title: t('quotas.subjectName'),
      dataIndex: 'name',
      width: 180,
      render: (n: string, r) => (
        <Space>
          {n}
          {r.behind && (
            <Tag color="red" data-testid={`quota-behind-${r.id}`}>
              {t('quotas.behind')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('quotas.total'),
      dataIndex: 'total',
      width: 90,
      render: (n: number, r) => (
        <Button type="link" size="small" onClick={() => open(r)} data-testid={`quota-total-${r.id}`}>
          {n}
        </Button>
      ),
    },
    { title: t('quotas.target'), dataIndex: 'target', width: 80 },
    { title: t('quotas.expected'), dataIndex: 'expected', width: 90 },
    {
      title: t('quotas.progress'),
      key: 'p',
      width: 160,
      render: (_, r) => (
        <Progress
          percent={r.target ? Math.min(100, Math.round((r.total / r.target) * 100)) : 100}
          size="small"
          status={r.behind ? 'exception' : 'normal'}
        />
      ),
    },
    ...Array.from({ length: 12 }, (_, i) => ({
      title: `${i + 1}${t('quotas.month')}`,
      key: `m${i}`,
      width: 56,
      render: (_: unknown, r: ProgressRow) => r.byMonth[i] || '',
    })),
  ];

  return (
    <Card title={t('quotas.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={subject}
          onChange={(v) => setSubject(String(v))}
          options={['county', 'department', 'team'].map((s) => ({
            value: s,
            label: t(`quotas.subject.${s}` as MessageKey),
          }))}
        />
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      <Table<ProgressRow>
        rowKey="id"
        data-testid="quota-table"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        pagination={false}
        scroll={{ x: 1300 }}
        rowClassName={(r) => (r.behind ? 'quota-row-behind' : '')}
      />
      <Drawer open={!!detail} onClose={() => setDetail(null)} title={detail?.name} size={420}>
        <ul data-testid="quota-organisations">
          {(detail?.organisations ?? []).map((o) => (
            <li key={`${o.enterpriseId ?? ''}-${o.organisationId ?? ''}`}>
              {o.name} <Link to={`/visits/${o.firstVisitId}`}>{o.firstVisitDate}</Link>
            </li>
          ))}
        </ul>
      </Drawer>
    </Card>
  );
}
