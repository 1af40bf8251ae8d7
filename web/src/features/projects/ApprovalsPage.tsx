// The bureau's approval queue (阶段审核): stage moves awaiting review, oldest first, with their fields and evidence;
// and the history of decided moves.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Segmented, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useRemote } from '../shell/useRemote';
import { fmtTime, formatAmount } from './format';
import { EventDetails } from './ProjectDetailPage';
import { ReviewButtons } from './ReviewButtons';
import type { StageEvent } from './types';
import { useProjectRefs } from './useProjectRefs';

export default function ApprovalsPage() {
  const { t, tk } = useI18n();
  const refs = useProjectRefs();
  const [status, setStatus] = useState<'pending' | 'approved' | 'returned'>('pending');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, loading, load } = useRemote<{ items: StageEvent[]; total: number }>(
    '/api/projects/stage-events',
    { status, ...page },
    { items: [], total: 0 },
  );

  const columns: TableColumnsType<StageEvent> = [
    {
      title: t('projects.name'),
      key: 'project',
      render: (_, e) => <Link to={`/projects/${e.projectId}`}>{e.projectName}</Link>,
    },
    { title: t('projects.ownerUnit'), dataIndex: 'ownerUnitName', key: 'unit', width: 140 },
    {
      title: t('projects.totalInvestment'),
      dataIndex: 'totalInvestment',
      key: 'amount',
      width: 120,
      align: 'right',
      render: (v: string | null) => formatAmount(v, t) ?? t('common.empty'),
    },
    {
      title: t('projects.event.move'),
      key: 'move',
      width: 200,
      render: (_, e) => (
        <span>
          {refs.stageLabel(e.fromStage)} → <Tag color="blue">{refs.stageLabel(e.toStage)}</Tag>
          {e.kind !== 'forward' && (
            <Tag color={e.kind === 'terminate' ? 'red' : 'orange'}>{tk(`projects.move.kind.${e.kind}`, e.kind)}</Tag>
          )}
        </span>
      ),
    },
    { title: t('projects.move.effectiveDate'), dataIndex: 'effectiveDate', key: 'date', width: 110 },
    {
      title: t('projects.event.submitted'),
      key: 'submitted',
      width: 170,
      render: (_, e) => `${e.submittedByName ?? ''} ${fmtTime(e.submittedAt)}`,
    },
    status === 'pending'
      ? {
          title: t('common.actions'),
          key: 'actions',
          width: 160,
          render: (_, e) => <ReviewButtons event={e} onDone={() => void load()} />,
        }
      : {
          title: t('projects.event.review'),
          key: 'review',
          render: (_, e) => `${e.reviewedByName ?? ''} ${fmtTime(e.reviewedAt)} ${e.reviewNote ?? ''}`,
        },
  ];

  return (
    <Card
      title={t('projects.approvals.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <div className="magnet-toolbar">
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'pending', label: t('projects.eventStatus.pending') },
            { value: 'approved', label: t('projects.eventStatus.approved') },
            { value: 'returned', label: t('projects.eventStatus.returned') },
          ]}
        />
      </div>
      <Table<StageEvent>
        data-testid="approvals-table"
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (e) => <EventDetails event={e} />, defaultExpandAllRows: false }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </Card>
  );
}
